import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { policyDocumentSchema, remotePolicySchema } from '../../../common/policy-schema';
import type { HttpClient } from '../../core/ports/http-client';
import type { Logger } from '../../core/ports/logger';
import type { PolicyRead, PolicySource } from '../../core/ports/policy';
import { MAX_POLICY_BYTES } from '../../core/policy/policy-service';

/**
 * Signed remote policy. The machine policy names `remote: { url, publicKey }`; the agent fetches a bundle
 *   { "format": "clockhand-policy-bundle", "payload": base64(JSON { serial, policy }), "signature": base64 }
 * accepts it only when the Ed25519 signature over the payload bytes verifies with the pinned key and its serial is
 * higher than the cached one (no rollback), and caches it (still signed) for offline use. The machine file's own values
 * win over the bundle's.
 */
export const REMOTE_POLICY_CACHE = 'policy-remote.json';
export const REMOTE_POLICY_REFRESH_MS = 15 * 60_000;

const envelopeSchema = z
  .object({ format: z.literal('clockhand-policy-bundle'), payload: z.string().max(700_000), signature: z.string().max(200) })
  .strict();
const payloadSchema = z.object({ serial: z.number().int().min(1), policy: z.unknown() }).strict();

export type VerifiedBundle =
  | { readonly ok: true; readonly serial: number; readonly policy: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

/** Checks a bundle against the pinned key; the policy inside must be a valid policy without a `remote` of its own. */
export function verifyRemoteBundle(text: string, publicKeyBase64: string): VerifiedBundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the bundle is not JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: 'the bundle is not a clockhand-policy-bundle' };
  const payload = Buffer.from(envelope.data.payload, 'base64');
  const signature = Buffer.from(envelope.data.signature, 'base64');
  let valid: boolean;
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyBase64, 'base64').toString('base64url') },
      format: 'jwk',
    });
    valid = signature.length === 64 && verify(null, payload, key, signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'the bundle signature does not verify with the pinned key' };
  let inner: unknown;
  try {
    inner = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the signed payload is not JSON' };
  }
  const parsed = payloadSchema.safeParse(inner);
  if (!parsed.success) return { ok: false, reason: 'the signed payload has no serial and policy' };
  const policy = policyDocumentSchema.safeParse(parsed.data.policy);
  if (!policy.success) return { ok: false, reason: `the signed policy is invalid: ${policy.error.issues[0]?.message ?? 'bad policy'}` };
  if (policy.data.remote !== undefined) return { ok: false, reason: 'a remote policy cannot point to another remote policy' };
  return { ok: true, serial: parsed.data.serial, policy: parsed.data.policy as Record<string, unknown> };
}

/** The remote settings of the machine file, or null (no remote, or a file that is not valid policy). */
function remoteOf(read: PolicyRead): z.infer<typeof remotePolicySchema> | null {
  if (read.kind !== 'text') return null;
  try {
    const parsed = policyDocumentSchema.safeParse(JSON.parse(read.text));
    return parsed.success ? (parsed.data.remote ?? null) : null;
  } catch {
    return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over` wins; objects merge key by key, anything else is replaced. */
export function mergePolicyObjects(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isPlainObject(below) && isPlainObject(value) ? mergePolicyObjects(below, value) : value;
  }
  return out;
}

/** The cached bundle, re-verified on every read (a file edited on disk is refused). */
export class RemotePolicyCache {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, REMOTE_POLICY_CACHE);
  }

  read(publicKey: string): VerifiedBundle | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return null;
    }
    return verifyRemoteBundle(text, publicKey);
  }

  write(text: string): void {
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, this.path);
  }
}

/** The machine policy with its signed remote bundle underneath (the file's own values win). */
export class MachinePolicyWithRemote implements PolicySource {
  readonly scope;
  readonly location;

  constructor(
    private readonly file: PolicySource,
    private readonly cache: RemotePolicyCache,
  ) {
    this.scope = file.scope;
    this.location = file.location;
  }

  read(): PolicyRead {
    const read = this.file.read();
    const remote = remoteOf(read);
    if (read.kind !== 'text' || remote === null) return read;
    const bundle = this.cache.read(remote.publicKey);
    if (bundle === null || !bundle.ok) return read;
    const text = JSON.stringify(mergePolicyObjects(bundle.policy, JSON.parse(read.text) as Record<string, unknown>));
    return text.length > MAX_POLICY_BYTES
      ? { kind: 'unreadable', reason: 'the policy with its remote bundle is too large' }
      : { kind: 'text', text };
  }
}

/** Fetches the bundle the machine file names, now and every 15 minutes; keeps only a verified, newer one. */
export class RemotePolicyFetcher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly file: PolicySource,
    private readonly cache: RemotePolicyCache,
    private readonly http: HttpClient,
    private readonly logger: Logger,
    /** Where the bundle is really fetched from (CLOCKHAND_ENDPOINTS "policy", for tests and proxies). */
    private readonly redirectUrl: string | null = null,
  ) {}

  start(intervalMs = REMOTE_POLICY_REFRESH_MS): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      void this.fetchNow();
    }, intervalMs);
    void this.fetchNow();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** One fetch (callers share a running one). Never rejects: problems are logged and the cache stays. */
  fetchNow(): Promise<void> {
    this.running ??= this.fetch().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async fetch(): Promise<void> {
    const remote = remoteOf(this.file.read());
    if (remote === null) return;
    const url = this.redirectUrl ?? remote.url;
    let body: string;
    try {
      const response = await this.http.request({ method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs: 30_000 });
      if (response.status !== 200) {
        this.logger.warn('remote policy not fetched', { url: remote.url, status: response.status });
        return;
      }
      body = response.body;
    } catch (error) {
      this.logger.warn('remote policy not fetched; the cached one stays', {
        url: remote.url,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const bundle = verifyRemoteBundle(body, remote.publicKey);
    if (!bundle.ok) {
      this.logger.error('remote policy refused', { url: remote.url, reason: bundle.reason });
      return;
    }
    const held = this.cache.read(remote.publicKey);
    const heldSerial = held?.ok === true ? held.serial : 0;
    if (bundle.serial < heldSerial) {
      this.logger.error('remote policy refused: older than the one held (rollback)', { serial: bundle.serial, held: heldSerial });
      return;
    }
    if (bundle.serial === heldSerial) return;
    this.cache.write(body);
    this.logger.info('remote policy accepted', { url: remote.url, serial: bundle.serial });
  }
}
