import { KdError, type ErrorCategory } from '@kd/events';
import { categoryOfKalturaCode } from './error-categories.js';

export interface KalturaCallSite {
  service: string;
  action: string;
}

/** Kaltura answered (HTTP 200) with a `KalturaAPIException`; `kalturaCode` is Kaltura's own code. */
export class KalturaApiError extends KdError {
  constructor(
    readonly kalturaCode: string,
    readonly kalturaMessage: string,
    readonly args: Record<string, string>,
    readonly call: KalturaCallSite,
  ) {
    super(
      'KALTURA.API_ERROR',
      `${call.service}.${call.action} failed: ${kalturaCode}: ${kalturaMessage}`,
      categoryOfKalturaCode(kalturaCode),
      {
        details: { kalturaCode, service: call.service, action: call.action, args },
      },
    );
  }
}

/** Kaltura could not be reached or did not answer properly (non-2xx, network, timeout, bad JSON). */
export class KalturaUnavailableError extends KdError {
  constructor(
    message: string,
    readonly call: KalturaCallSite,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super('KALTURA.UNAVAILABLE', `${call.service}.${call.action}: ${message}`, 'unavailable', {
      cause: options.cause,
      details: { service: call.service, action: call.action, status: options.status },
    });
  }
}

/** Kaltura answered 200 with JSON we cannot read as the expected object. */
export class KalturaUnexpectedResponseError extends KdError {
  constructor(
    message: string,
    readonly call: KalturaCallSite,
  ) {
    super(
      'KALTURA.UNEXPECTED_RESPONSE',
      `${call.service}.${call.action}: ${message}`,
      'unavailable',
      {
        details: { service: call.service, action: call.action },
      },
    );
  }
}

/** Reasons as kSessionBase names them, with its numeric codes (shown in INVALID_KS messages). */
export const ksFailures = {
  INVALID_STR: -1,
  INVALID_PARTNER: -2,
  INVALID_TYPE: -4,
  EXPIRED: -5,
} as const;
export type KsFailure = keyof typeof ksFailures;

/** A KS that does not decrypt, does not match its hash, or has expired. */
export class KsValidationError extends KdError {
  constructor(
    readonly reason: KsFailure,
    message: string,
  ) {
    super('KALTURA.KS_INVALID', message, 'unauthenticated', { details: { reason } });
  }
  get ksErrorCode(): number {
    return ksFailures[this.reason];
  }
}

/** A Kaltura HTTP notification body we cannot parse. */
export class KalturaNotificationError extends KdError {
  constructor(message: string, category: ErrorCategory = 'validation') {
    super('KALTURA.NOTIFICATION_INVALID', message, category);
  }
}
