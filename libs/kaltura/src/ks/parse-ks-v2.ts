import { timingSafeEqual } from 'node:crypto';
import { KsValidationError } from '../errors.js';
import { decodeKs, decryptZeroPadded, sha1 } from './ks-crypto.js';
import { KS_RANDOM_SIZE } from './generate-ks-v2.js';
import { parseQueryFields } from './php-form.js';

const SHA1_SIZE = 20;
const PREFIX = Buffer.from('v2|', 'latin1');
const PIPE = 0x7c;
const RESERVED = new Set(['_e', '_t', '_u', '_m', '_d']);

export interface KsV2Session {
  partnerId: number;
  type: number;
  userId: string;
  /** Unix seconds. */
  expiresAt: number;
  privileges: Record<string, string>;
  /** As kSessionBase rebuilds it: `name:value` pairs joined by commas, `*` for all. */
  privilegeString: string;
  masterPartnerId?: string;
  additionalData?: string;
}

/** One partner's admin secret(s); several while a secret is being rotated. */
export type AdminSecretLookup = (partnerId: number) => string | readonly string[] | undefined;

/**
 * Decrypts and validates a KS v2 as kSessionBase::parseKsV2 + isValidBase do: try each admin secret,
 * accept the one whose SHA-1 matches, then check expiry. Throws KsValidationError.
 */
export function parseKsV2(
  ks: string,
  secretsOf: AdminSecretLookup,
  options: { now?: number } = {},
): KsV2Session {
  const raw = decodeKs(ks);
  if (!raw || !raw.subarray(0, PREFIX.length).equals(PREFIX))
    throw invalid('INVALID_STR', 'not a v2 KS');
  const pipe = raw.indexOf(PIPE, PREFIX.length);
  const partnerText = raw.subarray(PREFIX.length, Math.max(pipe, PREFIX.length)).toString('latin1');
  if (pipe < 0 || !/^-?\d+$/.test(partnerText))
    throw invalid('INVALID_STR', 'no partner id in the KS');
  const partnerId = Number(partnerText);
  const found = secretsOf(partnerId);
  const secrets = typeof found === 'string' ? [found] : (found ?? []);
  if (secrets.length === 0) throw invalid('INVALID_PARTNER', `unknown partner ${partnerId}`);

  const fields = matchSecret(raw.subarray(pipe + 1), secrets);
  if (!fields) throw invalid('INVALID_STR', 'KS signature does not match');
  const session = readFields(partnerId, fields.subarray(KS_RANDOM_SIZE).toString('utf8'));
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (session.expiresAt <= now) throw invalid('EXPIRED', `KS expired at ${session.expiresAt}`);
  return session;
}

function matchSecret(encrypted: Buffer, secrets: readonly string[]): Buffer | undefined {
  for (const secret of secrets) {
    const plain = decryptZeroPadded(secret, encrypted);
    if (!plain || plain.length < SHA1_SIZE + KS_RANDOM_SIZE) continue;
    const hash = plain.subarray(0, SHA1_SIZE);
    const fields = plain.subarray(SHA1_SIZE);
    if (timingSafeEqual(hash, sha1(fields))) return fields;
  }
  return undefined;
}

function readFields(partnerId: number, query: string): KsV2Session {
  const fields = parseQueryFields(query);
  const expiresAt = Number(fields.get('_e'));
  const type = Number(fields.get('_t'));
  if (!Number.isInteger(expiresAt) || !Number.isInteger(type))
    throw invalid('INVALID_STR', 'KS lacks expiry or type');
  const privileges: Record<string, string> = {};
  for (const [name, value] of fields) if (!RESERVED.has(name)) privileges[name] = value;
  const privilegeString = Object.entries(privileges)
    .map(([name, value]) => (value === '' ? name : `${name}:${value}`))
    .join(',');
  return {
    partnerId,
    type,
    userId: fields.get('_u') ?? '',
    expiresAt,
    privileges,
    privilegeString: privilegeString === 'all:*' ? '*' : privilegeString,
    ...(fields.has('_m') ? { masterPartnerId: fields.get('_m') } : {}),
    ...(fields.has('_d') ? { additionalData: fields.get('_d') } : {}),
  };
}

function invalid(reason: KsValidationError['reason'], message: string): KsValidationError {
  return new KsValidationError(reason, message);
}
