import type { Notification, Notifier } from '../../main/core/ports/notifier';
import type { Random } from '../../main/core/ports/random';
import type { CaptureResult, CapturedImage, ScreenCapturer } from '../../main/core/ports/screen-capturer';
import type {
  ImageVariant,
  OpenResult,
  ScreenshotRef,
  ScreenshotRepository,
  ScreenshotVault,
  SealedScreenshot,
  VaultState,
} from '../../main/core/ports/screenshots';
import { openDatabase } from '../../main/store/database';
import { createScreenshotRepository } from '../../main/store/screenshot-repository';

/** A capturer that records when it was asked and answers what the test says (one tiny image per display). */
export class FakeCapturer implements ScreenCapturer {
  readonly calls: number[] = [];
  result: CaptureResult = { ok: true, images: [image('screen')] };
  constructor(private readonly now: () => number) {}
  capture(): Promise<CaptureResult> {
    this.calls.push(this.now());
    return Promise.resolve(this.result);
  }
}

export function image(display: string): CapturedImage {
  return { display, format: 'png', data: new Uint8Array([1, 2, 3]) };
}

/** A vault in memory: what was sealed, which day keys exist, and a switch for "no keychain". */
export class FakeVault implements ScreenshotVault {
  state: VaultState = { available: true };
  readonly files = new Map<string, ScreenshotRef>();
  readonly dayKeys = new Set<string>();
  readonly tampered = new Set<string>();
  readonly exported: string[] = [];
  checks = 0;

  check(): Promise<VaultState> {
    this.checks += 1;
    return Promise.resolve(this.state);
  }
  seal(ref: ScreenshotRef, _image: CapturedImage, _options: { blur: boolean }): Promise<SealedScreenshot> {
    if (!this.state.available) return Promise.reject(new Error(this.state.reason));
    this.files.set(ref.id, ref);
    this.dayKeys.add(ref.day);
    return Promise.resolve({ width: 1920, height: 1080, bytes: 100 });
  }
  readonly opened: ImageVariant[] = [];
  open(ref: ScreenshotRef, variant: ImageVariant): Promise<OpenResult> {
    this.opened.push(variant);
    const result = this.result(ref);
    // The full image: the PNG signature's first bytes; the thumbnail: one byte (tests tell them apart).
    if (result.ok && variant === 'full') return Promise.resolve({ ...result, png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    return Promise.resolve(result);
  }
  exportPng(ref: ScreenshotRef, outPath: string): Promise<OpenResult> {
    const result = this.result(ref);
    if (result.ok) this.exported.push(outPath);
    return Promise.resolve(result);
  }
  remove(ref: ScreenshotRef): Promise<void> {
    this.files.delete(ref.id);
    return Promise.resolve();
  }
  shredDaysBefore(day: string): string[] {
    const gone = [...this.dayKeys].filter((d) => d < day).sort();
    for (const d of gone) this.dayKeys.delete(d);
    return gone;
  }
  private result(ref: ScreenshotRef): OpenResult {
    if (!this.files.has(ref.id)) return { ok: false, problem: 'missing', message: 'no file' };
    if (!this.dayKeys.has(ref.day)) return { ok: false, problem: 'key_gone', message: 'day key shredded' };
    if (this.tampered.has(ref.id)) return { ok: false, problem: 'tampered', message: 'authentication failed' };
    return { ok: true, png: new Uint8Array([0x89]), width: 1920, height: 1080 };
  }
}

export class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  notify(notification: Notification): void {
    this.sent.push(notification);
  }
}

/** Random numbers from a list (cycled), UUID-shaped ids counting up. */
export class ScriptedRandom implements Random {
  private index = 0;
  private ids = 0;
  constructor(private readonly values: readonly number[] = [0.5]) {}
  next(): number {
    const value = this.values[this.index % this.values.length] ?? 0.5;
    this.index += 1;
    return value;
  }
  id(): string {
    this.ids += 1;
    // Shaped like the production ids (crypto randomUUID): the window's full-image operation accepts nothing else.
    return `00000000-0000-4000-8000-${String(this.ids).padStart(12, '0')}`;
  }
}

export interface ScreenshotFakes {
  readonly capturer: FakeCapturer;
  readonly vault: FakeVault;
  readonly repository: ScreenshotRepository;
  readonly notifier: RecordingNotifier;
  readonly random: ScriptedRandom;
}

export function screenshotFakes(now: () => number, randoms?: readonly number[]): ScreenshotFakes {
  return {
    capturer: new FakeCapturer(now),
    vault: new FakeVault(),
    repository: createScreenshotRepository(openDatabase(':memory:')),
    notifier: new RecordingNotifier(),
    random: new ScriptedRandom(randoms),
  };
}
