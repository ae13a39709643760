import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createDiscordRestFakeHandler, type DiscordRestFakeHandler } from '@kd/discord-fake';
import { createLogger, type Logger } from '@kd/observability';
import type { DiscordSimConfig } from './discord-sim.config.js';
import { FollowUpWaiters } from './follow-up-waiters.js';
import { InteractionRelay, relayRequestSchema } from './interaction-relay.js';
import { readJson, sendJson, SimHttpError } from './sim-http.js';
import { loadSimKeys, type SimKeys } from './sim-keys.js';
import { SimStats } from './sim-stats.js';

export interface RunningDiscordSim {
  /** e.g. `http://127.0.0.1:4011`; the apps' DISCORD_API_URL is `${url}/api`. */
  url: string;
  publicKeyHex: string;
  applicationId: string;
  config: DiscordSimConfig;
  close(): Promise<void>;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** Starts the simulator in this process (HTTP_PORT 0 = an ephemeral port, for tests). */
export async function createDiscordSim(
  config: DiscordSimConfig,
  options: { host?: string; logger?: Logger; keys?: SimKeys } = {},
): Promise<RunningDiscordSim> {
  const logger =
    options.logger ?? createLogger({ service: 'discord-sim', level: config.LOG_LEVEL });
  const keys = options.keys ?? loadSimKeys(config.DISCORD_SIM_PRIVATE_KEY);
  const sim = new DiscordSim(config, keys, logger);
  const server = createServer((req, res) => void sim.handle(req, res));
  const host = options.host ?? config.DISCORD_SIM_HOST;
  await new Promise<void>((resolve) => server.listen(config.HTTP_PORT, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`,
    publicKeyHex: keys.publicKeyHex,
    applicationId: config.DISCORD_SIM_APPLICATION_ID,
    config,
    close: () => closeServer(server),
  };
}

class DiscordSim {
  private readonly stats = new SimStats();
  private readonly waiters = new FollowUpWaiters();
  private readonly rest: DiscordRestFakeHandler;
  private readonly relay: InteractionRelay;
  private restRequests = 0;
  private sequence = 0;

  constructor(
    private readonly config: DiscordSimConfig,
    private readonly keys: SimKeys,
    private readonly logger: Logger,
  ) {
    this.rest = createDiscordRestFakeHandler({
      botToken: config.DISCORD_SIM_BOT_TOKEN,
      maxRecorded: config.DISCORD_SIM_RECORD_LIMIT,
      maxMessages: 10_000,
      onRequest: (request) => {
        this.stats.request(request);
        this.waiters.seen(request);
      },
    });
    this.relay = new InteractionRelay({
      keys,
      applicationId: config.DISCORD_SIM_APPLICATION_ID,
      interactionsUrl: config.DISCORD_SIM_INTERACTIONS_URL,
      fake: this.rest,
      waiters: this.waiters,
      stats: this.stats,
      snowflake: () => this.snowflake(),
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    try {
      if (path === '/api' || path.startsWith('/api/')) return await this.serveRest(req, res);
      const route = `${req.method ?? 'GET'} ${path}`;
      switch (route) {
        case 'GET /health/live':
        case 'GET /health/ready':
          return sendJson(res, 200, { status: 'ok' });
        case 'GET /__sim/public-key':
          return sendJson(res, 200, this.identity());
        case 'GET /__sim/state':
          return sendJson(res, 200, this.state());
        case 'GET /__sim/requests':
          return sendJson(res, 200, this.rest.requests.map(redacted));
        case 'GET /__sim/public-messages':
          return sendJson(res, 200, this.rest.publicMessages());
        case 'POST /__sim/channels':
          return sendJson(res, 200, await this.registerChannel(req));
        case 'POST /__sim/interactions':
          return sendJson(res, 200, await this.relayInteraction(req));
        case 'POST /__sim/reset':
          await readJson(req, z.object({}));
          this.rest.reset();
          this.stats.reset();
          return sendJson(res, 200, this.state());
        default:
          throw new SimHttpError(404, 'SIM.NOT_FOUND', `no route ${route}`);
      }
    } catch (error) {
      const known = error instanceof SimHttpError;
      if (!known) this.logger.error({ err: error, path }, 'request failed');
      if (!res.headersSent)
        sendJson(res, known ? error.status : 500, {
          error: known
            ? { code: error.code, message: error.message }
            : { code: 'SIM.INTERNAL', message: 'internal error' },
        });
    }
  }

  /** Discord's REST API; every Nth request answered 429 when configured. */
  private async serveRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const every = this.config.DISCORD_SIM_RATE_LIMIT_EVERY;
    if (every > 0 && ++this.restRequests % every === 0)
      this.rest.failNext(1, {
        status: 429,
        retryAfter: this.config.DISCORD_SIM_RETRY_AFTER_MS / 1000,
      });
    await this.rest.serve(req, res);
  }

  private async relayInteraction(req: IncomingMessage) {
    const result = await this.relay.relay(await readJson(req, relayRequestSchema));
    const log = { interactionId: result.interaction.id, status: result.status };
    if (result.error) this.logger.warn({ ...log, err: result.error }, 'interaction not delivered');
    else this.logger.debug(log, 'interaction delivered');
    return result;
  }

  /** Makes a channel exist in a guild, for `GET /channels/{id}` (any other id is 404). */
  private async registerChannel(req: IncomingMessage) {
    const snowflake = z.string().regex(/^\d{17,20}$/);
    const body = await readJson(
      req,
      z.strictObject({
        guildId: snowflake,
        channelId: snowflake,
        name: z.string().min(1).max(100).optional(),
        type: z.number().int().min(0).max(16).optional(),
      }),
    );
    const { guildId, channelId, ...options } = body;
    return this.rest.registerChannel(guildId, channelId, options);
  }

  private identity() {
    return {
      publicKey: this.keys.publicKeyHex,
      applicationId: this.config.DISCORD_SIM_APPLICATION_ID,
    };
  }

  private state() {
    const applicationId = this.config.DISCORD_SIM_APPLICATION_ID;
    return {
      ...this.identity(),
      interactionsUrl: this.config.DISCORD_SIM_INTERACTIONS_URL,
      rateLimitEvery: this.config.DISCORD_SIM_RATE_LIMIT_EVERY,
      commands: this.rest.commandsOf(applicationId).map((c) => c.name),
      messages: this.rest.messages.size,
      rest: { byRoute: this.stats.rest, rateLimited: this.stats.rateLimited },
      interactions: this.stats.interactions,
    };
  }

  private snowflake(): string {
    const time = BigInt(Date.now()) - DISCORD_EPOCH;
    return ((time << 22n) | BigInt(0x1000 + (this.sequence++ & 0xfff))).toString();
  }
}

/** A recorded request without its Authorization header. */
function redacted<T extends { headers: Record<string, unknown> }>(request: T): T {
  const headers = { ...request.headers };
  delete headers.authorization;
  return { ...request, headers };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
