import { KsType, KsValidationError, parseKsV2, type KsV2Session } from '@kd/kaltura';
import { SimApiException } from './kaltura-api-exception.js';

export interface SessionRequirement {
  partnerId: number;
  adminSecret: string;
  /** Admin KS needed (adds and deletes). */
  admin: boolean;
  service: string;
  action: string;
  /** A session the partner revoked (its app token was deleted): refused as LOGOUT. */
  revoked?: (session: KsV2Session) => boolean;
}

/** Validates the request's KS as the real server does and answers with its error objects. */
export function requireSession(ks: unknown, need: SessionRequirement): KsV2Session {
  if (typeof ks !== 'string' || ks === '') throw new SimApiException('MISSING_KS');
  let session: KsV2Session;
  try {
    session = parseKsV2(ks, (partnerId) =>
      partnerId === need.partnerId ? need.adminSecret : undefined,
    );
  } catch (error) {
    if (!(error instanceof KsValidationError)) throw error;
    throw new SimApiException('INVALID_KS', {
      KSID: ks,
      ERR_CODE: error.ksErrorCode,
      ERR_DESC: error.reason,
    });
  }
  if (need.revoked?.(session))
    throw new SimApiException('INVALID_KS', { KSID: ks, ERR_CODE: -6, ERR_DESC: 'LOGOUT' });
  if (need.admin && session.type !== KsType.admin) {
    throw new SimApiException('SERVICE_FORBIDDEN', { SERVICE: `${need.service}->${need.action}` });
  }
  return session;
}
