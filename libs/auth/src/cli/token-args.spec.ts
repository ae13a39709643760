import { describe, expect, it } from '@jest/globals';
import { parseTokenArgs } from './token-args.js';

const guild = '123456789012345678';
const other = '987654321098765432';

describe('api:token arguments', () => {
  it('takes repeated --guild, --scope and --ttl', () => {
    expect(
      parseTokenArgs([
        '--subject',
        'crm',
        '--guild',
        guild,
        '--guild',
        other,
        '--scope',
        'read,write',
        '--ttl',
        '7d',
      ]),
    ).toEqual({
      kind: 'issue',
      subject: 'crm',
      guilds: [guild, other],
      scopes: ['read', 'write'],
      ttlS: 7 * 86_400,
    });
  });

  it('defaults to read for 24 hours; --operator adds the operator scope', () => {
    expect(parseTokenArgs(['--subject', 'crm', '--guild', guild])).toMatchObject({
      scopes: ['read'],
      ttlS: 86_400,
    });
    expect(parseTokenArgs(['--subject', 'ops', '--operator'])).toMatchObject({
      guilds: [],
      scopes: ['read', 'operator'],
    });
  });

  it('reads revoke <jti> and --help', () => {
    expect(parseTokenArgs(['revoke', 'abc-123', '--reason', 'leaked'])).toEqual({
      kind: 'revoke',
      jti: 'abc-123',
      reason: 'leaked',
      by: undefined,
    });
    expect(parseTokenArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    ['neither --guild nor --operator', ['--subject', 'x']],
    ['both --guild and --operator', ['--subject', 'x', '--guild', guild, '--operator']],
    ['no --subject', ['--guild', guild]],
    ['a guild id that is not a snowflake', ['--subject', 'x', '--guild', 'abc']],
    ['an unknown scope', ['--subject', 'x', '--guild', guild, '--scope', 'admin']],
    ['an unreadable --ttl', ['--subject', 'x', '--guild', guild, '--ttl', 'forever']],
    ['revoke without a jti', ['revoke']],
    ['an unknown option', ['--subject', 'x', '--guild', guild, '--admin']],
  ])('refuses %s', (_label, argv) => {
    expect(() => parseTokenArgs(argv)).toThrow();
  });
});
