import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { KdError } from '@kd/events';
import type { Logger } from '@kd/observability';
import { statusOf } from './error-status.js';

interface ErrorBody {
  error: { code: string; message?: string; details?: unknown; correlationId?: string };
}

/**
 * Every error leaves the API as `{error: {code, message}}` with the right status (DESIGN §6).
 * A 5xx says only its code and the correlation id: what went wrong inside goes to the log.
 */
@Catch()
export class JsonExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toResponse(exception);
    if (response.headersSent) return;
    if (status < 500) return void response.status(status).json(body);
    const correlationId = String(response.getHeader('x-correlation-id') ?? '') || undefined;
    this.logger.error({ err: exception, status, correlationId }, 'request failed');
    response.status(status).json({ error: { code: body.error.code, correlationId } });
  }

  private toResponse(exception: unknown): [number, ErrorBody] {
    if (exception instanceof KdError) {
      const details = exception.category === 'validation' ? exception.details : undefined;
      return [
        statusOf(exception),
        {
          error: {
            code: exception.code,
            message: brief(exception.message),
            ...(details ? { details } : {}),
          },
        },
      ];
    }
    if (exception instanceof HttpException) {
      // Body-parser and Express errors arrive wrapped; their own messages quote the input.
      const wrapped = asClientError(exception.cause);
      if (wrapped) return wrapped;
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (
        typeof body === 'object' &&
        body !== null &&
        'error' in body &&
        typeof body.error === 'object'
      )
        return [status, body as ErrorBody];
      return [status, { error: { code: httpCode(status), message: brief(exception.message) } }];
    }
    const bodyParserError = asClientError(exception);
    if (bodyParserError) return bodyParserError;
    return [500, { error: { code: 'INTERNAL', message: 'internal error' } }];
  }
}

const clientErrorMessages: Record<string, string> = {
  'entity.parse.failed': 'request body is not valid JSON',
  'entity.too.large': 'request body is too large',
  'entity.verify.failed': 'request body could not be verified',
  'charset.unsupported': 'unsupported charset: send UTF-8',
  'encoding.unsupported': 'unsupported content encoding',
  'request.aborted': 'request aborted',
  'request.size.invalid': 'request body size does not match Content-Length',
  'stream.encoding.set': 'bad request',
};

/**
 * Errors of the body parsers (malformed JSON, too large, bad charset) and of Express's path
 * decoding carry a 4xx `status`; their own messages quote the input, so they get ours.
 */
function asClientError(exception: unknown): [number, ErrorBody] | undefined {
  const { status, type } = (exception ?? {}) as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const message =
    exception instanceof URIError
      ? 'the request path has an invalid percent-encoding'
      : (clientErrorMessages[typeof type === 'string' ? type : ''] ?? 'bad request');
  return [status, { error: { code: httpCode(status), message } }];
}

/** Messages may quote the input (a path, a value): a clear message never needs more than this. */
const maxMessageLength = 300;

function brief(message: string): string {
  return message.length > maxMessageLength ? `${message.slice(0, maxMessageLength - 1)}…` : message;
}

function httpCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'HTTP.BAD_REQUEST',
    404: 'HTTP.NOT_FOUND',
    405: 'HTTP.METHOD_NOT_ALLOWED',
    413: 'HTTP.PAYLOAD_TOO_LARGE',
    415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  };
  return codes[status] ?? `HTTP.${status}`;
}
