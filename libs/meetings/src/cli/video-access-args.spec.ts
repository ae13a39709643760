import { describe, expect, it } from '@jest/globals';
import { parseVideoAccessArgs } from './video-access-args.js';

const guild = '123456789012345678';

describe('npm run video-access arguments', () => {
  it('reads grant and revoke with repeated categories', () => {
    expect(
      parseVideoAccessArgs(
        ['grant', '--guild', guild, '--category', '201', '--category', '7'],
        'ops',
      ),
    ).toEqual({ kind: 'grant', guildId: guild, categoryIds: ['201', '7'], by: 'ops' });
    expect(
      parseVideoAccessArgs(['revoke', '--guild', guild, '--category', '201', '--by', 'alice']),
    ).toMatchObject({ kind: 'revoke', by: 'alice' });
  });

  it('prints help', () => {
    expect(parseVideoAccessArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['grant', '--category', '1'], /--guild must be a Discord server id/],
    [['grant', '--guild', guild], /at least one --category/],
    [['grant', '--guild', guild, '--category', '0_abc'], /not a Kaltura category id/],
    [['delete', '--guild', guild], /say grant, revoke or show/],
    [['grant', '--guild', guild, '--category', '1', '--scope', 'x'], /unknown option --scope/],
  ])('refuses %j with a clear message and the usage', (argv, message) => {
    expect(() => parseVideoAccessArgs(argv)).toThrow(message);
  });
});
