import { kalturaUserLimits, type KalturaUserInput } from '@kd/kaltura';

/** What Discord tells about a member; the first non-blank of nick, global name, username wins. */
export interface DiscordNames {
  nick?: string | null | undefined;
  globalName?: string | null | undefined;
  username: string;
}

/** The longest display name we keep (characters), Kaltura's screenName limit. */
export const MAX_DISPLAY_NAME = kalturaUserLimits.screenName;

const FALLBACK_NAME = 'Discord member';
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
// Control characters, and format characters other than the joiners emoji sequences need
// (bidi overrides and invisible marks would let a name pose as another).
const unwanted = /[\p{Cc}\p{Co}\p{Cs}]|(?![\u200c\u200d])\p{Cf}/gu;

/**
 * A name safe to show and to send to Kaltura: no control or invisible format characters,
 * whitespace runs collapsed, trimmed, and at most `max` characters (code points, as Kaltura
 * counts them) without cutting an emoji or a letter with its accents in half.
 */
export function sanitizeName(raw: string, max: number = MAX_DISPLAY_NAME): string {
  const clean = raw.normalize('NFC').replace(unwanted, ' ').replace(/\s+/gu, ' ').trim();
  return capCharacters(clean, max);
}

/** Whole graphemes while the count of code points stays within `max`. */
export function capCharacters(text: string, max: number): string {
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = [...segment].length;
    if (count + size > max) break;
    kept += segment;
    count += size;
  }
  return kept.trimEnd();
}

/** The member's display name: nick → global name → username, sanitized; never empty. */
export function displayNameOf(names: DiscordNames): string {
  for (const candidate of [names.nick, names.globalName, names.username]) {
    const name = candidate ? sanitizeName(candidate) : '';
    if (name) return name;
  }
  return FALLBACK_NAME;
}

/** The Kaltura user id of a Discord member (the id their join KS already carries). */
export function kalturaUserIdOf(discordUserId: string): string {
  return `discord:${discordUserId}`;
}

/** The Kaltura user fields for a member: names within Kaltura's limits, the Discord id in partnerData. */
export function kalturaUserFields(discordUserId: string, displayName: string): KalturaUserInput {
  const name = sanitizeName(displayName) || FALLBACK_NAME;
  return {
    screenName: capCharacters(name, kalturaUserLimits.screenName),
    firstName: capCharacters(name, kalturaUserLimits.firstName),
    partnerData: JSON.stringify({ discordUserId }),
  };
}
