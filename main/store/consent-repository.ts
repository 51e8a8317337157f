import type Database from 'better-sqlite3';
import type { ConsentFeature, ConsentFeatureRecord, ConsentRecord, ConsentRepository } from '../core/ports/consent';

interface ConsentRow {
  accepted_at: number;
  text_version: number;
  policy_version: string;
  given_by: string;
}

interface FeatureRow {
  feature: string;
  since: number;
  how: string;
}

/** The consent row and the features told about (migration 007). */
export function createConsentRepository(db: Database.Database): ConsentRepository {
  const get = db.prepare<[], ConsentRow>('SELECT accepted_at, text_version, policy_version, given_by FROM consent WHERE id = 1');
  const upsert = db.prepare<[number, number, string, string]>(
    `INSERT INTO consent (id, accepted_at, text_version, policy_version, given_by) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET accepted_at = excluded.accepted_at, text_version = excluded.text_version,
       policy_version = excluded.policy_version, given_by = excluded.given_by`,
  );
  const features = db.prepare<[], FeatureRow>('SELECT feature, since, how FROM consent_features ORDER BY since, feature');
  const clearFeatures = db.prepare('DELETE FROM consent_features');
  const addFeature = db.prepare<[string, number, string]>(
    'INSERT INTO consent_features (feature, since, how) VALUES (?, ?, ?) ON CONFLICT (feature) DO NOTHING',
  );
  return {
    get: () => {
      const row = get.get();
      if (row === undefined) return null;
      return {
        acceptedAt: row.accepted_at,
        textVersion: row.text_version,
        policyVersion: row.policy_version,
        givenBy: row.given_by === 'organization' ? 'organization' : 'user',
      };
    },
    accept: (record: ConsentRecord, covers: readonly ConsentFeature[]) => {
      db.transaction(() => {
        upsert.run(record.acceptedAt, record.textVersion, record.policyVersion, record.givenBy);
        clearFeatures.run();
        for (const feature of covers) addFeature.run(feature, record.acceptedAt, 'consent');
      })();
    },
    features: () =>
      features
        .all()
        .flatMap((row): ConsentFeatureRecord[] =>
          row.feature === 'screenshots'
            ? [{ feature: 'screenshots', since: row.since, how: row.how === 'notice' ? 'notice' : 'consent' }]
            : [],
        ),
    addNotice: (feature, at) => {
      addFeature.run(feature, at, 'notice');
    },
  };
}
