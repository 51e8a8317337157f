import { create } from 'zustand';
import type { ConsentView } from '../../common/dto';
import { call } from '../bridge';
import { loadCall, runBusyCall } from './run-call';

/** Remembered in the window's storage so the offer survives a restart until it is taken up or dismissed. */
const ONBOARDING_KEY = 'clockhand.onboarding.connectAccounts';

function readOnboarding(): boolean {
  try {
    return window.localStorage.getItem(ONBOARDING_KEY) === 'pending';
  } catch {
    return false;
  }
}

function writeOnboarding(pending: boolean): void {
  try {
    if (pending) window.localStorage.setItem(ONBOARDING_KEY, 'pending');
    else window.localStorage.removeItem(ONBOARDING_KEY);
  } catch {
    // No storage (a locked-down profile): the offer lasts for this window only.
  }
}

interface ConsentState {
  /** The core's answer to consent.show (null until it has answered). */
  readonly consent: ConsentView | null;
  /** The last refusal or failure of consent.show or consent.accept, in the core's words. */
  readonly error: string | null;
  readonly busy: boolean;
  /** After the person agreed in this window: the offer to connect accounts on Today, until dismissed. */
  readonly onboarding: boolean;
  readonly load: () => Promise<void>;
  readonly accept: () => Promise<boolean>;
  readonly dismissOnboarding: () => void;
}

/** First-run consent: nothing is recorded until the person (or their organization's policy) agrees. */
export const useConsent = create<ConsentState>()((set) => ({
  consent: null,
  error: null,
  busy: false,
  onboarding: readOnboarding(),
  load: () =>
    loadCall(set, async () => {
      set({ consent: await call('consent.show', {}), error: null });
    }),
  accept: () =>
    runBusyCall(set, async () => {
      const consent = await call('consent.accept', {});
      const accepted = consent.state !== 'required';
      if (accepted) writeOnboarding(true);
      set({ consent, onboarding: accepted });
      // An answer that still asks for consent is a refusal like any other: shown, and accept() answers false.
      if (!accepted) throw new Error('The core did not record your consent. Please try again.');
    }),
  dismissOnboarding: () => {
    writeOnboarding(false);
    set({ onboarding: false });
  },
}));
