import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { signKalturaNotification, verifyKalturaSignature } from './webhook-signature.js';

const secret = 'partner-admin-secret';
const body = '{"objectType":"KalturaHttpNotification","eventNotificationJobId":33578094492}';

describe('Kaltura notification signature', () => {
  it('is the lowercase hex hash of secret + raw body, not an HMAC', () => {
    const expected = createHash('sha256')
      .update(secret + body)
      .digest('hex');
    expect(signKalturaNotification(body, secret, 'sha256')).toBe(expected);
    expect(signKalturaNotification(Buffer.from(body), secret, 'sha256')).toBe(expected);
    expect(expected).not.toBe(createHmac('sha256', secret).update(body).digest('hex'));
    expect(signKalturaNotification(body, secret)).toBe(
      createHash('sha1')
        .update(secret + body)
        .digest('hex'),
    );
  });

  it.each(['sha1', 'sha256', 'sha512'] as const)('verifies a good %s signature', (algo) => {
    const signature = signKalturaNotification(body, secret, algo);
    expect(verifyKalturaSignature(Buffer.from(body), signature, algo, secret)).toBe(true);
    expect(verifyKalturaSignature(body, signature.toUpperCase(), algo.toUpperCase(), secret)).toBe(
      true,
    );
  });

  it('treats a missing algorithm header as sha1', () => {
    expect(
      verifyKalturaSignature(
        body,
        signKalturaNotification(body, secret, 'sha1'),
        undefined,
        secret,
      ),
    ).toBe(true);
    expect(
      verifyKalturaSignature(
        body,
        signKalturaNotification(body, secret, 'sha256'),
        undefined,
        secret,
      ),
    ).toBe(false);
  });

  it('rejects a changed body, a wrong secret, a wrong algorithm and junk signatures', () => {
    const signature = signKalturaNotification(body, secret, 'sha256');
    expect(verifyKalturaSignature(body + ' ', signature, 'sha256', secret)).toBe(false);
    expect(verifyKalturaSignature(body, signature, 'sha256', 'other')).toBe(false);
    expect(verifyKalturaSignature(body, signature, 'sha512', secret)).toBe(false);
    expect(verifyKalturaSignature(body, signature, 'md5', secret)).toBe(false);
    expect(verifyKalturaSignature(body, undefined, 'sha256', secret)).toBe(false);
    expect(verifyKalturaSignature(body, 'zz' + signature.slice(2), 'sha256', secret)).toBe(false);
    expect(verifyKalturaSignature(body, signature.slice(0, 40), 'sha256', secret)).toBe(false);
    expect(verifyKalturaSignature(body, signature, 'sha256', '')).toBe(false);
  });
});
