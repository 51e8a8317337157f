import { useEffect, useState } from 'react';
import type { ConsentView } from '../../common/dto';
import { ExportCard } from '../components/ExportCard';
import { ErrorNote } from '../components/ErrorNote';
import { SentenceList } from '../components/SentenceList';
import { clockTime, instantOf, longDay, today } from '../format';
import { useConsent } from '../stores/consent-store';
import { usePrivacy } from '../stores/privacy-store';
import { useSettings } from '../stores/settings-store';
import { useStatus } from '../stores/status-store';

function setting(settings: readonly { key: string; value: unknown }[] | undefined, key: string): string {
  const value = settings?.find((s) => s.key === key)?.value;
  return typeof value === 'number' ? `${String(value)} days` : '—';
}

/** An ISO instant -> "Monday, 23 November 2026, 09:05" (local), or the text itself if it is not one. */
function dateTime(iso: string): string {
  const at = instantOf(iso);
  return Number.isNaN(at) ? iso : `${longDay(today(new Date(at)))}, ${clockTime(iso)}`;
}

function consentSentence(consent: ConsentView): string {
  switch (consent.state) {
    case 'required':
      return 'Consent has not been given: Clockhand records nothing until you agree.';
    case 'given':
      return 'You gave your consent.';
    case 'given_by_organization':
      return 'Consent was given by your organization on your behalf (policy consent.recordedByOrganization).';
  }
}

const FEATURES: Record<ConsentView['notices'][number]['feature'], string> = { screenshots: 'Screenshots' };

/** What Clockhand collects and never collects: the core's consent text, the same sentences the person agreed to. */
function CollectedCards({ consent }: { readonly consent: ConsentView }): React.JSX.Element {
  return (
    <div className="two-columns">
      <section className="card" aria-labelledby="collected">
        <h2 id="collected">What is collected</h2>
        <SentenceList label="What is collected" lines={consent.collects} tone="yes" />
      </section>
      <section className="card" aria-labelledby="not-collected">
        <h2 id="not-collected">What is never collected</h2>
        <SentenceList label="What is never collected" lines={consent.neverCollects} tone="no" />
      </section>
    </div>
  );
}

/** Who consented, when, under which policy, and what the person was told about since. */
function ConsentCard({ consent }: { readonly consent: ConsentView }): React.JSX.Element {
  return (
    <section className="card" aria-labelledby="consent">
      <h2 id="consent">Consent</h2>
      <p className="consent-state">{consentSentence(consent)}</p>
      <dl className="pairs">
        <dt>Given</dt>
        <dd>{consent.acceptedAt === null ? '—' : dateTime(consent.acceptedAt)}</dd>
        <dt>Policy version</dt>
        <dd>{consent.policyVersion ?? '—'}</dd>
        <dt>Consent text</dt>
        <dd>Version {consent.textVersion}</dd>
      </dl>
      {consent.notices.length > 0 && (
        <ul className="consent-notices" aria-label="Notices">
          {consent.notices.map((notice) => (
            <li key={`${notice.feature}-${notice.since}`}>
              {FEATURES[notice.feature]}: {notice.how === 'consent' ? 'told at consent' : 'told by a notice'}, since{' '}
              {dateTime(notice.since)}.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What Clockhand keeps and what it never does (the consent text); consent; retention; export; erase everything. */
export function Privacy(): React.JSX.Element {
  const policy = useSettings((state) => state.policy);
  const loadPolicy = useSettings((state) => state.load);
  const dataDir = useStatus((state) => state.status?.agent.dataDir ?? null);
  const { erasing, error, erase } = usePrivacy();
  const consent = useConsent((state) => state.consent);
  const consentError = useConsent((state) => state.error);
  const loadConsent = useConsent((state) => state.load);
  useEffect(() => {
    void loadConsent();
  }, [loadConsent]);
  const [confirmText, setConfirmText] = useState('');
  useEffect(() => {
    void loadPolicy();
  }, [loadPolicy]);
  return (
    <div className="view privacy">
      <header className="view-head">
        <div>
          <h1>Privacy</h1>
          <p className="subtle">Your data stays in one local file{dataDir === null ? '' : ` in ${dataDir}`}.</p>
        </div>
      </header>
      {consent !== null && <CollectedCards consent={consent} />}
      {consent === null && <ErrorNote message={consentError} />}
      {consent !== null && <ConsentCard consent={consent} />}
      <section className="card" aria-labelledby="retention">
        <h2 id="retention">Retention</h2>
        <dl className="pairs">
          <dt>Time entries and activity</dt>
          <dd>{setting(policy?.settings, 'retention.timeEntriesDays')}</dd>
          <dt>Screenshots</dt>
          <dd>{setting(policy?.settings, 'retention.screenshotsDays')}</dd>
        </dl>
      </section>
      <ExportCard dataDir={dataDir} />
      <section className="card danger-zone" aria-labelledby="erase">
        <h2 id="erase">Erase everything</h2>
        <p>
          Deletes every entry, screenshot, log and keychain entry of Clockhand on this computer, then stops Clockhand. Worklogs already
          posted stay at the vendor.
        </p>
        {erasing ? (
          <p role="status">Erasing… Clockhand stops when it is done.</p>
        ) : (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (confirmText === 'erase') void erase();
            }}
          >
            <label className="field">
              <span className="field-label">Type “erase” to confirm</span>
              <input
                value={confirmText}
                onChange={(e) => {
                  setConfirmText(e.target.value);
                }}
                autoComplete="off"
              />
            </label>
            <button type="submit" className="danger" disabled={confirmText !== 'erase'}>
              Erase everything
            </button>
          </form>
        )}
      </section>
      <ErrorNote message={error} />
    </div>
  );
}
