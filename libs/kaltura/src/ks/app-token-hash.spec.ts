import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { appTokenHash } from './app-token-hash.js';

describe('appTokenHash', () => {
  it('hashes the calling KS followed by the token, lowercase hex, with the token hashType', () => {
    const ks = 'djJ8MTAwfHdpZGdldA==';
    const token = '0123456789abcdef0123456789abcdef';
    expect(appTokenHash(ks, token, 'SHA1')).toBe(
      createHash('sha1').update(`${ks}${token}`).digest('hex'),
    );
    expect(appTokenHash(ks, token, 'SHA256')).toMatch(/^[0-9a-f]{64}$/);
    expect(appTokenHash(ks, token, 'SHA512')).toHaveLength(128);
    expect(appTokenHash(ks, token, 'MD5')).toHaveLength(32);
    expect(appTokenHash(`${ks}x`, token, 'SHA256')).not.toBe(appTokenHash(ks, token, 'SHA256'));
  });
});
