import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/agent-process';

// The afterPack step runs inside electron-builder on a machine with internet; here it runs on a synthetic "Electron
// binary": bytes around the fuse sentinel and a fuse wire, which is all @electron/fuses reads and writes.
const require = createRequire(import.meta.url);
interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { executableName: string; appInfo: { productFilename: string } };
}
const afterPackModule = (await import(pathToFileURL(join(repoRoot, 'build', 'after-pack.mjs')).href)) as {
  default: (context: PackContext) => Promise<void>;
  electronBinaryPath: (context: PackContext) => string;
};
const afterPack = afterPackModule.default;
const fuses = require('@electron/fuses') as {
  getCurrentFuseWire: (path: string) => Promise<Record<string, number>>;
  FuseV1Options: Record<string, number>;
};

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 49;
const DISABLE = 48;

function fakeElectron(path: string, wire: number[]): void {
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('\x7fELF fake electron '),
      Buffer.from(SENTINEL),
      Buffer.from([1, wire.length, ...wire]),
      Buffer.from(' tail'),
    ]),
  );
}

describe('packaging', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-pack-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const context = (platform: string): PackContext => ({
    appOutDir: dir,
    electronPlatformName: platform,
    arch: 1,
    packager: { executableName: 'clockhand', appInfo: { productFilename: 'Clockhand' } },
  });

  it('afterPack flips the fuses: RunAsNode, NODE_OPTIONS and inspect off; asar integrity, asar only and cookie encryption on', async () => {
    const binary = join(dir, 'clockhand');
    // Electron's defaults are the insecure way round for most of these; one extra fuse (a newer Electron) is left alone.
    fakeElectron(binary, [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE, ENABLE]);
    await afterPack(context('linux'));
    const wire = await fuses.getCurrentFuseWire(binary);
    const { FuseV1Options: o } = fuses;
    const state = (option: string): number | undefined => wire[String(o[option])];
    expect({
      RunAsNode: state('RunAsNode'),
      EnableNodeOptionsEnvironmentVariable: state('EnableNodeOptionsEnvironmentVariable'),
      EnableNodeCliInspectArguments: state('EnableNodeCliInspectArguments'),
      EnableEmbeddedAsarIntegrityValidation: state('EnableEmbeddedAsarIntegrityValidation'),
      OnlyLoadAppFromAsar: state('OnlyLoadAppFromAsar'),
      EnableCookieEncryption: state('EnableCookieEncryption'),
      GrantFileProtocolExtraPrivileges: state('GrantFileProtocolExtraPrivileges'),
    }).toEqual({
      RunAsNode: DISABLE,
      EnableNodeOptionsEnvironmentVariable: DISABLE,
      EnableNodeCliInspectArguments: DISABLE,
      EnableEmbeddedAsarIntegrityValidation: ENABLE,
      OnlyLoadAppFromAsar: ENABLE,
      EnableCookieEncryption: ENABLE,
      GrantFileProtocolExtraPrivileges: DISABLE,
    });
    expect(wire['8']).toBe(ENABLE);
    expect(readFileSync(binary).subarray(-5).toString()).toBe(' tail');
  });

  it('afterPack finds the binary of each platform and fails on a binary without fuses', async () => {
    expect(afterPackModule.electronBinaryPath(context('win32'))).toBe(join(dir, 'Clockhand.exe'));
    expect(afterPackModule.electronBinaryPath(context('darwin'))).toBe(join(dir, 'Clockhand.app'));
    expect(afterPackModule.electronBinaryPath(context('linux'))).toBe(join(dir, 'clockhand'));
    writeFileSync(join(dir, 'Clockhand.exe'), 'MZ not electron');
    await expect(afterPack(context('win32'))).rejects.toThrow(/sentinel/);
  });

  it('electron-builder.yml names files that exist: afterPack, entitlements, icons, the tray icons of every state', () => {
    const config = yaml.load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as {
      afterPack: string;
      files: string[];
      mac: { hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; icon: string };
      linux: { icon: string; target: string[] };
    };
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.files).toContain('resources/tray/**');
    for (const file of [config.afterPack, config.mac.entitlements, config.mac.entitlementsInherit, config.mac.icon, config.linux.icon]) {
      expect(existsSync(join(repoRoot, file)), file).toBe(true);
    }
    const entitlements = readFileSync(join(repoRoot, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(entitlements).not.toContain('disable-library-validation');
    for (const state of ['stopped', 'tracking', 'screenshots', 'attention']) {
      for (const suffix of ['', '@2x', 'Template', 'Template@2x']) {
        const icon = readFileSync(join(repoRoot, 'resources', 'tray', `tray-${state}${suffix}.png`));
        expect(icon.subarray(1, 4).toString(), `${state}${suffix}`).toBe('PNG');
        // Width from the IHDR chunk: 16 px, 32 px for @2x.
        expect(icon.readUInt32BE(16), `${state}${suffix}`).toBe(suffix.endsWith('@2x') ? 32 : 16);
      }
    }
  });
});
