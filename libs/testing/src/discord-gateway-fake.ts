import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIGuild,
  ApplicationFlags,
  APIRole,
  GatewayGuildCreateDispatchData,
  GatewayReadyDispatchData,
  GuildSystemChannelFlags,
  Locale,
  RoleFlags,
} from 'discord.js';
import { WebSocketServer, type WebSocket } from 'ws';

/** A guild as a test describes it; everything else in the wire objects is filled in. */
export interface FakeGuildInput {
  id: string;
  name?: string;
  memberCount?: number;
  /** When the bot joined (`joined_at`); default: when the guild was added to the fake. */
  joinedAt?: Date | string;
  ownerId?: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  memberCount: number;
  joinedAt: string;
  ownerId: string;
  available: boolean;
}

export interface IdentifyRecord {
  token: string;
  intents: number;
  shard: [number, number];
}

export interface DiscordGatewayFakeOptions {
  guilds?: FakeGuildInput[];
  /** Recommended shard count returned by `GET /gateway/bot` (default 1). */
  shards?: number;
  /** When set, any other token gets 401 on REST and close code 4004 on IDENTIFY. */
  token?: string;
  /** Accept privileged intents (GuildMembers, GuildPresences, MessageContent); default: close 4014. */
  allowPrivilegedIntents?: boolean;
  heartbeatIntervalMs?: number;
  botUser?: { id: string; username: string };
  applicationId?: string;
}

export interface DiscordGatewayFake {
  /** `http://127.0.0.1:<port>`; the gateway is `ws://` on the same port. */
  url: string;
  /** What a bot passes as `DISCORD_API_URL` / discord.js `rest.api`. */
  apiUrl: string;
  /** Every IDENTIFY received, in order. */
  readonly identifies: readonly IdentifyRecord[];
  /** Every REST request received (`GET /api/v10/guilds/1?with_counts=true`). */
  readonly requests: readonly string[];
  /** [shardId, shardCount] of every identified connection that is open now. */
  connectedShards(): Array<[number, number]>;
  guild(id: string): FakeGuild | undefined;
  /** The bot joins a guild: GUILD_CREATE to the connected shard that owns it. */
  addGuild(guild: FakeGuildInput): FakeGuild;
  /** The bot is kicked (or the guild deleted): GUILD_DELETE `{id}`. */
  removeGuild(id: string): void;
  /** Outage: GUILD_DELETE `{id, unavailable: true}`; the bot is still a member. */
  makeUnavailable(id: string): void;
  /** Outage over: GUILD_CREATE again. */
  makeAvailable(id: string): void;
  /** Changes `member_count` (next GUILD_CREATE) and `approximate_member_count` (REST). */
  setMemberCount(id: string, memberCount: number): void;
  /** A slash command over the gateway: INTERACTION_CREATE to the shard owning its guild. */
  dispatchInteraction(interaction: { guild_id: string } & Record<string, unknown>): void;
  /** Interaction responses received: the callback (first response) and edits of `@original`. */
  readonly interactionResponses: readonly { method: string; path: string; body: unknown }[];
  close(): Promise<void>;
}

interface Session {
  socket: WebSocket;
  shard: [number, number] | null;
  seq: number;
}

const privilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);

/** Which shard receives a guild's events (Discord: `(guild_id >> 22) % num_shards`). */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * A local stand-in for Discord speaking gateway v10 JSON (HELLO, IDENTIFY, heartbeats, READY,
 * GUILD_CREATE/GUILD_DELETE per shard) and the few REST routes a bot needs, so the real
 * discord.js client can run against it.
 */
export async function startDiscordGatewayFake(
  options: DiscordGatewayFakeOptions = {},
): Promise<DiscordGatewayFake> {
  const guilds = new Map<string, FakeGuild>();
  const sessions = new Set<Session>();
  const identifies: IdentifyRecord[] = [];
  const requests: string[] = [];
  const botUser = options.botUser ?? { id: '100000000000000099', username: 'kd-fake-bot' };
  const applicationId = options.applicationId ?? botUser.id;
  const store = (input: FakeGuildInput): FakeGuild => {
    const guild = toFakeGuild(input);
    guilds.set(guild.id, guild);
    return guild;
  };
  (options.guilds ?? []).forEach(store);

  const interactionResponses: { method: string; path: string; body: unknown }[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (isInteractionResponse(req))
      return void recordInteractionResponse(req, res, interactionResponses);
    const rest = { options, guilds, botUser, applicationId, baseUrl: () => wsUrl };
    serveRest(req, res, rest);
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}`;

  const dispatch = (session: Session, t: string, d: unknown) =>
    send(session.socket, { op: 0, t, s: ++session.seq, d });
  const toOwner = (guildId: string, t: string, d: unknown) => {
    for (const session of sessions) {
      if (session.shard && shardOfGuild(guildId, session.shard[1]) === session.shard[0])
        dispatch(session, t, d);
    }
  };

  const identify = (session: Session, d: IdentifyPayload) => {
    const record: IdentifyRecord = { token: d.token, intents: d.intents, shard: d.shard ?? [0, 1] };
    identifies.push(record);
    const [shardId, shardCount] = record.shard;
    if (options.token !== undefined && record.token !== options.token)
      return session.socket.close(4004, 'Authentication failed.');
    if (!options.allowPrivilegedIntents && (record.intents & privilegedIntents) !== 0)
      return session.socket.close(4014, 'Disallowed intent(s).');
    if (shardId < 0 || shardId >= shardCount) return session.socket.close(4010, 'Invalid shard.');
    session.shard = record.shard;
    const own = [...guilds.values()].filter((g) => shardOfGuild(g.id, shardCount) === shardId);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...botUser, discriminator: '0', global_name: null, avatar: null, bot: true },
      guilds: own.map((g) => ({ id: g.id, unavailable: true })),
      session_id: randomBytes(16).toString('hex'),
      resume_gateway_url: wsUrl,
      shard: record.shard,
      application: { id: applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    dispatch(session, 'READY', ready);
    for (const guild of own) {
      if (guild.available) dispatch(session, 'GUILD_CREATE', gatewayGuild(guild));
      else dispatch(session, 'GUILD_DELETE', { id: guild.id, unavailable: true });
    }
  };

  wss.on('connection', (socket) => {
    const session: Session = { socket, shard: null, seq: 0 };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (message.op === 1) send(socket, { op: 11 });
      else if (message.op === 2) identify(session, message.d as IdentifyPayload);
      // Resuming is not supported: the client is told to identify afresh.
      else if (message.op === 6) send(socket, { op: 9, d: false });
    });
    send(socket, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 } });
  });

  const existing = (id: string): FakeGuild => {
    const guild = guilds.get(id);
    if (!guild) throw new Error(`the fake knows no guild ${id}`);
    return guild;
  };

  return {
    url,
    apiUrl: `${url}/api`,
    identifies,
    requests,
    connectedShards: () =>
      [...sessions].flatMap((s) => (s.shard ? [[...s.shard] as [number, number]] : [])),
    guild: (id) => guilds.get(id),
    addGuild(input) {
      const guild = store(input);
      toOwner(guild.id, 'GUILD_CREATE', gatewayGuild(guild));
      return guild;
    },
    removeGuild(id) {
      existing(id);
      guilds.delete(id);
      toOwner(id, 'GUILD_DELETE', { id });
    },
    makeUnavailable(id) {
      existing(id).available = false;
      toOwner(id, 'GUILD_DELETE', { id, unavailable: true });
    },
    makeAvailable(id) {
      const guild = existing(id);
      guild.available = true;
      toOwner(id, 'GUILD_CREATE', gatewayGuild(guild));
    },
    setMemberCount(id, memberCount) {
      existing(id).memberCount = memberCount;
    },
    dispatchInteraction(interaction) {
      toOwner(interaction.guild_id, 'INTERACTION_CREATE', interaction);
    },
    interactionResponses,
    async close() {
      for (const { socket } of sessions) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface IdentifyPayload {
  token: string;
  intents: number;
  shard?: [number, number];
}

/** Interaction callbacks and `@original` edits: authenticated by the token in the path. */
function isInteractionResponse(req: IncomingMessage): boolean {
  return /^\/api\/v\d+\/(interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+\/messages\/@original)/.test(
    req.url ?? '',
  );
}

async function recordInteractionResponse(
  req: IncomingMessage,
  res: ServerResponse,
  into: { method: string; path: string; body: unknown }[],
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/^\/api\/v\d+/, '');
  into.push({
    method: req.method ?? 'GET',
    path,
    body: text ? (JSON.parse(text) as unknown) : null,
  });
  if (path.endsWith('/callback')) {
    res.writeHead(204).end();
    return;
  }
  json(res, 200, {
    id: '100000000000000777',
    channel_id: '100000000000000778',
    content: '',
    embeds: [],
  });
}

interface RestContext {
  options: DiscordGatewayFakeOptions;
  guilds: Map<string, FakeGuild>;
  botUser: { id: string; username: string };
  applicationId: string;
  baseUrl(): string;
}

function serveRest(req: IncomingMessage, res: ServerResponse, ctx: RestContext): void {
  const url = new URL(req.url ?? '/', 'http://fake');
  const route = /^\/api\/v\d+(\/.*)$/.exec(url.pathname)?.[1];
  const token = /^Bot (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token || (ctx.options.token !== undefined && token !== ctx.options.token))
    return json(res, 401, { message: '401: Unauthorized', code: 0 });
  if (req.method !== 'GET' || !route) return json(res, 404, { message: '404: Not Found', code: 0 });
  if (route === '/gateway/bot') return json(res, 200, gatewayBot(ctx));
  if (route === '/users/@me')
    return json(res, 200, { ...ctx.botUser, discriminator: '0', bot: true, avatar: null });
  if (route === '/applications/@me')
    return json(res, 200, { id: ctx.applicationId, name: ctx.botUser.username, flags: 0 });
  const guildId = /^\/guilds\/(\d+)$/.exec(route)?.[1];
  const guild = guildId === undefined ? undefined : ctx.guilds.get(guildId);
  if (guildId !== undefined && !guild)
    return json(res, 404, { message: 'Unknown Guild', code: 10004 });
  if (!guild) return json(res, 404, { message: '404: Not Found', code: 0 });
  const counts =
    url.searchParams.get('with_counts') === 'true'
      ? { approximate_member_count: guild.memberCount, approximate_presence_count: 0 }
      : {};
  json(res, 200, { ...restGuild(guild), ...counts });
}

function gatewayBot(ctx: RestContext) {
  return {
    url: ctx.baseUrl(),
    shards: ctx.options.shards ?? 1,
    session_start_limit: {
      total: 1000,
      remaining: 999,
      reset_after: 14_400_000,
      max_concurrency: 1,
    },
  };
}

function toFakeGuild(input: FakeGuildInput): FakeGuild {
  if (!/^\d{17,19}$/.test(input.id)) throw new Error(`${input.id} is not a 17–19 digit snowflake`);
  const joinedAt = input.joinedAt ?? new Date();
  return {
    id: input.id,
    name: input.name ?? `Guild ${input.id.slice(-4)}`,
    memberCount: input.memberCount ?? 10,
    joinedAt: typeof joinedAt === 'string' ? joinedAt : joinedAt.toISOString(),
    ownerId: input.ownerId ?? '100000000000000001',
    available: true,
  };
}

function restGuild(guild: FakeGuild): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US' as Locale,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    application_id: null,
    vanity_url_code: null,
    max_members: 500_000,
    hub_type: null,
    incidents_data: null,
    features: [],
    emojis: [],
    stickers: [],
    roles: [everyoneRole(guild.id)],
  };
}

/** GUILD_CREATE carries the guild plus the membership fields a REST guild lacks. */
function gatewayGuild(guild: FakeGuild): GatewayGuildCreateDispatchData {
  return {
    ...restGuild(guild),
    joined_at: guild.joinedAt,
    member_count: guild.memberCount,
    large: guild.memberCount > 250,
    unavailable: false,
    channels: [],
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function everyoneRole(guildId: string): APIRole {
  return {
    id: guildId,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: '0',
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

function send(socket: WebSocket, payload: Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN)
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
