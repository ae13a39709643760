import { randomBytes } from 'node:crypto';
import { encodeKs, encryptZeroPadded, sha1 } from './ks-crypto.js';
import { privilegeEntries } from './ks-privileges.js';
import { phpBuildQuery } from './php-form.js';

export const KS_RANDOM_SIZE = 16;

export interface KsV2Input {
  partnerId: number;
  adminSecret: string;
  /** 0 user, 2 admin (`KsType`). */
  type: number;
  /** '' for an anonymous session. */
  userId: string;
  /** Unix seconds. */
  expiresAt: number;
  /** Kaltura privilege string, e.g. `resourceId:12,role:viewerRole`. */
  privileges?: string;
  masterPartnerId?: number;
  additionalData?: string;
  /** 16 bytes; random by default (fixed only in tests). */
  random?: Buffer;
}

/**
 * Builds a KS v2 locally, byte for byte as kSessionBase::generateKsV2: privileges and `_e`/`_t`/`_u`
 * (`_m`/`_d` when set) form-encoded, 16 random bytes prepended, SHA-1 of that prepended, AES-128-CBC
 * with zero IV and zero padding, `v2|{partnerId}|` prepended, base64 with `-_`.
 */
export function generateKsV2(input: KsV2Input): string {
  const fields = new Map<string, string>(privilegeEntries(input.privileges ?? ''));
  fields.set('_e', String(Math.floor(input.expiresAt)));
  fields.set('_t', String(input.type));
  fields.set('_u', input.userId);
  if (input.masterPartnerId !== undefined) fields.set('_m', String(input.masterPartnerId));
  if (input.additionalData !== undefined) fields.set('_d', input.additionalData);

  const random = input.random ?? randomBytes(KS_RANDOM_SIZE);
  if (random.length !== KS_RANDOM_SIZE)
    throw new RangeError(`KS random must be ${KS_RANDOM_SIZE} bytes`);
  const salted = Buffer.concat([random, Buffer.from(phpBuildQuery(fields), 'utf8')]);
  const signed = Buffer.concat([sha1(salted), salted]);
  const encrypted = encryptZeroPadded(input.adminSecret, signed);
  return encodeKs(Buffer.concat([Buffer.from(`v2|${input.partnerId}|`, 'latin1'), encrypted]));
}
