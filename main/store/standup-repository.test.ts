import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { createStandupRepository } from './standup-repository';

const content = { workedDay: '2026-11-20', yesterday: [{ taskRef: 'jira:ABC-1', title: 'Login', minutes: 90 }], today: [] };
const target = { kind: 'slack', channel: 'C0STANDUP' } as const;

describe('the standup outbox rows', () => {
  it('one row per day; recomposing changes a draft but never a posted standup', () => {
    const repo = createStandupRepository(openDatabase(':memory:'));
    const draft = repo.saveDraft('2026-11-23', content, 1);
    expect(repo.saveDraft('2026-11-23', content, 2)).toMatchObject({ id: draft.id, revision: 1 });
    const recomposed = repo.saveDraft('2026-11-23', { ...content, today: [{ taskRef: 'jira:ABC-2', title: null, running: true }] }, 3);
    expect(recomposed).toMatchObject({ id: draft.id, revision: 2 });
    repo.queue(draft.id, 7, target, 4);
    const sent = repo.markInFlight(draft.id, 5);
    repo.finish(draft.id, { kind: 'posted', revision: sent.revision, remoteId: '1.1', remoteChannel: 'C0STANDUP' }, 6);
    const after = repo.saveDraft('2026-11-23', { ...content, yesterday: [] }, 7);
    expect(after.content).toEqual(recomposed.content);
    expect(after).toMatchObject({ state: 'posted', postedRevision: 2, remoteId: '1.1', postedAt: 6, queuedAt: 4 });
  });

  it('an edit while the post is in flight is sent next (pending again); an edit of a posted one requeues it', () => {
    const repo = createStandupRepository(openDatabase(':memory:'));
    const draft = repo.saveDraft('2026-11-23', content, 1);
    repo.queue(draft.id, 7, target, 2);
    const sent = repo.markInFlight(draft.id, 3);
    const edits = { yesterday: null, today: null, blockers: 'API key' };
    expect(repo.edit(draft.id, edits, false, 4).state).toBe('in_flight');
    const finished = repo.finish(draft.id, { kind: 'posted', revision: sent.revision, remoteId: '1.1', remoteChannel: 'C0STANDUP' }, 5);
    expect(finished).toMatchObject({ state: 'pending', postedRevision: 1, revision: 2 });
    const second = repo.markInFlight(draft.id, 6);
    expect(repo.finish(draft.id, { kind: 'posted', revision: second.revision, remoteId: null, remoteChannel: null }, 7)).toMatchObject({
      state: 'posted',
      postedRevision: 2,
      remoteId: '1.1',
    });
    expect(repo.edit(draft.id, { ...edits, blockers: null }, true, 8)).toMatchObject({
      state: 'pending',
      revision: 3,
      edits: { blockers: null },
    });
  });

  it('after a crash an attempt left in flight is pending with an unknown outcome; history lists only queued standups', () => {
    const repo = createStandupRepository(openDatabase(':memory:'));
    repo.saveDraft('2026-11-20', content, 1);
    const day = repo.saveDraft('2026-11-23', content, 1);
    repo.queue(day.id, 7, target, 2);
    repo.markInFlight(day.id, 3);
    expect(repo.recoverInFlight(10)).toBe(1);
    expect(repo.get(day.id)).toMatchObject({ state: 'pending', outcomeUnknown: true, attempts: 1 });
    expect(repo.due(10, 5).map((s) => s.id)).toEqual([day.id]);
    expect(repo.history(10).map((s) => s.day)).toEqual(['2026-11-23']);
    repo.finish(day.id, { kind: 'needs_reauth', error: 'sign in again' }, 11);
    expect(repo.due(20, 5)).toEqual([]);
    expect(repo.resumeAfterReauth(7, 21)).toBe(1);
    expect(repo.due(21, 5).map((s) => s.id)).toEqual([day.id]);
  });
});
