import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryConsent } from '../../test/fakes/in-memory-consent';
import type { ConsentRepository } from '../core/ports/consent';
import { createConsentRepository } from './consent-repository';
import { openDatabase } from './database';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function sqlite(): ConsentRepository {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-consent-store-'));
  const db = openDatabase(join(dir, 'clockhand.db'));
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return createConsentRepository(db);
}

// One contract for the SQLite repository and the in-memory fake the core tests use.
describe.each([
  ['SQLite', sqlite],
  ['in memory', () => new InMemoryConsent(false)],
])('the consent store (%s)', (_name, make: () => ConsentRepository) => {
  it('starts empty; accept stores the record and replaces the features with what it covers', () => {
    const store = make();
    expect(store.get()).toBeNull();
    expect(store.features()).toEqual([]);
    store.addNotice('screenshots', 5);
    store.accept({ acceptedAt: 10, textVersion: 1, policyVersion: 'p1', givenBy: 'organization' }, []);
    expect(store.get()).toEqual({ acceptedAt: 10, textVersion: 1, policyVersion: 'p1', givenBy: 'organization' });
    expect(store.features()).toEqual([]);
    store.accept({ acceptedAt: 20, textVersion: 2, policyVersion: 'p2', givenBy: 'user' }, ['screenshots']);
    expect(store.get()).toEqual({ acceptedAt: 20, textVersion: 2, policyVersion: 'p2', givenBy: 'user' });
    expect(store.features()).toEqual([{ feature: 'screenshots', since: 20, how: 'consent' }]);
  });

  it('a notice is recorded once: a feature already told about keeps its first record', () => {
    const store = make();
    store.accept({ acceptedAt: 10, textVersion: 1, policyVersion: 'p', givenBy: 'user' }, []);
    store.addNotice('screenshots', 30);
    store.addNotice('screenshots', 40);
    expect(store.features()).toEqual([{ feature: 'screenshots', since: 30, how: 'notice' }]);
  });
});
