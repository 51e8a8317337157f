import { useState } from 'react';
import { useSignIn, type OAuthProvider } from '../stores/sign-in-store';
import { useTasks } from '../stores/tasks-store';
import { providerName } from '../provider-name';

const OAUTH_PROVIDERS: readonly OAuthProvider[] = ['jira', 'asana', 'slack', 'teams'];

/**
 * "Sign in with …" for the services that use a browser sign-in, and where that sign-in stands: waiting for the
 * browser (with the page as a link and Cancel), refused (the core's reason as text), or connected.
 */
export function SignInPanel(): React.JSX.Element {
  const { signIn, begin, cancel, dismiss } = useSignIn();
  const reloadTasks = useTasks((state) => state.load);
  const [site, setSite] = useState('');
  const start = (provider: OAuthProvider): void => {
    void begin(provider, provider === 'jira' ? site.trim() : undefined).then(() => {
      if (useSignIn.getState().signIn.phase === 'connected') void reloadTasks(true);
    });
  };
  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in with your browser</h2>
      {signIn.phase === 'waiting' || signIn.phase === 'starting' ? (
        <div className="sign-in-pending">
          <p role="status">
            {signIn.phase === 'starting'
              ? `Starting the ${providerName(signIn.provider)} sign-in…`
              : `Waiting for you to sign in to ${providerName(signIn.provider)} in your browser (up to ${String(Math.round(signIn.timeoutSeconds / 60))} minutes).`}
          </p>
          {signIn.phase === 'waiting' && signIn.link !== null && (
            <p className="subtle">
              The page did not open?{' '}
              <a href={signIn.link} target="_blank" rel="noreferrer noopener">
                Open the {providerName(signIn.provider)} sign-in page
              </a>
            </p>
          )}
          <button type="button" disabled={signIn.phase !== 'waiting'} onClick={() => void cancel()}>
            Cancel sign-in
          </button>
        </div>
      ) : (
        <>
          <p className="subtle">The service asks you to sign in and approve Clockhand; tokens go to your system keychain.</p>
          <div className="sign-in-buttons">
            {OAUTH_PROVIDERS.map((provider) => (
              <button
                key={provider}
                type="button"
                onClick={() => {
                  start(provider);
                }}
              >
                Sign in with {providerName(provider)}
              </button>
            ))}
          </div>
          <label className="field sign-in-site">
            <span className="field-label">Jira Cloud site (optional)</span>
            <input
              type="url"
              value={site}
              placeholder="https://acme.atlassian.net"
              onChange={(e) => {
                setSite(e.target.value);
              }}
            />
          </label>
        </>
      )}
      {signIn.phase === 'failed' && (
        <div className="sign-in-result">
          <p className="error-note" role="alert">
            {providerName(signIn.provider)} was not connected: {signIn.message}
          </p>
          <button type="button" className="small ghost" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {signIn.phase === 'connected' && (
        <div className="sign-in-result">
          <p className="success" role="status">
            Connected to {providerName(signIn.provider)}
            {signIn.connection.account !== null && ` as ${signIn.connection.account}`}.
          </p>
          <button type="button" className="small ghost" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}
