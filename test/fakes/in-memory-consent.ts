import type { ConsentFeature, ConsentFeatureRecord, ConsentRecord, ConsentRepository } from '../../main/core/ports/consent';
import { CONSENT_TEXT_VERSION } from '../../main/core/consent/consent-text';

/** The consent store in memory. `accepted` starts with the person's consent given (most core tests record). */
export class InMemoryConsent implements ConsentRepository {
  private record: ConsentRecord | null;
  private told: ConsentFeatureRecord[] = [];

  constructor(accepted: boolean, at = 0) {
    this.record = accepted ? { acceptedAt: at, textVersion: CONSENT_TEXT_VERSION, policyVersion: 'none', givenBy: 'user' } : null;
  }

  get(): ConsentRecord | null {
    return this.record;
  }
  accept(record: ConsentRecord, covers: readonly ConsentFeature[]): void {
    this.record = record;
    this.told = covers.map((feature) => ({ feature, since: record.acceptedAt, how: 'consent' }));
  }
  features(): ConsentFeatureRecord[] {
    return [...this.told];
  }
  addNotice(feature: ConsentFeature, at: number): void {
    if (this.told.map((record) => record.feature).includes(feature)) return;
    this.told.push({ feature, since: at, how: 'notice' });
  }
}
