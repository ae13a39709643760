import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { discordPublicKey } from '@kd/discord';
import { loadSimKeys, parsePrivateKey } from './sim-keys.js';

const pkcs8Base64 = (type: 'ed25519' | 'x25519') =>
  generateKeyPairSync(type as 'ed25519')
    .privateKey.export({ format: 'der', type: 'pkcs8' })
    .toString('base64');

describe('discord-sim keys', () => {
  it('derives the 64-hex public key the api verifies with from a configured private key', () => {
    const keys = loadSimKeys(pkcs8Base64('ed25519'));
    expect(keys.generated).toBe(false);
    expect(keys.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    const signature = sign(null, Buffer.from('1700000000{}'), keys.privateKey);
    expect(
      verify(null, Buffer.from('1700000000{}'), discordPublicKey(keys.publicKeyHex), signature),
    ).toBe(true);
  });

  it('generates a key pair when none is configured, a different one each start', () => {
    const [a, b] = [loadSimKeys(undefined), loadSimKeys(undefined)];
    expect(a.generated).toBe(true);
    expect(a.publicKeyHex).not.toBe(b.publicKeyHex);
  });

  it('refuses what is not an Ed25519 PKCS#8 key in base64, saying what it wants', () => {
    expect(() => parsePrivateKey('not a key')).toThrow(
      /PKCS#8 private key, DER encoded, in base64/,
    );
    expect(() => parsePrivateKey(pkcs8Base64('x25519'))).toThrow(
      /must be an Ed25519 key, not x25519/,
    );
  });
});
