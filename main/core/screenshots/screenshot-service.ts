import type { ScreenshotStatusDto } from '../../../common/dto';
import { calendarDateOf, formatCalendarDate, formatLocalIso } from '../../../common/local-time';
import { DomainError } from '../errors';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';
import { notifications } from '../notifications/notification-catalog';
import type { Random } from '../ports/random';
import type { ScreenCapturer } from '../ports/screen-capturer';
import type {
  ImageVariant,
  OpenFailure,
  OpenResult,
  ScreenshotRecord,
  ScreenshotRef,
  ScreenshotRepository,
  ScreenshotVault,
  VaultState,
} from '../ports/screenshots';
import type { PolicyService } from '../policy/policy-service';
import { openWindow, type CaptureWindow } from './capture-window';
import { screenshotSettings, type ScreenshotSettings } from './screenshot-settings';

export const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the schedule needs to know about the person and the timer, read live from the tracker. */
export interface Presence {
  readonly timerRunning: boolean;
  readonly entryId: number | null;
  readonly taskRef: string | null;
  /** Idle, locked or suspended. */
  readonly idle: boolean;
  /** Wall time of the last input seen, or null if none since start. */
  readonly lastInputAt: number | null;
}

export interface ScreenshotDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly capturer: ScreenCapturer;
  readonly vault: ScreenshotVault;
  readonly repository: ScreenshotRepository;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly policy: PolicyService;
  readonly presence: () => Presence;
  /** First-run consent: whether capture with these settings may start (consent given; an organization's
   * requirement announced). Without it, capture follows the settings alone. */
  readonly mayCapture?: (settings: ScreenshotSettings) => boolean;
}

/**
 * The screenshot schedule and the user's control over screenshots: one capture at a random moment in each interval
 * window while a timer runs and the person is active; every capture is announced; retention shreds old days.
 */
export class ScreenshotService {
  private window: CaptureWindow | null = null;
  private inFlight: Promise<void> | null = null;
  private vaultState: VaultState | null = null;
  private checking = false;
  private problem: string | null = null;
  private notifiedProblem: string | null = null;
  private lastCaptureAt: number | null = null;
  private started = false;
  private lastRetentionMono = 0;

  constructor(private readonly deps: ScreenshotDeps) {}

  /** Applies retention; the tracker's tick then drives tick(). The keychain is only touched once capture is on. */
  start(): void {
    this.started = true;
    this.runRetention();
  }

  stop(): void {
    this.started = false;
  }

  settings(): ScreenshotSettings {
    return screenshotSettings(this.deps.policy, this.deps.repository.optIn());
  }

  /** Resolves when the capture in progress (if any) is stored. For tests and a clean shutdown. */
  async settled(): Promise<void> {
    await this.inFlight;
  }

  tick(): void {
    if (!this.started) return;
    if (this.deps.clock.monotonic() - this.lastRetentionMono >= RETENTION_EVERY_MS) this.runRetention();
    const settings = this.settings();
    const now = this.deps.clock.now();
    if (!settings.enabled) {
      this.window = null;
      return;
    }
    if (this.vaultState === null) this.recheckVault();
    const intervalMs = settings.intervalMinutes * 60_000;
    const current = this.window;
    if (current?.intervalMs !== intervalMs || now >= current.end || now < current.start) {
      const continuing = current !== null && current.intervalMs === intervalMs && now >= current.end && now < current.end + intervalMs;
      this.window = openWindow(now, intervalMs, this.deps.random.next(), continuing);
      // At most one keychain check per window while it is missing: no retry every tick.
      if (this.vaultState?.available === false) this.recheckVault();
    }
    const window = this.window;
    if (window === null || window.done || now < window.moment) return;
    if (this.vaultState?.available !== true || this.inFlight !== null) return;
    if (this.deps.mayCapture?.(settings) === false) return;
    const presence = this.deps.presence();
    if (!presence.timerRunning || presence.idle) return;
    // Active in this window: input since the window began. Otherwise wait for input later in the window.
    if (presence.lastInputAt === null || presence.lastInputAt < window.start) return;
    window.done = true;
    const capture = this.capture(now, presence, settings.blur).finally(() => {
      this.inFlight = null;
    });
    this.inFlight = capture;
    this.background(capture, 'capture');
  }

  status(): ScreenshotStatusDto {
    const settings = this.settings();
    const problem = settings.enabled ? this.currentProblem() : null;
    return {
      enabled: settings.enabled,
      active: settings.enabled && problem === null && this.vaultState?.available === true,
      mode: settings.mode,
      lockedBy: settings.lockedBy,
      intervalMinutes: settings.intervalMinutes,
      blur: settings.blur,
      problem,
      lastCaptureAt: this.lastCaptureAt === null ? null : formatLocalIso(this.lastCaptureAt),
    };
  }

  /** The user's opt-in. Refused when a policy turns screenshots off, or when there is no keychain to hold the key. */
  async enable(): Promise<ScreenshotStatusDto> {
    const settings = this.settings();
    if (settings.lockedBy !== null && settings.mode === 'off') {
      throw new DomainError('policy_locked', `screenshots are turned off by your organization (${settings.lockedBy} policy)`);
    }
    const state = await this.deps.vault.check();
    this.vaultState = state;
    if (!state.available) {
      throw new DomainError('unavailable', `screenshots cannot be turned on: ${state.reason}; nothing is stored without it`);
    }
    if (settings.lockedBy === null) this.deps.repository.setOptIn(true, this.deps.clock.now());
    this.deps.logger.info('screenshots enabled', { by: settings.lockedBy ?? 'user' });
    return this.status();
  }

  disable(): ScreenshotStatusDto {
    const settings = this.settings();
    if (settings.lockedBy !== null && settings.mode === 'required') {
      throw new DomainError('policy_locked', `screenshots are required by your organization (${settings.lockedBy} policy)`);
    }
    if (settings.lockedBy === null) this.deps.repository.setOptIn(false, this.deps.clock.now());
    this.window = null;
    this.deps.logger.info('screenshots disabled', {});
    return this.status();
  }

  list(from: number, to: number): ScreenshotRecord[] {
    return this.deps.repository.between(from, to);
  }

  /** Decrypts one screenshot to a PNG file outside the data directory. A tampered file is never shown. */
  async exportPng(id: string, outPath: string): Promise<{ record: ScreenshotRecord; width: number; height: number }> {
    const record = this.require(id);
    if (record.state === 'tampered') throw tamperedError(id);
    const opened = await this.deps.vault.exportPng(refOf(record), outPath);
    if (opened.ok) return { record, width: opened.width, height: opened.height };
    return this.refused(id, opened.problem, opened.message);
  }

  /**
   * Decrypts a full screenshot in memory for the export archive (it goes straight into the zip stream). A file
   * that fails authentication is flagged tampered and gives no pixels; one already flagged is not opened again.
   */
  async openForArchive(record: ScreenshotRecord): Promise<OpenResult> {
    if (record.state === 'tampered') return { ok: false, problem: 'tampered', message: 'the file failed authentication earlier' };
    const opened = await this.deps.vault.open(refOf(record), 'full');
    if (!opened.ok && opened.problem === 'tampered') {
      this.deps.repository.markTampered(record.id);
      this.deps.logger.error('a screenshot failed authentication', { id: record.id });
    }
    return opened;
  }

  private refused(id: string, problem: OpenFailure, message: string): never {
    switch (problem) {
      case 'tampered':
        this.deps.repository.markTampered(id);
        this.deps.logger.error('a screenshot failed authentication', { id });
        throw tamperedError(id);
      case 'missing':
        throw new DomainError('not_found', `screenshot ${id}: ${message}`);
      case 'key_gone':
        throw new DomainError('unavailable', `screenshot ${id}: ${message}`);
    }
  }

  /** Decrypts the thumbnail (about 320 px wide PNG) on demand, for the window. A tampered file is never shown. */
  thumbnail(id: string): Promise<{ png: Uint8Array; width: number; height: number }> {
    return this.decrypted(id, 'thumb');
  }

  /**
   * Decrypts the full image on demand, in memory only, for the window's viewer. A tampered file is never shown:
   * the first failed authentication flags it, and a flagged one is not opened again.
   */
  image(id: string): Promise<{ png: Uint8Array; width: number; height: number }> {
    return this.decrypted(id, 'full');
  }

  private async decrypted(id: string, variant: ImageVariant): Promise<{ png: Uint8Array; width: number; height: number }> {
    const record = this.require(id);
    if (record.state === 'tampered') throw tamperedError(id);
    const opened = await this.deps.vault.open(refOf(record), variant);
    if (opened.ok) return { png: opened.png, width: opened.width, height: opened.height };
    return this.refused(id, opened.problem, opened.message);
  }

  /** Deletes the screenshot (files and row). Tracked time is never touched. */
  async delete(id: string): Promise<void> {
    const settings = this.settings();
    if (!settings.allowUserDelete) {
      throw new DomainError('policy_locked', 'deleting screenshots is turned off by your organization');
    }
    const record = this.require(id);
    await this.deps.vault.remove(refOf(record));
    this.deps.repository.delete(id);
    this.deps.logger.info('screenshot deleted by the user', { id });
  }

  /** Deletes screenshots older than the retention, then the day keys of days entirely before it. */
  async applyRetention(): Promise<{ deleted: number; shreddedDays: string[] }> {
    const { retentionDays } = this.settings();
    const now = this.deps.clock.now();
    const cutoff = now - retentionDays * DAY_MS;
    const old = this.deps.repository.before(cutoff);
    for (const record of old) {
      await this.deps.vault.remove(refOf(record));
      this.deps.repository.delete(record.id);
    }
    const shredded = this.deps.vault.shredDaysBefore(formatCalendarDate(calendarDateOf(cutoff)));
    if (old.length > 0 || shredded.length > 0) {
      this.deps.logger.info('screenshot retention applied', { deleted: old.length, shreddedDays: shredded.length, retentionDays });
    }
    return { deleted: old.length, shreddedDays: shredded };
  }

  private runRetention(): void {
    this.lastRetentionMono = this.deps.clock.monotonic();
    this.background(this.applyRetention(), 'retention');
  }

  private async capture(at: number, presence: Presence, blur: boolean): Promise<void> {
    const result = await this.deps.capturer.capture();
    if (!result.ok) {
      this.fail(result.reason);
      return;
    }
    const day = formatCalendarDate(calendarDateOf(at));
    const stored: ScreenshotRecord[] = [];
    try {
      for (const image of result.images) {
        const ref: ScreenshotRef = { id: this.deps.random.id(), capturedAt: at, day, display: image.display };
        const sealed = await this.deps.vault.seal(ref, image, { blur });
        // Turned off while this capture was running: it is not kept.
        if (!this.settings().enabled) {
          await this.deps.vault.remove(ref);
          this.deps.logger.info('screenshot discarded: capture was turned off meanwhile', {});
          return;
        }
        const record: ScreenshotRecord = {
          ...ref,
          width: sealed.width,
          height: sealed.height,
          blurred: blur,
          bytes: sealed.bytes,
          entryId: presence.entryId,
          taskRef: presence.taskRef,
          state: 'ok',
        };
        this.deps.repository.insert(record);
        stored.push(record);
      }
    } catch (error) {
      this.fail(`a screenshot could not be stored: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.lastCaptureAt = at;
    this.problem = null;
    this.notifiedProblem = null;
    const first = stored[0];
    this.deps.logger.info('screenshot taken', { displays: stored.length });
    this.deps.notifier.notify(notifications.screenshotTaken(stored.length, presence.taskRef, first?.id ?? null));
  }

  /** One notification per distinct problem; status shows it until a capture works again. */
  private fail(reason: string): void {
    this.problem = reason;
    this.deps.logger.warn('screenshot capture failed', { reason });
    if (this.notifiedProblem === reason) return;
    this.notifiedProblem = reason;
    this.deps.notifier.notify(notifications.screenshotsFailing(reason));
  }

  private currentProblem(): string | null {
    if (this.vaultState === null) return 'checking the keychain';
    if (!this.vaultState.available) return `no keychain to hold the screenshot key: ${this.vaultState.reason}`;
    return this.problem;
  }

  private recheckVault(): void {
    if (this.checking) return;
    this.checking = true;
    const check = this.deps.vault.check().then(
      (state) => {
        const before = this.vaultState;
        this.vaultState = state;
        if (!state.available && (before === null || before.available) && this.settings().enabled) {
          this.fail(`no keychain to hold the screenshot key: ${state.reason}`);
        }
      },
      (error: unknown) => {
        this.vaultState = { available: false, reason: error instanceof Error ? error.message : String(error) };
      },
    );
    this.background(
      check.finally(() => {
        this.checking = false;
      }),
      'keychain check',
    );
  }

  private background(work: Promise<unknown>, what: string): void {
    work.catch((error: unknown) => {
      this.deps.logger.error(`screenshot ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    });
  }

  private require(id: string): ScreenshotRecord {
    const record = this.deps.repository.get(id);
    if (record === null) throw new DomainError('not_found', `no screenshot ${id}`);
    return record;
  }
}

function refOf(record: ScreenshotRecord): ScreenshotRef {
  return { id: record.id, capturedAt: record.capturedAt, day: record.day, display: record.display };
}

function tamperedError(id: string): DomainError {
  return new DomainError('conflict', `screenshot ${id} failed authentication (the file was altered) and is never shown`);
}
