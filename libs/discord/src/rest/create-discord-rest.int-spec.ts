import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { REST } from '@discordjs/rest';
import { Registry } from 'prom-client';
import { startDiscordRestFake, testLogger, type DiscordRestFake } from '@kd/testing';
import { editOriginalResponse } from '../replies/follow-up.js';
import { createDiscordRest } from './create-discord-rest.js';
import { discordRoutes } from './discord-routes.js';

const channel = '100000000000000300';
const app = '100000000000000100';
const token = 'aW50ZXJhY3Rpb246MTAwMDAwMDAwMDAwMDAwNjAwOnRva2Vu';
let fake: DiscordRestFake;
let registry: Registry;
let rest: REST;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'bot-token' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  registry = new Registry();
  const logger = testLogger('discord-rest-spec');
  rest = createDiscordRest({ token: 'bot-token', apiUrl: fake.apiUrl, registry, logger });
});

async function value(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric(name)!.get();
  const found = metric.values.find((v) =>
    Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return found?.value ?? 0;
}

describe('createDiscordRest', () => {
  it('talks API v10 at the configured base URL with the bot token', async () => {
    await rest.get('/gateway/bot');
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', status: 200 });
    expect(fake.requests[0]?.headers.authorization).toBe('Bot bot-token');
  });

  it('after a 429 then a 200 sends exactly one message and counts the rate limit', async () => {
    fake.failNext(1, { status: 429, retryAfter: 0.2 });
    await rest.post(discordRoutes.channelMessages(channel), { body: { content: 'hi' } });
    expect(fake.messages.size).toBe(1);
    expect(await value('kd_discord_rate_limited_total', { scope: 'user' })).toBe(1);
    const route = '/channels/:id/messages';
    expect(await value('kd_discord_requests_total', { route, status_class: '4xx' })).toBe(1);
    expect(await value('kd_discord_requests_total', { route, status_class: '2xx' })).toBe(1);
    const text = await registry.metrics();
    expect(text).toContain(`kd_discord_request_duration_seconds_count{route="${route}"} 2`);
  });

  it('counts a global 429 under scope "global"', async () => {
    fake.failNext(1, { status: 429, retryAfter: 0.1, global: true });
    await rest.get('/gateway/bot');
    expect(await value('kd_discord_rate_limited_total', { scope: 'global' })).toBe(1);
  });

  it('never puts ids or tokens into metric labels', async () => {
    await editOriginalResponse(
      rest,
      { applicationId: app, token },
      { content: 'x', ephemeral: true },
    );
    await rest.post(discordRoutes.channelMessages(channel), { body: { content: 'hi' } });
    const text = await registry.metrics();
    expect(text).toContain('route="/webhooks/:id/:token/messages/@original"');
    for (const secret of [token, app, channel, 'bot-token']) expect(text).not.toContain(secret);
  });

  it('counts server errors by status class across the retries', async () => {
    fake.failNext(1, { status: 503 });
    await rest.get('/gateway/bot');
    const route = '/gateway/bot';
    expect(await value('kd_discord_requests_total', { route, status_class: '5xx' })).toBe(1);
    expect(await value('kd_discord_requests_total', { route, status_class: '2xx' })).toBe(1);
  });
});
