import { create } from 'zustand';
import type { IdleAction } from '../../common/dto';
import { call } from '../bridge';
import { runBusyCall } from './run-call';

interface IdleState {
  readonly error: string | null;
  readonly busy: boolean;
  readonly resolve: (id: number, action: IdleAction, taskRef?: string) => Promise<boolean>;
}

/** Answers the idle decision the core is waiting for (keep, discard, or reassign to a task). */
export const useIdle = create<IdleState>()((set) => ({
  error: null,
  busy: false,
  resolve: (id, action, taskRef) =>
    runBusyCall(set, () => call('idle.resolve', action === 'reassign' && taskRef !== undefined ? { id, action, taskRef } : { id, action })),
}));
