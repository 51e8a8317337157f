import type { OperationName, OperationOutput } from '../../common/contract';
import type { Result } from '../../common/result';
import { createHandlers, invoke } from './api/handlers';
import { Tracker, type TrackerDeps } from './engine';

export interface Core {
  readonly tracker: Tracker;
  /** Validates and runs one operation of the contract. Never throws. */
  invoke<K extends OperationName>(name: K, input: unknown): Result<OperationOutput<K>>;
}

/** Builds the core from its ports. Only composition roots (main/app) call this. */
export function createCore(deps: TrackerDeps): Core {
  const tracker = new Tracker(deps);
  const handlers = createHandlers(tracker);
  return {
    tracker,
    invoke: (name, input) => invoke(handlers, name, input, deps.logger),
  };
}

export type { TrackerDeps, AgentInfo } from './engine';
