import { createDecipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { KsValidationError } from '../errors.js';
import { generateKsV2 } from './generate-ks-v2.js';
import { parseKsV2 } from './parse-ks-v2.js';

const secret = 'test-admin-secret-0123456789';
const now = 1_800_000_000;
const secrets = (partnerId: number) => (partnerId === 100 ? secret : undefined);
const base = {
  partnerId: 100,
  adminSecret: secret,
  type: 0,
  userId: 'alice',
  expiresAt: now + 600,
};

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof KsValidationError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('KS v2', () => {
  it('parses back the fields it was generated with', () => {
    const ks = generateKsV2({
      ...base,
      privileges: 'resourceId:42,role:viewerRole,userContextualRole:3,firstName:Ada Lovelace',
    });
    const session = parseKsV2(ks, secrets, { now });
    expect(session).toEqual({
      partnerId: 100,
      type: 0,
      userId: 'alice',
      expiresAt: now + 600,
      privileges: {
        resourceId: '42',
        role: 'viewerRole',
        userContextualRole: '3',
        firstName: 'Ada Lovelace',
      },
      privilegeString: 'resourceId:42,role:viewerRole,userContextualRole:3,firstName:Ada Lovelace',
    });
  });

  it('lays the bytes out as kSessionBase does: v2|pid|AES(sha1 + random + form fields), zero padded', () => {
    const random = Buffer.alloc(16, 7);
    const ks = generateKsV2({ ...base, userId: 'a b*', privileges: 'role:adminRole', random });
    expect(ks).toMatch(/^[A-Za-z0-9_-]+=*$/);
    const raw = Buffer.from(ks.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    expect(raw.subarray(0, 7).toString('latin1')).toBe('v2|100|');
    const key = createHash('sha1').update(secret).digest().subarray(0, 16);
    const decipher = createDecipheriv('aes-128-cbc', key, Buffer.alloc(16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(raw.subarray(7)), decipher.final()]);
    const fields = `role=adminRole&_e=${now + 600}&_t=0&_u=a+b%2A`;
    const body = Buffer.concat([random, Buffer.from(fields)]);
    expect(plain.subarray(0, 20)).toEqual(createHash('sha1').update(body).digest());
    expect(plain.subarray(20, 20 + body.length)).toEqual(body);
    expect(plain.length % 16).toBe(0);
    expect(plain.subarray(20 + body.length).every((b) => b === 0)).toBe(true);
  });

  it('reads "*" as all privileges and keeps admin type', () => {
    const session = parseKsV2(
      generateKsV2({ ...base, type: 2, userId: '', privileges: '*' }),
      secrets,
      { now },
    );
    expect(session.privilegeString).toBe('*');
    expect(session.type).toBe(2);
    expect(session.userId).toBe('');
  });

  it('rejects a tampered KS', () => {
    const raw = Buffer.from(generateKsV2(base).replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    raw[raw.length - 20] = (raw[raw.length - 20] ?? 0) ^ 0x01;
    const tampered = raw.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    expect(reasonOf(() => parseKsV2(tampered, secrets, { now }))).toBe('INVALID_STR');
  });

  it('rejects an expired KS, including one expiring this very second', () => {
    expect(
      reasonOf(() => parseKsV2(generateKsV2({ ...base, expiresAt: now - 1 }), secrets, { now })),
    ).toBe('EXPIRED');
    expect(
      reasonOf(() => parseKsV2(generateKsV2({ ...base, expiresAt: now }), secrets, { now })),
    ).toBe('EXPIRED');
  });

  it('rejects a KS signed with another secret', () => {
    const forged = generateKsV2({ ...base, adminSecret: 'some-other-secret' });
    expect(reasonOf(() => parseKsV2(forged, secrets, { now }))).toBe('INVALID_STR');
  });

  it('accepts any of several secrets (rotation)', () => {
    const ks = generateKsV2({ ...base, adminSecret: 'new-secret' });
    expect(parseKsV2(ks, () => [secret, 'new-secret'], { now }).userId).toBe('alice');
  });

  it('rejects an unknown partner, garbage and v1-looking strings', () => {
    expect(
      reasonOf(() => parseKsV2(generateKsV2({ ...base, partnerId: 7 }), secrets, { now })),
    ).toBe('INVALID_PARTNER');
    expect(reasonOf(() => parseKsV2('not a ks!', secrets, { now }))).toBe('INVALID_STR');
    expect(
      reasonOf(() => parseKsV2(Buffer.from('abc|100;100;1').toString('base64'), secrets, { now })),
    ).toBe('INVALID_STR');
    expect(reasonOf(() => parseKsV2('', secrets, { now }))).toBe('INVALID_STR');
  });
});
