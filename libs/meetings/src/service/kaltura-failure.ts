import { KdError } from '@kd/events';
import {
  KalturaApiError,
  KalturaUnavailableError,
  KalturaUnexpectedResponseError,
  type KalturaCallSite,
} from '@kd/kaltura';

export type KalturaError =
  KalturaApiError | KalturaUnavailableError | KalturaUnexpectedResponseError;

export function isKalturaError(error: unknown): error is KalturaError {
  return (
    error instanceof KalturaApiError ||
    error instanceof KalturaUnavailableError ||
    error instanceof KalturaUnexpectedResponseError
  );
}

/** The `kaltura.api_failed` payload fields (DESIGN §3) for a failed call. */
export function describeFailure(
  error: KalturaError,
): KalturaCallSite & { code: string; message: string } {
  const code = error instanceof KalturaApiError ? error.kalturaCode : error.code;
  return {
    service: error.call.service,
    action: error.call.action,
    code: code.slice(0, 64),
    message: error.message.slice(0, 1000),
  };
}

/**
 * The error the user is told about: KALTURA.UNAVAILABLE when Kaltura (or our session with it)
 * is at fault and a retry later may work, otherwise KALTURA.ERROR with Kaltura's own category.
 */
export function toReplyError(error: KalturaError): KdError {
  const failure = describeFailure(error);
  const unavailable = error.category === 'unavailable';
  return new KdError(
    unavailable ? 'KALTURA.UNAVAILABLE' : 'KALTURA.ERROR',
    unavailable
      ? 'Kaltura is not reachable right now; please try again in a moment'
      : `Kaltura refused the request (${failure.code})`,
    error.category,
    {
      cause: error,
      details: { service: failure.service, action: failure.action, code: failure.code },
    },
  );
}
