import type { IncomingMessage } from 'node:http';
import { parseFormParams } from './form-params.js';
import { parseJsonObject, readBody } from './read-body.js';

/**
 * API v3 parameters as Kaltura reads them: the query string, then the body. A JSON body counts only
 * with `Content-Type: application/json` exactly; with `; charset=…` (or invalid JSON) it is ignored.
 */
export async function requestParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const query = parseFormParams(new URL(req.url ?? '/', 'http://sim').search);
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const raw = await readBody(req);
  if (contentType === 'application/json') return { ...query, ...(parseJsonObject(raw) ?? {}) };
  if (contentType.startsWith('application/x-www-form-urlencoded'))
    return { ...query, ...parseFormParams(raw.toString('utf8')) };
  return query;
}
