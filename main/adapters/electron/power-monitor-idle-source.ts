import { powerMonitor } from 'electron';
import type { ActivitySink, ActivitySource } from '../../core/ports/activity-source';

/**
 * Presence from the system idle time, polled once a second through powerMonitor.getSystemIdleTime() (whole
 * seconds): no hook, no events. Input happened in the last second when the idle time is 0 or fell since the last poll.
 */
export class PowerMonitorIdleSource implements ActivitySource {
  readonly kind = 'idle-time' as const;
  private timer: ReturnType<typeof setInterval> | null = null;

  start(sink: ActivitySink): void {
    if (this.timer !== null) return;
    let previous: number | null = null;
    const poll = (): void => {
      let idleSeconds: number;
      try {
        idleSeconds = powerMonitor.getSystemIdleTime();
      } catch (error) {
        this.stop();
        sink.failed(`system idle time unavailable: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (idleSeconds < 1 || (previous !== null && idleSeconds < previous)) sink.input('other');
      previous = idleSeconds;
    };
    this.timer = setInterval(poll, 1_000);
    poll();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
