import type { IncomingMessage, ServerResponse } from 'node:http';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { SimApiException } from './api/kaltura-api-exception.js';
import { SimControlError } from './control/sim-control-error.js';

/**
 * Nothing crashes the sim: under /api_v3 every failure is a Kaltura error object with HTTP 200, as
 * the real server answers; elsewhere a JSON `{error: {code, message}}` with a status.
 */
@Catch()
export class SimExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<IncomingMessage>();
    const res = host.switchToHttp().getResponse<ServerResponse>();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (path.startsWith('/api_v3')) {
      send(res, 200, apiError(exception, path).toBody());
      return;
    }
    const { status, code, message } = controlError(exception);
    send(res, status, { error: { code, message } });
  }
}

function apiError(exception: unknown, path: string): SimApiException {
  if (exception instanceof SimApiException) return exception;
  if (exception instanceof HttpException && exception.getStatus() === 404) {
    // Routes that did not match: /api_v3/service/{service} without an action, or no service at all.
    return new SimApiException(
      /^\/api_v3\/service\/[^/]+/.test(path) ? 'ACTION_NOT_SPECIFIED' : 'SERVICE_NOT_SPECIFIED',
    );
  }
  return new SimApiException('INTERNAL_SERVERL_ERROR');
}

function controlError(exception: unknown): { status: number; code: string; message: string } {
  if (exception instanceof SimControlError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return {
      status,
      code: status === 404 ? 'SIM.NOT_FOUND' : 'SIM.HTTP_ERROR',
      message: exception.message,
    };
  }
  return { status: 500, code: 'SIM.INTERNAL', message: 'internal error' };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
