import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import { listenToMain } from './main-events';
import { useNav } from './stores/nav-store';
import { removeFakeBridge } from './test-support/fake-bridge';
import { status } from './test-support/samples';
import { today } from './format';

type Listener = (payload: unknown) => void;

/** A bridge with events, like the Electron preload: records invocations, lets the test emit events. */
function bridgeWithEvents(): { calls: string[]; emit: (event: string, payload: unknown) => void; listeners: Map<string, Listener[]> } {
  const calls: string[] = [];
  const listeners = new Map<string, Listener[]>();
  const answers: Record<string, unknown> = { status: status(), 'entries.list': [], 'sync.list': [], 'screenshots.list': [] };
  Object.defineProperty(window, 'clockhand', {
    configurable: true,
    value: {
      invoke: (name: string): Promise<Result<unknown>> => {
        calls.push(name);
        return Promise.resolve({ ok: true, value: answers[name] ?? null });
      },
      on: (event: string, listener: Listener): (() => void) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return () => {
          listeners.set(
            event,
            (listeners.get(event) ?? []).filter((l) => l !== listener),
          );
        };
      },
    },
  });
  return {
    calls,
    listeners,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

afterEach(() => {
  removeFakeBridge();
  useNav.setState({ view: 'today', day: today(), shot: null });
});

describe('what the app tells the window', () => {
  it('window.navigate opens the asked view; a screenshot id opens that screenshot on today; bad payloads are ignored', () => {
    const bridge = bridgeWithEvents();
    const stop = listenToMain();
    bridge.emit('window.navigate', { view: 'connections', id: null });
    expect(useNav.getState().view).toBe('integrations');
    bridge.emit('window.navigate', { view: 'sync', id: null });
    expect(useNav.getState().view).toBe('entries');
    useNav.setState({ day: '2026-01-05' });
    bridge.emit('window.navigate', { view: 'screenshots', id: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f' });
    expect(useNav.getState()).toMatchObject({ view: 'screenshots', day: today(), shot: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f' });
    for (const bad of [{ view: 'privacy-erase', id: null }, { view: 'today' }, { view: 'today', id: '<script>' }, 'today', null]) {
      bridge.emit('window.navigate', bad);
    }
    expect(useNav.getState().view).toBe('screenshots');
    stop();
    bridge.emit('window.navigate', { view: 'settings', id: null });
    expect(useNav.getState().view).toBe('screenshots');
    expect([...bridge.listeners.values()].flat()).toHaveLength(0);
  });

  it('data.changed re-reads the areas named, each once; an unknown area is ignored', () => {
    const bridge = bridgeWithEvents();
    const stop = listenToMain();
    bridge.emit('data.changed', { areas: ['timer', 'idle', 'entries', 'screenshots'] });
    expect(bridge.calls.sort()).toEqual(['entries.list', 'screenshots.list', 'status', 'status', 'sync.list'].sort());
    bridge.calls.length = 0;
    bridge.emit('data.changed', { areas: ['passwords'] });
    bridge.emit('data.changed', { areas: [] });
    expect(bridge.calls).toEqual([]);
    stop();
  });

  it('with a bridge that sends no events (the development harness) it does nothing and does not throw', () => {
    Object.defineProperty(window, 'clockhand', {
      configurable: true,
      value: { invoke: () => Promise.resolve({ ok: true, value: null }), on: () => () => undefined },
    });
    const stop = listenToMain();
    expect(stop).not.toThrow();
  });
});
