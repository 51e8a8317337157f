import { execFile } from 'node:child_process';
import type { ActivitySink, ActivitySource } from '../../core/ports/activity-source';

export interface IdleTimeCommand {
  readonly file: string;
  readonly args: readonly string[];
  /**
   * Turns the command's stdout into milliseconds since the last input, or null if it cannot. Default: the
   * platform's own parser (whole milliseconds as xprintidle prints them; HIDIdleTime nanoseconds on macOS).
   */
  readonly parse?: (stdout: string) => number | null;
}

export interface SystemIdleTimeSourceOptions {
  readonly pollMs?: number;
  readonly platform?: NodeJS.Platform;
  /** Overrides the platform's command (tests point this at a fake). */
  readonly command?: IdleTimeCommand;
}

const FAILURES_BEFORE_GIVING_UP = 3;
const COMMAND_TIMEOUT_MS = 2_000;
/** How far apart two readings of an unchanged idle time may look, from the command's start-up time alone. */
const JITTER_TOLERANCE_MS = 250;

/** xprintidle (X11) prints milliseconds; ioreg (macOS) reports HIDIdleTime in nanoseconds. */
export function idleTimeCommandFor(platform: NodeJS.Platform): Required<IdleTimeCommand> | null {
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return { file: 'xprintidle', args: [], parse: (out) => wholeNumber(out.trim()) };
    case 'darwin':
      return {
        file: 'ioreg',
        args: ['-c', 'IOHIDSystem', '-d', '4'],
        parse: (out) => {
          const match = /"HIDIdleTime"\s*=\s*(\d+)/.exec(out);
          return match?.[1] === undefined ? null : Math.floor(Number(match[1]) / 1e6);
        },
      };
    default:
      return null;
  }
}

function parserFor(platform: NodeJS.Platform): (stdout: string) => number | null {
  return idleTimeCommandFor(platform)?.parse ?? ((out) => wholeNumber(out.trim()));
}

function wholeNumber(text: string): number | null {
  return /^\d{1,15}$/.test(text) ? Number(text) : null;
}

/**
 * Presence from the operating system's idle time, polled once a second: no hook, no events, only "was there any
 * input since the last poll". The fallback when the input hook cannot run. Never blocks the event loop.
 */
export class SystemIdleTimeSource implements ActivitySource {
  readonly kind = 'idle-time' as const;
  private timer: ReturnType<typeof setInterval> | null = null;
  private generation = 0;
  private pendingFailure: ReturnType<typeof setImmediate> | null = null;

  constructor(private readonly options: SystemIdleTimeSourceOptions = {}) {}

  start(sink: ActivitySink): void {
    if (this.timer !== null || this.pendingFailure !== null) return;
    const platform = this.options.platform ?? process.platform;
    const command = this.options.command ?? idleTimeCommandFor(platform);
    if (command === null) {
      // Reported after start() returns, as every other failure is: the caller is still inside start().
      this.pendingFailure = setImmediate(() => {
        this.pendingFailure = null;
        sink.failed(`no system idle-time command for ${platform} in the headless agent`);
      });
      return;
    }
    const parse = command.parse ?? parserFor(platform);
    const pollMs = this.options.pollMs ?? 1_000;
    const generation = ++this.generation;
    let failures = 0;
    let busy = false;
    let previous: { readAt: number; idleMs: number } | null = null;
    let accumulates = false;
    const tolerance = Math.min(JITTER_TOLERANCE_MS, pollMs / 2);
    const poll = (): void => {
      if (busy) return;
      busy = true;
      execFile(command.file, [...command.args], { timeout: COMMAND_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
        busy = false;
        if (generation !== this.generation) return;
        const idleMs = error === null ? parse(stdout) : null;
        if (idleMs === null) {
          // A missing command will not appear by retrying; anything else gets a few chances.
          const missing = error?.code === 'ENOENT';
          failures += 1;
          if (missing || failures >= FAILURES_BEFORE_GIVING_UP) {
            this.stop();
            const why = missing
              ? `command not found${command.file === 'xprintidle' ? ' (Debian/Ubuntu: apt-get install xprintidle)' : ''}`
              : error === null
                ? `unexpected output ${JSON.stringify(stdout.slice(0, 80))}`
                : firstLine(error.message, stderr);
            sink.failed(`system idle time unavailable (${command.file}): ${why}`);
          }
          return;
        }
        failures = 0;
        // The command read the idle time shortly before it exited: that moment stands for the reading.
        const readAt = performance.now();
        if (detectsInput(idleMs, previous, readAt, pollMs, tolerance, accumulates)) sink.input('other');
        if (previous !== null && idleMs > 2 * (readAt - previous.readAt) + 500) accumulates = true;
        previous = { readAt, idleMs };
      });
    };
    this.timer = setInterval(poll, pollMs);
    poll();
  }

  stop(): void {
    this.generation += 1;
    if (this.pendingFailure !== null) clearImmediate(this.pendingFailure);
    this.pendingFailure = null;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * Was there input since the previous reading? Without input the idle time grows by the time between the readings;
 * any input restarts it, so it falls below the previous idle time plus that gap (give or take the command's
 * start-up jitter). The first reading counts as input when it is shorter than one poll.
 *
 * An X server started without -noreset (Xvfb by default) regenerates whenever its last client disconnects, which
 * restarts its idle counter: when xprintidle is the only client, every query resets it, and without input the idle
 * time is merely the gap between queries. Until the idle time is seen to grow past the gap (`accumulates`), only an
 * idle time under half the gap counts as input there.
 */
function detectsInput(
  idleMs: number,
  previous: { readAt: number; idleMs: number } | null,
  readAt: number,
  pollMs: number,
  tolerance: number,
  accumulates: boolean,
): boolean {
  if (previous === null) return idleMs + tolerance < pollMs;
  const gap = readAt - previous.readAt;
  if (!accumulates) return idleMs < gap / 2;
  return idleMs + tolerance < previous.idleMs + gap;
}

function firstLine(message: string, stderr: string): string {
  const text = stderr.trim() === '' ? message : stderr.trim();
  return text.split('\n')[0]?.slice(0, 200) ?? text;
}
