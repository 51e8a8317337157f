import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { BridgeError } from '../bridge';
import { useConsent } from './consent-store';
import { loadCall, runBusyCall, runCall } from './run-call';
import { installFakeBridge, ok, removeFakeBridge } from '../test-support/fake-bridge';
import { consentView } from '../test-support/samples';

interface Probe {
  readonly value: string;
  readonly error: string | null;
  readonly busy: boolean;
}

const probeStore = () => create<Probe>()(() => ({ value: 'before', error: 'an old refusal', busy: false }));

describe('the stores’ call helpers', () => {
  afterEach(() => {
    removeFakeBridge();
    window.localStorage.clear();
    useConsent.setState({ consent: null, error: null, busy: false, onboarding: false });
  });

  it('loadCall keeps what was shown and records the failure in the core’s words', async () => {
    const store = probeStore();
    await loadCall(store.setState, () => Promise.reject(new BridgeError('internal', 'the core is gone')));
    expect(store.getState()).toMatchObject({ value: 'before', error: 'the core is gone' });
    await loadCall(store.setState, () => {
      store.setState({ value: 'read', error: null });
      return Promise.resolve();
    });
    expect(store.getState()).toMatchObject({ value: 'read', error: null });
  });

  it('runCall clears the last refusal before the change and answers whether it went through', async () => {
    const store = probeStore();
    const seen: (string | null)[] = [];
    expect(
      await runCall(store.setState, () => {
        seen.push(store.getState().error);
        return Promise.resolve('answer');
      }),
    ).toBe(true);
    expect(seen).toEqual([null]);
    expect(await runCall(store.setState, () => Promise.reject(new BridgeError('overlap', 'overlaps entry #4')))).toBe(false);
    expect(store.getState().error).toBe('overlaps entry #4');
  });

  it('runBusyCall is busy only while the change is on its way, whether it fails or not', async () => {
    const store = probeStore();
    const busyDuring: boolean[] = [];
    const change = (fail: boolean) => (): Promise<void> => {
      busyDuring.push(store.getState().busy);
      return fail ? Promise.reject(new Error('refused')) : Promise.resolve();
    };
    expect(await runBusyCall(store.setState, change(true))).toBe(false);
    expect(store.getState()).toMatchObject({ busy: false, error: 'refused' });
    expect(await runBusyCall(store.setState, change(false))).toBe(true);
    expect(store.getState()).toMatchObject({ busy: false, error: null });
    expect(busyDuring).toEqual([true, true]);
  });

  it('consent.accept answering "still required" is a refusal: shown, no onboarding offer, accept() answers false', async () => {
    installFakeBridge({ 'consent.accept': ok(consentView({ state: 'required' })) });
    expect(await useConsent.getState().accept()).toBe(false);
    expect(useConsent.getState()).toMatchObject({
      busy: false,
      onboarding: false,
      error: 'The core did not record your consent. Please try again.',
    });
    expect(useConsent.getState().consent?.state).toBe('required');
  });
});
