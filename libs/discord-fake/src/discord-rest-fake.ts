import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationCommandType,
  InteractionResponseType,
  MessageType,
} from 'discord-api-types/v10';
import { ScheduledEvents, scheduledEventRoutes } from './scheduled-events.js';

/** One request the fake received, as it arrived (path without the `/api/v10` prefix). */
export interface RecordedDiscordRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Files of a multipart request (`files[n]` beside `payload_json`, which is `body`). */
  files?: RecordedFile[];
  /** The status the fake answered with. */
  status: number;
  /** When the request arrived (epoch milliseconds). */
  receivedAt: number;
}

/** One file part of a multipart request, as sent. */
export interface RecordedFile {
  /** The form field, `files[n]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
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
  /**
   * A moderator deletes a message in Discord: later GET/PATCH/DELETE of it answer 404
   * `{"code":10008,"message":"Unknown Message"}`. False when there was no such message.
   */
  deleteMessage(messageId: string): boolean;
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
  files?: RecordedFile[];
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
 * webhooks and callbacks, channel messages (create with `enforce_nonce`, get, edit, delete), guild, channel and bot user
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
    deleteMessage: (messageId) => state.messages.delete(messageId),
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
    ['GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, true, (c) => this.channelMessage(c)],
    ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, true, (c) => this.editInChannel(c)],
    ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)$/, true, (c) => this.deleteInChannel(c)],
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
    const { body, files } = await readBody(req);
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const headers = this.rateLimitHeaders(method, path);
    const failure = takeFor(this.failures, path);
    const answer = failure
      ? failureAnswer(failure, headers)
      : this.route(method, path, {
          body,
          query,
          params: [],
          authorized: this.authorized(req),
          ...(files ? { files } : {}),
        });
    const { status } = answer;
    const recorded = {
      method,
      path,
      query,
      headers: req.headers,
      body,
      ...(files ? { files } : {}),
      status,
      receivedAt,
    };
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

  /** Like Discord: the localization maps only with `with_localizations=true`. */
  private getCommands({ params: [app = '', guild], query }: Call): Answer {
    const commands = this.commands.get(commandKey(app, guild)) ?? [];
    const body =
      query.with_localizations === 'true' ? commands : commands.map(withoutLocalizations);
    return { status: 200, body };
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
      type: ApplicationCommandType.ChatInput,
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
    const invalid = componentProblem(body);
    if (invalid) return invalid;
    if (enforce !== true) return this.create(channelId, body);
    const earlier = key === undefined ? undefined : this.messages.get(this.nonces.get(key) ?? '');
    if (earlier) return { status: 200, body: earlier };
    const answer = this.create(channelId, body);
    if (key !== undefined && answer.status === 200)
      this.nonces.set(key, (answer.body as FakeMessage).id);
    return answer;
  }

  /** Like Discord: 10003 for a channel it does not know, 10008 for a message not in the channel. */
  private messageInChannel(
    channelId: string,
    messageId: string,
  ): { message: FakeMessage } | { problem: Answer } {
    if (!this.channels.has(channelId)) return { problem: error(404, 10003, 'Unknown Channel') };
    const message = this.messages.get(messageId);
    if (message?.channel_id !== channelId) return { problem: error(404, 10008, 'Unknown Message') };
    return { message };
  }

  private channelMessage({ params: [channelId = '', messageId = ''] }: Call): Answer {
    const found = this.messageInChannel(channelId, messageId);
    return 'problem' in found ? found.problem : { status: 200, body: found.message };
  }

  /** Like Discord: the fields sent replace the stored ones; `edited_timestamp` is set. */
  private editInChannel({ params: [channelId = '', messageId = ''], body }: Call): Answer {
    const found = this.messageInChannel(channelId, messageId);
    if ('problem' in found) return found.problem;
    const problem = messageProblem(body, false) ?? componentProblem(body);
    if (problem) return problem;
    const fields = Object.fromEntries(
      Object.entries(body as Record<string, unknown>).filter(([key]) => !key.includes('nonce')),
    );
    const edited = { ...found.message, ...fields, edited_timestamp: new Date().toISOString() };
    this.messages.set(found.message.id, edited);
    return { status: 200, body: edited };
  }

  private deleteInChannel({ params: [channelId = '', messageId = ''] }: Call): Answer {
    const found = this.messageInChannel(channelId, messageId);
    if ('problem' in found) return found.problem;
    this.messages.delete(found.message.id);
    return { status: 204 };
  }

  private create(channelId: string, body: unknown, extra: Record<string, unknown> = {}): Answer {
    const problem = messageProblem(body, true);
    return problem ?? this.store(channelId, body, extra);
  }

  private store(channelId: string, body: unknown, extra: Record<string, unknown>): Answer {
    const message: FakeMessage = {
      type: MessageType.Default,
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
    const { ChannelMessageWithSource, DeferredChannelMessageWithSource } = InteractionResponseType;
    if (
      response?.type === ChannelMessageWithSource ||
      response?.type === DeferredChannelMessageWithSource
    ) {
      // A deferred response is Discord's "thinking…" message: empty until edited.
      const data = response.data ?? {};
      const answer =
        response.type === ChannelMessageWithSource
          ? this.create(this.snowflake(), data, { token })
          : this.store(this.snowflake(), data, { token });
      if (answer.status !== 200) return answer;
      this.originals.set(token, (answer.body as FakeMessage).id);
    }
    return { status: 204 };
  }

  private followUp({ params: [app = '', token = ''], body, files }: Call): Answer {
    const attached = this.attach(body, files);
    if ('status' in attached) return attached;
    return this.create(this.snowflake(), attached.body, { webhook_id: app, token });
  }

  /**
   * Like Discord: each `attachments` entry names an uploaded `files[id]` (its id is the index);
   * the stored message gets attachment objects with a snowflake, size, type and CDN URL.
   */
  private attach(body: unknown, files: RecordedFile[] | undefined): Answer | { body: unknown } {
    const listed = (body as { attachments?: unknown } | null)?.attachments;
    if (!files?.length && listed === undefined) return { body };
    if (!Array.isArray(listed)) return error(400, 50035, 'Invalid Form Body: attachments');
    const attachments = [];
    for (const entry of listed as { id?: unknown; filename?: unknown; description?: unknown }[]) {
      const file = files?.find((f) => f.field === `files[${String(entry.id)}]`);
      if (!file)
        return error(400, 50035, `Invalid Form Body: no file for attachment ${String(entry.id)}`);
      if (typeof entry.description === 'string' && entry.description.length > 1024)
        return error(400, 50035, 'Invalid Form Body: description must be 1024 or fewer in length.');
      const id = this.snowflake();
      const filename = typeof entry.filename === 'string' ? entry.filename : file.filename;
      attachments.push({
        id,
        filename,
        ...(typeof entry.description === 'string' ? { description: entry.description } : {}),
        content_type: file.contentType,
        size: file.data.length,
        url: `https://cdn.discordapp.com/attachments/0/${id}/${filename}`,
      });
    }
    return { body: { ...(body as object), attachments } };
  }

  private edit(received: Call): Answer {
    const attached = this.attach(received.body, received.files);
    if ('status' in attached) return attached;
    const call = { ...received, body: attached.body };
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

/**
 * Like Discord: a Link button (style 5) has a `url` and no `custom_id`; every other button has a
 * `custom_id` (≤ 100 characters) and no `url`; at most 5 rows of at most 5 buttons.
 */
function componentProblem(body: unknown): Answer | undefined {
  const rows = (body as { components?: unknown } | null)?.components;
  if (rows === undefined) return undefined;
  const invalid = error(400, 50035, 'Invalid Form Body: components');
  if (!Array.isArray(rows) || rows.length > 5) return invalid;
  for (const row of rows as { type?: number; components?: unknown }[]) {
    if (row.type !== 1 || !Array.isArray(row.components) || row.components.length > 5)
      return invalid;
    for (const button of row.components as Record<string, unknown>[]) {
      if (button.type !== 2) continue;
      const link = button.style === 5;
      const url = typeof button.url === 'string' && /^https?:\/\//.test(button.url);
      const id = typeof button.custom_id === 'string' && button.custom_id.length <= 100;
      if (link ? !url || 'custom_id' in button : !id || 'url' in button) return invalid;
    }
  }
  return undefined;
}

const COMMAND_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const validName = (name: unknown) =>
  typeof name === 'string' && COMMAND_NAME.test(name) && name === name.toLowerCase();
const validDescription = (text: unknown) =>
  typeof text === 'string' && text.length >= 1 && text.length <= 100;
/** Like Discord: the name and description rules hold for every localization too. */
function validCommand(command: Record<string, unknown>): boolean {
  const {
    name,
    description,
    name_localizations: names,
    description_localizations: texts,
  } = command;
  return (
    validName(name) &&
    validDescription(description) &&
    Object.values((names ?? {}) as Record<string, unknown>).every(
      (n) => n === null || validName(n),
    ) &&
    Object.values((texts ?? {}) as Record<string, unknown>).every(
      (t) => t === null || validDescription(t),
    )
  );
}

function dropFalseRequired(option: Record<string, unknown>): Record<string, unknown> {
  const { required, ...rest } = option;
  return required ? { ...rest, required } : rest;
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files?: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return readMultipart(raw, type);
  const text = raw.toString('utf8');
  if (!text) return { body: undefined };
  if (!type.includes('application/json')) return { body: text };
  return { body: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `payload_json` is the message; `files[n]` parts are the files (how @discordjs/rest uploads). */
async function readMultipart(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files?: RecordedFile[] }> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { body: raw.toString('utf8') };
  }
  const payload = form.get('payload_json');
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries())
    if (typeof value !== 'string')
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        data: Buffer.from(await value.arrayBuffer()),
      });
  return { body: typeof payload === 'string' ? parseJson(payload) : {}, files };
}

const botUser = { id: '100000000000000999', username: 'kaltura-bot' };
const gatewayBot = {
  url: 'wss://gateway.discord.gg',
  shards: 1,
  session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
};

/** A stored command as a GET without `with_localizations` returns it. */
function withoutLocalizations(command: Record<string, unknown>): Record<string, unknown> {
  const strip = (item: Record<string, unknown>): Record<string, unknown> => {
    const rest = { ...item };
    delete rest.name_localizations;
    delete rest.description_localizations;
    const choices = rest.choices as Record<string, unknown>[] | undefined;
    const options = rest.options as Record<string, unknown>[] | undefined;
    return {
      ...rest,
      ...(choices ? { choices: choices.map(strip) } : {}),
      ...(options ? { options: options.map(strip) } : {}),
    };
  };
  return strip(command);
}
