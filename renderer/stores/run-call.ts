import { errorText } from '../bridge';

/** The part of a store's state these helpers write: the last refusal or failure, in the core's words. */
interface ErrorSlot {
  readonly error: string | null;
}

/** The same with the flag a view shows while a change is on its way. */
interface BusySlot extends ErrorSlot {
  readonly busy: boolean;
}

/** A store's own `set`, seen through the fields a helper writes. */
type SetSlot<Slot> = (patch: Partial<Slot>) => void;

/** A read: what it got is the read's own to set; a failure goes into `error` (what was shown before stays). */
export async function loadCall(set: SetSlot<ErrorSlot>, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    set({ error: errorText(error) });
  }
}

/** A change: the last refusal is cleared first, a new one goes into `error`; answers whether the change went through. */
export async function runCall(set: SetSlot<ErrorSlot>, change: () => Promise<unknown>): Promise<boolean> {
  set({ error: null });
  return settle(set, change);
}

/** A change as runCall, with `busy` set while it is on its way. */
export async function runBusyCall(set: SetSlot<BusySlot>, change: () => Promise<unknown>): Promise<boolean> {
  set({ busy: true, error: null });
  try {
    return await settle(set, change);
  } finally {
    set({ busy: false });
  }
}

async function settle(set: SetSlot<ErrorSlot>, change: () => Promise<unknown>): Promise<boolean> {
  try {
    await change();
    return true;
  } catch (error) {
    set({ error: errorText(error) });
    return false;
  }
}
