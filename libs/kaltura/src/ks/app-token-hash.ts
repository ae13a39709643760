import { createHash } from 'node:crypto';

/** KalturaAppTokenHashType: the hash an app token was created with (Kaltura's default is SHA1). */
export const appTokenHashTypes = ['MD5', 'SHA1', 'SHA256', 'SHA512'] as const;
export type AppTokenHashType = (typeof appTokenHashTypes)[number];

/**
 * `tokenHash` of `appToken.startSession`: lowercase hex of hashType(KS of the calling session +
 * the app token's secret token), as `AppToken::calcHash` in kaltura/server computes it.
 */
export function appTokenHash(ks: string, token: string, hashType: AppTokenHashType): string {
  return createHash(hashType.toLowerCase())
    .update(ks + token, 'utf8')
    .digest('hex');
}
