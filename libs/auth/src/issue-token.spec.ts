import { describe, expect, it } from '@jest/globals';
import { issueToken } from './issue-token.js';
import { verifyJwt } from './jwt.js';
import type { TokenSettings } from './token-env.js';

const settings: TokenSettings = {
  secret: 'a-secret-that-is-at-least-32-bytes-long!!',
  issuer: 'kaltura-discord',
  audience: 'kaltura-discord-api',
  maxLifetimeS: 30 * 86_400,
};
const now = Date.parse('2026-11-23T10:00:00Z');
const guild = '123456789012345678';

describe('issueToken', () => {
  it('issues a guild token the verifier accepts, with iss, aud, jti, iat and exp', async () => {
    const { token, claims } = await issueToken(
      { subject: 'crm', guilds: [guild, guild], scopes: ['read', 'write'], ttlS: 3600 },
      settings,
      now,
    );
    expect(claims).toMatchObject({
      sub: 'crm',
      iss: 'kaltura-discord',
      aud: 'kaltura-discord-api',
      iat: now / 1000,
      exp: now / 1000 + 3600,
      scope: 'read write',
      guilds: [guild],
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    await expect(verifyJwt(token, settings, now)).resolves.toEqual(claims);
  });

  it('issues an operator token without guilds', async () => {
    const { claims } = await issueToken(
      { subject: 'ops', guilds: [], scopes: ['operator'], ttlS: 60 },
      settings,
      now,
    );
    expect(claims.guilds).toBeUndefined();
    expect(claims.scope).toBe('operator');
  });

  it.each([
    ['no guilds and no operator scope', { guilds: [], scopes: ['read'] }],
    ['guilds with the operator scope', { guilds: [guild], scopes: ['operator'] }],
    ['no scope', { guilds: [guild], scopes: [] }],
    ['a lifetime over the cap', { guilds: [guild], scopes: ['read'], ttlS: 31 * 86_400 }],
  ])('refuses %s', async (_label, change) => {
    await expect(
      issueToken({ subject: 'x', ttlS: 60, ...change } as never, settings, now),
    ).rejects.toMatchObject({ code: 'AUTH.INVALID_TOKEN_REQUEST' });
  });
});
