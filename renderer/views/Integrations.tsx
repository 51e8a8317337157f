import { useEffect, useState } from 'react';
import type { ConnectionDto } from '../../common/dto';
import { ErrorNote } from '../components/ErrorNote';
import { clockTime } from '../format';
import { providerName } from '../provider-name';
import { useIntegrations, type ConnectInput } from '../stores/integrations-store';
import { useSignIn, type OAuthProvider } from '../stores/sign-in-store';
import { useTasks } from '../stores/tasks-store';
import { SignInPanel } from '../components/SignInPanel';
import { TextField } from '../components/TextField';

type Provider = ConnectInput['provider'];

function isOAuthProvider(provider: ConnectionDto['provider']): provider is OAuthProvider {
  return provider === 'jira' || provider === 'asana' || provider === 'slack' || provider === 'teams';
}
const STATES: Record<ConnectionDto['state'], string> = { ok: 'Connected', needs_reauth: 'Reconnect needed', unavailable: 'Unavailable' };

/**
 * Connections: state, check, disconnect; connect (or reconnect) with a token that goes straight to the keychain, or
 * with a browser sign-in.
 */
export function Integrations(): React.JSX.Element {
  const { connections, error, busy, load, disconnect, check } = useIntegrations();
  const signIn = useSignIn((state) => state.begin);
  const signingIn = useSignIn((state) => state.signIn.phase === 'starting' || state.signIn.phase === 'waiting');
  const [form, setForm] = useState<{ provider: Provider; site: string } | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="view integrations">
      <header className="view-head">
        <div>
          <h1>Integrations</h1>
          <p className="subtle">Tokens are kept in your system keychain and never shown again.</p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setForm({ provider: 'jira', site: '' });
          }}
        >
          Connect…
        </button>
      </header>
      <ErrorNote message={error} />
      <SignInPanel />
      {form !== null && (
        <ConnectForm
          provider={form.provider}
          site={form.site}
          onDone={() => {
            setForm(null);
          }}
        />
      )}
      {connections.length === 0 ? (
        <p className="empty">No connections yet. Connect Jira or Asana to pick assigned tasks and post worklogs.</p>
      ) : (
        <ul className="connection-list" aria-label="Connections">
          {connections.map((c) => (
            <li key={c.id} className="card connection">
              <div className="connection-main">
                <span className="connection-provider">{providerName(c.provider)}</span>
                <span className="connection-site">{c.site}</span>
                <span className="subtle">{c.account ?? ''}</span>
              </div>
              <div className="connection-state">
                <span className={`state-pill state-${c.state}`}>{STATES[c.state]}</span>
                {c.stateReason !== null && <span className="subtle">{c.stateReason}</span>}
                <span className="subtle">checked {clockTime(c.checkedAt)}</span>
              </div>
              <div className="connection-actions">
                {c.state === 'needs_reauth' && c.auth === 'oauth' && isOAuthProvider(c.provider) && (
                  <button
                    type="button"
                    className="primary small"
                    disabled={signingIn}
                    aria-label={`Reconnect ${providerName(c.provider)} (${c.site}): sign in again`}
                    onClick={() => void signIn(c.provider as OAuthProvider, c.provider === 'jira' ? c.site : undefined)}
                  >
                    Reconnect
                  </button>
                )}
                {c.state === 'needs_reauth' &&
                  c.auth !== 'oauth' &&
                  (c.provider === 'jira' || c.provider === 'jira-dc' || c.provider === 'asana' || c.provider === 'tempo') && (
                    <button
                      type="button"
                      className="primary small"
                      onClick={() => {
                        setForm({ provider: c.provider as Provider, site: c.site });
                      }}
                    >
                      Reconnect
                    </button>
                  )}
                <button type="button" className="small" disabled={busy} onClick={() => void check(c.id)}>
                  Check
                </button>
                <button
                  type="button"
                  className="small ghost danger-text"
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(`Disconnect ${providerName(c.provider)} (${c.site})?`)) void disconnect(c.id);
                  }}
                >
                  Disconnect
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ConnectForm({
  provider: initial,
  site: initialSite,
  onDone,
}: {
  readonly provider: Provider;
  readonly site: string;
  readonly onDone: () => void;
}): React.JSX.Element {
  const { connect, busy, error } = useIntegrations();
  const reloadTasks = useTasks((state) => state.load);
  const [provider, setProvider] = useState<Provider>(initial);
  const [site, setSite] = useState(initialSite);
  const [email, setEmail] = useState('');
  const [token, setToken] = useState('');
  const input = (): ConnectInput => {
    switch (provider) {
      case 'jira':
        return { provider, site, email, token };
      case 'jira-dc':
        return { provider, baseUrl: site, token };
      case 'tempo':
        return { provider, token };
      case 'asana':
        return { provider, token };
      case 'teams':
        return { provider, webhookUrl: token };
    }
  };
  const needsSite = provider === 'jira' || provider === 'jira-dc';
  return (
    <form
      className="card connect-form"
      aria-label="Connect"
      onSubmit={(event) => {
        event.preventDefault();
        void connect(input()).then((done) => {
          setToken('');
          if (done) {
            void reloadTasks(true);
            onDone();
          }
        });
      }}
    >
      <label className="field">
        <span className="field-label">Service</span>
        <select
          value={provider}
          onChange={(e) => {
            setProvider(e.target.value as Provider);
          }}
        >
          <option value="jira">Jira Cloud (API token)</option>
          <option value="jira-dc">Jira Data Center (personal access token)</option>
          <option value="tempo">Tempo (API token)</option>
          <option value="asana">Asana (personal access token)</option>
          <option value="teams">Teams (Workflows webhook)</option>
        </select>
      </label>
      {needsSite && (
        <TextField
          label={provider === 'jira' ? 'Site' : 'Base URL'}
          type="url"
          wide
          required
          value={site}
          placeholder="https://acme.atlassian.net"
          onChange={setSite}
        />
      )}
      {provider === 'jira' && <TextField label="Email" type="email" wide required value={email} autoComplete="off" onChange={setEmail} />}
      <TextField
        label={provider === 'teams' ? 'Webhook URL' : 'Token'}
        type="password"
        wide
        required
        value={token}
        autoComplete="off"
        onChange={setToken}
      />
      <ErrorNote message={error} />
      <div className="form-actions">
        <button type="button" className="ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
