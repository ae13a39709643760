import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { withCorrelation } from '@kd/observability';

const header = 'x-correlation-id';
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** Every request runs in a correlation context (from `X-Correlation-Id` or new), echoed back. */
export function correlationMiddleware() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const given = request.headers[header];
    const correlationId =
      typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
    response.setHeader('X-Correlation-Id', correlationId);
    withCorrelation({ correlationId }, next);
  };
}
