// The renderer's only door to the core: window.clockhand.invoke(operation, input). Zero logic beyond refusing
// operation names the contract does not know (the main process checks again).
import { contextBridge, ipcRenderer } from 'electron';
import { isOperationNameText } from '../common/operation-names';
import type { Result } from '../common/result';

const INVOKE_CHANNEL = 'clockhand:invoke';

const api = {
  invoke: (name: string, input: unknown): Promise<Result<unknown>> => {
    // `name` comes from page script: a string is what the types say, not what the page must pass.
    const text: unknown = name;
    if (typeof text !== 'string' || !isOperationNameText(text)) {
      const shown = typeof text === 'string' ? JSON.stringify(text.slice(0, 64)) : typeof text;
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `unknown operation ${shown}` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, text, input) as Promise<Result<unknown>>;
  },
};

contextBridge.exposeInMainWorld('clockhand', api);
