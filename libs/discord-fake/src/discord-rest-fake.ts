import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScheduledEvents, scheduledEventRoutes } from './scheduled-events.js';

/** One request the fake received, as it arrived (path without the `/api/v10` prefix). */
export interface RecordedDiscordRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The status the fake answered with. */
  status: number;
  /** When the request arrived (epoch milliseconds). */
  receivedAt: number;
}

/** A scripted failure: a 429 (Retry-After in seconds, may be fractional) or a server error. */
export type DiscordFailure =
  | { status: 429; retryAfter: number; global?: boolean; scope?: 'user' | 'global' | 'shared' }
  | { status: 500 | 502 | 503 };

export type FakeMessage = Record<string, unknown> & { id: string; channel_id: string };

/** A guild channel as `GET /channels/{id}` returns it. */
export interface FakeChannel {
  id: string;
  type: number;
  guild_id: string;
  name: string;
}

/** A guild scheduled event as Discord returns it (external events only carry a location). */
export type FakeScheduledEvent = Record<string, unknown> & {
  id: string;
  guild_id: string;
  status: number;
};

/** The fake's state and controls, whoever serves its HTTP requests. */
export interface DiscordRestFakeState {
  requests: RecordedDiscordRequest[];
  /** Messages by id, in their latest state (created in a channel, by a webhook or a callback). */
  messages: Map<string, FakeMessage>;
  /** Channels by id (see {@link registerChannel}). */
  channels: Map<string, FakeChannel>;
  commandsOf(applicationId: string, guildId?: string): Record<string, unknown>[];
  /**
   * Makes a channel exist in a guild (a text channel, type 0, unless told): `GET /channels/{id}`
   * answers it; any other channel id is Discord's 404 `{"code":10003,"message":"Unknown Channel"}`.
   */
  registerChannel(
    guildId: string,
    channelId: string,
    options?: { name?: string; type?: number },
  ): FakeChannel;
  /**
   * The next `count` requests (any route, or only those whose path matches `path`) fail this way
   * before the fake answers normally again.
   */
  failNext(count: number, failure: DiscordFailure, path?: RegExp): void;
  /**
   * The next `count` requests are acted on at once (a message is stored) but answered only after
   * `ms`: a slow Discord, or with a client that gives up or dies meanwhile, a lost response.
   * With `path`, only requests whose path matches.
   */
  holdNext(count: number, ms: number, path?: RegExp): void;
  requestsTo(method: string, path: RegExp): RecordedDiscordRequest[];
  /**
   * The answer an app gave in the HTTP response to an interaction (its endpoint's reply): Discord
   * makes the original message from it, with its ephemeral flag, as for a callback.
   */
  answeredOverHttp(token: string, response: unknown): void;
  /** Guild scheduled events by id, in their latest state (deleted ones are gone). */
  scheduledEvents: Map<string, FakeScheduledEvent>;
  /**
   * Makes a guild refuse scheduled events as Discord does when the bot lacks Manage Events:
   * 403 `{"code":50013,"message":"Missing Permissions"}` (`false` lifts it).
   */
  denyManageEvents(guildId: string, denied?: boolean): void;
  /** Messages everyone in the channel sees: all but the ephemeral ones (flag 64). */
  publicMessages(): FakeMessage[];
  reset(): void;
}

export interface DiscordRestFake extends DiscordRestFakeState {
  /** API base for @discordjs/rest (`api` option), e.g. `http://127.0.0.1:PORT/api`. */
  apiUrl: string;
  port: number;
  close(): Promise<void>;
}

/** The fake as a request handler, for a server of one's own (apps/discord-sim). */
export interface DiscordRestFakeHandler extends DiscordRestFakeState {
  /** Answers one request to a path under `/api/v10` (or without the prefix). */
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface DiscordRestFakeOptions {
  /** Exact bot token to accept (`Authorization: Bot <token>`); any bot token when absent. */
  botToken?: string;
  /** Requests per bucket and window, reported in `X-RateLimit-*` headers (not enforced). */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Keep only the latest N requests in `requests` (a long-running simulator); all by default. */
  maxRecorded?: number;
  /** Keep only the latest N messages (and interaction originals and nonces); all by default. */
  maxMessages?: number;
  /** Called with every request once it is answered (or held back). */
  onRequest?: (request: RecordedDiscordRequest) => void;
}

export interface Answer {
  status: number;
  body?: unknown;
}
export interface Call {
  params: string[];
  body: unknown;
  authorized: boolean;
  query: Record<string, string>;
}
export type Route = [
  method: string,
  path: RegExp,
  needsAuth: boolean,
  handle: (call: Call) => Answer,
];

const DISCORD_EPOCH = 1420070400000n;
const PREFIX = '/api/v10';
const error = (status: number, code: number, message: string): Answer => ({
  status,
  body: { code, message },
});

/**
 * A local stand-in for Discord's REST API v10, enough for @discordjs/rest: commands, interaction
 * webhooks and callbacks, channel messages (with `enforce_nonce`), guild, channel and bot user
 * lookups, gateway info. Records every request, sends realistic rate-limit headers, plays scripted
 * 429s and 5xx and holds answers back. Listens on an ephemeral loopback port (tests).
 */
export async function startDiscordRestFake(
  options: DiscordRestFakeOptions = {},
): Promise<DiscordRestFake> {
  const handler = createDiscordRestFakeHandler(options);
  const server = createServer((req, res) => void handler.serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...handler,
    apiUrl: `http://127.0.0.1:${port}/api`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The same fake without a server of its own. */
export function createDiscordRestFakeHandler(
  options: DiscordRestFakeOptions = {},
): DiscordRestFakeHandler {
  const state = new FakeState(options);
  return {
    serve: (req, res) => state.serve(req, res),
    requests: state.requests,
    messages: state.messages,
    channels: state.channels,
    commandsOf: (app, guild) => state.commands.get(commandKey(app, guild)) ?? [],
    registerChannel: (guildId, channelId, options = {}) => {
      const channel = {
        id: channelId,
        type: options.type ?? 0,
        guild_id: guildId,
        name: options.name ?? `channel-${channelId.slice(-4)}`,
      };
      state.channels.set(channelId, channel);
      return channel;
    },
    failNext: (count, failure, path) =>
      state.failures.push(...Array.from({ length: count }, () => ({ value: failure, path }))),
    holdNext: (count, ms, path) =>
      state.holds.push(...Array.from({ length: count }, () => ({ value: ms, path }))),
    requestsTo: (method, path) =>
      state.requests.filter((r) => r.method === method.toUpperCase() && path.test(r.path)),
    answeredOverHttp: (token, response) => state.answered(token, response),
    scheduledEvents: state.events.events,
    denyManageEvents: (guildId, denied = true) => state.events.deny(guildId, denied),
    publicMessages: () =>
      [...state.messages.values()].filter((m) => ((Number(m.flags) || 0) & 64) === 0),
    reset: () => state.reset(),
  };
}

const commandKey = (app: string, guild?: string) => `${app}/${guild ?? 'global'}`;

class FakeState {
  readonly requests: RecordedDiscordRequest[] = [];
  readonly messages = new Map<string, FakeMessage>();
  /** Tokens whose original message was deleted (an answer arriving later is not shown again). */
  private readonly deletedOriginals = new Set<string>();
  readonly commands = new Map<string, Record<string, unknown>[]>();
  readonly channels = new Map<string, FakeChannel>();
  readonly failures: Scripted<DiscordFailure>[] = [];
  readonly holds: Scripted<number>[] = [];
  readonly events = new ScheduledEvents(botUser.id);
  private readonly originals = new Map<string, string>();
  /** Channel messages created with `enforce_nonce`, by nonce (Discord keeps them a few minutes). */
  private readonly nonces = new Map<string, string>();
  private readonly buckets = new Map<string, { remaining: number; resetAt: number }>();
  private sequence = 0;
  private readonly routes: Route[] = [
    ['GET', /^\/gateway\/bot$/, true, () => ({ status: 200, body: gatewayBot })],
    [
      'GET',
      /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      true,
      (c) => this.getCommands(c),
    ],
    [
      'PUT',
      /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      true,
      (c) => this.putCommands(c),
    ],
    ['POST', /^\/channels\/(\d+)\/messages$/, true, (c) => this.createInChannel(c)],
    ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, false, (c) => this.callback(c)],
    ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, false, (c) => this.followUp(c)],
    ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, false, (c) => this.edit(c)],
    ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, false, (c) => this.read(c)],
    ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, false, (c) => this.remove(c)],
    ['GET', /^\/guilds\/(\d+)$/, true, (c) => ({ status: 200, body: guildOf(c) })],
    ['GET', /^\/channels\/(\d+)$/, true, (c) => this.channelOf(c)],
    ['GET', /^\/users\/@me$/, true, () => ({ status: 200, body: { ...botUser, bot: true } })],
    ...scheduledEventRoutes(this.events, () => this.snowflake()),
  ];

  constructor(private readonly options: DiscordRestFakeOptions) {}

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
    const body = await readBody(req);
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const headers = this.rateLimitHeaders(method, path);
    const failure = takeFor(this.failures, path);
    const answer = failure
      ? failureAnswer(failure, headers)
      : this.route(method, path, { body, query, params: [], authorized: this.authorized(req) });
    const { status } = answer;
    const recorded = { method, path, query, headers: req.headers, body, status, receivedAt };
    this.requests.push(recorded);
    const { maxRecorded, maxMessages, onRequest } = this.options;
    if (maxRecorded !== undefined && this.requests.length > maxRecorded)
      this.requests.splice(0, this.requests.length - maxRecorded);
    if (maxMessages !== undefined)
      for (const map of [this.messages, this.originals, this.nonces]) keepLatest(map, maxMessages);
    onRequest?.(recorded);
    const hold = takeFor(this.holds, path);
    if (hold) await new Promise((resolve) => setTimeout(resolve, hold));
    if (res.destroyed) return;
    if (answer.status === 204) return void res.writeHead(204, headers).end();
    res.writeHead(answer.status, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body ?? null));
  }

  reset(): void {
    for (const collection of [this.requests, this.failures, this.holds]) collection.length = 0;
    this.deletedOriginals.clear();
    for (const map of [this.messages, this.commands, this.originals, this.buckets, this.nonces])
      map.clear();
    this.channels.clear();
    this.events.reset();
  }

  private route(method: string, path: string, call: Call): Answer {
    for (const [m, pattern, needsAuth, handle] of this.routes) {
      const match = m === method ? pattern.exec(path) : null;
      if (!match) continue;
      if (needsAuth && !call.authorized) return error(401, 0, '401: Unauthorized');
      return handle({ ...call, params: match.slice(1) });
    }
    return error(404, 0, '404: Not Found');
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const token = this.options.botToken;
    return token ? header === `Bot ${token}` : /^Bot \S+$/.test(header);
  }

  /** Like Discord: a channel of some guild, or 404 Unknown Channel for any id it does not know. */
  private channelOf({ params: [id = ''] }: Call): Answer {
    const channel = this.channels.get(id);
    if (!channel) return error(404, 10003, 'Unknown Channel');
    return { status: 200, body: { ...channel, position: 0, nsfw: false, parent_id: null } };
  }

  private getCommands({ params: [app = '', guild] }: Call): Answer {
    return { status: 200, body: this.commands.get(commandKey(app, guild)) ?? [] };
  }

  private putCommands({ params: [app = '', guild], body }: Call): Answer {
    if (!Array.isArray(body)) return error(400, 50035, 'Invalid Form Body');
    const bad = body.some((c: Record<string, unknown>) => !validCommand(c));
    if (bad) return error(400, 50035, 'Invalid Form Body');
    const previous = new Map(this.commands.get(commandKey(app, guild))?.map((c) => [c.name, c.id]));
    const stored = (body as Record<string, unknown>[]).map((c) => ({
      id: previous.get(c.name) ?? this.snowflake(),
      application_id: app,
      version: this.snowflake(),
      type: 1,
      default_member_permissions: null,
      nsfw: false,
      ...(guild ? { guild_id: guild } : {}),
      ...c,
      options: (c.options as Record<string, unknown>[] | undefined)?.map(dropFalseRequired),
    }));
    this.commands.set(commandKey(app, guild), stored);
    return { status: 200, body: stored };
  }

  /**
   * Like Discord: `nonce` is at most 25 characters; with `enforce_nonce`, a nonce this bot used
   * before answers with the message it created then, and nothing new is stored.
   */
  private createInChannel({ params: [channelId = ''], body }: Call): Answer {
    const { nonce, enforce_nonce: enforce } = (body ?? {}) as Record<string, unknown>;
    const key =
      typeof nonce === 'string' || (typeof nonce === 'number' && Number.isInteger(nonce))
        ? String(nonce)
        : undefined;
    if ((nonce !== undefined && key === undefined) || (key?.length ?? 0) > 25)
      return error(400, 50035, 'Invalid Form Body: nonce must be 25 or fewer in length.');
    if (enforce !== true) return this.create(channelId, body);
    const earlier = key === undefined ? undefined : this.messages.get(this.nonces.get(key) ?? '');
    if (earlier) return { status: 200, body: earlier };
    const answer = this.create(channelId, body);
    if (key !== undefined && answer.status === 200)
      this.nonces.set(key, (answer.body as FakeMessage).id);
    return answer;
  }

  private create(channelId: string, body: unknown, extra: Record<string, unknown> = {}): Answer {
    const problem = messageProblem(body, true);
    return problem ?? this.store(channelId, body, extra);
  }

  private store(channelId: string, body: unknown, extra: Record<string, unknown>): Answer {
    const message: FakeMessage = {
      type: 0,
      content: '',
      embeds: [],
      components: [],
      timestamp: new Date().toISOString(),
      author: { id: botUser.id, username: botUser.username, bot: true },
      ...(body as Record<string, unknown>),
      ...extra,
      id: this.snowflake(),
      channel_id: channelId,
    };
    this.messages.set(message.id, message);
    return { status: 200, body: message };
  }

  answered(token: string, response: unknown): void {
    if (this.deletedOriginals.has(token)) return;
    // The edit of a deferred answer can overtake the HTTP response: it keeps the flags set here.
    const existing = this.messages.get(this.originals.get(token) ?? '');
    const flags = (response as { data?: { flags?: unknown } } | null)?.data?.flags;
    if (existing) this.messages.set(existing.id, { ...existing, ...(flags ? { flags } : {}) });
    else this.callback({ params: ['', token], body: response, authorized: false, query: {} });
  }

  private callback({ params: [, token = ''], body }: Call): Answer {
    const response = body as { type?: number; data?: unknown } | undefined;
    if (response?.type === 4 || response?.type === 5) {
      // A deferred response (5) is Discord's "thinking…" message: empty until edited.
      const data = response.data ?? {};
      const answer =
        response.type === 4
          ? this.create(this.snowflake(), data, { token })
          : this.store(this.snowflake(), data, { token });
      if (answer.status !== 200) return answer;
      this.originals.set(token, (answer.body as FakeMessage).id);
    }
    return { status: 204 };
  }

  private followUp({ params: [app = '', token = ''], body }: Call): Answer {
    return this.create(this.snowflake(), body, { webhook_id: app, token });
  }

  private edit(call: Call): Answer {
    const problem = messageProblem(call.body, false);
    if (problem) return problem;
    const [app = '', token = '', messageId = ''] = call.params;
    const id = messageId === '@original' ? this.originals.get(token) : messageId;
    const existing = id ? this.messages.get(id) : undefined;
    if (!existing) {
      // A deferred response made the original message on Discord's side; we first see the edit.
      const created = this.create(this.snowflake(), call.body, { webhook_id: app, token });
      if (messageId === '@original') this.originals.set(token, (created.body as FakeMessage).id);
      return created;
    }
    const edited = {
      ...existing,
      ...(call.body as object),
      edited_timestamp: new Date().toISOString(),
    };
    this.messages.set(existing.id, edited);
    return { status: 200, body: edited };
  }

  private remove({ params: [, token = '', messageId = ''] }: Call): Answer {
    const original = messageId === '@original';
    const id = original ? this.originals.get(token) : messageId;
    if (original) this.deletedOriginals.add(token);
    // An original made on Discord's side from an HTTP answer may not be known here yet.
    if (original && !id) return { status: 204 };
    if (!id || !this.messages.delete(id)) return error(404, 10008, 'Unknown Message');
    return { status: 204 };
  }

  private read({ params: [, token = '', messageId = ''] }: Call): Answer {
    const id = messageId === '@original' ? this.originals.get(token) : messageId;
    const message = id ? this.messages.get(id) : undefined;
    return message ? { status: 200, body: message } : error(404, 10008, 'Unknown Message');
  }

  private rateLimitHeaders(method: string, path: string): Record<string, string> {
    const { limit, windowSeconds } = this.options.rateLimit ?? { limit: 50, windowSeconds: 1 };
    const route = `${method} ${path.replace(/\d{17,20}/g, ':id').replace(/(webhooks|interactions)\/:id\/[^/]+/, '$1/:id/:token')}`;
    const now = Date.now();
    let bucket = this.buckets.get(route);
    if (!bucket || bucket.resetAt <= now)
      this.buckets.set(route, (bucket = { remaining: limit, resetAt: now + windowSeconds * 1000 }));
    bucket.remaining = Math.max(0, bucket.remaining - 1);
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(bucket.remaining),
      'x-ratelimit-reset': (bucket.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': ((bucket.resetAt - now) / 1000).toFixed(3),
      'x-ratelimit-bucket': createHash('md5').update(route).digest('hex'),
    };
  }

  private snowflake(): string {
    const time = BigInt(Date.now()) - DISCORD_EPOCH;
    return ((time << 22n) | BigInt(this.sequence++ & 0xfff)).toString();
  }
}

/** A scripted failure or hold, for any request or those whose path matches. */
interface Scripted<T> {
  value: T;
  path: RegExp | undefined;
}

/** Removes and returns the first scripted value that applies to this path. */
function takeFor<T>(scripted: Scripted<T>[], path: string): T | undefined {
  const index = scripted.findIndex((s) => !s.path || s.path.test(path));
  return index < 0 ? undefined : scripted.splice(index, 1)[0]?.value;
}

/** Drops the oldest entries (Maps iterate in insertion order) beyond `max`. */
function keepLatest(map: Map<string, unknown>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

/** A guild as `GET /guilds/{id}` returns it; counts with `?with_counts=true`. */
function guildOf({ params: [id = ''], query }: Call): Record<string, unknown> {
  const members = 20 + (Number(BigInt(id) % 480n) || 0);
  return {
    id,
    name: `Guild ${id.slice(-5)}`,
    icon: null,
    owner_id: botUser.id,
    roles: [],
    features: [],
    ...(query.with_counts === 'true'
      ? { approximate_member_count: members, approximate_presence_count: Math.ceil(members / 4) }
      : {}),
  };
}

function failureAnswer(failure: DiscordFailure, headers: Record<string, string>): Answer {
  if (failure.status !== 429) return error(failure.status, 0, `${failure.status}: Server Error`);
  const scope = failure.scope ?? (failure.global ? 'global' : 'user');
  Object.assign(headers, {
    'retry-after': String(failure.retryAfter),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset-after': failure.retryAfter.toFixed(3),
    'x-ratelimit-scope': scope,
    ...(failure.global ? { 'x-ratelimit-global': 'true' } : {}),
  });
  const body = { message: 'You are being rate limited.', retry_after: failure.retryAfter };
  return { status: 429, body: { ...body, global: failure.global ?? false, code: 0 } };
}

function messageProblem(body: unknown, creating: boolean): Answer | undefined {
  if (typeof body !== 'object' || body === null) return error(400, 50109, 'Invalid JSON');
  const { content, embeds, components } = body as Record<string, unknown>;
  if (typeof content === 'string' && content.length > 2000)
    return error(400, 50035, 'Invalid Form Body: content must be 2000 or fewer in length.');
  const empty = !content && !(embeds as unknown[] | undefined)?.length && !components;
  return creating && empty ? error(400, 50006, 'Cannot send an empty message') : undefined;
}

function validCommand(command: Record<string, unknown>): boolean {
  const { name, description } = command;
  return (
    typeof name === 'string' &&
    /^[-_\p{L}\p{N}]{1,32}$/u.test(name) &&
    name === name.toLowerCase() &&
    typeof description === 'string' &&
    description.length >= 1 &&
    description.length <= 100
  );
}

function dropFalseRequired(option: Record<string, unknown>): Record<string, unknown> {
  const { required, ...rest } = option;
  return required ? { ...rest, required } : rest;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  if (!(req.headers['content-type'] ?? '').includes('application/json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const botUser = { id: '100000000000000999', username: 'kaltura-bot' };
const gatewayBot = {
  url: 'wss://gateway.discord.gg',
  shards: 1,
  session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
};
