/** Who gave consent: the person, or their organization's policy (`consent.recordedByOrganization`) on their behalf. */
export type ConsentGiver = 'user' | 'organization';

/** Something Clockhand may collect beyond activity presence, that needs its own notice when an organization adds it. */
export type ConsentFeature = 'screenshots';

export interface ConsentRecord {
  readonly acceptedAt: number;
  /** The version of the consent text (what Clockhand collects) the consent was given to. */
  readonly textVersion: number;
  /** A fingerprint of the organization's policy in effect when consent was given ("none" without one). */
  readonly policyVersion: string;
  readonly givenBy: ConsentGiver;
}

export interface ConsentFeatureRecord {
  readonly feature: ConsentFeature;
  /** When the person was told (at consent, or by a notice when the organization turned it on later). */
  readonly since: number;
  readonly how: 'consent' | 'notice';
}

/** The stored consent (one row) and the features the person has been told about. */
export interface ConsentRepository {
  get(): ConsentRecord | null;
  /** Replaces the consent and the features it covered, in one transaction. */
  accept(record: ConsentRecord, covers: readonly ConsentFeature[]): void;
  features(): ConsentFeatureRecord[];
  addNotice(feature: ConsentFeature, at: number): void;
}
