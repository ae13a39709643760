import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { kalturaCredentialsRule, kalturaEnv } from './common-env.js';
import { loadConfig, type ConfigError } from './load-config.js';

const schema = kalturaCredentialsRule(
  z.object({ ...kalturaEnv, HTTP_PORT: z.coerce.number().int() }),
);

const problemsOf = (env: Record<string, string | undefined>) => {
  try {
    loadConfig('test', schema, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('Kaltura credentials in the environment', () => {
  it('takes an app token id and token together, with the hash type (default SHA1)', () => {
    const config = loadConfig('test', schema, {
      HTTP_PORT: '1',
      KALTURA_PARTNER_ID: '100',
      KALTURA_APP_TOKEN_ID: '1_abc',
      KALTURA_APP_TOKEN: '0123456789abcdef',
    });
    expect(config).toMatchObject({
      KALTURA_APP_TOKEN_ID: '1_abc',
      KALTURA_APP_TOKEN_HASH_TYPE: 'SHA1',
    });
  });

  it('fails fast on half an app token, naming both variables', () => {
    for (const half of [
      { KALTURA_APP_TOKEN_ID: '1_abc' },
      { KALTURA_APP_TOKEN: '0123456789abcdef' },
    ])
      expect(problemsOf({ HTTP_PORT: '1', ...half })).toEqual([
        'KALTURA_APP_TOKEN: KALTURA_APP_TOKEN_ID and KALTURA_APP_TOKEN must be set together (or neither, to use KALTURA_ADMIN_SECRET)',
      ]);
  });

  it('lists the half token with every other problem at once', () => {
    expect(
      problemsOf({
        HTTP_PORT: 'x',
        KALTURA_APP_TOKEN_ID: '1_abc',
        KALTURA_APP_TOKEN_HASH_TYPE: 'CRC32',
      }),
    ).toHaveLength(3);
  });
});
