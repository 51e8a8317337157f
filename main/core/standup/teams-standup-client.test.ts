import { describe, expect, it } from 'vitest';
import { HttpError } from '../ports/http-client';
import { TeamsStandupClient } from './teams-standup-client';

const URL = 'https://prod-1.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?api-version=1&sig=TOP-SECRET-SIG';

describe('the Teams standup client', () => {
  it('keeps the webhook URL and its signature out of a transport error (it lands in the outbox row and the log)', async () => {
    const client = new TeamsStandupClient(
      { request: () => Promise.reject(new HttpError('network', `socket hang up while posting to ${URL}`)) },
      () => 0,
      1_000,
    );
    const outcome = await client.postWebhook(URL, {});
    expect(outcome.kind).toBe('transport');
    expect(JSON.stringify(outcome)).not.toContain('TOP-SECRET-SIG');
    expect(JSON.stringify(outcome)).toContain('<the webhook>');
  });

  it('a webhook refusal names no URL; 202 is success without an id', async () => {
    const refused = new TeamsStandupClient(
      { request: () => Promise.resolve({ status: 400, headers: {}, body: `bad ${URL}` }) },
      () => 0,
      1_000,
    );
    const outcome = await refused.postWebhook(URL, {});
    expect(outcome).toEqual({ kind: 'rejected', status: 400, message: 'HTTP 400: the Workflows webhook refused the card' });
    const accepted = new TeamsStandupClient({ request: () => Promise.resolve({ status: 202, headers: {}, body: '' }) }, () => 0, 1_000);
    expect(await accepted.postWebhook(URL, {})).toEqual({ kind: 'ok', id: null });
  });
});
