import type { ConsentView } from '../../common/dto';
import { ErrorNote } from '../components/ErrorNote';
import { SentenceList } from '../components/SentenceList';
import { useConsent } from '../stores/consent-store';
import { useStatus } from '../stores/status-store';

/**
 * The first-run screen, shown instead of the app while the core says consent is required: what Clockhand collects
 * and what it never collects (the core's own sentences, as text), and one button to agree.
 */
export function Consent({ view }: { readonly view: ConsentView }): React.JSX.Element {
  const error = useConsent((state) => state.error);
  const busy = useConsent((state) => state.busy);
  const accept = useConsent((state) => state.accept);
  const refreshStatus = useStatus((state) => state.refresh);
  return (
    <main className="consent-screen" aria-labelledby="consent-title">
      <div className="consent-card card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Clockhand
        </div>
        <h1 id="consent-title">Before Clockhand records anything</h1>
        <p className="subtle">Nothing has been recorded yet. Please read what Clockhand keeps, then agree to start.</p>
        <section aria-labelledby="consent-collects">
          <h2 id="consent-collects">What Clockhand collects</h2>
          <SentenceList label="What Clockhand collects" lines={view.collects} tone="yes" />
        </section>
        <section aria-labelledby="consent-never">
          <h2 id="consent-never">What is never collected</h2>
          <SentenceList label="What is never collected" lines={view.neverCollects} tone="no" />
        </section>
        <div className="consent-actions">
          <button
            type="button"
            className="primary consent-accept"
            disabled={busy}
            onClick={() => {
              void accept().then((accepted) => {
                if (accepted) void refreshStatus();
              });
            }}
          >
            I agree — start Clockhand
          </button>
          <span className="subtle small-text">You can read this again, export or erase everything under Privacy.</span>
        </div>
        <ErrorNote message={error} />
      </div>
    </main>
  );
}
