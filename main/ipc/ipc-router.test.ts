import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { operationNames, operations } from '../../common/contract';
import { OPERATION_NAMES } from '../../common/operation-names';
import { coreHarness, must } from '../../test/fakes/core-harness';
import { createHandlers } from '../core/api/handlers';
import { createIpcRouter, rendererUrlMatcher } from './ipc-router';

const rendererUrl = 'file:///opt/Clockhand/resources/app.asar/out/renderer/index.html';

describe('IPC router', () => {
  const h = coreHarness(new Date(2026, 10, 23, 9, 0).getTime());
  const warnings: string[] = [];
  const route = createIpcRouter({
    invoke: (name, input) => h.core.invokeAsync(name, input),
    isTrustedSender: rendererUrlMatcher(rendererUrl, null),
    warn: (message) => warnings.push(message),
  });

  it('passes contract operations from our renderer to the core', async () => {
    const started = await route(rendererUrl, 'timer.start', { taskRef: 'local:ipc' });
    expect(started).toMatchObject({ ok: true, value: { taskRef: 'local:ipc', running: true } });
    expect(must(h.core.invoke('status', {})).timer.taskRef).toBe('local:ipc');
  });

  it('refuses other frames, unknown operations and bad input without touching the core', async () => {
    for (const url of [null, 'https://evil.example/index.html', 'file:///tmp/other.html', 'not a url', `${rendererUrl}/../../x.html`]) {
      expect(await route(url, 'timer.stop', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(warnings.length).toBeGreaterThanOrEqual(4);
    for (const name of ['erase.everything', 42, null, '__proto__', 'constructor', 'toString']) {
      expect(await route(rendererUrl, name, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await route(rendererUrl, 'timer.start', { taskRef: 'trello:1' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(must(h.core.invoke('status', {})).timer.running).toBe(true);
  });

  it('trusts the dev server origin only when one is configured', () => {
    const dev = rendererUrlMatcher(rendererUrl, 'http://localhost:5173/');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/index.html')).toBe(false);
    expect(rendererUrlMatcher(rendererUrl, null)('http://localhost:5173/')).toBe(false);
  });

  it('trusts the app:// origin of the renderer and nothing that only looks like it', () => {
    const app = rendererUrlMatcher('app://clockhand/index.html', null);
    expect(app('app://clockhand/index.html')).toBe(true);
    expect(app('app://clockhand/settings/index.html')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://user@clockhand/index.html',
      'file:///index.html',
      'https://clockhand/index.html',
      'clockhand-shot://thumbnail/x',
      'javascript:alert(1)',
    ]) {
      expect(app(url), url).toBe(false);
    }
  });

  it('a handler that throws or rejects becomes an internal Result, with the operation logged, not the stack', async () => {
    const logged: string[] = [];
    const throwing = createIpcRouter({
      invoke: () => {
        throw new Error('database is locked');
      },
      isTrustedSender: () => true,
      warn: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
    });
    expect(await throwing('app://clockhand/index.html', 'timer.stop', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'timer.stop failed unexpectedly; see the log' },
    });
    const rejecting = createIpcRouter({
      invoke: () => Promise.reject(new Error('boom')),
      isTrustedSender: () => true,
      warn: () => undefined,
    });
    expect(await rejecting('app://clockhand/index.html', 'status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toEqual(['ipc operation threw {"operation":"timer.stop","error":"database is locked"}']);
  });

  it('every channel has an input schema, an output schema and a handler; the preload lists the same names', async () => {
    const handlers = createHandlers(
      h.core.tracker,
      h.core.connections,
      // Only the set of handlers is inspected here: the services they close over are never called.
      {} as never,
      h.core.assignedTasks,
      {} as never,
      h.core.screenshots,
      {} as never,
      {} as never,
      h.core.consent,
      h.core.backups,
    );
    expect(Object.keys(handlers).sort()).toEqual([...operationNames].sort());
    expect([...OPERATION_NAMES].sort()).toEqual([...operationNames].sort());
    for (const name of operationNames) {
      expect(typeof handlers[name], name).toBe('function');
      expect(operations[name].input, name).toBeInstanceOf(z.ZodType);
      expect(operations[name].output, name).toBeInstanceOf(z.ZodType);
      // The input schema runs before the handler: an unknown field is refused on every channel.
      const refused = await route(rendererUrl, name, { unexpectedField: 1 });
      expect(refused, name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});
