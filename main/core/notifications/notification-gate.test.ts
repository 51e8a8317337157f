import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/fakes/fake-time';
import { silentLogger } from '../ports/logger';
import type { Notification } from '../ports/notifier';
import { notifications } from './notification-catalog';
import { NotificationGate } from './notification-gate';

const MIN = 60_000;

function gate(): { gate: NotificationGate; sent: Notification[]; time: FakeTime } {
  const time = new FakeTime(new Date(2026, 10, 23, 9, 0).getTime());
  const sent: Notification[] = [];
  return { gate: new NotificationGate({ notify: (n) => sent.push(n) }, time, silentLogger), sent, time };
}

describe('notification gate', () => {
  it('shows the same key once per 30 minutes', () => {
    const g = gate();
    g.gate.notify(notifications.policyProblem('policies.json is not valid JSON'));
    g.time.advance(29 * MIN);
    g.gate.notify(notifications.policyProblem('policies.json is not valid JSON'));
    g.gate.notify(notifications.policyProblem('users/ada.json is not valid JSON'));
    expect(g.sent.map((n) => n.body)).toEqual(['policies.json is not valid JSON', 'users/ada.json is not valid JSON']);
    g.time.advance(2 * MIN);
    g.gate.notify(notifications.policyProblem('policies.json is not valid JSON'));
    expect(g.sent).toHaveLength(3);
    g.gate.forget('policy-problem:users/ada.json is not valid JSON');
    g.gate.notify(notifications.policyProblem('users/ada.json is not valid JSON'));
    expect(g.sent).toHaveLength(4);
    // A connection that needs the user again after a repair is a new notification, the same one twice is not.
    g.gate.notify(notifications.reconnectNeeded(3, 'Jira', 'https://acme.atlassian.net', 'jira', 1_000));
    g.gate.notify(notifications.reconnectNeeded(3, 'Jira', 'https://acme.atlassian.net', 'jira', 1_000));
    g.gate.notify(notifications.reconnectNeeded(3, 'Jira', 'https://acme.atlassian.net', 'jira', 9_000));
    expect(g.sent.filter((n) => n.kind === 'reconnect-needed')).toHaveLength(2);
  });

  it('rate-limits informational notifications (3 a minute, 20 an hour) but never the ones that need the user', () => {
    const g = gate();
    for (let i = 0; i < 5; i += 1) g.gate.notify(notifications.screenshotTaken(1, null, `shot-${String(i)}`));
    expect(g.sent.map((n) => n.key)).toEqual(['screenshot-taken:shot-0', 'screenshot-taken:shot-1', 'screenshot-taken:shot-2']);
    g.gate.notify(notifications.backFromIdle(9, 20, 'local:x'));
    g.gate.notify(notifications.policyChanged(['Screenshots are now required.']));
    expect(g.sent.map((n) => n.kind).slice(3)).toEqual(['back-from-idle', 'policy-changed']);
    g.time.advance(MIN);
    g.gate.notify(notifications.screenshotTaken(1, null, 'shot-5'));
    expect(g.sent.at(-1)?.key).toBe('screenshot-taken:shot-5');
    // An hour holds at most 20 (the two that need the user count too).
    for (let i = 6; i < 60; i += 1) {
      g.time.advance(MIN);
      g.gate.notify(notifications.screenshotTaken(1, null, `shot-${String(i)}`));
    }
    const inFirstHour = g.sent.filter((n) => n.kind === 'screenshot-taken').length;
    expect(inFirstHour).toBe(18);
  });
});
