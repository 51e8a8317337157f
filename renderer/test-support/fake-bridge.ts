import type { Result } from '../../common/result';

export interface RecordedCall {
  readonly name: string;
  readonly input: unknown;
}

export type Answer = (input: unknown) => Result<unknown>;

/**
 * Stands in for the preload's window.clockhand (the process boundary) in component tests: answers per operation,
 * records every call. Operations without an answer fail the way the core refuses unknown work.
 */
export function installFakeBridge(answers: Record<string, Answer>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  Object.defineProperty(window, 'clockhand', {
    configurable: true,
    value: {
      invoke: (name: string, input: unknown): Promise<Result<unknown>> => {
        calls.push({ name, input });
        const answer = answers[name];
        return Promise.resolve(
          answer === undefined ? { ok: false, error: { code: 'internal', message: `no answer for ${name}` } } : answer(input),
        );
      },
      on: () => () => undefined,
    },
  });
  return calls;
}

export function removeFakeBridge(): void {
  Object.defineProperty(window, 'clockhand', { configurable: true, value: undefined });
}

export const ok = (value: unknown) => (): Result<unknown> => ({ ok: true, value });
export const refuse = (code: 'invalid_input' | 'policy_locked' | 'overlap', message: string) => (): Result<unknown> => ({
  ok: false,
  error: { code, message },
});
