import type { Client } from 'discord.js';
import { Counter, Gauge, register } from 'prom-client';
import { createDiscordRestMetrics, routeLabel } from '@kd/discord';
import { metricOnce } from '@kd/observability';

/** Dispatch events received from the gateway, by type (READY, GUILD_CREATE, …: a bounded set). */
export const gatewayEventsTotal = () =>
  metricOnce(
    register,
    'kd_gateway_events_total',
    (registers) =>
      new Counter({
        name: 'kd_gateway_events_total',
        help: 'Discord gateway dispatch events received, by event type',
        labelNames: ['type'],
        registers,
      }),
  );

/** Guilds in this process's discord.js cache (its shards only), read on scrape. */
export function registerGuildsCachedGauge(count: () => number): void {
  metricOnce(
    register,
    'kd_guilds_cached',
    (registers) =>
      new Gauge({
        name: 'kd_guilds_cached',
        help: "Guilds in this bot process's gateway cache (the guilds of its shards)",
        registers,
        collect() {
          this.set(count());
        },
      }),
  );
}

/** Counts the client's REST calls (`/gateway/bot`, member counts) like every other Discord call. */
export function instrumentDiscordRest(client: Client): void {
  const metrics = createDiscordRestMetrics(register);
  client.rest.on('response', (request, response) => {
    const route = routeLabel(request.path);
    metrics.requests.inc({ route, status_class: `${Math.floor(response.status / 100)}xx` });
    if (response.status === 429)
      metrics.rateLimited.inc({ scope: response.headers.get('x-ratelimit-scope') ?? 'unknown' });
  });
}
