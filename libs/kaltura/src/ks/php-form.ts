/**
 * PHP's urlencode(): RFC 1738 form encoding, as kSessionBase uses through http_build_query().
 * encodeURIComponent leaves `!'()*~` alone and writes spaces as %20; PHP does neither.
 */
export function phpUrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** http_build_query() over already-stringified fields (null fields are left out by the caller). */
export function phpBuildQuery(fields: Iterable<readonly [string, string]>): string {
  return Array.from(fields, ([key, value]) => `${phpUrlEncode(key)}=${phpUrlEncode(value)}`).join(
    '&',
  );
}

/** parse_str() for flat keys: `+` is a space, later duplicates win. */
export function parseQueryFields(query: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(query)) fields.set(key, value);
  return fields;
}
