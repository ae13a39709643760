import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventFactory } from '@kd/analytics-oracle';
import { pngSize } from '@kd/charts';
import {
  commandInteraction,
  createTestDatabase,
  createTestStream,
  interactionGuildId,
  snowflakeFor,
  startApp,
  startDiscordRestFake,
  type ChildApp,
  type DiscordRestFake,
  type TestDatabase,
  type TestStream,
  testApiToken,
  firstOriginalEdit,
} from '@kd/testing';
import { applicationId, keys, post } from '../interactions/interaction-fixtures.js';

const secret = 'insights-e2e-secret-insights-e2e-secret!';
/** Two apps start at once, one rendering charts: room for a busy machine. */
const startupMs = 60_000;
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
/** An operator token by default; pass `guilds` and a guild scope for a guild's token. */
const token = (claims: Record<string, unknown> = {}) =>
  testApiToken(secret, { sub: 'analyst', scope: 'operator', ...claims });

describe('insights: REST API and /kaltura-stats', () => {
  let db: TestDatabase;
  let t: TestStream;
  let discord: DiscordRestFake;
  let api: ChildApp;
  let projector: ChildApp;
  const f = eventFactory('ins');
  const guild = interactionGuildId;
  const other = snowflakeFor(5151);

  beforeAll(async () => {
    [db, t, discord] = await Promise.all([
      createTestDatabase(),
      createTestStream(),
      startDiscordRestFake(),
    ]);
    const events = [
      f.installed(guild, daysAgo(45), 10),
      f.installed(other, daysAgo(5), 3),
      f.command(guild, daysAgo(2), { user: snowflakeFor(61) }),
      f.command(guild, daysAgo(2), { user: snowflakeFor(62), command: 'kaltura-start' }),
      f.command(guild, daysAgo(1), { user: snowflakeFor(61), command: 'kaltura-join' }),
      f.configUpdated(guild, daysAgo(3), `roles.mapping.${snowflakeFor(63)}`, 'adminRole'),
    ];
    for (const event of events) await t.store.append(event);
    const shared = {
      DATABASE_URL: db.url,
      KD_STREAM: t.stream,
      KD_SUBJECT_PREFIX: t.subjectPrefix,
    };
    [api, projector] = await Promise.all([
      startApp(
        'api',
        {
          ...shared,
          JWT_SECRET: secret,
          DISCORD_PUBLIC_KEY: keys.publicKeyHex,
          DISCORD_APPLICATION_ID: applicationId,
          DISCORD_API_URL: discord.apiUrl,
          DISCORD_TOKEN: 'bot-token-for-the-insights-e2e',
        },
        startupMs,
      ),
      startApp('projector', { ...shared, PROJECTION_MAX_WAIT_MS: '20' }, startupMs),
    ]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { rows } = await client.query<{ last_seq: string }>(
          `SELECT last_seq FROM kd.projection_checkpoints WHERE projection = 'analytics'`,
        );
        if (Number(rows[0]?.last_seq ?? 0) >= events.length) break;
        if (Date.now() > deadline) throw new Error('analytics projection did not catch up');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await client.end();
    }
  }, 3 * startupMs);
  afterAll(async () => {
    await Promise.all([api?.stop(), projector?.stop()]);
    await Promise.all([db?.drop(), t?.cleanup(), discord?.close()]);
  });

  const get = async (path: string, bearer = token()) => {
    const response = await fetch(`${api.url}${path}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes
  };

  it("serves a guild's own figures with the targets", async () => {
    const { status, body } = await get(`/api/v1/guilds/${guild}/insights`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      guildId: guild,
      installed: true,
      memberCount: 10,
      installDay: daysAgo(45).slice(0, 10),
      activity: { commands7d: 3, activeDays7d: 2, uniqueUsers30d: 2, commands30d: 3 },
      retention: { weeklyActive: true, commandRetained30d: true, serverRetained90d: null },
      customization: { anyOverride: true, roleMapping: true, templates: false },
    });
    expect(body.engagement).toContainEqual(
      expect.objectContaining({
        metric: 'command_usage_rate',
        value: 1.5,
        target: 5,
        onTarget: false,
      }),
    );
    expect(body.engagement).toContainEqual(
      expect.objectContaining({ metric: 'unique_users', value: 0.2, target: 0.3 }),
    );
  });

  it('answers 404 for a guild with no events, and 403 to a token for other guilds', async () => {
    const unknown = await get(`/api/v1/guilds/${snowflakeFor(5252)}/insights`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('GUILD.NOT_FOUND');
    const forbidden = await get(
      `/api/v1/guilds/${guild}/insights`,
      token({ guilds: [other], scope: 'read' }),
    );
    expect(forbidden.status).toBe(403);
  });

  it('serves the install-wide summary to an operator token only', async () => {
    const { status, body } = await get('/api/v1/metrics/summary');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      installedGuilds: 2,
      live: { meetings: 0, participants: 0 },
      stale: false,
    });
    expect(body.retention).toContainEqual(
      expect.objectContaining({
        metric: 'weekly_active_servers',
        value: 0.5,
        target: 0.8,
        onTarget: false,
      }),
    );
    expect(body.customization).toContainEqual(
      expect.objectContaining({ metric: 'role_mapping_customization', value: 0.5 }),
    );
    const scoped = await get('/api/v1/metrics/summary', token({ guilds: [guild], scope: 'read' }));
    expect(scoped.status).toBe(403);
    expect(scoped.body.error.code).toBe('AUTH.INSUFFICIENT_SCOPE');
  });

  /** The deferred answer of a signed interaction, as discord-fake received it. */
  const statsAnswer = async (locale: string) => {
    const interaction = { ...commandInteraction('kaltura-stats'), locale };
    const response = await post(api.url, interaction);
    expect(await response.json()).toEqual({ type: 5, data: { flags: 64 } });
    return firstOriginalEdit(discord, interaction);
  };

  it('answers /kaltura-stats with the same figures and their picture, privately', async () => {
    const followUp = await statsAnswer('en-US');
    const text = JSON.stringify(followUp?.body);
    expect(text).toContain('Kaltura usage in this server');
    expect(text).toContain('Last 7 days: 3 commands on 2 days');
    expect(text).toContain('1.5 (target > 5)');
    expect(text).toContain('Custom settings: role mapping');
    expect(followUp?.body).toMatchObject({
      embeds: [{ image: { url: 'attachment://insights.png' } }],
      attachments: [
        {
          id: 0,
          filename: 'insights.png',
          description: expect.stringContaining('3 commands on 2 days') as unknown,
        },
      ],
    });
    const [file] = followUp?.files ?? [];
    expect(file).toMatchObject({ field: 'files[0]', filename: 'insights.png' });
    expect(pngSize(file?.data ?? Buffer.alloc(0))).toEqual({ width: 1000, height: 760 });
  });

  it("answers /kaltura-stats in the member's language, picture included", async () => {
    const followUp = await statsAnswer('de');
    const text = JSON.stringify(followUp?.body);
    expect(text).toContain('Kaltura-Nutzung auf diesem Server');
    expect(text).toContain('Letzte 7 Tage: 3 Befehle an 2 Tagen');
    expect(text).toContain('Eigene Einstellungen: Rollenzuordnung');
    expect(JSON.stringify((followUp?.body as { attachments?: unknown }).attachments)).toContain(
      'Diagramme zur Nutzung dieses Servers.',
    );
    expect(pngSize(followUp?.files?.[0]?.data ?? Buffer.alloc(0))).toBeDefined();
  });

  it('serves the same picture over REST to a token of the guild, with cache headers', async () => {
    const path = `/api/v1/guilds/${guild}/insights.png`;
    const bearer = token({ guilds: [guild], scope: 'read' });
    const response = await fetch(`${api.url}${path}?locale=fr`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    expect(decodeURIComponent(response.headers.get('x-alt-text') ?? '')).toContain(
      '3 commandes sur 2 jours',
    );
    const png = Buffer.from(await response.arrayBuffer());
    expect(pngSize(png)).toEqual({ width: 1000, height: 760 });
    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${api.url}${path}?locale=fr`, {
      headers: { authorization: `Bearer ${bearer}`, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('refuses the picture without a token, to other guilds, and for unknown guilds', async () => {
    const path = `/api/v1/guilds/${guild}/insights.png`;
    expect((await fetch(`${api.url}${path}`)).status).toBe(401);
    const forbidden = await get(path, token({ guilds: [other], scope: 'read' }));
    expect(forbidden.status).toBe(403);
    const unknown = await get(`/api/v1/guilds/${snowflakeFor(5252)}/insights.png`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('GUILD.NOT_FOUND');
    const badLocale = await get(`${path}?locale=${'x'.repeat(40)}`);
    expect(badLocale.status).toBe(400);
  });
});
