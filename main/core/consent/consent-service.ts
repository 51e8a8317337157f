import type { ConsentView } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import { DomainError } from '../errors';
import type { Clock } from '../ports/clock';
import type { ConsentFeature, ConsentFeatureRecord, ConsentRecord, ConsentRepository } from '../ports/consent';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';
import type { PolicyService } from '../policy/policy-service';
import type { ScreenshotSettings } from '../screenshots/screenshot-settings';
import { CONSENT_TEXT_VERSION, consentText, NEVER_COLLECTED } from './consent-text';
import { policyFingerprint } from './policy-fingerprint';
import { notifications } from '../notifications/notification-catalog';

export interface ConsentDeps {
  readonly repository: ConsentRepository;
  readonly policy: PolicyService;
  readonly clock: Clock;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly screenshots: () => ScreenshotSettings;
}

interface StoredConsent {
  readonly record: ConsentRecord | null;
  readonly features: readonly ConsentFeatureRecord[];
}

/**
 * First-run consent: nothing is recorded until the person accepts (or their organization's policy records consent
 * on their behalf), and a feature the organization turns on later (screenshots) is announced before it starts.
 */
export class ConsentService {
  /**
   * The stored consent and features, read once and kept: this service is the only writer of the consent tables
   * (erase and restore run without a live core), so it drops the copy after each of its own writes. The policy is
   * still read live: it can change under the service.
   */
  private cache: StoredConsent | null = null;

  constructor(private readonly deps: ConsentDeps) {}

  /** Whether recording may happen: consent to the current text, by the person or their organization. */
  granted(): boolean {
    const { record } = this.stored();
    if (record !== null && record.textVersion === CONSENT_TEXT_VERSION) return true;
    return this.byOrganization();
  }

  /** Throws consent_required (with the command that fixes it) when recording is not allowed yet. */
  require(what: string): void {
    if (this.granted()) return;
    throw new DomainError(
      'consent_required',
      `${what} needs your consent first: see what Clockhand collects with \`clockhand consent\`, then run \`clockhand consent --accept\``,
    );
  }

  /** Whether the person has been told about a feature the organization turned on (at consent or by a notice). */
  covers(feature: ConsentFeature): boolean {
    return this.stored()
      .features.map((record) => record.feature)
      .includes(feature);
  }

  accept(): ConsentView {
    const existing = this.stored().record;
    if (existing?.givenBy === 'user' && existing.textVersion === CONSENT_TEXT_VERSION) return this.view();
    this.record('user');
    return this.view();
  }

  /**
   * Every tick: stores the organization's consent when its policy records it, and announces what the organization
   * turned on that the person has not been told about, before the schedule can start it.
   */
  tick(): void {
    if (this.byOrganization() && this.stored().record?.textVersion !== CONSENT_TEXT_VERSION) this.record('organization');
    if (!this.granted()) return;
    const screenshots = this.deps.screenshots();
    if (screenshots.lockedBy !== null && screenshots.mode === 'required' && !this.covers('screenshots')) {
      this.deps.notifier.notify(notifications.screenshotsRequired(screenshots.intervalMinutes, screenshots.lockedBy));
      this.write(() => {
        this.deps.repository.addNotice('screenshots', this.deps.clock.now());
      });
      this.deps.logger.info('consent notice raised', { feature: 'screenshots', by: screenshots.lockedBy });
    }
  }

  view(): ConsentView {
    const { record, features } = this.stored();
    const current = record !== null && record.textVersion === CONSENT_TEXT_VERSION ? record : null;
    const byOrganization = this.byOrganization();
    const state = current?.givenBy === 'user' ? 'given' : byOrganization || current !== null ? 'given_by_organization' : 'required';
    return {
      state,
      recording: state !== 'required',
      textVersion: CONSENT_TEXT_VERSION,
      collects: consentText(this.deps.screenshots(), byOrganization),
      neverCollects: [...NEVER_COLLECTED],
      acceptedAt: current === null ? null : formatLocalIso(current.acceptedAt),
      givenBy: current?.givenBy ?? (byOrganization ? 'organization' : null),
      policyVersion: current?.policyVersion ?? null,
      notices: features.map((feature) => ({
        feature: feature.feature,
        since: formatLocalIso(feature.since),
        how: feature.how,
      })),
    };
  }

  private record(givenBy: 'user' | 'organization'): void {
    const now = this.deps.clock.now();
    const screenshots = this.deps.screenshots();
    const covers: ConsentFeature[] = screenshots.enabled ? ['screenshots'] : [];
    const policyVersion = policyFingerprint(this.deps.policy.list());
    this.write(() => {
      this.deps.repository.accept({ acceptedAt: now, textVersion: CONSENT_TEXT_VERSION, policyVersion, givenBy }, covers);
    });
    this.deps.logger.info('consent recorded', { by: givenBy, textVersion: CONSENT_TEXT_VERSION, policyVersion });
  }

  private stored(): StoredConsent {
    this.cache ??= { record: this.deps.repository.get(), features: this.deps.repository.features() };
    return this.cache;
  }

  /** A write of the service's own: the kept copy is dropped (also when the write fails) and read again on use. */
  private write(change: () => void): void {
    try {
      change();
    } finally {
      this.cache = null;
    }
  }

  private byOrganization(): boolean {
    const entry = this.deps.policy.entry('consent.recordedByOrganization');
    return entry.value === true && (entry.origin === 'machine' || entry.origin === 'user-policy');
  }
}
