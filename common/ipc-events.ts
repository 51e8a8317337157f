import { z } from 'zod';
import { DATA_AREAS, WINDOW_VIEWS, type IpcEventNameText } from './ipc-event-names';

/**
 * Main -> renderer events with their payload schemas. Main validates every payload with these before sending
 * (main/ipc/event-sender.ts); the renderer subscribes with `window.clockhand.on(name, listener)`.
 */
export const ipcEvents = {
  /** Show this view (a tray item or a notification button asked for it); `id` names a screenshot for `screenshots`. */
  'window.navigate': z
    .object({
      view: z.enum(WINDOW_VIEWS),
      id: z
        .string()
        .regex(/^[A-Za-z0-9-]{1,64}$/)
        .nullable(),
    })
    .strict(),
  /** Something changed outside the window: re-read these areas. */
  'data.changed': z.object({ areas: z.array(z.enum(DATA_AREAS)).min(1).max(DATA_AREAS.length) }).strict(),
} as const;

export type IpcEvents = typeof ipcEvents;
export type IpcEventName = keyof IpcEvents;
export type IpcEventPayload<E extends IpcEventName> = z.infer<IpcEvents[E]>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const ipcEventNamesMatch: Same<IpcEventName, IpcEventNameText> = true;
