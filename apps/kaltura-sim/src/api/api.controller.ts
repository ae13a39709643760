import type { IncomingMessage, ServerResponse } from 'node:http';
import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { requestParams } from '../http/request-params.js';
import { ApiDispatcher, type ApiOutcome } from './api-dispatcher.service.js';

const HANG_CAP_MS = 120_000;

/** `/api_v3/service/{service}/action/{action}`, POST (JSON or form) or GET, answered like Kaltura. */
@Controller('api_v3/service')
export class ApiController {
  constructor(private readonly dispatcher: ApiDispatcher) {}

  @All(':service/action/:action')
  async call(
    @Param('service') service: string,
    @Param('action') action: string,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const closed = new AbortController();
    res.once('close', () => closed.abort());
    const params = await requestParams(req);
    const outcome = await this.dispatcher.dispatch(service, action, params, closed.signal);
    await respond(res, outcome, closed.signal);
  }
}

async function respond(
  res: ServerResponse,
  outcome: ApiOutcome,
  closed: AbortSignal,
): Promise<void> {
  switch (outcome.kind) {
    case 'json':
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(outcome.body));
      return;
    case 'http500':
      res
        .writeHead(500, { 'Content-Type': 'text/html' })
        .end('<html><body><h1>500 Internal Server Error</h1></body></html>');
      return;
    case 'hang': {
      if (closed.aborted) return;
      // Say nothing until the client gives up (or a long cap passes).
      const gaveUp = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), HANG_CAP_MS);
        closed.addEventListener('abort', () => (clearTimeout(timer), resolve(true)), {
          once: true,
        });
      });
      if (!gaveUp) res.writeHead(504).end();
      return;
    }
  }
}
