import { afterEach, describe, expect, it } from 'vitest';
import { installFakeBridge, ok, removeFakeBridge } from '../test-support/fake-bridge';
import { useScreenshots } from './screenshots-store';

const thumb = (input: unknown) => ok({ id: (input as { id: string }).id, width: 1, height: 1, pngBase64: 'iVBORw0KGgo=' })();

afterEach(() => {
  removeFakeBridge();
  useScreenshots.setState({ day: null, shots: [], thumbnails: new Map(), error: null });
});

describe('screenshot thumbnails', () => {
  it('are forgotten when a day is loaded and when their screenshot is deleted', async () => {
    installFakeBridge({
      'screenshots.list': ok([]),
      'screenshot.thumbnail': thumb,
      'screenshot.delete': (input) => ok({ deleted: (input as { id: string }).id })(),
    });
    const store = useScreenshots.getState();
    await store.thumbnail('a');
    await store.thumbnail('b');
    expect([...useScreenshots.getState().thumbnails.keys()]).toEqual(['a', 'b']);
    expect(await store.remove('a')).toBe(true);
    expect([...useScreenshots.getState().thumbnails.keys()]).toEqual(['b']);
    await store.load('2026-11-24');
    expect(useScreenshots.getState().thumbnails.size).toBe(0);
  });
});
