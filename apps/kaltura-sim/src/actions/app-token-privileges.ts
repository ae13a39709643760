import { buildPrivileges, privilegeEntries } from '@kd/kaltura';

/** kSessionBase's PRIVILEGE_* values: a caller may never set these through `sessionPrivileges`. */
export const serverPrivileges: ReadonlySet<string> = new Set([
  'edit',
  'sview',
  'list',
  'download',
  'downloadasset',
  'editplaylist',
  'sviewplaylist',
  'actionslimit',
  'setrole',
  'limitentry',
  'iprestrict',
  'urirestrict',
  'enableentitlement',
  'disableentitlement',
  'disableentitlementforentry',
  'disableentitlementforplaylist',
  'privacycontext',
  'enablecategorymoderation',
  'reftime',
  'sessionkey',
  'preview',
  'sessionid',
  'jobtype',
  'apptoken',
  'enablechangeaccount',
  'edituser',
  'enablecaptionmoderation',
  'editadmintags',
  'restrictexplicitliveview',
  'virtualeventid',
  'searchcontext',
]);

/**
 * `sessionid` and `apptoken` (so deleting the token invalidates its sessions), then the token's
 * own privileges, then the caller's where neither the server nor the token claims the name.
 */
export function mergeSessionPrivileges(
  tokenId: string,
  tokenPrivileges: string | null,
  asked: string | undefined,
): string {
  const merged = new Map<string, string>([
    ['sessionid', tokenId],
    ['apptoken', tokenId],
  ]);
  for (const [name, value] of privilegeEntries(tokenPrivileges ?? '')) merged.set(name, value);
  const taken = new Set([...serverPrivileges, ...merged.keys()]);
  for (const [name, value] of privilegeEntries(asked ?? ''))
    if (!taken.has(name.trim())) merged.set(name, value);
  return buildPrivileges(Object.fromEntries(merged));
}
