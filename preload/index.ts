// The renderer's only door to the core: window.clockhand.invoke(operation, input). Zero logic beyond refusing
// operation names the contract does not know (the main process checks again).
import { contextBridge, ipcRenderer } from 'electron';
import { isOperationNameText } from '../common/operation-names';
import type { Result } from '../common/result';

const INVOKE_CHANNEL = 'clockhand:invoke';

const api = {
  invoke: (name: string, input: unknown): Promise<Result<unknown>> => {
    if (!isOperationNameText(name)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `unknown operation ${name.slice(0, 64)}` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, input) as Promise<Result<unknown>>;
  },
};

contextBridge.exposeInMainWorld('clockhand', api);
