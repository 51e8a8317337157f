// electron-builder afterPack step (electron-builder.yml `afterPack`): flips Electron's fuses in the packed binary
// before it is signed, so the shipped app cannot be turned into a plain Node runtime or debugged from outside.
// Tested on a synthetic binary carrying the fuse sentinel: test/integration/packaging.test.ts.
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuses every Clockhand build ships with. */
export const CLOCKHAND_FUSES = {
  version: FuseVersion.V1,
  // Every fuse @electron/fuses 1.8 knows is set explicitly; newer fuses of Electron 45 keep Electron's default.
  strictlyRequireAllFuses: false,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Where the Electron binary (or the .app bundle) is in the packed output of one platform. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`afterPack: unknown platform ${electronPlatformName}`);
  }
}

export default async function afterPack(context) {
  const binary = electronBinaryPath(context);
  // arm64 macOS binaries carry an ad-hoc signature that flipping invalidates; electron-builder signs afterwards.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3; // builder Arch.arm64
  const flipped = await flipFuses(binary, { ...CLOCKHAND_FUSES, resetAdHocDarwinSignature });
  process.stdout.write(`  • fuses flipped in ${path.basename(binary)} (${flipped} fuse wire${flipped === 1 ? '' : 's'})\n`);
}
