import type { Command, Option } from 'commander';
import type { ConnectionDto } from '../../common/dto';
import type { Ask } from './cli-policy';
import { readSecret } from './read-secret';

/** Runs an OAuth sign-in through the agent: prints the authorization URL, waits for the browser to come back. */
export type SignIn = (
  request: { provider: 'jira' | 'asana' | 'slack' | 'teams'; site?: string },
  json: boolean | undefined,
) => Promise<void>;

export function formatConnection(c: ConnectionDto): string {
  const state = c.state === 'ok' ? 'ok' : `${c.state}${c.stateReason === null ? '' : ` (${c.stateReason})`}`;
  return `#${String(c.id)}  ${c.provider.padEnd(8)} ${c.site}  ${c.account ?? '-'}  ${state}`;
}

function formatConnections(list: readonly ConnectionDto[]): string {
  return list.length === 0
    ? 'No connections. Add one with: clockhand connect jira --site URL --email ADDRESS'
    : list.map(formatConnection).join('\n');
}

/** `clockhand connect jira|jira-dc`, `clockhand connections [--check]`, `clockhand disconnect <id>`. */
export function addConnectionCommands(
  program: Command,
  json: Option,
  ask: Ask,
  toId: (text: string) => number,
  usage: (message: string) => Error,
  signIn: SignIn,
): void {
  const connect = program
    .command('connect')
    .description('connect Clockhand to Jira, Tempo, Asana, Slack or Teams (tokens are read from standard input or a hidden prompt)');
  connect
    .command('jira')
    .description(
      "Jira Cloud with your email and an API token (id.atlassian.com > Security > API tokens), or --oauth to sign in with the browser (needs the organization's app in policy integrations.jira.oauth)",
    )
    .option('--site <url>', 'https://<name>.atlassian.net')
    .option('--email <address>', 'your Atlassian account email')
    .option('--oauth', 'sign in with the browser (OAuth 2.0 3LO)')
    .addOption(json)
    .action(async (o: { site?: string; email?: string; oauth?: boolean; json?: boolean }) => {
      if (o.oauth === true) {
        if (o.email !== undefined) throw usage('--email is for API tokens; --oauth signs in with the browser');
        await signIn({ provider: 'jira', ...(o.site !== undefined && { site: o.site }) }, o.json);
        return;
      }
      if (o.site === undefined || o.email === undefined) throw usage('connect jira needs --site and --email (or --oauth)');
      const token = await readSecret('Jira API token: ');
      if (token === '') throw usage('no API token was given (pipe it in or type it at the prompt)');
      await ask(
        'connection.add',
        { provider: 'jira', site: o.site, email: o.email, token },
        o.json,
        (c) => `Connected ${formatConnection(c)}`,
      );
    });
  connect
    .command('jira-dc')
    .description('Jira Data Center / Server with a personal access token')
    .requiredOption('--base-url <url>', 'https://jira.example.com (with its context path, if any)')
    .addOption(json)
    .action(async (o: { baseUrl: string; json?: boolean }) => {
      const token = await readSecret('Jira personal access token: ');
      if (token === '') throw usage('no personal access token was given (pipe it in or type it at the prompt)');
      await ask('connection.add', { provider: 'jira-dc', baseUrl: o.baseUrl, token }, o.json, (c) => `Connected ${formatConnection(c)}`);
    });

  connect
    .command('tempo')
    .description('Tempo Cloud with an API token (Tempo > Settings > API integration), for the account of a Jira Cloud connection')
    .option('--jira <id>', 'the Jira Cloud connection whose account logs the time (needed when there are several)')
    .addOption(json)
    .action(async (o: { jira?: string; json?: boolean }) => {
      const jiraConnectionId = o.jira === undefined ? undefined : toId(o.jira);
      const token = await readSecret('Tempo API token: ');
      if (token === '') throw usage('no API token was given (pipe it in or type it at the prompt)');
      await ask(
        'connection.add',
        { provider: 'tempo', token, ...(jiraConnectionId !== undefined && { jiraConnectionId }) },
        o.json,
        (c) => `Connected ${formatConnection(c)}`,
      );
    });
  connect
    .command('asana')
    .description('Asana: sign in with the browser, or --pat with a personal access token (My settings > Apps > Developer apps)')
    .option('--pat', 'use a personal access token (read from standard input or a hidden prompt)')
    .addOption(json)
    .action(async (o: { pat?: boolean; json?: boolean }) => {
      if (o.pat !== true) {
        await signIn({ provider: 'asana' }, o.json);
        return;
      }
      const token = await readSecret('Asana personal access token: ');
      if (token === '') throw usage('no personal access token was given (pipe it in or type it at the prompt)');
      await ask('connection.add', { provider: 'asana', token }, o.json, (c) => `Connected ${formatConnection(c)}`);
    });
  connect
    .command('teams')
    .description('Microsoft Teams: sign in with the browser, or --webhook with a Workflows webhook URL (a secret: read like a token)')
    .option('--webhook', 'use a Teams Workflows webhook URL (read from standard input or a hidden prompt)')
    .addOption(json)
    .action(async (o: { webhook?: boolean; json?: boolean }) => {
      if (o.webhook !== true) {
        await signIn({ provider: 'teams' }, o.json);
        return;
      }
      const webhookUrl = await readSecret('Teams Workflows webhook URL: ');
      if (webhookUrl === '') throw usage('no webhook URL was given (pipe it in or paste it at the prompt)');
      await ask('connection.add', { provider: 'teams', webhookUrl }, o.json, (c) => `Connected ${formatConnection(c)}`);
    });
  connect
    .command('slack')
    .description('Slack: sign in with the browser (a user token; PKCE, rotating refresh tokens)')
    .addOption(json)
    .action(async (o: { json?: boolean }) => {
      await signIn({ provider: 'slack' }, o.json);
    });

  program
    .command('connections')
    .description('your connections and their state (ok | needs_reauth | unavailable)')
    .option('--check <id>', 'check one connection against its server now')
    .addOption(json)
    .action(async (o: { check?: string; json?: boolean }) => {
      if (o.check !== undefined) await ask('connection.check', { id: toId(o.check) }, o.json, formatConnection);
      else await ask('connections.list', {}, o.json, formatConnections);
    });

  program
    .command('disconnect <id>')
    .description('forget a connection and delete its token from the keychain')
    .addOption(json)
    .action(async (id: string, o: { json?: boolean }) => {
      await ask(
        'connection.remove',
        { id: toId(id) },
        o.json,
        (r) => `Disconnected #${String(r.removed)}; its token is deleted from the keychain.`,
      );
    });
}
