import { DefaultRestOptions, REST, type APIRequest, type ResponseLike } from '@discordjs/rest';
import type { Registry } from 'prom-client';
import type { Logger } from '@kd/observability';
import { createDiscordRestMetrics, type DiscordRestMetrics } from './discord-rest-metrics.js';
import { routeLabel } from './route-label.js';

export const DISCORD_API_URL = 'https://discord.com/api';

export interface DiscordRestOptions {
  /** Bot token; without one only token-less routes (interaction webhooks) work. */
  token?: string;
  /** API base without version: Discord's by default, `http://127.0.0.1:PORT/api` for a fake. */
  apiUrl?: string;
  registry?: Registry;
  logger: Logger;
}

const RATE_LIMIT_SCOPES = new Set(['user', 'global', 'shared']);

/** A `REST` for API v10 that counts, times and logs every attempt. */
export function createDiscordRest({ token, apiUrl, registry, logger }: DiscordRestOptions): REST {
  const metrics = registry ? createDiscordRestMetrics(registry) : undefined;
  const apiPath = new URL(apiUrl ?? DISCORD_API_URL).pathname.replace(/\/$/, '') + '/v10';
  const rest = new REST({
    api: apiUrl ?? DISCORD_API_URL,
    version: '10',
    makeRequest: metrics ? timed(metrics, apiPath) : DefaultRestOptions.makeRequest,
  });
  if (token) rest.setToken(token);
  // The `response` event sees every attempt, 429s included (`rateLimited` misses some).
  rest.on('response', (request, response) => onResponse(request, response, metrics, logger));
  return rest;
}

function onResponse(
  request: APIRequest,
  response: ResponseLike,
  metrics: DiscordRestMetrics | undefined,
  logger: Logger,
): void {
  const route = routeLabel(request.path);
  const status = response.status;
  metrics?.requests.inc({ route, status_class: `${Math.floor(status / 100)}xx` });
  if (status !== 429) return;
  const header = response.headers.get('x-ratelimit-scope') ?? '';
  const scope = RATE_LIMIT_SCOPES.has(header)
    ? header
    : response.headers.has('x-ratelimit-global')
      ? 'global'
      : 'unknown';
  metrics?.rateLimited.inc({ scope });
  const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
  logger.warn(
    { route, scope, retryAfter, attempt: request.retries },
    'Discord rate limited a request',
  );
}

// The duration needs the start of the attempt, which the `response` event does not carry.
function timed(
  metrics: DiscordRestMetrics,
  apiPath: string,
): typeof DefaultRestOptions.makeRequest {
  return async (url, init) => {
    const path = new URL(url).pathname;
    const end = metrics.duration.startTimer({
      route: routeLabel(path.startsWith(apiPath) ? path.slice(apiPath.length) : path),
    });
    try {
      return await DefaultRestOptions.makeRequest(url, init);
    } finally {
      end();
    }
  };
}
