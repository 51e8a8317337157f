import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError, call } from './bridge';
import { useScreenshots } from './stores/screenshots-store';
import { installFakeBridge, ok, refuse, removeFakeBridge } from './test-support/fake-bridge';

describe('the typed bridge', () => {
  afterEach(() => {
    removeFakeBridge();
    useScreenshots.setState({ thumbnails: new Map(), shots: [], error: null });
  });

  it('says it is not connected when there is no window.clockhand', async () => {
    removeFakeBridge();
    await expect(call('status', {})).rejects.toMatchObject({ code: 'no_bridge', message: 'Not connected to the Clockhand core.' });
  });

  it('passes the core refusal on with its code and sentence', async () => {
    installFakeBridge({ 'entry.delete': refuse('policy_locked', 'editing entries is managed by your organization') });
    const error: unknown = await call('entry.delete', { id: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ code: 'policy_locked', message: 'editing entries is managed by your organization' });
  });

  it('refuses an answer in the wrong shape instead of trusting it', async () => {
    installFakeBridge({ 'entry.delete': ok({ deleted: 'everything' }) });
    await expect(call('entry.delete', { id: 3 })).rejects.toMatchObject({ code: 'bad_answer' });
  });

  it('only turns base64 into a data: URL for a thumbnail, anything else fails', async () => {
    installFakeBridge({
      'screenshot.thumbnail': (input) =>
        (input as { id: string }).id === 'good'
          ? { ok: true, value: { id: 'good', width: 1, height: 1, pngBase64: 'iVBORw0KGgo=' } }
          : { ok: true, value: { id: 'bad', width: 1, height: 1, pngBase64: '"><script>alert(1)</script>' } },
    });
    await useScreenshots.getState().thumbnail('good');
    await useScreenshots.getState().thumbnail('bad');
    expect(useScreenshots.getState().thumbnails.get('good')).toEqual({ state: 'ready', src: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(useScreenshots.getState().thumbnails.get('bad')).toEqual({
      state: 'failed',
      reason: 'The core answered screenshot.thumbnail in an unknown shape.',
    });
  });
});
