import { lazy, Suspense, useEffect } from 'react';
import { IdleDialog } from './components/IdleDialog';
import { formatDuration } from './format';
import { listenToMain } from './main-events';
import { useConsent } from './stores/consent-store';
import { useNav, VIEWS, type ViewName } from './stores/nav-store';
import { useSettings } from './stores/settings-store';
import { useStatus } from './stores/status-store';
import { useTasks } from './stores/tasks-store';
import { Consent } from './views/Consent';
import { Entries } from './views/Entries';
import { Integrations } from './views/Integrations';
import { Privacy } from './views/Privacy';
import { Screenshots } from './views/Screenshots';
import { Settings } from './views/Settings';
import { Standup } from './views/Standup';
import { Today } from './views/Today';

// Reports carries Chart.js: loaded when first opened, not with the window.
const Reports = lazy(() => import('./views/Reports').then((module) => ({ default: module.Reports })));

const STATUS_POLL_MS = 1_000;
const TASKS_POLL_MS = 60_000;

const LABELS: Record<ViewName, string> = {
  today: 'Today',
  entries: 'Entries',
  reports: 'Reports',
  standup: 'Standup',
  screenshots: 'Screenshots',
  integrations: 'Integrations',
  settings: 'Settings',
  privacy: 'Privacy',
};

const ICONS: Record<ViewName, string> = {
  today: '◷',
  entries: '☰',
  reports: '▥',
  standup: '✎',
  screenshots: '▣',
  integrations: '⇄',
  settings: '⚙',
  privacy: '◐',
};

function CurrentView({ view }: { readonly view: ViewName }): React.JSX.Element {
  switch (view) {
    case 'today':
      return <Today />;
    case 'entries':
      return <Entries />;
    case 'reports':
      return (
        <Suspense fallback={<p className="subtle">Loading…</p>}>
          <Reports />
        </Suspense>
      );
    case 'standup':
      return <Standup />;
    case 'screenshots':
      return <Screenshots />;
    case 'integrations':
      return <Integrations />;
    case 'settings':
      return <Settings />;
    case 'privacy':
      return <Privacy />;
  }
}

/** The window: navigation on the left, one view at a time, and the idle decision above everything when one waits. */
export function App(): React.JSX.Element {
  const { view, go } = useNav();
  const { status, offline, refresh } = useStatus();
  const loadTasks = useTasks((state) => state.load);
  const loadSettings = useSettings((state) => state.load);
  const consent = useConsent((state) => state.consent);
  const loadConsent = useConsent((state) => state.load);

  useEffect(() => {
    void loadConsent();
  }, [loadConsent]);
  useEffect(() => listenToMain(), []);
  // The core asks again (a new consent text, or consent withdrawn from the command line): fetch the screen's content.
  const askedAgain = status?.consent?.state === 'required' && consent !== null && consent.state !== 'required';
  useEffect(() => {
    if (askedAgain) void loadConsent();
  }, [askedAgain, loadConsent]);

  useEffect(() => {
    void refresh();
    void loadTasks();
    void loadSettings();
    const statusTimer = setInterval(() => void refresh(), STATUS_POLL_MS);
    const tasksTimer = setInterval(() => void loadTasks(), TASKS_POLL_MS);
    return () => {
      clearInterval(statusTimer);
      clearInterval(tasksTimer);
    };
  }, [refresh, loadTasks, loadSettings]);

  // Nothing is recorded before consent: the first-run screen stands in for the whole window until the person agrees.
  const consentView = consent ?? status?.consent ?? null;
  if (consentView?.state === 'required') return <Consent view={consentView} />;
  if (status === null) {
    return (
      <main className="splash">
        <h1>Clockhand</h1>
        {offline === null ? (
          <p>Loading…</p>
        ) : (
          <p className="notice" role="status">
            {offline}
          </p>
        )}
      </main>
    );
  }
  const pending = status.idle.pending;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Views">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Clockhand
        </div>
        <ul>
          {VIEWS.map((name) => (
            <li key={name}>
              <button
                type="button"
                className={view === name ? 'nav-item current' : 'nav-item'}
                aria-current={view === name ? 'page' : undefined}
                onClick={() => {
                  go(name);
                }}
              >
                <span className="nav-icon" aria-hidden="true">
                  {ICONS[name]}
                </span>
                {LABELS[name]}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          {status.timer.running ? (
            <span className="mini-timer">
              <span className="pulse" aria-hidden="true" /> {formatDuration(status.timer.elapsedSeconds)}
            </span>
          ) : (
            <span className="subtle">Timer stopped</span>
          )}
          {offline !== null && (
            <span className="notice" role="status">
              {offline}
            </span>
          )}
          {status.activity.degradedReason !== null && <span className="subtle small-text">Activity: {status.activity.degradedReason}</span>}
        </div>
      </nav>
      <main className="content">
        <CurrentView view={view} />
      </main>
      {pending !== null && <IdleDialog key={pending.id} span={pending} />}
    </div>
  );
}
