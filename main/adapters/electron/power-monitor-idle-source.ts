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
    let previous = powerMonitor.getSystemIdleTime();
    this.timer = setInterval(() => {
      const idleSeconds = powerMonitor.getSystemIdleTime();
      if (idleSeconds < 1 || idleSeconds < previous) sink.input('other');
      previous = idleSeconds;
    }, 1_000);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
