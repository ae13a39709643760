import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createDiscordRestFakeHandler,
  type DiscordRestFakeHandler,
  type RecordedDiscordRequest,
} from './discord-rest-fake.js';

const seen: RecordedDiscordRequest[] = [];
let handler: DiscordRestFakeHandler;
let server: Server;
let base = '';
const bot = { authorization: 'Bot sim-token', 'content-type': 'application/json' };

beforeAll(async () => {
  handler = createDiscordRestFakeHandler({
    botToken: 'sim-token',
    maxRecorded: 2,
    maxMessages: 2,
    onRequest: (r) => seen.push(r),
  });
  // A server of our own: the fake answers only the paths given to it.
  server = createServer((req, res) => {
    if (req.url?.startsWith('/api/')) void handler.serve(req, res);
    else res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (channel: string, content: string) =>
  fetch(`${base}/api/v10/channels/${channel}/messages`, {
    method: 'POST',
    headers: bot,
    body: JSON.stringify({ content }),
  });

describe('Discord REST fake as a request handler', () => {
  it('keeps only the latest requests and messages when told to, but reports every request', async () => {
    for (const content of ['one', 'two', 'three']) await post('100000000000000300', content);
    expect(seen.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(handler.requests.map((r) => (r.body as { content: string }).content)).toEqual([
      'two',
      'three',
    ]);
    expect([...handler.messages.values()].map((m) => m.content)).toEqual(['two', 'three']);
  });

  it('looks up guilds (with approximate counts on request), channels and the bot user', async () => {
    const get = async (path: string, headers: Record<string, string> = bot) => {
      const response = await fetch(`${base}/api/v10${path}`, { headers });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const guild = await get('/guilds/100000000000000777?with_counts=true');
    expect(guild.body).toMatchObject({ id: '100000000000000777' });
    expect(guild.body.approximate_member_count).toEqual(expect.any(Number));
    expect((await get('/guilds/100000000000000777')).body).not.toHaveProperty(
      'approximate_member_count',
    );
    handler.registerChannel('100000000000000777', '100000000000000300', { name: 'general' });
    expect(await get('/channels/100000000000000300')).toEqual({
      status: 200,
      body: expect.objectContaining({
        id: '100000000000000300',
        type: 0,
        guild_id: '100000000000000777',
        name: 'general',
      }),
    });
    expect(await get('/channels/100000000000000301')).toEqual({
      status: 404,
      body: { message: 'Unknown Channel', code: 10003 },
    });
    expect((await get('/users/@me')).body).toMatchObject({ bot: true });
    expect((await get('/guilds/100000000000000777', {})).status).toBe(401);
  });
});
