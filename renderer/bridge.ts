import { operations, type OperationInput, type OperationName, type OperationOutput } from '../common/contract';
import type { ErrorCode } from '../common/result';

/** A refusal or failure from the core (or the bridge), with the core's code and its sentence. */
export class BridgeError extends Error {
  constructor(
    readonly code: ErrorCode | 'no_bridge' | 'bad_answer',
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/**
 * Calls one operation through window.clockhand and returns its value, parsed with the contract's output schema:
 * the renderer never trusts the shape of what crosses the bridge.
 */
export async function call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
  const bridge = window.clockhand;
  if (bridge === undefined) throw new BridgeError('no_bridge', 'Not connected to the Clockhand core.');
  const result = await bridge.invoke(name, input);
  if (!result.ok) throw new BridgeError(result.error.code, result.error.message);
  const parsed = operations[name].output.safeParse(result.value);
  if (!parsed.success) throw new BridgeError('bad_answer', `The core answered ${name} in an unknown shape.`);
  return parsed.data as OperationOutput<K>;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
