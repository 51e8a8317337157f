import type { ActivitySourceKind } from '../../../common/dto';
import type { ActivitySink, ActivitySource, InputDevice } from '../ports/activity-source';
import type { Logger } from '../ports/logger';

export interface ActivitySourceStatus {
  readonly source: ActivitySourceKind;
  readonly degradedReason: string | null;
}

/**
 * Runs the preferred activity source and falls back to the next one when it dies (e.g. the input hook's process
 * aborted because there is no X display). Says which source is live and why the better one is not.
 */
export class ActivitySourceSupervisor {
  private index = -1;
  private current: ActivitySource | null = null;
  private degradedReason: string | null = null;

  constructor(
    private readonly sources: readonly ActivitySource[],
    /** 'idle-time' skips the input hook (an admin policy can ask for that). */
    private readonly preferred: () => 'hook' | 'idle-time',
    private readonly onInput: (device: InputDevice) => void,
    private readonly logger: Logger,
    private readonly onChange: (status: ActivitySourceStatus) => void = () => undefined,
  ) {}

  start(): void {
    this.advance();
  }

  stop(): void {
    const source = this.current;
    this.current = null;
    this.index = this.sources.length;
    source?.stop();
  }

  /** Starts over from the most preferred source (after the preference changed). */
  restart(): void {
    const source = this.current;
    this.current = null;
    source?.stop();
    this.index = -1;
    this.degradedReason = null;
    this.advance();
  }

  status(): ActivitySourceStatus {
    return { source: this.current?.kind ?? 'none', degradedReason: this.degradedReason };
  }

  private advance(): void {
    for (this.index += 1; this.index < this.sources.length; this.index += 1) {
      const source = this.sources[this.index];
      if (source === undefined) continue;
      if (source.kind === 'hook' && this.preferred() === 'idle-time') continue;
      this.current = source;
      try {
        source.start(this.sinkFor(source));
        this.logger.info('activity source started', { source: source.kind });
        this.onChange(this.status());
        return;
      } catch (error) {
        this.recordFailure(source, error instanceof Error ? error.message : String(error));
      }
    }
    this.current = null;
    this.logger.warn('no activity source is available: activity is not recorded', {});
    this.onChange(this.status());
  }

  private sinkFor(source: ActivitySource): ActivitySink {
    return {
      input: (device) => {
        if (this.current === source) this.onInput(device);
      },
      failed: (reason) => {
        if (this.current !== source) return;
        this.recordFailure(source, reason);
        try {
          source.stop();
        } catch {
          // a dead source may refuse to stop; it is replaced either way
        }
        this.advance();
      },
    };
  }

  private recordFailure(source: ActivitySource, reason: string): void {
    this.degradedReason = `${source.kind} source failed: ${reason}`;
    this.logger.warn('activity source failed', { source: source.kind, reason });
  }
}
