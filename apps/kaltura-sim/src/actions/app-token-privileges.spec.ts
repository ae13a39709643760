import { describe, expect, it } from '@jest/globals';
import { mergeSessionPrivileges } from './app-token-privileges.js';

describe('mergeSessionPrivileges', () => {
  it('adds the caller privileges the server and the token do not reserve', () => {
    expect(
      mergeSessionPrivileges('0_t', 'setrole:7', 'resourceId:12,role:viewerRole,setrole:1'),
    ).toBe('sessionid:0_t,apptoken:0_t,setrole:7,resourceId:12,role:viewerRole');
  });

  it('never lets a caller lift entitlements or pose as another token', () => {
    expect(
      mergeSessionPrivileges('0_t', null, 'disableentitlement,privacycontext:x,apptoken:0_other'),
    ).toBe('sessionid:0_t,apptoken:0_t');
  });
});
