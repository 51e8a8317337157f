import type { ActivitySink, ActivitySource, InputDevice } from '../../main/core/ports/activity-source';

export class FakeActivitySource implements ActivitySource {
  private sink: ActivitySink | null = null;
  started = 0;
  stopped = 0;

  constructor(
    readonly kind: 'hook' | 'idle-time' = 'hook',
    private readonly throwOnStart: string | null = null,
  ) {}

  start(sink: ActivitySink): void {
    if (this.throwOnStart !== null) throw new Error(this.throwOnStart);
    this.sink = sink;
    this.started += 1;
  }

  stop(): void {
    this.sink = null;
    this.stopped += 1;
  }

  emit(device: InputDevice): void {
    this.sink?.input(device);
  }

  fail(reason: string): void {
    this.sink?.failed(reason);
  }

  get live(): boolean {
    return this.sink !== null;
  }
}
