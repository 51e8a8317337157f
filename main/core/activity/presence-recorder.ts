import type { InputDevice } from '../ports/activity-source';

export interface SecondPresence {
  readonly keyboard: boolean;
  readonly mouse: boolean;
  readonly any: boolean;
}

/**
 * The hot path: every input signal lands here and only sets a flag. Once a second the engine takes the flags.
 * Nothing about an input but its device kind is ever seen.
 */
export class PresenceRecorder {
  private keyboard = false;
  private mouse = false;
  private other = false;

  mark(device: InputDevice): void {
    switch (device) {
      case 'keyboard':
        this.keyboard = true;
        return;
      case 'mouse':
        this.mouse = true;
        return;
      case 'other':
        this.other = true;
        return;
    }
  }

  /** Returns the presence seen since the last call and clears it. */
  take(): SecondPresence {
    const presence = { keyboard: this.keyboard, mouse: this.mouse, any: this.keyboard || this.mouse || this.other };
    this.keyboard = false;
    this.mouse = false;
    this.other = false;
    return presence;
  }
}
