import type { LeafKind } from './config-keys.js';

/** What a Discord text option means for one kind of key, before the leaf schema checks it. */
export function coerceValue(kind: LeafKind, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  switch (kind) {
    case 'boolean':
      return parseBoolean(raw);
    case 'template':
      // Slash-command options are single-line: `\n` is how a person types a line break.
      return raw.replaceAll('\\n', '\n');
    case 'channel':
      return raw.trim().replace(/^<#(\d+)>$/, '$1');
    case 'access_list':
    case 'permission_names':
      return parseList(raw);
    case 'kaltura_role':
      return parseKalturaRole(raw);
    case 'timezone':
      return raw.trim();
    case 'locale':
      return raw.trim();
    case 'minutes':
      return /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  }
}

const truthy = new Set(['true', 'yes', 'on', '1', 'enable', 'enabled']);
const falsy = new Set(['false', 'no', 'off', '0', 'disable', 'disabled']);

function parseBoolean(raw: string): unknown {
  const word = raw.trim().toLowerCase();
  if (truthy.has(word)) return true;
  if (falsy.has(word)) return false;
  return raw;
}

/** A JSON array, or names/ids separated by commas or spaces; role mentions become ids. */
function parseList(raw: string): unknown {
  const text = raw.trim();
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return raw;
    }
  }
  return text
    .split(/[\s,]+/)
    .filter((item) => item.length > 0)
    .map((item) => item.replace(/^<@&(\d+)>$/, '$1'));
}

const roleAliases: Readonly<Record<string, string>> = {
  adminrole: 'adminRole',
  admin: 'adminRole',
  moderator: 'adminRole',
  viewerrole: 'viewerRole',
  viewer: 'viewerRole',
  attendee: 'viewerRole',
};

function parseKalturaRole(raw: string): unknown {
  return roleAliases[raw.trim().toLowerCase()] ?? raw;
}
