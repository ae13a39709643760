/**
 * What a join link gives away: a KS (`ks=` in a URL, or the bare base64 of `v2|…`) or Kaltura's
 * launch URL. None of it may appear in a public message, a log line or an event payload.
 */
export const joinSecretPattern = /ks=|djJ8[\w-]{8,}|\/virtualEvent\/launch/;

/** Every item (as JSON) that shows a join secret, as `<where>: <excerpt>`; empty when clean. */
export function secretLeaks(sources: Record<string, readonly unknown[]>): string[] {
  const leaks: string[] = [];
  for (const [where, items] of Object.entries(sources))
    for (const item of items) {
      const text = typeof item === 'string' ? item : JSON.stringify(item);
      const found = joinSecretPattern.exec(text);
      if (found)
        leaks.push(`${where}: …${text.slice(Math.max(0, found.index - 80), found.index + 40)}…`);
    }
  return leaks;
}
