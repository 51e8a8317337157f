import type { ActivitySourceKind } from '../../../common/dto';

/** What kind of input was present. Nothing else about an input event ever reaches the core. */
export type InputDevice = 'keyboard' | 'mouse' | 'other';

export interface ActivitySink {
  /** Input of this kind happened just now. Called at most a few times per second per device. */
  input(device: InputDevice): void;
  /** The source stopped working for good (e.g. the hook process died); the core moves to the next source. */
  failed(reason: string): void;
}

/** A producer of presence signals: an input hook, or a poll of the system idle time. */
export interface ActivitySource {
  readonly kind: Exclude<ActivitySourceKind, 'none'>;
  start(sink: ActivitySink): void;
  stop(): void;
}
