/**
 * Events main sends to the window (main -> renderer), by name, without their schemas: the sandboxed preload
 * allowlists these without loading zod. ipc-events.ts checks at compile time that both lists are the same set.
 */
export const IPC_EVENT_NAMES = ['window.navigate', 'data.changed'] as const;
export type IpcEventNameText = (typeof IPC_EVENT_NAMES)[number];

/** The one channel events travel on: `(name, payload)`. */
export const EVENT_CHANNEL = 'clockhand:event';
/** The one channel the renderer invokes operations on: `(name, input)`. */
export const INVOKE_CHANNEL = 'clockhand:invoke';

/** The views the main window can open on (a tray item or a notification asks for one). */
export const WINDOW_VIEWS = ['today', 'idle', 'screenshots', 'sync', 'connections', 'settings', 'standup'] as const;
export type WindowView = (typeof WINDOW_VIEWS)[number];

/** What changed outside the window (tray, notification button, shortcut, CLI): the window re-reads those areas. */
export const DATA_AREAS = ['timer', 'entries', 'idle', 'screenshots', 'sync', 'settings'] as const;
export type DataArea = (typeof DATA_AREAS)[number];

export function isIpcEventName(text: string): text is IpcEventNameText {
  return (IPC_EVENT_NAMES as readonly string[]).includes(text);
}
