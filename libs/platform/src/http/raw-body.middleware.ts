import type { NextFunction, Request, Response } from 'express';
import { limitInBytes } from './body-guards.js';

/**
 * Before the body parsers, on routes whose senders sign the bytes: keeps the body as
 * `request.rawBody` whatever the Content-Type says, and marks it read so the JSON and form
 * parsers leave it alone (Kaltura posts `data=<urlencoded JSON>` as `application/json`). The
 * route decides the format from the signed bytes. Over `limit`: 413 like the parsers.
 */
export function rawBodyCapture(limit: string) {
  const max = limitInBytes(limit) ?? 64 * 1024;
  return (request: Request, _response: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      next(error);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        request.removeAllListeners('data');
        request.resume();
        return finish(
          Object.assign(new Error('request entity too large'), {
            status: 413,
            type: 'entity.too.large',
          }),
        );
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
