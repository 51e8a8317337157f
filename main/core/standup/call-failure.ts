import type { CallOutcome } from '../sync/call-outcome';

/** A vendor call that did not succeed, as the standup poster acts on it. */
export type CallFailure = Exclude<CallOutcome, { kind: 'ok' }>;

/** classifyFailure and send() never produce 'ok' for a failed answer; should one appear, it is a broken answer. */
export function asFailure(outcome: CallOutcome): CallFailure {
  return outcome.kind === 'ok' ? { kind: 'bad_response', message: 'an unexpected answer' } : outcome;
}
