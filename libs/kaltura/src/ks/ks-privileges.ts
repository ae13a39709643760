/** Privileges as a map: `{ resourceId: '12', role: 'adminRole' }`; an empty value is a bare flag. */
export type Privileges = Record<string, string | number>;

const NAME = /^[A-Za-z0-9_*]+$/;

/**
 * Kaltura's privilege string: comma-separated `name:value` (or bare `name`). A value cannot hold a
 * comma (it would split the privilege), so commas in values become spaces.
 */
export function buildPrivileges(privileges: Privileges): string {
  return Object.entries(privileges)
    .map(([name, value]) => {
      if (!NAME.test(name)) throw new TypeError(`invalid KS privilege name "${name}"`);
      const text = String(value).replace(/,/g, ' ').trim();
      return text === '' ? name : `${name}:${text}`;
    })
    .join(',');
}

/** Splits a privilege string into `[name, value]` pairs; `*` means `all:*`, as kSessionBase reads it. */
export function privilegeEntries(privileges: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const raw of privileges.split(',')) {
    const privilege = raw.trim() === '*' ? 'all:*' : raw.trim();
    if (!privilege) continue;
    const colon = privilege.indexOf(':');
    entries.push(
      colon < 0 ? [privilege, ''] : [privilege.slice(0, colon), privilege.slice(colon + 1)],
    );
  }
  return entries;
}

export function parsePrivileges(privileges: string): Record<string, string> {
  return Object.fromEntries(privilegeEntries(privileges));
}
