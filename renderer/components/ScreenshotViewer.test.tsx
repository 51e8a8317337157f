import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScreenshotDto } from '../../common/dto';
import type { Result } from '../../common/result';
import { useScreenshotImage } from '../stores/screenshot-image-store';
import { useNav } from '../stores/nav-store';
import { useScreenshots } from '../stores/screenshots-store';
import { useSettings } from '../stores/settings-store';
import { installFakeBridge, ok, removeFakeBridge } from '../test-support/fake-bridge';
import { policy } from '../test-support/samples';
import { Screenshots } from '../views/Screenshots';
import type { OperationName } from '../../common/contract';

/** A real 2x1 PNG (the viewer checks the signature), as the core sends it. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEUlEQVR4nGP4z8DAwMDAwAAAHvQC/jZs5ucAAAAASUVORK5CYII=';

function shot(n: number, over: Partial<ScreenshotDto> = {}): ScreenshotDto {
  return {
    id: `6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4${String(n)}`,
    capturedAt: `2026-11-23T0${String(n)}:15:00.000+01:00`,
    day: '2026-11-23',
    display: 'HDMI-1',
    width: 1920,
    height: 1080,
    blurred: false,
    bytes: 1000,
    entryId: 1,
    taskRef: null,
    state: 'ok',
    ...over,
  };
}

const shots = [shot(1), shot(2, { blurred: true }), shot(3)];
const image = (input: unknown): Result<unknown> => {
  const { id } = input as { id: string };
  return { ok: true, value: { id, width: 1920, height: 1080, pngBase64: PNG } };
};
const bridge = (over: Record<string, (input: unknown) => Result<unknown>> = {}) =>
  installFakeBridge({
    'screenshots.list': ok(shots),
    'screenshot.thumbnail': () => ({ ok: false, error: { code: 'unavailable', message: 'not in this test' } }),
    'screenshot.image': image,
    status: ok(null),
    ...over,
  });

/** Opens the gallery and the screenshot at `time`. */
async function openAt(time: string): Promise<HTMLElement> {
  render(<Screenshots />);
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^Open screenshot at ${time}`) }));
  return screen.getByRole('dialog');
}

describe('the screenshot viewer', () => {
  const created: string[] = [];
  const revoked: string[] = [];
  const originalCreate = URL.createObjectURL.bind(URL);
  const originalRevoke = URL.revokeObjectURL.bind(URL);

  beforeEach(() => {
    created.length = 0;
    revoked.length = 0;
    URL.createObjectURL = (blob: Blob) => {
      const url = originalCreate(blob);
      created.push(url);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      originalRevoke(url);
    };
    useSettings.setState({ policy });
  });

  afterEach(() => {
    cleanup();
    removeFakeBridge();
    URL.createObjectURL = originalCreate;
    URL.revokeObjectURL = originalRevoke;
    useScreenshots.setState({ day: null, shots: [], thumbnails: new Map(), error: null });
    useScreenshotImage.getState().close();
    useSettings.setState({ policy: null });
  });

  it('opens the screenshot the app asked for (a notification\'s "View") once the day lists it, and only once', async () => {
    bridge();
    useNav.setState({ view: 'screenshots', day: '2026-11-23', shot: shots[1]?.id ?? null });
    render(<Screenshots />);
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('2 of 3');
    expect(useNav.getState().shot).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Close' })[1] ?? dialog);
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
  });

  it('shows "Decrypting…", then the full image from the core (not the thumbnail), and releases it on close', async () => {
    let answer: (value: Result<unknown>) => void = () => undefined;
    const calls = bridge({ 'screenshot.image': () => ({ ok: true, value: null }) });
    // Hold the core's answer so the decrypting state can be seen.
    const clockhand = window.clockhand;
    Object.defineProperty(window, 'clockhand', {
      configurable: true,
      value: {
        invoke: (name: string, input: unknown): Promise<Result<unknown>> => {
          if (name !== 'screenshot.image') return clockhand?.invoke(name as OperationName, input) ?? Promise.reject(new Error('no bridge'));
          calls.push({ name, input });
          return new Promise((resolve) => {
            answer = resolve;
          });
        },
      },
    });
    const dialog = await openAt('02:15');
    expect(screen.getByRole('status').textContent).toContain('Decrypting…');
    await act(async () => {
      answer(image({ id: shots[1]?.id }));
      await Promise.resolve();
    });
    const img = await screen.findByRole('img', { name: 'Screenshot of display HDMI-1 at 02:15 (blurred)' });
    expect(img.getAttribute('src')).toBe(created[0]);
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(img.getAttribute('width')).toBe('1920');
    expect(calls.filter((c) => c.name === 'screenshot.image').map((c) => c.input)).toEqual([{ id: shots[1]?.id }]);
    expect(dialog.textContent).toContain('2 of 3');
    expect(dialog.textContent).toContain('Blurred');
    fireEvent.click(screen.getAllByRole('button', { name: 'Close' })[1] ?? dialog);
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(revoked).toEqual(created);
    expect(useScreenshotImage.getState().image).toEqual({ state: 'none' });
  });

  it('moves through the day with the arrow keys and the buttons, releasing each image it leaves', async () => {
    const calls = bridge();
    const dialog = await openAt('01:15');
    await screen.findByRole('img', { name: /at 01:15/ });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous screenshot' }).disabled).toBe(true);
    fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    await screen.findByRole('img', { name: /at 02:15/ });
    expect(dialog.textContent).toContain('2 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Next screenshot' }));
    await screen.findByRole('img', { name: /at 03:15/ });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next screenshot' }).disabled).toBe(true);
    fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    fireEvent.keyDown(dialog, { key: 'ArrowLeft' });
    await screen.findByRole('img', { name: /at 02:15/ });
    expect(calls.filter((c) => c.name === 'screenshot.image').map((c) => (c.input as { id: string }).id)).toEqual([
      shots[0]?.id,
      shots[1]?.id,
      shots[2]?.id,
      shots[1]?.id,
    ]);
    // Every image but the one on screen is released.
    expect(revoked).toEqual(created.slice(0, 3));
  });

  it('zooms to 100 % and back with the button, the Z key and a click on the image', async () => {
    bridge();
    const dialog = await openAt('01:15');
    const img = await screen.findByRole('img', { name: /at 01:15/ });
    const zoom = screen.getByRole('button', { name: 'Actual size (100 %)' });
    expect(zoom.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(zoom);
    expect(zoom.getAttribute('aria-pressed')).toBe('true');
    const region = screen.getByRole('region', { name: 'Screenshot at 100 %' });
    expect(region.getAttribute('tabindex')).toBe('0');
    // At 100 % the arrows scroll the focused image instead of moving on.
    fireEvent.keyDown(region, { key: 'ArrowRight' });
    expect(dialog.textContent).toContain('1 of 3');
    fireEvent.keyDown(dialog, { key: 'z' });
    expect(zoom.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(img);
    expect(zoom.getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(dialog, { key: '-' });
    expect(zoom.getAttribute('aria-pressed')).toBe('false');
  });

  it('deletes when the policy allows it and moves on to the next screenshot', async () => {
    const calls = bridge({ 'screenshot.delete': (input) => ({ ok: true, value: { deleted: (input as { id: string }).id } }) });
    const dialog = await openAt('02:15');
    await screen.findByRole('img', { name: /at 02:15/ });
    fireEvent.click(screen.getByRole('button', { name: 'Delete screenshot' }));
    await screen.findByRole('img', { name: /at 03:15/ });
    expect(calls.find((c) => c.name === 'screenshot.delete')?.input).toEqual({ id: shots[1]?.id });
    expect(dialog.textContent).toContain('2 of 2');
    expect(screen.getAllByRole('button', { name: /^Open screenshot/ })).toHaveLength(2);
  });

  it('shows delete as managed by the organization when the policy forbids it', async () => {
    bridge();
    useSettings.setState({
      policy: {
        ...policy,
        settings: [...policy.settings, { key: 'screenshots.allowUserDelete', value: false, source: 'machine', locked: true }],
      },
    });
    const dialog = await openAt('01:15');
    await screen.findByRole('img', { name: /at 01:15/ });
    expect(screen.queryByRole('button', { name: 'Delete screenshot' })).toBeNull();
    expect(dialog.textContent).toContain('Managed by your organization');
  });

  it('shows the core’s refusal for a tampered file as text, never an image, and marks it tampered in the gallery', async () => {
    const reason = `screenshot ${shots[0]?.id ?? ''} failed authentication (the file was altered) and is never shown`;
    bridge({ 'screenshot.image': () => ({ ok: false, error: { code: 'conflict', message: reason } }) });
    await openAt('01:15');
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe(reason);
    });
    expect(screen.queryByRole('img', { name: /Screenshot of display/ })).toBeNull();
    expect(useScreenshots.getState().shots[0]?.state).toBe('tampered');
    expect(created).toEqual([]);
  });

  it('does not ask the core for a file already flagged tampered', async () => {
    const calls = bridge({ 'screenshots.list': ok([shot(1, { state: 'tampered' })]) });
    await openAt('01:15');
    expect(screen.getByRole('alert').textContent).toBe('This file failed its integrity check and is never shown.');
    expect(calls.some((c) => c.name === 'screenshot.image')).toBe(false);
  });

  it('refuses an answer that is not a PNG', async () => {
    bridge({
      'screenshot.image': (input) => ({
        ok: true,
        value: { id: (input as { id: string }).id, width: 1, height: 1, pngBase64: 'PHN2Zz4=' },
      }),
    });
    await openAt('01:15');
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('The core sent an image that is not a PNG.');
    });
    expect(created).toEqual([]);
  });
});
