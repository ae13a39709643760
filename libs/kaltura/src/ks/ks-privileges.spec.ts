import { describe, expect, it } from '@jest/globals';
import { joinPrivileges } from '../api/join-url.js';
import { buildPrivileges, parsePrivileges } from './ks-privileges.js';

describe('KS privileges', () => {
  it('writes comma-separated name:value pairs and bare flags', () => {
    expect(buildPrivileges({ resourceId: 12, role: 'adminRole', disableentitlement: '' })).toBe(
      'resourceId:12,role:adminRole,disableentitlement',
    );
  });

  it('keeps colons in a value but not commas, which would split the privilege', () => {
    const built = buildPrivileges({ firstName: 'Smith, John: the 2nd' });
    expect(built).toBe('firstName:Smith  John: the 2nd');
    expect(parsePrivileges(built)).toEqual({ firstName: 'Smith  John: the 2nd' });
  });

  it('refuses a privilege name that could break the format', () => {
    expect(() => buildPrivileges({ 'a,b': 1 })).toThrow(TypeError);
  });

  it('gives a moderator adminRole / contextual role 0 and an attendee viewerRole / 3', () => {
    expect(joinPrivileges({ resourceId: '77', firstName: 'Ada', role: 'moderator' })).toBe(
      'resourceId:77,role:adminRole,userContextualRole:0,firstName:Ada',
    );
    expect(
      parsePrivileges(joinPrivileges({ resourceId: '77', firstName: 'Bob', role: 'attendee' })),
    ).toEqual({
      resourceId: '77',
      role: 'viewerRole',
      userContextualRole: '3',
      firstName: 'Bob',
    });
  });
});
