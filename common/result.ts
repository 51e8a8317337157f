/** The envelope every face (control socket, IPC) returns. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'no_timer'
  | 'overlap'
  | 'in_future'
  | 'too_long'
  | 'unavailable'
  | 'policy_locked'
  | 'consent_required'
  | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
