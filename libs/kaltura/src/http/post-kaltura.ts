import {
  KalturaUnavailableError,
  KalturaUnexpectedResponseError,
  type KalturaCallSite,
} from '../errors.js';
import { looksLikeApiException, toKalturaApiError } from './api-exception.js';

export interface PostOptions {
  serviceUrl: string;
  clientTag: string;
  timeoutMs: number;
}

/**
 * One API v3 request: POST JSON with `Content-Type: application/json` exactly (with a charset the
 * server ignores the body), `format: 1` (JSON), our clientTag and the KS. Kaltura reports its own
 * errors as HTTP 200 + `KalturaAPIException`; everything else that goes wrong is a transport failure.
 */
export async function postKaltura(
  options: PostOptions,
  call: KalturaCallSite,
  params: Record<string, unknown>,
  ks: string,
): Promise<unknown> {
  const url = `${options.serviceUrl}/api_v3/service/${call.service}/action/${call.action}`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let text: string;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ ...params, format: 1, clientTag: options.clientTag, ks }),
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new KalturaUnavailableError(`HTTP ${response.status}`, call, {
        status: response.status,
      });
    }
    text = await response.text();
  } catch (error) {
    if (error instanceof KalturaUnavailableError) throw error;
    const reason = signal.aborted
      ? `no answer within ${options.timeoutMs} ms`
      : `request failed: ${String(error)}`;
    throw new KalturaUnavailableError(reason, call, { cause: error });
  }
  return readBody(text, call, ks);
}

function readBody(text: string, call: KalturaCallSite, ks: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new KalturaUnavailableError('response is not JSON', call, { cause: error });
  }
  const apiError = toKalturaApiError(body, call, ks);
  if (apiError) throw apiError;
  if (looksLikeApiException(body))
    throw new KalturaUnexpectedResponseError('malformed KalturaAPIException', call);
  return body;
}
