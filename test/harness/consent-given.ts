import type Database from 'better-sqlite3';
import { CONSENT_TEXT_VERSION } from '../../main/core/consent/consent-text';
import { createConsentRepository } from '../../main/store/consent-repository';

/** The consent store of a rig whose person has consented (the consent tests cover the refusal before it). */
export function consentGiven(db: Database.Database): ReturnType<typeof createConsentRepository> {
  const consent = createConsentRepository(db);
  consent.accept({ acceptedAt: Date.now(), textVersion: CONSENT_TEXT_VERSION, policyVersion: 'none', givenBy: 'user' }, []);
  return consent;
}
