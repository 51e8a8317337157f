import { libraryBackend, type CaptureBackend } from './capture-backend';
import type { CaptureResult, CapturedImage, ScreenCapturer } from '../../main/core/ports/screen-capturer';

/** screenshot-desktop never settles when xrandr fails: every call gets this deadline. */
export const CAPTURE_TIMEOUT_MS = 15_000;

export interface CapturerOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly timeoutMs?: number;
  /** Default: screenshot-desktop in this thread; production passes a WorkerCaptureBackend. */
  readonly backend?: CaptureBackend;
}

class CaptureProblem extends Error {}

/**
 * One image per display through screenshot-desktop. On Linux it asks ImageMagick for BMP (raw pixels: encoding
 * happens in our worker, ImageMagick's PNG encoder takes seconds); elsewhere for JPEG. Problems become a reason.
 */
export class ScreenshotDesktopCapturer implements ScreenCapturer {
  private readonly timeoutMs: number;
  private readonly backend: CaptureBackend;

  constructor(private readonly options: CapturerOptions) {
    this.timeoutMs = options.timeoutMs ?? CAPTURE_TIMEOUT_MS;
    this.backend = options.backend ?? libraryBackend();
  }

  async capture(): Promise<CaptureResult> {
    const missing = this.environmentProblem();
    if (missing !== null) return { ok: false, reason: missing };
    try {
      const displays = await this.deadline(this.backend.listDisplays(), 'listing the displays', 'xrandr', 'x11-xserver-utils');
      if (displays.length === 0) return { ok: false, reason: 'no display was found to capture' };
      const linux = this.options.platform === 'linux';
      const images: CapturedImage[] = [];
      for (const display of displays) {
        const data = await this.deadline(
          this.backend.grab(display.id, linux ? 'bmp' : 'jpg'),
          `capturing display ${String(display.id)}`,
          'import',
          'imagemagick',
        );
        images.push({ display: String(display.name ?? display.id).slice(0, 200) || 'screen', format: linux ? 'bmp' : 'jpeg', data });
      }
      return { ok: true, images };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  private environmentProblem(): string | null {
    if (this.options.platform !== 'linux') return null;
    const { DISPLAY: display, WAYLAND_DISPLAY: wayland } = this.options.env;
    if (display === undefined || display === '') {
      return wayland === undefined || wayland === ''
        ? 'no X display to capture (DISPLAY is not set)'
        : 'Wayland without XWayland: screen capture through the desktop portal is not supported yet';
    }
    return null;
  }

  private deadline<T>(work: Promise<T>, what: string, tool: string, debianPackage: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.backend.reset?.();
        reject(new CaptureProblem(`${what} did not finish within ${String(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      timer.unref();
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(new CaptureProblem(describe(error, what, tool, debianPackage)));
        },
      );
    });
  }
}

function describe(error: unknown, what: string, tool: string, debianPackage: string): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT' || (error instanceof Error && /not found|ENOENT/i.test(error.message))) {
    return `the capture tool "${tool}" is not installed (Debian/Ubuntu: apt install ${debianPackage})`;
  }
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return `${what} failed: ${message.slice(0, 300)}`;
}
