import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { limitInBytes } from './body-guards.js';

/**
 * Before the body parsers, on routes whose senders sign the bytes: keeps the body as
 * `request.rawBody` whatever the Content-Type says, and marks it read so the JSON and form
 * parsers leave it alone (Kaltura posts `data=<urlencoded JSON>` as `application/json`). The
 * route decides the format from the signed bytes. Over `limit`: 413 like the parsers; a
 * compressed body (which signers never send, and which could inflate without bound): 415.
 */
export function rawBodyCapture(limit: string) {
  const max = limitInBytes(limit) ?? 64 * 1024;
  return (request: Request, _response: Response, next: NextFunction): void => {
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity')
      return next(clientError(415, 'encoding.unsupported', 'unsupported content encoding'));
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // Stream events run outside the request's async context: go on inside it (correlation id, span).
    const finish = AsyncResource.bind((error?: unknown) => {
      if (done) return;
      done = true;
      next(error);
    });
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        request.removeAllListeners('data');
        request.resume();
        return finish(clientError(413, 'entity.too.large', 'request entity too large'));
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const raw = request as Request & { rawBody?: Buffer; _body?: boolean };
      raw.rawBody = Buffer.concat(chunks);
      raw.body = undefined;
      raw._body = true;
      finish();
    });
    request.on('error', finish);
  };
}

/** The shape of the body parsers' errors, which the JSON exception filter answers. */
function clientError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type });
}
