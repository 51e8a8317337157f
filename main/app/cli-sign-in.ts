import { operations } from '../../common/contract';
import { AgentNotRunningError, callAgent } from '../adapters/node/control-client';
import { controlSocketPath } from '../adapters/node/data-dir';
import { formatConnection, type SignIn } from './cli-connections';
import { EXIT_FAILED, EXIT_NO_AGENT, requestAndPrint, type Output } from './cli-request';

/**
 * `clockhand connect asana|slack|teams|jira --oauth`: the agent starts the loopback listener and hands back the
 * authorization URL, which is printed (on stderr, so --json output stays clean); then the CLI waits while the
 * agent waits for the browser, exchanges the code and stores the tokens in the keychain.
 */
export function createSignIn(io: Output, dataDir: () => string, setExit: (code: number) => void): SignIn {
  return async (request, json) => {
    let answer;
    try {
      answer = await callAgent(controlSocketPath(dataDir()), 'connection.oauth.begin', request);
    } catch (error) {
      const missing = error instanceof AgentNotRunningError;
      io.err(
        missing
          ? `clockhand: no Clockhand agent or app is running for ${dataDir()} (start one with: clockhand run)`
          : `clockhand: ${error instanceof Error ? error.message : String(error)}`,
      );
      setExit(missing ? EXIT_NO_AGENT : EXIT_FAILED);
      return;
    }
    if (!answer.ok) {
      io.err(json === true ? JSON.stringify({ error: answer.error }) : `clockhand: ${answer.error.message}`);
      setExit(EXIT_FAILED);
      return;
    }
    const started = operations['connection.oauth.begin'].output.parse(answer.value);
    const minutes = Math.round(started.timeoutSeconds / 60);
    io.err(
      `Open this address in your browser to sign in:\n\n  ${started.url}\n\nWaiting for the browser (up to ${String(minutes)} minutes)...`,
    );
    setExit(
      await requestAndPrint(
        io,
        dataDir(),
        'connection.oauth.finish',
        { flow: started.flow },
        json === true,
        (c) => `Connected ${formatConnection(c)}`,
        (started.timeoutSeconds + 30) * 1000,
      ),
    );
  };
}
