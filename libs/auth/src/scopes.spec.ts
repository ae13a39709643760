import { describe, expect, it } from '@jest/globals';
import { KdError } from '@kd/events';
import { assertGuildAccess, hasScope, parseScopeClaim } from './scopes.js';

const guild = '123456789012345678';
const other = '987654321098765432';
const codeOf = (fn: () => void) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof KdError ? error.code : String(error);
  }
};

describe('scopes', () => {
  it('orders read < write < operator', () => {
    expect(hasScope({ scope: 'read' }, 'read')).toBe(true);
    expect(hasScope({ scope: 'read' }, 'write')).toBe(false);
    expect(hasScope({ scope: 'write' }, 'read')).toBe(true);
    expect(hasScope({ scope: 'read write' }, 'operator')).toBe(false);
    expect(hasScope({ scope: 'operator' }, 'write')).toBe(true);
  });

  it('reads a space-separated claim and refuses unknown words', () => {
    expect(parseScopeClaim('read write')).toEqual(['read', 'write']);
    expect(parseScopeClaim('read admin')).toBeUndefined();
    expect(parseScopeClaim('')).toBeUndefined();
  });

  it('lets an operator token act on any guild, a guild token only on its own', () => {
    expect(codeOf(() => assertGuildAccess({ scope: 'operator' }, other))).toBeUndefined();
    expect(
      codeOf(() => assertGuildAccess({ scope: 'write', guilds: [guild] }, guild)),
    ).toBeUndefined();
    expect(codeOf(() => assertGuildAccess({ scope: 'write', guilds: [guild] }, other))).toBe(
      'AUTH.GUILD_FORBIDDEN',
    );
    expect(codeOf(() => assertGuildAccess({ scope: 'write' }, guild))).toBe('AUTH.GUILD_FORBIDDEN');
  });
});
