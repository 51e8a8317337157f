import { parseTaskRef } from '../../../common/task-ref';

import { WINDOW_VIEWS, type WindowView } from '../../../common/ipc-event-names';

export type { WindowView };

/**
 * What a tray item, a notification button or the global shortcut asks for. Tray items carry these objects;
 * notification buttons carry them as text (`formatCommand`), because platforms pass an action id string back.
 */
export type DesktopCommand =
  | { readonly type: 'timer.start'; readonly taskRef: string }
  | { readonly type: 'timer.stop' }
  | { readonly type: 'timer.toggle' }
  | { readonly type: 'idle.resolve'; readonly action: 'keep' | 'discard'; readonly id: number }
  | { readonly type: 'screenshot.delete'; readonly id: string }
  | { readonly type: 'window.open'; readonly view: WindowView; readonly id?: string }
  | { readonly type: 'quit' };

const SCREENSHOT_ID = /^[A-Za-z0-9-]{1,64}$/;
const POSITIVE_INT = /^[1-9][0-9]{0,15}$/;
const MAX_COMMAND_TEXT = 512;

export function formatCommand(command: DesktopCommand): string {
  switch (command.type) {
    case 'timer.start':
      return `timer.start:${command.taskRef}`;
    case 'timer.stop':
    case 'timer.toggle':
    case 'quit':
      return command.type;
    case 'idle.resolve':
      return `idle.${command.action}:${String(command.id)}`;
    case 'screenshot.delete':
      return `screenshot.delete:${command.id}`;
    case 'window.open':
      return command.id === undefined ? `window.open:${command.view}` : `window.open:${command.view}:${command.id}`;
  }
}

/**
 * Reads an action id back (it comes from the platform's notification service, so it is checked like input).
 * Returns null for anything that is not exactly a command Clockhand formats.
 */
export function parseCommand(text: string): DesktopCommand | null {
  if (text.length === 0 || text.length > MAX_COMMAND_TEXT) return null;
  const colon = text.indexOf(':');
  const name = colon === -1 ? text : text.slice(0, colon);
  const arg = colon === -1 ? null : text.slice(colon + 1);
  switch (name) {
    case 'timer.stop':
    case 'timer.toggle':
    case 'quit':
      return arg === null ? { type: name } : null;
    case 'timer.start': {
      if (arg === null) return null;
      const parsed = parseTaskRef(arg);
      return parsed.ok && parsed.canonical === arg ? { type: 'timer.start', taskRef: parsed.canonical } : null;
    }
    case 'idle.keep':
    case 'idle.discard':
      return arg !== null && POSITIVE_INT.test(arg)
        ? { type: 'idle.resolve', action: name === 'idle.keep' ? 'keep' : 'discard', id: Number(arg) }
        : null;
    case 'screenshot.delete':
      return arg !== null && SCREENSHOT_ID.test(arg) ? { type: 'screenshot.delete', id: arg } : null;
    case 'window.open':
      return parseWindowOpen(arg);
    default:
      return null;
  }
}

function parseWindowOpen(arg: string | null): DesktopCommand | null {
  if (arg === null) return null;
  const [view, id, extra] = arg.split(':');
  if (extra !== undefined || !isWindowView(view)) return null;
  if (id === undefined) return { type: 'window.open', view };
  return SCREENSHOT_ID.test(id) ? { type: 'window.open', view, id } : null;
}

export function isWindowView(text: string | undefined): text is WindowView {
  return text !== undefined && (WINDOW_VIEWS as readonly string[]).includes(text);
}
