import { describe, expect, it } from 'vitest';
import { coreHarness, must, settle, workSettling, type CoreHarness } from '../../../test/fakes/core-harness';
import { screenshotFakes, type ScreenshotFakes } from '../../../test/fakes/fake-screenshots';
import { FakeTime } from '../../../test/fakes/fake-time';

const nineAm = new Date(2026, 10, 20, 9, 0, 0).getTime();
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

function harness(randoms?: readonly number[], start = nineAm): CoreHarness {
  const time = new FakeTime(start);
  const fakes: ScreenshotFakes = screenshotFakes(() => time.now(), randoms);
  return coreHarness(start, { idleMinutes: 5 }, { time, screenshots: fakes });
}

async function enabled(randoms?: readonly number[]): Promise<CoreHarness> {
  const h = harness(randoms);
  await settle(h);
  must(await h.core.invokeAsync('screenshots.enable', {}));
  must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
  return h;
}

describe('screenshot schedule', () => {
  it('is off by default: nothing is captured while tracking and active', async () => {
    const h = harness();
    await settle(h);
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    await workSettling(h, 20 * MIN);
    expect(h.screenshots.capturer.calls).toEqual([]);
    expect(must(h.core.invoke('status', {})).screenshots).toMatchObject({ enabled: false, active: false, mode: 'off' });
  });

  it('captures once at a uniformly drawn moment inside every window, announced each time', async () => {
    const randoms = [0.2, 0.9, 0.5, 0.05];
    const h = await enabled(randoms);
    await workSettling(h, 20 * MIN);
    const calls = h.screenshots.capturer.calls;
    expect(calls).toHaveLength(4);
    calls.forEach((at, index) => {
      const start = nineAm + index * 5 * MIN;
      expect(at).toBeGreaterThanOrEqual(start);
      expect(at).toBeLessThan(start + 5 * MIN);
      // The drawn moment, to the one-second tick.
      expect(Math.abs(at - (start + (randoms[index] ?? 0) * 5 * MIN))).toBeLessThanOrEqual(2_000);
    });
    expect(h.screenshots.notifier.sent.filter((n) => n.title === 'Screenshot taken')).toHaveLength(4);
    expect(h.screenshots.notifier.sent[0]?.actions?.map((a) => a.label)).toEqual(['View', 'Delete']);
    const list = must(await h.core.invokeAsync('screenshots.list', { day: '2026-11-20' }));
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({ taskRef: 'jira:PROJ-7', state: 'ok', blurred: false, display: 'screen' });
    expect(must(h.core.invoke('status', {})).screenshots).toMatchObject({ enabled: true, active: true, problem: null });
  });

  it('spreads moments over the whole window (many windows, real spread of random values)', async () => {
    const randoms = Array.from({ length: 12 }, (_, i) => ((i * 7 + 3) % 12) / 12);
    const h = await enabled(randoms);
    await workSettling(h, 60 * MIN);
    const offsets = h.screenshots.capturer.calls.map((at) => (at - nineAm) % (5 * MIN));
    expect(offsets).toHaveLength(12);
    expect(Math.min(...offsets)).toBeLessThan(30_000);
    expect(Math.max(...offsets)).toBeGreaterThan(4 * MIN);
  });

  it('takes nothing without a running timer, while idle, or while the screen is locked', async () => {
    const h = harness([0.5]);
    await settle(h);
    must(await h.core.invokeAsync('screenshots.enable', {}));
    await workSettling(h, 10 * MIN); // active but no timer
    expect(h.screenshots.capturer.calls).toEqual([]);
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    const lastInput = h.time.now();
    h.time.advance(30 * MIN); // no input: idle after 5 minutes
    await settle(h);
    const beforeLock = h.screenshots.capturer.calls.length;
    // Only the window holding the last input (active in it, not idle yet) may have one; none after idle began.
    expect(beforeLock).toBeLessThanOrEqual(1);
    for (const at of h.screenshots.capturer.calls) expect(at).toBeLessThan(lastInput + 5 * MIN);
    await workSettling(h, 1_000);
    h.power.emit('lock');
    await workSettling(h, 20 * MIN); // input while locked does not count
    expect(h.screenshots.capturer.calls).toHaveLength(beforeLock);
  });

  it('applies interval and enable state live', async () => {
    const h = await enabled([0.5]);
    await workSettling(h, 10 * MIN);
    expect(h.screenshots.capturer.calls).toHaveLength(2);
    must(h.core.invoke('settings.set', { key: 'screenshots.intervalMinutes', value: 2 }));
    await workSettling(h, 10 * MIN);
    expect(h.screenshots.capturer.calls).toHaveLength(7);
    must(h.core.invoke('screenshots.disable', {}));
    await workSettling(h, 10 * MIN);
    expect(h.screenshots.capturer.calls).toHaveLength(7);
  });
});

describe('screenshot policy', () => {
  it('required: on without opt-in and disable is refused; off: enable is refused; optional: the user decides', async () => {
    const h = harness([0.5]);
    await settle(h);
    h.policy.machine.set({ version: 1, screenshots: { mode: 'required', intervalMinutes: 2 } });
    await workSettling(h, 2_000);
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    await workSettling(h, 4 * MIN);
    expect(h.screenshots.capturer.calls).toHaveLength(2);
    const refused = h.core.invoke('screenshots.disable', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    expect(must(h.core.invoke('status', {})).screenshots).toMatchObject({ enabled: true, lockedBy: 'machine', intervalMinutes: 2 });

    h.policy.machine.set({ version: 1, screenshots: { mode: 'off' } });
    await workSettling(h, 2_000);
    expect(await h.core.invokeAsync('screenshots.enable', {})).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    const offCalls = h.screenshots.capturer.calls.length;
    await workSettling(h, 10 * MIN);
    expect(h.screenshots.capturer.calls).toHaveLength(offCalls);

    h.policy.machine.set({ version: 1, screenshots: { mode: 'optional' } });
    await workSettling(h, 2_000);
    expect(must(h.core.invoke('status', {})).screenshots?.enabled).toBe(false);
    must(await h.core.invokeAsync('screenshots.enable', {}));
    await workSettling(h, 10 * MIN);
    // Back to the default 5 minutes: 10 minutes touch two or three windows.
    expect(h.screenshots.capturer.calls.length - offCalls).toBeGreaterThanOrEqual(2);
    expect(h.screenshots.capturer.calls.length - offCalls).toBeLessThanOrEqual(3);

    // Removing the policy returns the user's own choice (on).
    h.policy.machine.remove();
    await workSettling(h, 2_000);
    expect(must(h.core.invoke('status', {})).screenshots).toMatchObject({ enabled: true, lockedBy: null });
  });

  it('refuses delete when the policy forbids it, and deleting never removes tracked time', async () => {
    const h = await enabled([0.1]);
    await workSettling(h, 5 * MIN);
    const [shot] = must(await h.core.invokeAsync('screenshots.list', {}));
    expect(shot).toBeDefined();
    const id = shot?.id ?? '';
    h.policy.machine.set({ version: 1, screenshots: { allowUserDelete: false } });
    await workSettling(h, 2_000);
    expect(await h.core.invokeAsync('screenshot.delete', { id })).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    h.policy.machine.remove();
    await workSettling(h, 2_000);
    // The window's view: the decrypted thumbnail, as base64 PNG.
    expect(must(await h.core.invokeAsync('screenshot.thumbnail', { id }))).toEqual({ id, width: 1920, height: 1080, pngBase64: 'iQ==' });
    const trackedBefore = must(h.core.invoke('entries.list', {}))[0]?.durationSeconds ?? 0;
    must(await h.core.invokeAsync('screenshot.delete', { id }));
    expect(h.screenshots.vault.files.has(id)).toBe(false);
    expect(must(await h.core.invokeAsync('screenshots.list', {}))).toEqual([]);
    const entries = must(h.core.invoke('entries.list', {}));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.durationSeconds).toBeGreaterThanOrEqual(trackedBefore);
    expect(await h.core.invokeAsync('screenshot.delete', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('screenshot problems', () => {
  it('with no keychain: enable is refused with the reason, required capture shows it, nothing is captured', async () => {
    const h = harness([0.5]);
    h.screenshots.vault.state = { available: false, reason: 'Cannot autolaunch D-Bus without X11 $DISPLAY' };
    await settle(h);
    const refused = await h.core.invokeAsync('screenshots.enable', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/D-Bus/);
    h.policy.machine.set({ version: 1, screenshots: { mode: 'required' } });
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    await workSettling(h, 20 * MIN);
    expect(h.screenshots.capturer.calls).toEqual([]);
    expect(h.screenshots.vault.files.size).toBe(0);
    const status = must(h.core.invoke('status', {})).screenshots;
    expect(status).toMatchObject({ enabled: true, active: false });
    expect(status?.problem).toMatch(/keychain.*D-Bus/);
    // Re-checked at most once per window, not every tick.
    expect(h.screenshots.vault.checks).toBeLessThanOrEqual(1 + 1 + 5);
  });

  it('a missing capture tool is a visible status and one notification, tried once per window', async () => {
    const h = await enabled([0.5]);
    h.screenshots.capturer.result = { ok: false, reason: 'ImageMagick "import" is not installed' };
    await workSettling(h, 15 * MIN);
    expect(h.screenshots.capturer.calls).toHaveLength(3);
    const status = must(h.core.invoke('status', {})).screenshots;
    expect(status).toMatchObject({ enabled: true, active: false, problem: 'ImageMagick "import" is not installed' });
    expect(h.screenshots.notifier.sent.filter((n) => n.title === 'Screenshots are not being taken')).toHaveLength(1);
    h.screenshots.capturer.result = { ok: true, images: [] };
    await workSettling(h, 5 * MIN);
    expect(must(h.core.invoke('status', {})).screenshots).toMatchObject({ active: true, problem: null });
  });

  it('a file that fails authentication is flagged and never exported', async () => {
    const h = await enabled([0.1]);
    await workSettling(h, 5 * MIN);
    const id = must(await h.core.invokeAsync('screenshots.list', {}))[0]?.id ?? '';
    h.screenshots.vault.tampered.add(id);
    const refused = await h.core.invokeAsync('screenshot.export', { id, out: '/tmp/out.png' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(h.screenshots.vault.exported).toEqual([]);
    expect(must(await h.core.invokeAsync('screenshots.list', {}))[0]?.state).toBe('tampered');
    expect(await h.core.invokeAsync('screenshot.thumbnail', { id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Flagged for good: refused without even trying the file again.
    h.screenshots.vault.tampered.delete(id);
    expect(await h.core.invokeAsync('screenshot.export', { id, out: '/tmp/out.png' })).toMatchObject({ ok: false });
    expect(h.screenshots.vault.exported).toEqual([]);
  });
});

describe('the full image for the window (screenshot.image)', () => {
  it('decrypts the full image on demand, as base64 PNG with its size; only a UUID is accepted', async () => {
    const h = await enabled([0.1]);
    await workSettling(h, 5 * MIN);
    const id = must(await h.core.invokeAsync('screenshots.list', {}))[0]?.id ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    h.screenshots.vault.opened.length = 0;
    expect(must(await h.core.invokeAsync('screenshot.image', { id }))).toEqual({ id, width: 1920, height: 1080, pngBase64: 'iVBORw==' });
    expect(h.screenshots.vault.opened).toEqual(['full']);
    for (const bad of ['shot-1', '../../etc/passwd', 'ABCDEF00-0000-4000-8000-00000000000A', `${id}/x`, '', 42, null]) {
      const refused = await h.core.invokeAsync('screenshot.image', { id: bad });
      expect(refused, String(bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await h.core.invokeAsync('screenshot.image', { id, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(h.screenshots.vault.opened).toEqual(['full']);
    const unknown = await h.core.invokeAsync('screenshot.image', { id: '00000000-0000-4000-8000-00000000ffff' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a tampered file with the reason, flags it, and never opens it again', async () => {
    const h = await enabled([0.1]);
    await workSettling(h, 5 * MIN);
    const id = must(await h.core.invokeAsync('screenshots.list', {}))[0]?.id ?? '';
    h.screenshots.vault.tampered.add(id);
    const refused = await h.core.invokeAsync('screenshot.image', { id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok ? '' : refused.error.message).toBe(
      `screenshot ${id} failed authentication (the file was altered) and is never shown`,
    );
    expect(must(await h.core.invokeAsync('screenshots.list', {}))[0]?.state).toBe('tampered');
    h.screenshots.vault.tampered.delete(id);
    h.screenshots.vault.opened.length = 0;
    expect(await h.core.invokeAsync('screenshot.image', { id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(h.screenshots.vault.opened).toEqual([]);
  });
});

describe('screenshot retention', () => {
  it('at day 91 deletes rows, files and the day key of screenshots older than 90 days', async () => {
    const h = await enabled([0.1]);
    await workSettling(h, 5 * MIN);
    expect(h.screenshots.vault.files.size).toBe(1);
    const later = h.restart(91 * DAY);
    await settle(later);
    expect(later.screenshots.repository.before(Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(later.screenshots.vault.files.size).toBe(0);
    expect(later.screenshots.vault.dayKeys.has('2026-11-20')).toBe(false);
  });

  it('keeps screenshots younger than the smaller of the two retention settings', async () => {
    const h = await enabled([0.1]);
    await workSettling(h, 5 * MIN);
    h.policy.machine.set({ version: 1, screenshots: { retentionDays: 30 }, retention: { screenshotsDays: 10 } });
    const later = h.restart(9 * DAY);
    await settle(later);
    expect(later.screenshots.vault.files.size).toBe(1);
    const result = await later.core.screenshots.applyRetention();
    expect(result.deleted).toBe(0);
    later.time.advance(0);
    const after = later.restart(2 * DAY);
    await settle(after);
    expect(after.screenshots.vault.files.size).toBe(0);
    expect(after.screenshots.vault.dayKeys.size).toBe(0);
  });
});

describe('the keychain', () => {
  it('is not touched while screenshots are off', async () => {
    const h = harness();
    await settle(h);
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    await workSettling(h, 10 * MIN);
    expect(h.screenshots.vault.checks).toBe(0);
    h.policy.machine.set({ version: 1, screenshots: { mode: 'required' } });
    await workSettling(h, 1 * MIN);
    expect(h.screenshots.vault.checks).toBe(1);
  });
});

describe('turning capture off', () => {
  it('discards a capture that was still running when the user disabled screenshots', async () => {
    const h = await enabled([0]);
    let release: () => void = () => undefined;
    const real = h.screenshots.capturer.capture.bind(h.screenshots.capturer);
    h.screenshots.capturer.capture = () =>
      new Promise((resolve) => {
        release = () => {
          resolve(real());
        };
      });
    h.time.advance(2_000, () => {
      h.source.emit('mouse');
    });
    must(h.core.invoke('screenshots.disable', {}));
    release();
    await settle(h);
    expect(h.screenshots.vault.files.size).toBe(0);
    expect(must(await h.core.invokeAsync('screenshots.list', {}))).toEqual([]);
    expect(h.screenshots.notifier.sent.filter((n) => n.title === 'Screenshot taken')).toEqual([]);
  });
});
