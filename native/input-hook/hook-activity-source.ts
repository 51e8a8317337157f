import type { ActivitySink, ActivitySource } from '../../main/core/ports/activity-source';
import type { ChildHandle, ChildLauncher } from './child-launcher';
import { hookMessageSchema } from './hook-messages';

export interface HookActivitySourceOptions {
  /** The built hook-child script (out/main/input-hook-child.js). */
  readonly scriptPath: string;
  readonly launcher: ChildLauncher;
  /** The child must say ready within this time or the source fails. */
  readonly startTimeoutMs?: number;
}

/**
 * Keyboard and mouse presence from the uiohook-napi input hook, which runs in its own process. When that process
 * dies (no X display, no XRecord, Wayland, a crash) or never gets ready, the source fails once and the core moves
 * on to the next source. Messages are validated; anything unexpected is dropped and counted.
 */
export class HookActivitySource implements ActivitySource {
  readonly kind = 'hook' as const;
  private child: ChildHandle | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private invalidMessages = 0;

  constructor(private readonly options: HookActivitySourceOptions) {}

  /** Messages from the child that did not match the protocol (and were ignored). */
  get rejectedMessages(): number {
    return this.invalidMessages;
  }

  start(sink: ActivitySink): void {
    if (this.child !== null) return;
    let settled = false;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      this.clearTimer();
      const child = this.child;
      this.child = null;
      child?.kill();
      sink.failed(reason);
    };
    const child = this.options.launcher.launch(this.options.scriptPath);
    this.child = child;
    const startTimeoutMs = this.options.startTimeoutMs ?? 5_000;
    // libuiohook sometimes hangs instead of aborting when it cannot open the display: the timeout catches that.
    this.timer = setTimeout(() => {
      fail(`input hook process did not start within ${String(startTimeoutMs)} ms${lastLine(child.stderrTail())}`);
    }, startTimeoutMs);
    child.onMessage((raw) => {
      if (settled || this.child !== child) return;
      const parsed = hookMessageSchema.safeParse(raw);
      if (!parsed.success) {
        this.invalidMessages += 1;
        return;
      }
      switch (parsed.data.t) {
        case 'ready':
          this.clearTimer();
          return;
        case 'input':
          sink.input(parsed.data.d);
          return;
      }
    });
    child.onExit((code, signal) => {
      if (this.child !== child) return; // stopped on purpose
      fail(describeExit(code, signal, child.stderrTail()));
    });
  }

  stop(): void {
    this.clearTimer();
    const child = this.child;
    this.child = null;
    child?.kill();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

function describeExit(code: number | null, signal: string | null, stderr: string): string {
  const how = signal !== null ? `signal ${signal}` : `code ${String(code)}`;
  const aborted = signal === 'SIGABRT' || code === 134;
  const hint = aborted ? ': no X display or no XRecord extension (Wayland or a console?)' : '';
  return `input hook process exited (${how})${hint}${lastLine(stderr)}`;
}

/** The child's last stderr line as a suffix for a failure reason (e.g. "xrecord_start [1024]: XOpenDisplay failure!"). */
function lastLine(stderr: string): string {
  const line = stderr.trim().split('\n').at(-1)?.trim().slice(0, 200) ?? '';
  return line === '' ? '' : ` — ${line}`;
}
