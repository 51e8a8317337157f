import { BoundedMap } from '../bounded/bounded-map';
import type { LogFields } from '../ports/logger';

/** How many known secrets (tokens read from or written to the keychain) are remembered for redaction. */
export const MAX_REMEMBERED_SECRETS = 256;
/** Shorter values are not remembered: redacting them would blank ordinary words. */
const MIN_SECRET_LENGTH = 8;
/** A log string longer than this is cut (after redaction): a record never carries a whole response body. */
export const MAX_LOGGED_STRING = 2_000;

export const REDACTED = '[redacted]';

/** Field names whose values are never logged, whatever they hold. */
const SECRET_KEY =
  /(token|secret|password|passwd|authorization|cookie|api[-_]?key|credential|verifier|assertion|note|body|webhook|email|signature|^code$|^sig$)/i;

/** Patterns that are secrets or personal data wherever they appear in a message or a value. */
const PATTERNS: readonly [RegExp, string][] = [
  // Authorization / Cookie headers, in any "name: value" or "name=value" form.
  [
    /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key)\b(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\r\n,;}]+)/gi,
    `$1$2${REDACTED}`,
  ],
  [/\b(Bearer|Basic|Token|Digest)\s+[A-Za-z0-9._~+/=:-]{4,}/g, `$1 ${REDACTED}`],
  // Query and form parameters that carry credentials.
  [
    /([?&;\s"']|^)(access_token|refresh_token|id_token|token|code|code_verifier|client_secret|client_assertion|sig|signature|password|api_key|apikey|key)=([^&\s"'#]+)/gi,
    `$1$2=${REDACTED}`,
  ],
  // Vendor token shapes: Atlassian API tokens, Slack, JWTs, Asana PATs, GitHub-style tokens.
  [/\bATATT[A-Za-z0-9_=-]+/g, REDACTED],
  [/\bxox[a-z]?[a-z]?[.-][A-Za-z0-9.-]+/gi, REDACTED],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9._-]+/g, REDACTED],
  [/\b\d\/\d{6,}[:/][A-Za-z0-9]{8,}/g, REDACTED],
  // E-mail addresses.
  [/[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}/g, '[email]'],
  // Long opaque runs (random tokens, keys): 24+ characters of hex or base64/base64url.
  [/\b[A-Fa-f0-9]{24,}\b/g, REDACTED],
  // Not inside or at the start of a path (a path segment after "/" is left alone).
  [/(?<![A-Za-z0-9+/_.-])(?!\/)[A-Za-z0-9+/_-]{32,}={0,2}/g, REDACTED],
];

/**
 * The redaction layer in front of every log sink: removes tokens, Authorization and Cookie headers, credentials in
 * URLs, e-mail addresses, free-text notes (by field name) and any secret it was told about (every token that passes
 * through the keychain), then cuts long strings. Bounded: it remembers at most MAX_REMEMBERED_SECRETS secrets.
 */
export class Redactor {
  /** Used as a capped set: remembering a secret again makes it the newest; iterating does not reorder. */
  private readonly secrets = new BoundedMap<string, true>(MAX_REMEMBERED_SECRETS);

  /** Remembers a secret so that it is removed wherever it appears (oldest forgotten past the cap). */
  remember(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) return;
    this.secrets.set(secret, true);
  }

  get rememberedCount(): number {
    return this.secrets.size;
  }

  /** One log string, redacted and cut to MAX_LOGGED_STRING. */
  text(input: string): string {
    const out = this.scrub(input);
    return out.length > MAX_LOGGED_STRING ? `${out.slice(0, MAX_LOGGED_STRING)}…[cut]` : out;
  }

  /** A JSON-like value with every string redacted (and values under secret-looking keys removed); nothing is cut. */
  deep(value: unknown): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (Array.isArray(value)) return value.map((item) => this.deep(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          this.scrub(key),
          SECRET_KEY.test(key) && typeof item === 'string' ? REDACTED : this.deep(item),
        ]),
      );
    }
    return value;
  }

  private scrub(input: string): string {
    let out = input;
    for (const secret of this.secrets.keys()) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  fields(fields: LogFields | undefined): Record<string, string | number | boolean | null> {
    const out: Record<string, string | number | boolean | null> = {};
    if (fields === undefined) return out;
    for (const [key, value] of Object.entries(fields)) {
      const safeKey = this.text(key).slice(0, 100);
      if (SECRET_KEY.test(key) && typeof value === 'string') out[safeKey] = REDACTED;
      else out[safeKey] = typeof value === 'string' ? this.text(value) : value;
    }
    return out;
  }
}
