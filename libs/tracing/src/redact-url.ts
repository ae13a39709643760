/**
 * A URL as a client span may record it: Discord interaction and webhook tokens
 * (`/webhooks/<id>/<token>`) and credential-like query values (`ks`, `token`, `secret`) replaced by
 * `REDACTED`, so a trace backend never holds a token that could answer or edit a message.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/webhooks\/[^/?#]+\/)[^/?#]+/g, '$1REDACTED')
    .replace(/([?&](?:ks|token|secret)=)[^&#]*/gi, '$1REDACTED');
}
