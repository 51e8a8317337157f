import { asanaOAuth } from './asana-oauth';
import { atlassianOAuth } from './atlassian-oauth';
import { microsoftOAuth } from './microsoft-oauth';
import type { OAuthProvider, OAuthProviderName } from './oauth-provider';
import { slackOAuth } from './slack-oauth';

export const OAUTH_PROVIDERS: Readonly<Record<OAuthProviderName, OAuthProvider>> = {
  jira: atlassianOAuth,
  asana: asanaOAuth,
  slack: slackOAuth,
  teams: microsoftOAuth,
};
