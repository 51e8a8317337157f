import type { Clock } from '../../main/core/ports/clock';
import type { Cancel, Scheduler } from '../../main/core/ports/scheduler';

interface Task {
  readonly id: number;
  due: number;
  readonly interval: number | null;
  readonly run: () => void;
}

/**
 * A clock and scheduler under the test's control. Timers run on monotonic time, like Node's.
 * advance(): time passes normally. sleep(): the machine is suspended (wall moves, monotonic and timers do not,
 * as with CLOCK_MONOTONIC on Linux). jumpWall(): someone changed the clock.
 */
export class FakeTime implements Clock, Scheduler {
  private wall: number;
  private mono = 1_000_000;
  private tasks: Task[] = [];
  private nextId = 1;

  constructor(startWall: number) {
    this.wall = startWall;
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  every(intervalMs: number, run: () => void): Cancel {
    return this.add(intervalMs, intervalMs, run);
  }

  after(delayMs: number, run: () => void): Cancel {
    return this.add(delayMs, null, run);
  }

  /** Lets `ms` pass, running due timers in order. `during` runs before each timer fires (e.g. to inject input). */
  advance(ms: number, during?: (wall: number) => void): void {
    const target = this.mono + ms;
    for (;;) {
      const next = this.tasks.filter((task) => task.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.wall += next.due - this.mono;
      this.mono = next.due;
      during?.(this.wall);
      if (next.interval === null) this.tasks = this.tasks.filter((task) => task !== next);
      else next.due += next.interval;
      next.run();
    }
    this.wall += target - this.mono;
    this.mono = target;
  }

  sleep(ms: number): void {
    this.wall += ms;
  }

  jumpWall(deltaMs: number): void {
    this.wall += deltaMs;
  }

  /** Freezes the process for ms (monotonic and wall both move, no timer runs in between). */
  freeze(ms: number): void {
    this.wall += ms;
    this.mono += ms;
    for (const task of this.tasks) if (task.due < this.mono) task.due = this.mono;
  }

  private add(delay: number, interval: number | null, run: () => void): Cancel {
    const task: Task = { id: this.nextId++, due: this.mono + delay, interval, run };
    this.tasks.push(task);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
    };
  }
}
