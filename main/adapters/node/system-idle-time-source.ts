import { execFile } from 'node:child_process';
import type { ActivitySink, ActivitySource } from '../../core/ports/activity-source';

export interface IdleTimeCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** Turns the command's stdout into milliseconds since the last input, or null if it cannot. */
  readonly parse: (stdout: string) => number | null;
}

export interface SystemIdleTimeSourceOptions {
  readonly pollMs?: number;
  readonly platform?: NodeJS.Platform;
  /** Overrides the platform's command (tests point this at a fake). */
  readonly command?: IdleTimeCommand;
}

const FAILURES_BEFORE_GIVING_UP = 3;
const COMMAND_TIMEOUT_MS = 2_000;

/** xprintidle (X11) prints milliseconds; ioreg (macOS) reports HIDIdleTime in nanoseconds. */
export function idleTimeCommandFor(platform: NodeJS.Platform): IdleTimeCommand | null {
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

  constructor(private readonly options: SystemIdleTimeSourceOptions = {}) {}

  start(sink: ActivitySink): void {
    if (this.timer !== null) return;
    const platform = this.options.platform ?? process.platform;
    const command = this.options.command ?? idleTimeCommandFor(platform);
    if (command === null) {
      sink.failed(`no system idle-time command for ${platform} in the headless agent`);
      return;
    }
    const pollMs = this.options.pollMs ?? 1_000;
    const generation = ++this.generation;
    let failures = 0;
    let busy = false;
    let previousPollAt: number | null = null;
    let accumulates = false;
    const poll = (): void => {
      if (busy) return;
      busy = true;
      const pollAt = performance.now();
      execFile(command.file, [...command.args], { timeout: COMMAND_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
        busy = false;
        if (generation !== this.generation) return;
        const idleMs = error === null ? command.parse(stdout) : null;
        if (idleMs === null) {
          failures += 1;
          if (failures >= FAILURES_BEFORE_GIVING_UP) {
            this.stop();
            const why = error === null ? `unexpected output ${JSON.stringify(stdout.slice(0, 80))}` : firstLine(error.message, stderr);
            sink.failed(`system idle time unavailable (${command.file}): ${why}`);
          }
          return;
        }
        failures = 0;
        const first = previousPollAt === null;
        const sincePrevious = previousPollAt === null ? pollMs : pollAt - previousPollAt;
        previousPollAt = pollAt;
        // Input happened since the previous poll iff the idle time is shorter than the time between the polls.
        // Some X servers (Xvfb among them) restart the idle counter on every query, so without input the idle time
        // is about the gap between queries, give or take process start-up jitter: until the idle time is seen to
        // grow past the gap (a server that accumulates), only an idle time under half the gap counts as input.
        if (!first && idleMs > 2 * sincePrevious + 500) accumulates = true;
        const margin = accumulates ? Math.min(150, pollMs / 2) : sincePrevious / 2;
        if (idleMs + margin < sincePrevious) sink.input('other');
      });
    };
    this.timer = setInterval(poll, pollMs);
    poll();
  }

  stop(): void {
    this.generation += 1;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

function firstLine(message: string, stderr: string): string {
  const text = stderr.trim() === '' ? message : stderr.trim();
  return text.split('\n')[0]?.slice(0, 200) ?? text;
}
