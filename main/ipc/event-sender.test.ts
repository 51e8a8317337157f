import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, IPC_EVENT_NAMES } from '../../common/ipc-event-names';
import { ipcEvents } from '../../common/ipc-events';
import { createEventSender } from './event-sender';

describe('main -> renderer events', () => {
  it('sends a valid payload on the event channel and drops an invalid one with a warning', () => {
    const sent: unknown[][] = [];
    const warnings: string[] = [];
    const emit = createEventSender({ send: (...args) => sent.push(args), warn: (message) => warnings.push(message) });
    expect(emit('window.navigate', { view: 'screenshots', id: '4f7c2a9e-1b2c-4d5e-8f90-123456789abc' })).toBe(true);
    expect(emit('data.changed', { areas: ['timer', 'idle'] })).toBe(true);
    expect(sent).toEqual([
      [EVENT_CHANNEL, 'window.navigate', { view: 'screenshots', id: '4f7c2a9e-1b2c-4d5e-8f90-123456789abc' }],
      [EVENT_CHANNEL, 'data.changed', { areas: ['timer', 'idle'] }],
    ]);
    // Payloads typed wrong on purpose: what a bug in main could produce at run time.
    expect(emit('window.navigate', { view: 'devtools', id: null } as never)).toBe(false);
    expect(emit('window.navigate', { view: 'idle', id: '../x' })).toBe(false);
    expect(emit('data.changed', { areas: [] })).toBe(false);
    expect(emit('data.changed', { areas: ['timer'], token: 'secret' } as never)).toBe(false);
    expect(sent).toHaveLength(2);
    expect(warnings).toHaveLength(4);
  });

  it('the preload allowlist and the schemas name the same events', () => {
    expect([...IPC_EVENT_NAMES].sort()).toEqual(Object.keys(ipcEvents).sort());
  });
});
