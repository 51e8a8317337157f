import { describe, expect, it } from 'vitest';
import { coreHarness, must, workSettling, type CoreHarness } from '../../../test/fakes/core-harness';
import { screenshotFakes } from '../../../test/fakes/fake-screenshots';
import { FakeTime } from '../../../test/fakes/fake-time';
import { InMemoryConsent } from '../../../test/fakes/in-memory-consent';
import { calendarDateOf, dayRange } from '../../../common/local-time';
import type { ConsentFeatureRecord, ConsentRecord } from '../ports/consent';
import { CONSENT_TEXT_VERSION } from './consent-text';

const nineAm = new Date(2026, 10, 20, 9, 0, 0).getTime();
const MIN = 60_000;

/** A harness whose stored consent is `consent`. */
function withStoredConsent(consent: InMemoryConsent): CoreHarness {
  const time = new FakeTime(nineAm);
  return coreHarness(nineAm, { idleMinutes: 5 }, { time, screenshots: screenshotFakes(() => time.now(), [0.5]), consent });
}

/** A first run: no consent stored yet. */
function firstRun(): CoreHarness {
  return withStoredConsent(new InMemoryConsent(false));
}

function activeToday(h: CoreHarness): number {
  const today = dayRange(calendarDateOf(h.time.now()));
  return h.store.activity.activeSecondsBetween(today.start, today.end);
}

describe('first-run consent', () => {
  it('records nothing before consent; after clockhand consent --accept it records', async () => {
    const h = firstRun();
    await workSettling(h, 10 * MIN);
    expect(activeToday(h)).toBe(0);
    expect(h.store.idleSpans.pending()).toEqual([]);
    const refused = h.core.invoke('timer.start', { taskRef: 'local:x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'consent_required' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/clockhand consent --accept/);
    expect(h.core.invoke('entry.add', { taskRef: 'local:x', start: '2026-11-20T08:00', end: '2026-11-20T08:30' })).toMatchObject({
      ok: false,
      error: { code: 'consent_required' },
    });
    expect(h.store.entries.intersecting(0, Number.MAX_SAFE_INTEGER, h.time.now())).toEqual([]);
    const before = must(h.core.invoke('consent.show', {}));
    expect(before).toMatchObject({ state: 'required', recording: false, acceptedAt: null, givenBy: null });
    expect(before.collects.join(' ')).toMatch(/never which key/i);
    expect(must(h.core.invoke('status', {})).consent?.state).toBe('required');

    const accepted = must(h.core.invoke('consent.accept', {}));
    expect(accepted).toMatchObject({
      state: 'given',
      recording: true,
      givenBy: 'user',
      policyVersion: 'none',
      textVersion: CONSENT_TEXT_VERSION,
    });
    expect(accepted.acceptedAt).not.toBeNull();
    expect(h.consent.get()).toMatchObject({ acceptedAt: h.time.now(), givenBy: 'user', textVersion: CONSENT_TEXT_VERSION });
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    await workSettling(h, 2 * MIN);
    expect(activeToday(h)).toBeGreaterThanOrEqual(110);
    // Accepting again keeps the first consent and its time.
    const at = h.consent.get()?.acceptedAt;
    h.time.advance(MIN);
    must(h.core.invoke('consent.accept', {}));
    expect(h.consent.get()?.acceptedAt).toBe(at);
  });

  it("stores the policy it was given under, and a policy can record consent on the user's behalf (stated as such)", async () => {
    const h = firstRun();
    h.policy.machine.set({ version: 1, consent: { recordedByOrganization: true }, tracking: { roundingMinutes: 15 } });
    await workSettling(h, 2 * MIN);
    const view = must(h.core.invoke('consent.show', {}));
    expect(view).toMatchObject({ state: 'given_by_organization', recording: true, givenBy: 'organization' });
    expect(view.policyVersion).toMatch(/^2-[0-9a-f]{8}$/);
    expect(view.collects.join(' ')).toMatch(/organization has recorded consent on your behalf/);
    expect(h.consent.get()).toMatchObject({ givenBy: 'organization' });
    expect(activeToday(h)).toBeGreaterThan(0);
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    // The user cannot claim the organization's consent themselves.
    const other = firstRun();
    expect(other.core.invoke('settings.set', { key: 'consent.recordedByOrganization', value: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('a policy that turns screenshots on raises the notice before the first capture', async () => {
    const h = firstRun();
    must(h.core.invoke('consent.accept', {}));
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    await workSettling(h, 5 * MIN);
    expect(h.screenshots.capturer.calls).toEqual([]);
    h.policy.machine.set({ version: 1, screenshots: { mode: 'required', intervalMinutes: 2 } });
    await workSettling(h, 6 * MIN);
    expect(h.screenshots.capturer.calls.length).toBeGreaterThanOrEqual(2);
    const titles = h.screenshots.notifier.sent.map((n) => n.title);
    const notice = titles.indexOf('Your organization now requires screenshots');
    expect(notice).toBeGreaterThanOrEqual(0);
    expect(titles.filter((t) => t === 'Your organization now requires screenshots')).toHaveLength(1);
    const firstShot = titles.findIndex((t) => /screenshot taken/i.test(t));
    expect(firstShot).toBeGreaterThan(notice);
    const told = must(h.core.invoke('consent.show', {})).notices;
    expect(told).toMatchObject([{ feature: 'screenshots', how: 'notice' }]);
    expect(h.consent.features()[0]?.since).toBeLessThanOrEqual(h.screenshots.capturer.calls[0] ?? 0);
  });

  it("never captures an organization's screenshots while the notice has not been raised", async () => {
    const h = firstRun();
    h.policy.machine.set({ version: 1, screenshots: { mode: 'required', intervalMinutes: 1 } });
    await workSettling(h, 5 * MIN);
    // No consent: nothing at all, and no notice either (consent comes first).
    expect(h.screenshots.capturer.calls).toEqual([]);
    expect(h.consent.features()).toEqual([]);
    must(h.core.invoke('consent.accept', {}));
    // Required at consent time: the consent text said so, which covers it.
    expect(h.consent.features()).toMatchObject([{ feature: 'screenshots', how: 'consent' }]);
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    await workSettling(h, 3 * MIN);
    expect(h.screenshots.capturer.calls.length).toBeGreaterThanOrEqual(1);
  });

  it('asks again after the consent text changed: consent to an older text records nothing', async () => {
    const older = new InMemoryConsent(false);
    older.accept(
      { acceptedAt: nineAm - 30 * 24 * 60 * MIN, textVersion: CONSENT_TEXT_VERSION - 1, policyVersion: 'none', givenBy: 'user' },
      [],
    );
    const h = withStoredConsent(older);
    const shown = must(h.core.invoke('consent.show', {}));
    expect(shown).toMatchObject({ state: 'required', recording: false, acceptedAt: null, textVersion: CONSENT_TEXT_VERSION });
    // Version 2 names every place data goes, standups included, and what is never collected.
    expect(shown.collects.join(' ')).toMatch(/Jira, Tempo or Asana.*Slack or Teams/);
    expect(shown.neverCollects.join(' ')).toMatch(/which keys you press/i);
    expect(h.core.invoke('timer.start', { taskRef: 'local:x' })).toMatchObject({ ok: false, error: { code: 'consent_required' } });
    await workSettling(h, 5 * MIN);
    expect(activeToday(h)).toBe(0);
    expect(must(h.core.invoke('consent.accept', {})).state).toBe('given');
    expect(h.consent.get()?.textVersion).toBe(CONSENT_TEXT_VERSION);
  });

  it('reads the stored consent once, not on every tick, and again after its own writes', async () => {
    const repository = new CountingConsent();
    const h = withStoredConsent(repository);
    await workSettling(h, 10 * MIN);
    expect(repository.reads).toBe(2);
    must(h.core.invoke('consent.accept', {}));
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    await workSettling(h, 10 * MIN);
    expect(repository.reads).toBe(4);
    expect(activeToday(h)).toBeGreaterThan(0);
  });
});

/** The in-memory store, counting the reads (get and features) that reach it. */
class CountingConsent extends InMemoryConsent {
  reads = 0;
  constructor() {
    super(false);
  }
  override get(): ConsentRecord | null {
    this.reads += 1;
    return super.get();
  }
  override features(): ConsentFeatureRecord[] {
    this.reads += 1;
    return super.features();
  }
}
