import type { Scheduler } from '../../core/ports/scheduler';

export const nodeScheduler: Scheduler = {
  every(intervalMs, task) {
    const handle = setInterval(task, intervalMs);
    return () => {
      clearInterval(handle);
    };
  },
  after(delayMs, task) {
    const handle = setTimeout(task, delayMs);
    return () => {
      clearTimeout(handle);
    };
  },
};
