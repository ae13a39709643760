/** What replaces a secret in a log line. */
export const censor = '[redacted]';

/**
 * Field names whose values never reach a log line, at any depth: credentials, tokens (bot,
 * bearer, interaction), signatures, Kaltura sessions (`ks`), cookies, keys.
 */
const sensitiveKey =
  /password|passwd|^pass$|secret|token|authori[sz]ation|basic[-_]?auth|cookie|signature|^ks$|api[-_]?key|credential|private[-_]?key/i;

const textRules: [RegExp, string][] = [
  // Credentials in URLs: postgres://user:password@host, nats://user:pass@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^@/?#\s]+@/gi, `$1${censor}@`],
  // Secrets in query strings: Kaltura join links (?ks=…), tokens, signatures
  [
    /([?&;](?:ks|token|access_token|jwt|signature|secret|password|sig)=)[^&#\s"'<>]+/gi,
    `$1${censor}`,
  ],
  // Authorization header values quoted in messages
  // (a credential has a digit or punctuation: "Basic authentication" is left alone)
  [/\b(Bearer|Basic|Bot)\s+(?=[\w.~+/=-]*[\d.~+/=-])[\w.~+/=-]{16,}/g, `$1 ${censor}`],
  // A JWT anywhere (three base64url parts, the first one a JSON header)
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, censor],
];

export interface Redactor {
  text(value: string): string;
  value(value: unknown): unknown;
}

const maxDepth = 8;

/**
 * Scrubs what a log call is given: sensitive fields by name at any depth, credentials in URLs,
 * `ks=` and token query parameters, bearer values, JWTs, and the exact values of the secrets the
 * app was configured with (so a secret is caught even under an innocent field name).
 */
export function createRedactor(secrets: readonly (string | undefined)[] = []): Redactor {
  const known = [...new Set(secrets.filter((s): s is string => !!s && s.length >= 8))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (value: string): string => {
    let out = value;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(censor);
    for (const [pattern, replacement] of textRules) out = out.replace(pattern, replacement);
    return out;
  };
  const scrub = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value) || depth > maxDepth) return value instanceof Error ? value : '[…]';
    seen.add(value);
    if (value instanceof Error) return scrubError(value, depth, seen);
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
    if (Buffer.isBuffer(value) || value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] = sensitiveKey.test(key) ? censor : scrub(child, depth + 1, seen);
    }
    return out;
  };
  /** Still an Error (pino's serializer keeps type, message and stack), with scrubbed text. */
  const scrubError = (error: Error, depth: number, seen: WeakSet<object>): Error => {
    const copy = new Error(text(error.message));
    copy.name = error.name;
    copy.stack = error.stack === undefined ? undefined : text(error.stack);
    for (const [key, child] of Object.entries(error)) {
      (copy as unknown as Record<string, unknown>)[key] = sensitiveKey.test(key)
        ? censor
        : scrub(child, depth + 1, seen);
    }
    if (error.cause !== undefined) copy.cause = scrub(error.cause, depth + 1, seen);
    return copy;
  };
  return { text, value: (value) => scrub(value, 0, new WeakSet()) };
}
