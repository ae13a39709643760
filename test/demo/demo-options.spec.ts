import { describe, expect, it } from '@jest/globals';
import { demoDefaults, parseDemoArgs, type DemoOptions } from '../../tools/demo/demo-options.js';

const parse = (args: string, env: NodeJS.ProcessEnv = {}) =>
  parseDemoArgs(args.split(' ').filter(Boolean), env) as DemoOptions;

describe('npm run demo arguments', () => {
  it('runs for the minutes given, with the documented defaults and the apps’ NATS variables', () => {
    const options = parse('--minutes 5', { KD_STREAM: 'S', KD_SUBJECT_PREFIX: 'p.q' });
    expect(options).toMatchObject({
      durationMs: 300_000,
      guilds: demoDefaults.guilds,
      users: demoDefaults.users,
      rate: demoDefaults.rate,
      apiUrl: 'http://127.0.0.1:3000',
      discordSimUrl: 'http://127.0.0.1:4011',
      kalturaSimUrl: 'http://127.0.0.1:4010',
      historyDays: 120,
      nats: { url: 'nats://127.0.0.1:4222', stream: 'S', subjectPrefix: 'p.q' },
    });
  });

  it('takes seconds, --name=value and service URLs (without a trailing slash)', () => {
    expect(
      parse(
        '--seconds 20 --rate=2.5 --guilds 8 --users 60 --api http://api:8080/ --history-days 0',
      ),
    ).toMatchObject({
      durationMs: 20_000,
      rate: 2.5,
      guilds: 8,
      users: 60,
      apiUrl: 'http://api:8080',
      historyDays: 0,
    });
  });

  it('gives every guild at least one person', () => {
    expect(parse('--seconds 1 --guilds 50 --users 10').users).toBe(50);
  });

  it('refuses a missing or double duration and unknown or bad flags, listing all with the usage', () => {
    expect(() => parse('--guilds 3')).toThrow(/--minutes N or --seconds N/);
    expect(() => parse('--minutes 1 --seconds 2')).toThrow(/one of them/);
    let message = '';
    try {
      parse('--minutes 1 --rate fast --colour blue --api nowhere');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/--rate: /);
    expect(message).toMatch(/colour/);
    expect(message).toMatch(/--api: /);
    expect(message).toMatch(/^usage: npm run demo/m);
    expect(parseDemoArgs(['--help'], {})).toEqual({ help: true });
  });
});
