import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 7636: a code_verifier of 43 to 128 characters from [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

/** code_challenge = BASE64URL(SHA256(ASCII(code_verifier))), no padding. */
export function challengeFor(verifier: string): string {
  if (!VERIFIER_PATTERN.test(verifier)) throw new RangeError('a PKCE code_verifier is 43-128 characters of [A-Za-z0-9-._~]');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh verifier (32 random bytes -> 43 base64url characters) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: challengeFor(verifier), method: 'S256' };
}

/** An unguessable, single-use `state` value (32 random bytes). */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time (for their common length: hashes first, so lengths do not leak). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
