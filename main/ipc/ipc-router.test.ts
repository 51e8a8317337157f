import { describe, expect, it } from 'vitest';
import { coreHarness, must } from '../../test/fakes/core-harness';
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
});
