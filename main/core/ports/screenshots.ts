import type { CapturedImage } from './screen-capturer';

export type ScreenshotState = 'ok' | 'tampered';

/** A screenshot's metadata row. The pixels live only in the vault's encrypted files. */
export interface ScreenshotRecord {
  /** Random id; bound into the file's authenticated data. */
  readonly id: string;
  readonly capturedAt: number;
  /** Local calendar day of capture, YYYY-MM-DD: selects the day key. */
  readonly day: string;
  readonly display: string;
  readonly width: number;
  readonly height: number;
  readonly blurred: boolean;
  readonly bytes: number;
  readonly entryId: number | null;
  readonly taskRef: string | null;
  readonly state: ScreenshotState;
}

export interface ScreenshotRepository {
  insert(record: ScreenshotRecord): void;
  get(id: string): ScreenshotRecord | null;
  /** Captured in [from, to), oldest first. */
  between(from: number, to: number): ScreenshotRecord[];
  /** Captured before `instant`, oldest first. */
  before(instant: number): ScreenshotRecord[];
  delete(id: string): void;
  markTampered(id: string): void;
  /** The user's own opt-in (used when no policy decides). */
  optIn(): boolean;
  setOptIn(enabled: boolean, at: number): void;
}

/** Day keys wrapped by the master key. Deleting one makes that day's files undecryptable (crypto-shredding). */
export interface DayKeyRepository {
  get(day: string): Uint8Array | null;
  /** Inserts unless a key for the day exists; returns the stored one. */
  insert(day: string, wrapped: Uint8Array, at: number): Uint8Array;
  /** Days with a key strictly before `day` (YYYY-MM-DD). */
  daysBefore(day: string): string[];
  delete(day: string): void;
}

/** Which screenshot a file belongs to: every field is bound into the file's authenticated data. */
export interface ScreenshotRef {
  readonly id: string;
  readonly capturedAt: number;
  readonly day: string;
  readonly display: string;
}

export type ImageVariant = 'full' | 'thumb';

export interface SealedScreenshot {
  readonly width: number;
  readonly height: number;
  /** Ciphertext bytes written (full + thumbnail). */
  readonly bytes: number;
}

export type VaultState = { readonly available: true } | { readonly available: false; readonly reason: string };

export type OpenFailure = 'tampered' | 'missing' | 'key_gone';

export type OpenResult =
  | { readonly ok: true; readonly png: Uint8Array; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly problem: OpenFailure; readonly message: string };

/**
 * Encrypted storage of screenshots: encoding, thumbnail, blur and encryption happen off the main thread; only
 * ciphertext reaches disk. The master key lives in the OS keychain only.
 */
export interface ScreenshotVault {
  /** Is the keychain there (and the master key readable or creatable)? */
  check(): Promise<VaultState>;
  seal(ref: ScreenshotRef, image: CapturedImage, options: { readonly blur: boolean }): Promise<SealedScreenshot>;
  /** Decrypts on demand. A file failing authentication gives `tampered` and no pixels. */
  open(ref: ScreenshotRef, variant: ImageVariant): Promise<OpenResult>;
  /** Decrypts and writes a PNG to `outPath` (outside the data directory). */
  exportPng(ref: ScreenshotRef, outPath: string): Promise<OpenResult>;
  /** Deletes the screenshot's files. */
  remove(ref: ScreenshotRef): Promise<void>;
  /** Deletes the day keys of days before `day`: every file of those days becomes undecryptable, copies included. */
  shredDaysBefore(day: string): string[];
}
