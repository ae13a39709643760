import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  commandDefinitions,
  createDiscordRest,
  editOriginalResponse,
  syncCommands,
  verifyDiscordRequest,
} from '@kd/discord';
import { freePort, runAppToExit, startApp, testLogger, type ChildApp } from '@kd/testing';
import { publicKeyHexOf } from './sim-keys.js';

const { privateKey } = generateKeyPairSync('ed25519');
const privateKeyBase64 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const publicKey = publicKeyHexOf(privateKey);
const botToken = 'discord-sim-e2e-bot-token-0000';
const logger = testLogger('discord-sim-e2e');

interface Relayed {
  interaction: { id: string; token: string };
  status: number | null;
  body: unknown;
  followUp: { content?: string } | null;
  error?: string;
}

/** An interactions endpoint that checks Discord's signature exactly as the api does. */
class Receiver {
  readonly received: Record<string, unknown>[] = [];
  simUrl = '';
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/interactions`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const header = (name: string) => req.headers[name] as string | undefined;
    const check = verifyDiscordRequest(
      raw,
      header('x-signature-ed25519'),
      header('x-signature-timestamp'),
      publicKey,
      new Date(),
    );
    if (!check.ok) return void res.writeHead(401).end();
    const interaction = JSON.parse(raw.toString('utf8')) as {
      application_id: string;
      token: string;
      data: { name: string };
    };
    this.received.push(interaction);
    res.writeHead(200, { 'content-type': 'application/json' });
    if ((interaction as { type?: number }).type === 3)
      return void res.end(JSON.stringify({ type: 4, data: { content: 'your link', flags: 64 } }));
    if (interaction.data.name !== 'kaltura-start')
      return void res.end(JSON.stringify({ type: 4, data: { content: 'inline' } }));
    res.end(JSON.stringify({ type: 5 }));
    // Like the api: the real reply follows as an edit of the original response.
    const rest = createDiscordRest({ apiUrl: `${this.simUrl}/api`, logger });
    const ref = { applicationId: interaction.application_id, token: interaction.token };
    await editOriginalResponse(rest, ref, { content: 'Meeting created', ephemeral: false });
  }
}

describe('discord-sim', () => {
  const receiver = new Receiver();
  let sim: ChildApp;

  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const relay = async (interaction: Record<string, unknown>, waitForFollowUpMs = 0) =>
    (await control('/__sim/interactions', { interaction, waitForFollowUpMs }))
      .body as unknown as Relayed;
  const command = (name: string) => ({
    type: 2,
    guild_id: '100000000000000901',
    data: { name, type: 1 },
  });

  beforeAll(async () => {
    const interactionsUrl = await receiver.start();
    sim = await startApp('discord-sim', {
      DISCORD_SIM_HOST: '127.0.0.1',
      DISCORD_SIM_PRIVATE_KEY: privateKeyBase64,
      DISCORD_SIM_BOT_TOKEN: botToken,
      DISCORD_SIM_INTERACTIONS_URL: interactionsUrl,
    });
    receiver.simUrl = sim.url;
  });
  afterAll(async () => {
    await sim?.stop();
    await receiver.close();
  });

  it('is live and ready, and tells the public key of the configured private key', async () => {
    for (const path of ['/health/live', '/health/ready'])
      expect((await fetch(`${sim.url}${path}`)).status).toBe(200);
    expect((await control('/__sim/public-key')).body).toEqual({
      publicKey,
      applicationId: '100000000000004011',
    });
    expect(sim.logs.join('\n')).not.toContain(privateKeyBase64);
  });

  it('signs an interaction like Discord, fills in its ids and token, and returns the answer', async () => {
    const result = await relay(command('kaltura-list'));
    expect(result).toMatchObject({ status: 200, body: { type: 4 }, followUp: null });
    expect(result.interaction.id).toMatch(/^\d{17,20}$/);
    expect(receiver.received.at(-1)).toMatchObject({
      id: result.interaction.id,
      token: result.interaction.token,
      application_id: '100000000000004011',
      version: 1,
      data: { name: 'kaltura-list', id: expect.stringMatching(/^\d{17,20}$/) },
    });
  });

  it('waits for the deferred reply: the edit of @original through its REST API', async () => {
    const result = await relay(command('kaltura-start'), 10_000);
    expect(result).toMatchObject({ status: 200, body: { type: 5 } });
    expect(result.followUp?.content).toBe('Meeting created');
  });

  it('relays a button press as it is and keeps its private answer out of the public messages', async () => {
    const press = {
      type: 3,
      guild_id: '100000000000000901',
      data: { custom_id: 'kd1:join:m0123456789', component_type: 2 },
    };
    const result = await relay(press);
    expect(result).toMatchObject({ status: 200, body: { type: 4, data: { flags: 64 } } });
    expect(receiver.received.at(-1)?.data).toEqual(press.data);
    const publicMessages = (await fetch(`${sim.url}/__sim/public-messages`).then((r) =>
      r.json(),
    )) as { content: string }[];
    expect(publicMessages.map((m) => m.content)).toContain('Meeting created');
    expect(publicMessages.map((m) => m.content)).not.toContain('your link');
  });

  it('serves command registration for the bot token it was given, and refuses others', async () => {
    const rest = createDiscordRest({ apiUrl: `${sim.url}/api`, token: botToken, logger });
    await syncCommands(rest, '100000000000004011', commandDefinitions, logger);
    const { body } = await control('/__sim/state');
    expect(body.commands).toEqual(commandDefinitions.map((d) => d.name));
    const wrong = await fetch(`${sim.url}/api/v10/applications/100000000000004011/commands`, {
      headers: { authorization: 'Bot someone-else' },
    });
    expect(wrong.status).toBe(401);
    // Interactions now carry the registered command's id, as Discord's do.
    const registered = await rest.get('/applications/100000000000004011/commands');
    const start = (registered as { id: string; name: string }[]).find(
      (c) => c.name === 'kaltura-start',
    );
    await relay(command('kaltura-start'));
    expect(receiver.received.at(-1)).toMatchObject({ data: { id: start?.id } });
  });

  it('counts REST calls by route label and interactions by status, never with ids or tokens', async () => {
    const { body } = await control('/__sim/state');
    const routes = Object.keys((body.rest as { byRoute: object }).byRoute);
    expect(routes).toEqual(
      expect.arrayContaining([
        'PATCH /webhooks/:id/:token/messages/@original',
        'PUT /applications/:id/commands',
      ]),
    );
    expect(JSON.stringify(routes)).not.toMatch(/\d{17}/);
    expect(body.interactions).toEqual({ '2xx': 4 });
  });

  it("answers GET /channels/{id} for channels of a guild: registered, or an interaction's own", async () => {
    const channel = async (id: string) => {
      const response = await fetch(`${sim.url}/api/v10/channels/${id}`, {
        headers: { authorization: `Bot ${botToken}` },
      });
      return { status: response.status, body: (await response.json()) };
    };
    expect(await channel('100000000000000950')).toEqual({
      status: 404,
      body: { message: 'Unknown Channel', code: 10003 },
    });
    const registered = await control('/__sim/channels', {
      guildId: '100000000000000901',
      channelId: '100000000000000950',
      name: 'announcements',
    });
    expect(registered.status).toBe(200);
    expect(await channel('100000000000000950')).toMatchObject({
      status: 200,
      body: { id: '100000000000000950', guild_id: '100000000000000901', name: 'announcements' },
    });
    await relay({ ...command('kaltura-list'), channel_id: '100000000000000951' });
    expect(await channel('100000000000000951')).toMatchObject({
      status: 200,
      body: { guild_id: '100000000000000901', type: 0 },
    });
  });

  it('keeps the ids it is given and refuses malformed control requests', async () => {
    const result = await relay({ ...command('kaltura-list'), id: '100000000000000123' });
    expect(result.interaction.id).toBe('100000000000000123');
    const bad = await control('/__sim/interactions', { interaction: { type: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'SIM.INVALID_REQUEST' } });
    expect((await control('/__sim/nothing')).status).toBe(404);
  });
});

describe('discord-sim rate limits and start-up', () => {
  it('answers every Nth REST request 429 with Retry-After when configured', async () => {
    const sim = await startApp('discord-sim', {
      DISCORD_SIM_HOST: '127.0.0.1',
      DISCORD_SIM_RATE_LIMIT_EVERY: '3',
      DISCORD_SIM_RETRY_AFTER_MS: '500',
      DISCORD_SIM_INTERACTIONS_URL: `http://127.0.0.1:${await freePort()}/interactions`,
    });
    try {
      const unreachable = await fetch(`${sim.url}/__sim/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ interaction: { type: 1 } }),
      });
      expect(unreachable.status).toBe(200);
      expect(await unreachable.json()).toMatchObject({
        status: null,
        error: expect.stringContaining('/interactions'),
      });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i++) {
        const response = await fetch(`${sim.url}/api/v10/users/@me`, {
          headers: { authorization: 'Bot discord-sim-bot-token-not-a-real-token' },
        });
        statuses.push(response.status);
        retryAfter ??= response.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
      expect(retryAfter).toBe('0.5');
      const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as {
        rest: { rateLimited: number };
      };
      expect(state.rest.rateLimited).toBe(2);
    } finally {
      await sim.stop();
    }
  });

  it('generates a key pair when none is configured and logs only its public key', async () => {
    const sim = await startApp('discord-sim', { DISCORD_SIM_HOST: '127.0.0.1' });
    try {
      const { publicKey: generated } = (await (
        await fetch(`${sim.url}/__sim/public-key`)
      ).json()) as {
        publicKey: string;
      };
      expect(generated).toMatch(/^[0-9a-f]{64}$/);
      expect(sim.logs.join('\n')).toContain(generated);
      expect(sim.logs.join('\n')).not.toMatch(/PRIVATE|privateKey/);
    } finally {
      await sim.stop();
    }
  });

  it('refuses to start on a bad configuration, naming the variable', async () => {
    const { code, output } = await runAppToExit('discord-sim', { DISCORD_SIM_PRIVATE_KEY: 'x' });
    expect(code).toBe(1);
    expect(output).toContain('DISCORD_SIM_PRIVATE_KEY: must be a PKCS#8 private key');
  });
});
