import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * REST API v1 takes JSON only: a form or text body is refused (415) instead of being parsed
 * into something the endpoint would accept. Requests without a body (or an empty one) pass.
 */
export function jsonBodiesOnly() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const empty = request.headers['content-length'] === '0';
    if (empty || request.is(['application/json', 'application/*+json']) !== false) return next();
    next(
      new HttpException(
        {
          error: {
            code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
            message: 'send the request body as JSON (Content-Type: application/json)',
          },
        },
        415,
      ),
    );
  };
}
