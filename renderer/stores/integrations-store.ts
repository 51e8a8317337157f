import { create } from 'zustand';
import type { OperationInput } from '../../common/contract';
import type { ConnectionDto } from '../../common/dto';
import { call } from '../bridge';
import { loadCall, runBusyCall } from './run-call';

export type ConnectInput = OperationInput<'connection.add'>;

interface IntegrationsState {
  readonly connections: readonly ConnectionDto[];
  readonly error: string | null;
  readonly busy: boolean;
  readonly load: () => Promise<void>;
  readonly connect: (input: ConnectInput) => Promise<boolean>;
  readonly disconnect: (id: number) => Promise<boolean>;
  readonly check: (id: number) => Promise<boolean>;
}

/** Connections to Jira, Tempo, Asana, Slack, Teams: tokens go to the core (and its keychain) and never come back. */
export const useIntegrations = create<IntegrationsState>()((set, get) => {
  const run = (action: () => Promise<unknown>): Promise<boolean> =>
    runBusyCall(set, async () => {
      await action();
      await get().load();
    });
  return {
    connections: [],
    error: null,
    busy: false,
    load: () =>
      loadCall(set, async () => {
        set({ connections: await call('connections.list', {}) });
      }),
    connect: (input) => run(() => call('connection.add', input)),
    disconnect: (id) => run(() => call('connection.remove', { id })),
    check: (id) => run(() => call('connection.check', { id })),
  };
});
