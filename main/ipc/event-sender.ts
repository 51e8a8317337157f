import { EVENT_CHANNEL } from '../../common/ipc-event-names';
import { ipcEvents, type IpcEventName, type IpcEventPayload } from '../../common/ipc-events';
import type { LogFields } from '../core/ports/logger';

export interface EventSenderDeps {
  /** Sends on the window's webContents (absent when no window is open: then nothing is sent). */
  send(channel: string, name: IpcEventName, payload: unknown): void;
  warn(message: string, fields: LogFields): void;
}

/**
 * Main -> renderer events, validated with the same schemas the renderer relies on before anything is sent:
 * a payload that does not match is logged and dropped, never sent half-right. Returns whether it was sent.
 */
export function createEventSender(deps: EventSenderDeps): <E extends IpcEventName>(name: E, payload: IpcEventPayload<E>) => boolean {
  return (name, payload) => {
    const parsed = ipcEvents[name].safeParse(payload);
    if (!parsed.success) {
      deps.warn('ipc event with an invalid payload not sent', { event: name, issue: parsed.error.issues[0]?.message ?? 'invalid' });
      return false;
    }
    deps.send(EVENT_CHANNEL, name, parsed.data);
    return true;
  };
}
