import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { expect } from '@jest/globals';
import { generateDiscordKeys, type DiscordTestKeys } from '@kd/discord';
import { startApiStack, type ApiStack, type ChildApp, type TestStream } from '@kd/testing';

/**
 * Shared kit of the hostile-input suites: an api child process wired like production (test DB,
 * own stream, kaltura-sim, Discord REST fake), a raw HTTP client that sends exactly the bytes and
 * headers a case needs, and the checks every rejected case must pass.
 */

/** The api's HTTP_REQUEST_TIMEOUT_MS in these suites: short, so slow-client cases stay quick. */
export const hostileRequestTimeoutMs = 2000;

const random = (bytes = 12) => randomBytes(bytes).toString('hex');

/** Secrets the api is started with; none of them may ever show up in its log lines. */
export interface HostileSecrets {
  jwtSecret: string;
  botToken: string;
  kalturaAdminSecret: string;
  kalturaWebhookSecret: string;
  metricsUser: string;
  metricsPassword: string;
}

export interface HostileApi extends Omit<ApiStack, 'secrets'> {
  secrets: HostileSecrets;
  /** Authorization header value that opens /metrics. */
  metricsAuth: string;
}

export async function startHostileApi(
  env: Record<string, string> = {},
  keys: DiscordTestKeys = generateDiscordKeys(),
): Promise<HostileApi> {
  const secrets: HostileSecrets = {
    jwtSecret: `hostile-jwt-${random(20)}`,
    botToken: `hostile-bot-${random(16)}`,
    kalturaAdminSecret: `hostile-admin-${random(8)}`,
    kalturaWebhookSecret: `hostile-hook-${random(8)}`,
    metricsUser: 'prom',
    metricsPassword: `metrics-${random(8)}`,
  };
  const stack = await startApiStack({
    keys,
    secrets,
    apiEnv: {
      API_RATE_LIMIT_PER_MINUTE: '100000',
      KALTURA_WEBHOOK_SECRET: secrets.kalturaWebhookSecret,
      METRICS_BASIC_AUTH: `${secrets.metricsUser}:${secrets.metricsPassword}`,
      LOG_LEVEL: 'debug',
      HTTP_REQUEST_TIMEOUT_MS: String(hostileRequestTimeoutMs),
      ...env,
    },
  });
  const metricsAuth = `Basic ${Buffer.from(`${secrets.metricsUser}:${secrets.metricsPassword}`).toString('base64')}`;
  return { ...stack, secrets, metricsAuth };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  /** Sent as is (no URL normalisation): `..`, `%2e` and friends reach the server untouched. */
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
}

/** One HTTP request with exactly these bytes; resolves with the whole answer. */
export function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers: OutgoingHttpHeaders = {
    ...(body ? { 'content-length': body.length } : {}),
    ...req.headers,
  };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: hostname, port, method: req.method ?? 'POST', path: req.path, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    // A server may answer (413) before reading all of a large body and close: keep the answer.
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Bytes straight onto a socket, for requests no HTTP client would send (a garbage request line,
 * a header without a colon); the server answers and closes.
 */
export function sendBytes(baseUrl: string, bytes: string): Promise<RawResponse> {
  return rawExchange(baseUrl, (socket) => socket.end(bytes), 5000);
}

/**
 * A slow client (slowloris): sends `head` at once, then `tail` one byte every `everyMs`, and
 * waits for the server to answer and close (or gives up after `giveUpMs`).
 */
export function trickleBytes(
  baseUrl: string,
  head: string,
  tail: string,
  everyMs: number,
  giveUpMs: number,
): Promise<RawResponse> {
  let timer: NodeJS.Timeout | undefined;
  return rawExchange(
    baseUrl,
    (socket) => {
      socket.write(head);
      let sent = 0;
      timer = setInterval(() => {
        if (sent < tail.length && socket.writable) socket.write(tail.charAt(sent++));
      }, everyMs);
      socket.once('close', () => clearInterval(timer));
    },
    giveUpMs,
  );
}

function rawExchange(
  baseUrl: string,
  start: (socket: Socket) => void,
  giveUpMs: number,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => start(socket));
    socket.setTimeout(giveUpMs, () => socket.destroy(new Error(`no answer within ${giveUpMs} ms`)));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseRawResponse(Buffer.concat(chunks).toString('utf8'))));
  });
}

function parseRawResponse(text: string): RawResponse {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((l) => [
      l.slice(0, l.indexOf(':')).toLowerCase(),
      l.slice(l.indexOf(':') + 1).trim(),
    ]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') };
}

/** A table row: a readable name, how to send it, and the 4xx and error code it must get. */
export interface HostileCase {
  name: string;
  send: () => Promise<RawResponse>;
  status: number;
  code: string | RegExp;
}

/** `{error: {code, message}}`, JSON, the expected 4xx, a short human message, no internals. */
export function expectClearError(response: RawResponse, status: number, code: string | RegExp) {
  expect({ status: response.status, text: response.text.slice(0, 300) }).toMatchObject({ status });
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  const body = JSON.parse(response.text) as { error?: { code?: unknown; message?: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  const { code: given, message } = body.error ?? {};
  expect(typeof given).toBe('string');
  expect(given).toMatch(/^[A-Z][A-Z_]*(\.[A-Z0-9_]+)+$/);
  if (typeof code === 'string') expect(given).toBe(code);
  else expect(given).toMatch(code);
  expect(typeof message).toBe('string');
  const text = message as string;
  expect(text.length).toBeGreaterThan(5);
  expect(text.length).toBeLessThanOrEqual(500);
  expect(text).not.toMatch(/\n\s+at |node_modules|Error: |\[object Object\]/);
  return body.error as { code: string; message: string };
}

/** How many messages the test stream holds (every recorded event is one). */
export async function storedEvents(t: TestStream): Promise<number> {
  return (await t.jsm.streams.info(t.stream)).state.messages;
}

/** Runs one rejected case: the clear error, and nothing recorded in the stream. */
export async function expectRejectedWithoutEvents(t: TestStream, c: HostileCase): Promise<void> {
  const before = await storedEvents(t);
  const response = await c.send();
  expectClearError(response, c.status, c.code);
  expect(await storedEvents(t)).toBe(before);
}

/** Resident set size of a child process, from /proc (bytes). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) * 1024;
}

/**
 * Sends the whole table `rounds` times after a warm-up round and returns how much the api's RSS
 * grew meanwhile: leaks grow with every round, a warmed-up heap does not.
 */
export async function rssGrowthOver(
  app: ChildApp,
  cases: HostileCase[],
  rounds: number,
): Promise<number> {
  const pid = app.process.pid ?? 0;
  const round = async () => {
    for (const c of cases) {
      const response = await c.send();
      expect({ name: c.name, status: response.status }).toEqual({ name: c.name, status: c.status });
    }
  };
  await round();
  const before = residentBytes(pid);
  for (let i = 0; i < rounds; i++) await round();
  return residentBytes(pid) - before;
}

/** Still the same process, never restarted, and live. */
export async function expectStillHealthy(app: ChildApp, pid: number): Promise<void> {
  expect(app.process.pid).toBe(pid);
  expect(app.process.exitCode).toBeNull();
  expect(app.process.signalCode).toBeNull();
  const live = await fetch(`${app.url}/health/live`);
  expect(live.status).toBe(200);
  expect(await live.json()).toEqual({ status: 'live' });
  expect(app.logs.filter((l) => /"level":"fatal"/.test(l))).toEqual([]);
}

/** No log line holds any of these values (secrets, tokens sent by the tests). */
export function expectLogsFree(app: ChildApp, values: string[]): void {
  const leaks = values
    .filter((v) => v.length >= 8)
    .flatMap((v) => app.logs.filter((line) => line.includes(v)).map((line) => [v, line]));
  expect(leaks).toEqual([]);
}

/**
 * DESIGN §5: labels are bounded; never an id or free text. Every label value of every series
 * must look like a name from a small set (route templates, outcomes, enum values, versions).
 */
export function personalLabelValues(metricsText: string, knownIds: string[]): string[] {
  const suspicious: string[] = [];
  for (const line of metricsText.split('\n')) {
    if (line.startsWith('#') || !line.includes('{')) continue;
    const labels = line.slice(line.indexOf('{') + 1, line.lastIndexOf('}'));
    for (const match of labels.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      const [, name = '', value = ''] = match;
      // kd_build_info's git commit: hex that may hold ten digits in a row, never personal.
      if (name === 'commit' && /^([0-9a-f]{7,40}|unknown)$/.test(value)) continue;
      const looksPersonal =
        /\d{10,}/.test(value) || // snowflakes, Kaltura job ids, timestamps
        /\s/.test(value) || // free text
        !/^[\w.:/@+\-]{0,80}$/.test(value) || // anything outside names, templates and numbers
        knownIds.some((id) => value.includes(id));
      if (looksPersonal) suspicious.push(`${name}="${value}" in ${line.slice(0, 120)}`);
    }
  }
  return suspicious;
}

export async function scrapeMetrics(h: HostileApi): Promise<string> {
  const response = await fetch(`${h.api.url}/metrics`, {
    headers: { authorization: h.metricsAuth },
  });
  expect(response.status).toBe(200);
  return response.text();
}

/**
 * The closing check of every hostile suite, after its table of cases: replaying the table three
 * more times neither grows the api's memory (64 MiB) nor records anything; the process is the
 * same one and healthy; no log line holds a secret it was started with or one of `sentSecrets`;
 * no metric label holds one of `personalValues` or anything that looks like an id or free text.
 */
export async function expectSteadyAndClean(
  h: HostileApi,
  cases: HostileCase[],
  check: { pid: number; sentSecrets?: string[]; personalValues: string[] },
): Promise<void> {
  const before = await storedEvents(h.t);
  const growth = await rssGrowthOver(h.api, cases, 3);
  expect(growth).toBeLessThan(64 * 1024 * 1024);
  expect(await storedEvents(h.t)).toBe(before);
  await expectStillHealthy(h.api, check.pid);
  const { jwtSecret, botToken, kalturaAdminSecret, kalturaWebhookSecret, metricsPassword } =
    h.secrets;
  const secrets = [jwtSecret, botToken, kalturaAdminSecret, kalturaWebhookSecret, metricsPassword];
  expectLogsFree(h.api, [...secrets, ...(check.sentSecrets ?? [])]);
  expect(personalLabelValues(await scrapeMetrics(h), check.personalValues)).toEqual([]);
}

/** Nested JSON text, `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number, leaf = '1'): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

/** Nested objects (`{"a":{"a":…}}`), `depth` levels deep. */
export function deeplyNestedObject(depth: number, leaf = '1'): string {
  return '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
}

export { generateDiscordKeys };
