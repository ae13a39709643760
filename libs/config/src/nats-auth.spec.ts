import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { commonEnv } from './common-env.js';
import { ConfigError, loadConfig } from './load-config.js';

const schema = z.object({ ...commonEnv, PORT: z.coerce.number().int() });
const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig('test', schema, { PORT: '1', ...env });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

describe('NATS login variables', () => {
  it('takes a user with a password, a creds file that exists, or nothing', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ NATS_USER: 'api', NATS_PASSWORD: 'secret' })).toEqual([]);
    expect(problems({ NATS_CREDS: 'package.json' })).toEqual([]);
    // Empty means unset, as for every variable.
    expect(problems({ NATS_USER: '', NATS_PASSWORD: '' })).toEqual([]);
  });

  it('refuses half a login, both kinds at once, and a creds file that does not exist', () => {
    expect(problems({ NATS_USER: 'api' })).toEqual(['NATS_PASSWORD: is required with NATS_USER']);
    expect(problems({ NATS_PASSWORD: 'secret' })).toEqual([
      'NATS_USER: is required with NATS_PASSWORD',
    ]);
    expect(
      problems({ NATS_USER: 'api', NATS_PASSWORD: 'secret', NATS_CREDS: 'package.json' }),
    ).toEqual(['NATS_CREDS: set either NATS_CREDS or NATS_USER and NATS_PASSWORD, not both']);
    expect(problems({ NATS_CREDS: '/nonexistent/api.creds' })).toEqual([
      'NATS_CREDS: no such file (the NATS creds file: JWT and NKey seed)',
    ]);
  });

  it('lists them with the schema problems, all at once', () => {
    expect(problems({ PORT: 'x', NATS_USER: 'api' })).toEqual([
      expect.stringMatching(/^PORT: /),
      'NATS_PASSWORD: is required with NATS_USER',
    ]);
  });
});
