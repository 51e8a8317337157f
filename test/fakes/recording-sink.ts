import type { ActivitySink, InputDevice } from '../../main/core/ports/activity-source';

/** An ActivitySink that remembers what a source reported. */
export class RecordingSink implements ActivitySink {
  readonly inputs: InputDevice[] = [];
  readonly failures: string[] = [];

  input(device: InputDevice): void {
    this.inputs.push(device);
  }

  failed(reason: string): void {
    this.failures.push(reason);
  }
}
