import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DiscordAPIError, REST } from '@discordjs/rest';
import { startDiscordRestFake, type DiscordRestFake } from './discord-rest-fake.js';

const app = '100000000000000100';
const channel = '100000000000000300';
let fake: DiscordRestFake;
let rest: REST;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'bot-token' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  // A fresh client per test: @discordjs/rest remembers buckets and global limits.
  rest = new REST({ api: fake.apiUrl, version: '10' }).setToken('bot-token');
});

describe('Discord REST fake', () => {
  it('creates a channel message with a 17-19 digit snowflake and records the request', async () => {
    const message = (await rest.post(`/channels/${channel}/messages`, {
      body: { content: 'hello', allowed_mentions: { parse: [] } },
    })) as { id: string; channel_id: string; content: string };
    expect(message.id).toMatch(/^\d{17,19}$/);
    expect(message).toMatchObject({ channel_id: channel, content: 'hello' });
    expect(fake.messages.get(message.id)?.content).toBe('hello');
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/channels/${channel}/messages`,
        body: { content: 'hello', allowed_mentions: { parse: [] } },
        status: 200,
      }),
    ]);
    expect(fake.requests[0]?.headers.authorization).toBe('Bot bot-token');
  });

  it('answers with X-RateLimit headers per bucket', async () => {
    await rest.get('/gateway/bot');
    const raw = await fetch(`${fake.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: 'Bot bot-token' },
    });
    expect(raw.headers.get('x-ratelimit-limit')).toBe('50');
    expect(raw.headers.get('x-ratelimit-remaining')).toBe('48');
    expect(Number(raw.headers.get('x-ratelimit-reset-after'))).toBeLessThanOrEqual(1);
    expect(raw.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is retried by @discordjs/rest after Retry-After on a 429, storing one message', async () => {
    fake.failNext(1, { status: 429, retryAfter: 0.3 });
    const started = Date.now();
    await rest.post(`/channels/${channel}/messages`, { body: { content: 'once' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect([...fake.messages.values()].map((m) => m.content)).toEqual(['once']);
  });

  it('sends global 429s the way Discord does', async () => {
    fake.failNext(1, { status: 429, retryAfter: 0.1, global: true });
    const raw = await fetch(`${fake.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: 'Bot bot-token' },
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('0.1');
    expect(raw.headers.get('x-ratelimit-global')).toBe('true');
    expect(raw.headers.get('x-ratelimit-scope')).toBe('global');
    expect(await raw.json()).toMatchObject({ retry_after: 0.1, global: true });
  });

  it('is retried by @discordjs/rest on a 500', async () => {
    fake.failNext(1, { status: 500 });
    await rest.post(`/channels/${channel}/messages`, { body: { content: 'after 500' } });
    expect(fake.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(fake.messages.size).toBe(1);
  });

  it('refuses a wrong bot token, but not interaction webhooks, which need none', async () => {
    const stranger = new REST({ api: fake.apiUrl }).setToken('other');
    await expect(stranger.get(`/applications/${app}/commands`)).rejects.toBeInstanceOf(
      DiscordAPIError,
    );
    const edited = await stranger.patch(`/webhooks/${app}/tok/messages/@original`, {
      body: { content: 'edited' },
      auth: false,
    });
    expect(edited).toMatchObject({ content: 'edited' });
  });

  it('replaces registered commands on PUT and keeps ids of commands it already had', async () => {
    const route = `/applications/${app}/commands` as const;
    const command = { name: 'kaltura-list', description: 'List', type: 1, options: [] };
    const [first] = (await rest.put(route, { body: [command] })) as { id: string }[];
    await rest.put(route, { body: [command, { ...command, name: 'kaltura-stats' }] });
    const listed = (await rest.get(route)) as { id: string; name: string }[];
    expect(listed.map((c) => c.name)).toEqual(['kaltura-list', 'kaltura-stats']);
    expect(listed[0]?.id).toBe(first?.id);
    expect(fake.commandsOf(app)).toHaveLength(2);
  });

  it('refuses commands Discord would refuse', async () => {
    const bad = [{ name: 'Kaltura List', description: 'x', type: 1 }];
    await expect(rest.put(`/applications/${app}/commands`, { body: bad })).rejects.toMatchObject({
      status: 400,
      code: 50035,
    });
  });

  it('keeps the original response of an interaction and lets it be edited and read', async () => {
    const token = 'aW50ZXJhY3Rpb24tdG9rZW4';
    await rest.post(`/interactions/100000000000000600/${token}/callback`, {
      body: { type: 5, data: { flags: 64 } },
      auth: false,
    });
    await rest.patch(`/webhooks/${app}/${token}/messages/@original`, {
      body: { content: 'ready' },
      auth: false,
    });
    const original = await rest.get(`/webhooks/${app}/${token}/messages/@original`, {
      auth: false,
    });
    expect(original).toMatchObject({ content: 'ready', flags: 64 });
    expect(fake.messages.size).toBe(1);
  });

  it('answers a repeated enforce_nonce with the message it created, storing one', async () => {
    const body = { content: 'once', nonce: 'n-1', enforce_nonce: true };
    const first = (await rest.post(`/channels/${channel}/messages`, { body })) as { id: string };
    const again = (await rest.post(`/channels/${channel}/messages`, { body })) as { id: string };
    expect(again.id).toBe(first.id);
    expect(fake.messages.size).toBe(1);
    await rest.post(`/channels/${channel}/messages`, { body: { content: 'x', nonce: 'n-1' } });
    expect(fake.messages.size).toBe(2);
    const long = { content: 'x', nonce: 'n'.repeat(26), enforce_nonce: true };
    await expect(rest.post(`/channels/${channel}/messages`, { body: long })).rejects.toMatchObject({
      status: 400,
      code: 50035,
    });
  });

  it('holds an answer back after acting on the request', async () => {
    fake.holdNext(1, 300);
    const started = Date.now();
    const posting = rest.post(`/channels/${channel}/messages`, { body: { content: 'slow' } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.messages.size).toBe(1);
    await posting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(fake.requests.map((r) => r.status)).toEqual([200]);
  });

  it('refuses an empty message and content over 2000 characters', async () => {
    const post = (body: object) => rest.post(`/channels/${channel}/messages`, { body });
    await expect(post({ content: '' })).rejects.toMatchObject({ code: 50006 });
    await expect(post({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 50035 });
  });

  it("gets, edits and deletes a channel message with Discord's shapes and errors", async () => {
    fake.registerChannel('100000000000000001', channel);
    const path = `/channels/${channel}/messages` as const;
    const { id } = (await rest.post(path, { body: { content: 'v1' } })) as { id: string };
    const edited = (await rest.patch(`${path}/${id}`, {
      body: { content: 'v2', components: [], nonce: 'ignored' },
    })) as Record<string, unknown>;
    expect(edited).toMatchObject({ id, channel_id: channel, content: 'v2', components: [] });
    expect(edited.edited_timestamp).toEqual(expect.any(String));
    expect(edited).not.toHaveProperty('nonce');
    expect(await rest.get(`${path}/${id}`)).toMatchObject({ id, content: 'v2' });

    await rest.delete(`${path}/${id}`);
    expect(fake.messages.has(id)).toBe(false);
    for (const call of [rest.get(`${path}/${id}`), rest.patch(`${path}/${id}`, { body: {} })])
      await expect(call).rejects.toMatchObject({ status: 404, code: 10008 });
    const elsewhere = `/channels/100000000000000301/messages/${id}` as const;
    await expect(rest.get(elsewhere)).rejects.toMatchObject({ status: 404, code: 10003 });
  });

  it('lets a test delete a message as a moderator would, and force a 429 on an edit', async () => {
    fake.registerChannel('100000000000000001', channel);
    const path = `/channels/${channel}/messages` as const;
    const { id } = (await rest.post(path, { body: { content: 'doomed' } })) as { id: string };
    fake.failNext(1, { status: 429, retryAfter: 0.2 }, /\/messages\/\d+$/);
    await rest.patch(`${path}/${id}`, { body: { content: 'after the wait' } });
    expect(fake.requestsTo('PATCH', /messages/).map((r) => r.status)).toEqual([429, 200]);
    expect(fake.deleteMessage(id)).toBe(true);
    await expect(rest.patch(`${path}/${id}`, { body: { content: 'x' } })).rejects.toMatchObject({
      code: 10008,
    });
    expect(fake.deleteMessage(id)).toBe(false);
  });

  it('refuses a Link button without a url, or one with a custom_id', async () => {
    const post = (button: object) =>
      rest.post(`/channels/${channel}/messages`, {
        body: { content: 'x', components: [{ type: 1, components: [{ type: 2, ...button }] }] },
      });
    await expect(post({ style: 5, label: 'Watch' })).rejects.toMatchObject({ code: 50035 });
    const both = { style: 5, label: 'Watch', url: 'https://x.example', custom_id: 'kd1:x:y' };
    await expect(post(both)).rejects.toMatchObject({ code: 50035 });
    await expect(
      post({ style: 5, label: 'Watch', url: 'https://x.example' }),
    ).resolves.toBeTruthy();
    await expect(post({ style: 1, label: 'Join', custom_id: 'kd1:join:m1' })).resolves.toBeTruthy();
  });
});
