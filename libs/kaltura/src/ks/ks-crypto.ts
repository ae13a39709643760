import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

const AES_BLOCK_SIZE = 16;
const ZERO_IV = Buffer.alloc(AES_BLOCK_SIZE);

export function sha1(data: Buffer | string): Buffer {
  return createHash('sha1').update(data).digest();
}

/** AES-128 key of a KS v2: the first 16 bytes of SHA-1(admin secret). */
function aesKey(adminSecret: string): Buffer {
  return sha1(Buffer.from(adminSecret, 'utf8')).subarray(0, 16);
}

/** AES-128-CBC, zero IV, zero padding (not PKCS#7), as KCryptoWrapper::encrypt_aes does. */
export function encryptZeroPadded(adminSecret: string, plain: Buffer): Buffer {
  const remainder = plain.length % AES_BLOCK_SIZE;
  const padded =
    remainder === 0 ? plain : Buffer.concat([plain, Buffer.alloc(AES_BLOCK_SIZE - remainder)]);
  const cipher = createCipheriv('aes-128-cbc', aesKey(adminSecret), ZERO_IV).setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
}

/** The inverse, with the trailing zero bytes stripped (PHP's rtrim($decrypted, "\0")). */
export function decryptZeroPadded(adminSecret: string, encrypted: Buffer): Buffer | undefined {
  if (encrypted.length === 0 || encrypted.length % AES_BLOCK_SIZE !== 0) return undefined;
  const decipher = createDecipheriv('aes-128-cbc', aesKey(adminSecret), ZERO_IV).setAutoPadding(
    false,
  );
  const plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--;
  return plain.subarray(0, end);
}

/** base64 with `+/` written as `-_` (padding kept), as kSessionBase::generateKsV2 returns it. */
export function encodeKs(raw: Buffer): string {
  return raw.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Strict decode: anything that is not (url-safe) base64 is refused rather than guessed at. */
export function decodeKs(ks: string): Buffer | undefined {
  const standard = ks.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(standard)) return undefined;
  const raw = Buffer.from(standard, 'base64');
  return raw.length > 0 ? raw : undefined;
}
