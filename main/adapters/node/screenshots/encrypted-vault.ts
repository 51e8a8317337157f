import { mkdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../../core/ports/logger';
import type { CapturedImage } from '../../../core/ports/screen-capturer';
import type {
  DayKeyRepository,
  ImageVariant,
  OpenResult,
  ScreenshotRef,
  ScreenshotVault,
  SealedScreenshot,
  VaultState,
} from '../../../core/ports/screenshots';
import type { SecretStore } from '../../../core/ports/secret-store';
import { exportTarget } from '../export-files';
import { keychainKey } from '../keychain-key';
import { newKey, unwrapDayKey, wrapDayKey } from './sealed-file';
import type { VaultWorkerClient } from './vault-worker-client';
import type { WorkerResponse } from './worker-messages';

/** The keychain account (service "Clockhand") that holds the screenshot master key, base64. */
export const MASTER_KEY_ACCOUNT = 'screenshots-master-key';
export const SCREENSHOTS_DIR = 'screenshots';

export interface VaultOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly dayKeys: DayKeyRepository;
  readonly worker: VaultWorkerClient;
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * Screenshots encrypted at rest: one AES-256-GCM data key per calendar day, stored wrapped by a master key that
 * lives only in the OS keychain. Files are <dataDir>/screenshots/<day>/<id>.{full,thumb}.chs.
 */
export class EncryptedScreenshotVault implements ScreenshotVault {
  private readonly root: string;
  private master: Buffer | null = null;

  constructor(private readonly options: VaultOptions) {
    this.root = join(options.dataDir, SCREENSHOTS_DIR);
  }

  async check(): Promise<VaultState> {
    try {
      const state = await this.options.secrets.check();
      if (!state.available) return state;
      await this.masterKey();
      return { available: true };
    } catch (error) {
      return { available: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async seal(ref: ScreenshotRef, image: CapturedImage, options: { readonly blur: boolean }): Promise<SealedScreenshot> {
    const key = await this.dayKeyForWriting(ref.day);
    mkdirSync(join(this.root, ref.day), { recursive: true, mode: 0o700 });
    const response = await this.options.worker.request({
      op: 'seal',
      key,
      ref,
      format: image.format,
      data: image.data,
      blur: options.blur,
      fullPath: this.path(ref, 'full'),
      thumbPath: this.path(ref, 'thumb'),
    });
    key.fill(0);
    if (response.kind === 'sealed') return { width: response.width, height: response.height, bytes: response.bytes };
    throw new Error(describe(response));
  }

  async open(ref: ScreenshotRef, variant: ImageVariant): Promise<OpenResult> {
    const key = await this.dayKeyForReading(ref.day);
    if (!key.ok) return key.result;
    const response = await this.options.worker.request({ op: 'open', key: key.key, ref, variant, path: this.path(ref, variant) });
    key.key.fill(0);
    if (response.kind === 'opened') return { ok: true, png: response.png, width: response.width, height: response.height };
    return refusal(response);
  }

  async exportPng(ref: ScreenshotRef, outPath: string): Promise<OpenResult> {
    // The same rules as every export: absolute, outside the data directory (links resolved), a file.
    const out = exportTarget(this.options.dataDir, outPath).path;
    const key = await this.dayKeyForReading(ref.day);
    if (!key.ok) return key.result;
    const response = await this.options.worker.request({ op: 'export', key: key.key, ref, path: this.path(ref, 'full'), out });
    key.key.fill(0);
    if (response.kind === 'exported') return { ok: true, png: new Uint8Array(0), width: response.width, height: response.height };
    return refusal(response);
  }

  async remove(ref: ScreenshotRef): Promise<void> {
    await rm(this.path(ref, 'full'), { force: true });
    await rm(this.path(ref, 'thumb'), { force: true });
  }

  shredDaysBefore(day: string): string[] {
    const days = this.options.dayKeys.daysBefore(day);
    for (const old of days) {
      this.options.dayKeys.delete(old);
      rmSync(join(this.root, old), { recursive: true, force: true });
    }
    if (days.length > 0) this.options.logger.info('screenshot day keys shredded', { days: days.length });
    return days;
  }

  /** Where a screenshot's file is. Ids and days were validated (zod, SQLite CHECKs) before they get here. */
  path(ref: ScreenshotRef, variant: ImageVariant): string {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(ref.id) || !/^\d{4}-\d{2}-\d{2}$/.test(ref.day)) throw new Error('invalid screenshot reference');
    return join(this.root, ref.day, `${ref.id}.${variant}.chs`);
  }

  private async masterKey(): Promise<Buffer> {
    if (this.master !== null) return this.master;
    this.master = await keychainKey(this.options.secrets, MASTER_KEY_ACCOUNT, {
      create: true,
      what: 'screenshot master key',
      created: () => {
        this.options.logger.info('screenshot master key created in the keychain', {});
      },
    });
    return this.master;
  }

  private async dayKeyForWriting(day: string): Promise<Buffer> {
    const master = await this.masterKey();
    const { dayKeys } = this.options;
    const wrapped = dayKeys.get(day);
    if (wrapped !== null) {
      const key = unwrapDayKey(master, wrapped, day);
      if (key !== null) return key;
      // Wrapped by a master key the keychain no longer has: that day's earlier files are lost anyway.
      this.options.logger.warn('a day key no longer unwraps; starting a new one', { day });
      dayKeys.delete(day);
    }
    const fresh = newKey();
    const stored = dayKeys.insert(day, wrapDayKey(master, fresh, day), this.options.now());
    const key = unwrapDayKey(master, stored, day);
    if (key === null) throw new Error(`the day key for ${day} does not unwrap`);
    return key;
  }

  private async dayKeyForReading(day: string): Promise<{ ok: true; key: Buffer } | { ok: false; result: OpenResult }> {
    const wrapped = this.options.dayKeys.get(day);
    if (wrapped === null) {
      return { ok: false, result: { ok: false, problem: 'key_gone', message: `the key for ${day} was deleted (retention)` } };
    }
    const key = unwrapDayKey(await this.masterKey(), wrapped, day);
    if (key === null) {
      return {
        ok: false,
        result: { ok: false, problem: 'key_gone', message: `the key for ${day} does not match the keychain's master key` },
      };
    }
    return { ok: true, key };
  }
}

function refusal(response: WorkerResponse): OpenResult {
  if (response.kind === 'refused') return { ok: false, problem: response.problem, message: response.message };
  throw new Error(describe(response));
}

function describe(response: WorkerResponse): string {
  return response.kind === 'failed' ? `the screenshot worker failed: ${response.message}` : `unexpected worker answer ${response.kind}`;
}
