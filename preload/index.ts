// The renderer's only door to the core: window.clockhand.invoke(operation, input) and window.clockhand.on(event, ...).
// Zero logic beyond refusing names the contract does not know (the main process checks again and validates events
// before sending them). Checked against the bridge type with `satisfies`.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ClockhandBridge } from '../common/bridge';
import type { OperationName, OperationOutput } from '../common/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL, isIpcEventName } from '../common/ipc-event-names';
import { isOperationNameText } from '../common/operation-names';
import type { Result } from '../common/result';

const api = {
  invoke: <K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>> => {
    // `name` comes from page script: a string is what the types say, not what the page must pass.
    const text: unknown = name;
    if (typeof text !== 'string' || !isOperationNameText(text)) {
      const shown = typeof text === 'string' ? JSON.stringify(text.slice(0, 64)) : typeof text;
      const refused: Result<never> = { ok: false, error: { code: 'invalid_input', message: `unknown operation ${shown}` } };
      return Promise.resolve(refused);
    }
    // ipcRenderer.invoke resolves to whatever main sent: the router's Result envelope for this operation.
    return ipcRenderer.invoke(INVOKE_CHANNEL, text, input) as Promise<Result<OperationOutput<K>>>;
  },
  on: (event, listener) => {
    const text: unknown = event;
    if (typeof text !== 'string' || !isIpcEventName(text)) return () => undefined;
    // Only this event's payloads reach the listener; the IPC event object (with its sender) never does.
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === text) listener(payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
} satisfies ClockhandBridge;

contextBridge.exposeInMainWorld('clockhand', api);
