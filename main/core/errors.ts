import type { ErrorCode } from '../../common/result';

/** A refusal the user can act on. Every face turns it into { ok: false, error: { code, message } }. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
