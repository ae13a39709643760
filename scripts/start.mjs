#!/usr/bin/env node
// `npm start`: build if needed, load .env, run the migrations, then run the apps and keep them up.
//
//   1. Builds (`npm run -s build`) when dist/ is missing or a file under apps/, libs/ or bench/ (or
//      a tsconfig) is newer than dist/.build-stamp. KD_SKIP_BUILD=1 skips the check.
//   2. Loads .env (KEY=VALUE lines) without overriding variables already set in the environment.
//   3. Runs `node dist/libs/read-models/src/cli/migrate.js`; stops if it fails. KD_SKIP_MIGRATIONS=1
//      skips it.
//   4. Starts each app as `node dist/apps/<app>/src/main.js` with KD_APP=<app> and its own HTTP_PORT
//      (<APP>_HTTP_PORT, else the default below; the api also honours HTTP_PORT):
//        kaltura-sim 4010 (first, only while KALTURA_PARTNER_ID / KALTURA_ADMIN_SECRET are unset;
//                          the other apps are then pointed at it),
//        discord-sim 4011 (next, only while DISCORD_TOKEN and DISCORD_PUBLIC_KEY are unset: the
//                          launcher makes it a key pair and points the api and notifier at it with
//                          fake credentials; the bot gets none), api 3000, projector 3001,
//        notifier 3002 (consumes events only with DISCORD_TOKEN), bot 3003 (only when built).
//      KD_APPS=api,projector picks the apps to run.
//   5. With KD_MONITORING=1 (`npm run up -- --monitoring`) also runs Prometheus, Alertmanager and
//      the exporters from the Debian packages (scripts/monitoring.mjs), supervised like the apps.
//   6. Passes the apps' output through line by line (on a terminal as readable, coloured lines
//      prefixed by the app, scripts/lib/pretty-log.mjs; JSON as it is otherwise or with
//      KD_LOG_JSON=1), restarts an app that exits (1 s backoff,
//      doubling to 30 s), and on SIGINT/SIGTERM stops them all (SIGTERM, then SIGKILL after
//      KD_SHUTDOWN_TIMEOUT_MS, default 10000) and exits 0.
//
// Plain Node.js ESM without dependencies: it runs before anything is built (the monitoring part
// needs node_modules, which `npm start` requires anyway).
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  existsSync,
  readFileSync,
  readdirSync,
  statSync,
  closeSync,
  openSync,
  utimesSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { prettyLine } from './lib/pretty-log.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const SIM = 'kaltura-sim';
const SIM_SECRET = 'sim-admin-secret-not-for-production';
const SIM_PARTNER_ID = '100';
const DISCORD_SIM = 'discord-sim';
/** The discord-sim defaults (apps/discord-sim): clearly fake, accepted only by the simulator. */
const DISCORD_SIM_APPLICATION_ID = '100000000000004011';
const DISCORD_SIM_BOT_TOKEN = 'discord-sim-bot-token-not-a-real-token';
/** Start order; `optional` apps are skipped (with a note) when they are not built. */
const APPS = [
  { name: SIM, port: 4010, optional: true },
  { name: DISCORD_SIM, port: 4011, optional: true },
  { name: 'api', port: 3000, optional: false },
  { name: 'projector', port: 3001, optional: false },
  { name: 'notifier', port: 3002, optional: false },
  { name: 'bot', port: 3003, optional: true },
];
const MIGRATE = 'dist/libs/read-models/src/cli/migrate.js';
const BUILD_STAMP = 'dist/.build-stamp';
const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** An app that stayed up this long starts over at the shortest backoff after its next exit. */
const STABLE_AFTER_MS = 60_000;

/** Readable lines for a terminal; JSON for anything else (and with KD_LOG_JSON=1). */
const pretty = (stream) => stream.isTTY === true && process.env.KD_LOG_JSON !== '1';

function log(level, message, fields = {}) {
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    service: 'launcher',
    message,
    ...fields,
  });
  process.stderr.write(`${pretty(process.stderr) ? prettyLine('launcher', line) : line}\n`);
}

function fail(message, fields) {
  log('error', message, fields);
  process.exit(1);
}

const isSet = (value) => value !== undefined && value !== '';
const entryOf = (app) => `dist/apps/${app}/src/main.js`;
const portVar = (app) => `${app.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_HTTP_PORT`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(target) {
  let newest = 0;
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  newest = stat.mtimeMs; // a deleted or renamed file changes its directory
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.'))
      continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

function buildIfStale() {
  if (process.env.KD_SKIP_BUILD === '1') return;
  let reason;
  if (!existsSync('dist')) reason = 'dist/ is missing';
  else if (!existsSync(BUILD_STAMP)) reason = `${BUILD_STAMP} is missing`;
  else {
    const stamp = statSync(BUILD_STAMP).mtimeMs;
    const sources = ['apps', 'libs', 'bench', 'tools', 'tsconfig.json', 'tsconfig.build.json'];
    const newest = Math.max(...sources.map(newestMtime));
    if (newest > stamp) reason = 'sources changed since the last build';
  }
  if (!reason) return;
  if (!existsSync('node_modules/.bin/tsc')) {
    fail(
      'dependencies are not installed: run `npm ci` (or `npm run up`, which also starts the services)',
    );
  }
  log('info', `building (${reason}): npm run -s build`);
  const started = new Date();
  const result = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit', env: process.env });
  if (result.error) fail(`could not run npm: ${result.error.message}`);
  if (result.status !== 0) fail(`build failed (exit ${result.status ?? result.signal})`);
  // The stamp carries the time the build started: files edited during the build count as newer.
  closeSync(openSync(BUILD_STAMP, 'a'));
  utimesSync(BUILD_STAMP, started, started);
  log('info', `build done in ${((Date.now() - started.getTime()) / 1000).toFixed(1)}s`);
}

// ---------------------------------------------------------------------------------------------
// .env

function parseDotenv(text, file) {
  const vars = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      log('warn', `${file}:${index + 1}: ignored a line that is not KEY=VALUE`);
      return;
    }
    const [, key, rest] = match;
    let value = rest;
    const quoted = /^(["'])(.*)\1(\s+#.*)?$/.exec(rest);
    if (quoted) {
      value = quoted[2];
      if (quoted[1] === '"') {
        value = value.replace(/\\([nrt"\\])/g, (_, c) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
      }
    } else {
      value = rest.replace(/\s+#.*$/, '').trim();
    }
    vars[key] = value;
  });
  return vars;
}

function loadDotenv(file = '.env') {
  if (!existsSync(file)) return;
  const vars = parseDotenv(readFileSync(file, 'utf8'), file);
  const applied = [];
  for (const [key, value] of Object.entries(vars)) {
    if (isSet(process.env[key])) continue; // the environment wins; blank counts as unset
    process.env[key] = value;
    applied.push(key);
  }
  log('info', `loaded ${file}`, { variables: applied });
}

// ---------------------------------------------------------------------------------------------
// Migrations

let shuttingDown = false;
let migration = null;

function runMigrations() {
  if (process.env.KD_SKIP_MIGRATIONS === '1') return Promise.resolve();
  if (!existsSync(MIGRATE))
    fail(`${MIGRATE} is missing: the build did not produce the migrate CLI`);
  log('info', 'running database migrations');
  return new Promise((resolve) => {
    migration = spawn(process.execPath, ['--enable-source-maps', MIGRATE], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: process.env,
    });
    migration.on('error', (error) => fail(`could not run migrations: ${error.message}`));
    migration.on('exit', (code, signal) => {
      migration = null;
      if (shuttingDown) process.exit(0);
      if (code !== 0)
        fail(
          `migrations failed (${signal ? `signal ${signal}` : `exit ${code}`}); not starting the apps`,
        );
      resolve();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Apps

function pipeLines(stream, out, name) {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity, terminal: false });
  const readable = pretty(out);
  lines.on('line', (line) => out.write(`${readable ? prettyLine(name, line) : line}\n`));
}

class Supervised {
  /** `command`: [executable, ...args]; default: the app's built entry point under node. */
  constructor(
    name,
    port,
    env,
    command = [process.execPath, '--enable-source-maps', entryOf(name)],
  ) {
    this.name = name;
    this.port = port;
    this.env = env;
    this.command = command;
    this.child = null;
    this.timer = null;
    this.delay = BACKOFF_START_MS;
    this.restarts = 0;
    this.startedAt = 0;
    this.exited = null; // resolves when the current child has exited
  }

  start() {
    this.timer = null;
    if (shuttingDown) return;
    this.startedAt = Date.now();
    const [executable, ...args] = this.command;
    const child = spawn(executable, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: this.env,
    });
    this.child = child;
    pipeLines(child.stdout, process.stdout, this.name);
    pipeLines(child.stderr, process.stderr, this.name);
    let done;
    this.exited = new Promise((resolve) => (done = resolve));
    let reported = false;
    const onEnd = (code, signal, error) => {
      if (reported) return;
      reported = true;
      this.child = null;
      done();
      this.onExit(code, signal, error);
    };
    child.on('error', (error) => onEnd(null, null, error)); // spawn failure: no 'close' follows
    child.on('close', (code, signal) => onEnd(code, signal)); // after its output is flushed
    log('info', `started ${this.name}`, { app: this.name, pid: child.pid, port: this.port });
  }

  onExit(code, signal, error) {
    if (shuttingDown) return;
    if (Date.now() - this.startedAt >= STABLE_AFTER_MS) this.delay = BACKOFF_START_MS;
    const how = error
      ? `failed to start (${error.message})`
      : signal
        ? `was killed by ${signal}`
        : `exited with code ${code}`;
    const delay = this.delay;
    this.restarts += 1;
    log('warn', `${this.name} ${how}; restarting in ${delay / 1000}s`, {
      app: this.name,
      code,
      signal,
      restartInMs: delay,
      restarts: this.restarts,
    });
    this.delay = Math.min(this.delay * 2, BACKOFF_MAX_MS);
    this.timer = setTimeout(() => this.start(), delay);
  }

  /** Stops restarting; sends SIGTERM. Returns a promise that resolves once the child is gone. */
  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.child) return Promise.resolve();
    this.child.kill('SIGTERM');
    return this.exited;
  }

  kill() {
    if (this.child) this.child.kill('SIGKILL');
  }
}

const running = [];

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      if (shuttingDown) return resolve(false);
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() >= deadline) resolve(false);
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

function parsePort(name, raw) {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`${name} must be a port number, got "${raw}"`);
  return port;
}

function planApps() {
  const env = process.env;
  const known = new Set(APPS.map((app) => app.name));
  const requested = isSet(env.KD_APPS)
    ? env.KD_APPS.split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : null;
  if (requested) {
    const unknown = requested.filter((name) => !known.has(name));
    if (unknown.length)
      fail(`KD_APPS names unknown apps: ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  // An app token (production) or the admin secret (development) with the partner id.
  const kalturaConfigured =
    isSet(env.KALTURA_PARTNER_ID) &&
    (isSet(env.KALTURA_ADMIN_SECRET) ||
      (isSet(env.KALTURA_APP_TOKEN_ID) && isSet(env.KALTURA_APP_TOKEN)));
  const discordConfigured = isSet(env.DISCORD_TOKEN) || isSet(env.DISCORD_PUBLIC_KEY);

  const selected = [];
  const skipped = [];
  for (const app of APPS) {
    const built = existsSync(entryOf(app.name));
    if (requested) {
      if (!requested.includes(app.name)) continue;
      if (!built) fail(`KD_APPS asks for ${app.name}, but ${entryOf(app.name)} does not exist`);
    } else if (app.name === SIM && kalturaConfigured) {
      continue; // a real Kaltura account is configured
    } else if (app.name === DISCORD_SIM && discordConfigured) {
      continue; // a real Discord application is configured
    } else if (!built) {
      if (!app.optional)
        fail(`${entryOf(app.name)} does not exist: the build did not produce ${app.name}`);
      skipped.push(app.name);
      continue;
    }
    const own = env[portVar(app.name)];
    const raw = isSet(own)
      ? own
      : app.name === 'api' && isSet(env.HTTP_PORT)
        ? env.HTTP_PORT
        : String(app.port);
    selected.push({ ...app, port: parsePort(isSet(own) ? portVar(app.name) : 'HTTP_PORT', raw) });
  }
  if (skipped.length) {
    log('info', `skipped (not built yet): ${skipped.join(', ')}`, { skipped });
  }
  if (!selected.length) fail('no app to start');

  const sim = selected.find((app) => app.name === SIM);
  let kaltura = {};
  if (sim && !kalturaConfigured) {
    if (isSet(env.KALTURA_PARTNER_ID) || isSet(env.KALTURA_ADMIN_SECRET)) {
      log(
        'warn',
        'only one of KALTURA_PARTNER_ID / KALTURA_ADMIN_SECRET is set; using the local Kaltura simulator instead',
      );
    }
    kaltura = {
      KALTURA_SERVICE_URL: `http://127.0.0.1:${sim.port}`,
      KALTURA_PARTNER_ID: SIM_PARTNER_ID,
      KALTURA_ADMIN_SECRET: SIM_SECRET,
      KALTURA_SIM: '1',
    };
    log(
      'info',
      `Kaltura credentials not set: the apps use the local simulator at ${kaltura.KALTURA_SERVICE_URL}`,
    );
  } else if (!kalturaConfigured) {
    log(
      'warn',
      'KALTURA_PARTNER_ID / KALTURA_ADMIN_SECRET are not set and the Kaltura simulator is not running',
    );
  }
  if (selected.some((app) => app.name === 'api') && !isSet(env.JWT_SECRET)) {
    log(
      'warn',
      'JWT_SECRET is not set: the api will refuse to start (set it in .env; `npm run up` creates one)',
    );
  }
  return { selected, kaltura, discord: discordSimEnv(selected, discordConfigured) };
}

/**
 * Without Discord credentials: discord-sim gets a fresh key pair (or DISCORD_SIM_PRIVATE_KEY) and
 * the api's interactions URL; the api and notifier get its public key, URL and fake credentials.
 * The bot gets none (it would try Discord's real gateway with them).
 */
function discordSimEnv(selected, discordConfigured) {
  const sim = selected.find((app) => app.name === DISCORD_SIM);
  if (!sim || discordConfigured) return { sim: {}, apps: {} };
  const env = process.env;
  let privateKey;
  try {
    privateKey = isSet(env.DISCORD_SIM_PRIVATE_KEY)
      ? createPrivateKey({
          key: Buffer.from(env.DISCORD_SIM_PRIVATE_KEY, 'base64'),
          format: 'der',
          type: 'pkcs8',
        })
      : generateKeyPairSync('ed25519').privateKey;
  } catch {
    fail('DISCORD_SIM_PRIVATE_KEY must be an Ed25519 PKCS#8 private key, DER encoded, in base64');
  }
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const api = selected.find((app) => app.name === 'api');
  const simEnv = {
    DISCORD_SIM_PRIVATE_KEY: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    DISCORD_SIM_HOST: env.DISCORD_SIM_HOST || '127.0.0.1',
    DISCORD_SIM_INTERACTIONS_URL:
      env.DISCORD_SIM_INTERACTIONS_URL || `http://127.0.0.1:${api?.port ?? 3000}/interactions`,
    // Now and then a 429, so the rate-limit panels and alert have something to show.
    DISCORD_SIM_RATE_LIMIT_EVERY: env.DISCORD_SIM_RATE_LIMIT_EVERY || '50',
  };
  const apps = {
    DISCORD_API_URL: `http://127.0.0.1:${sim.port}/api`,
    DISCORD_APPLICATION_ID: DISCORD_SIM_APPLICATION_ID,
    DISCORD_TOKEN: DISCORD_SIM_BOT_TOKEN,
    DISCORD_PUBLIC_KEY: der.subarray(der.length - 32).toString('hex'),
    DISCORD_SIM: '1',
  };
  log(
    'info',
    `Discord credentials not set: using discord-sim at http://127.0.0.1:${sim.port} (fake application ${DISCORD_SIM_APPLICATION_ID} and bot token; npm run demo drives it)`,
  );
  return { sim: simEnv, apps };
}

async function startApps() {
  const { selected, kaltura, discord } = planApps();
  for (const app of selected) {
    if (shuttingDown) return;
    const ownDiscord =
      app.name === DISCORD_SIM ? discord.sim : app.name === 'bot' ? {} : discord.apps;
    const env = {
      ...process.env,
      ...kaltura,
      ...ownDiscord,
      KD_APP: app.name,
      HTTP_PORT: String(app.port),
    };
    if (app.name === SIM && !isSet(env.KALTURA_SIM_HOST)) env.KALTURA_SIM_HOST = '127.0.0.1';
    const supervised = new Supervised(app.name, app.port, env);
    running.push(supervised);
    supervised.start();
    if ((app.name === SIM || app.name === DISCORD_SIM) && app.port !== 0) {
      if (!(await waitForPort(app.port, 30_000)) && !shuttingDown) {
        log(
          'warn',
          `${app.name} is not listening on 127.0.0.1:${app.port} after 30s; starting the other apps anyway`,
        );
      }
    }
  }
  if (process.env.KD_MONITORING === '1' && !shuttingDown) await startMonitoring();
  if (!shuttingDown)
    log('info', `running: ${running.map((app) => `${app.name}:${app.port}`).join(', ')}`);
}

/** Prometheus, Alertmanager and the exporters beside the apps (scripts/monitoring.mjs). */
async function startMonitoring() {
  const { ensureMonitoringPackages, monitoringProcesses } = await import('./monitoring.mjs');
  const missing = ensureMonitoringPackages((line) => log('warn', line));
  if (missing.includes('prometheus') || missing.includes('prometheus-alertmanager')) {
    log('warn', `monitoring not started: ${missing.join(', ')} missing`);
    return;
  }
  const { processes, sendsToDiscord } = monitoringProcesses(process.env);
  for (const p of processes) {
    const supervised = new Supervised(p.name, p.port, { ...process.env, ...(p.env ?? {}) }, [
      p.command,
      ...p.args,
    ]);
    running.push(supervised);
    supervised.start();
  }
  log(
    'info',
    `monitoring: Prometheus http://127.0.0.1:${processes[0].port} (targets, rules, alerts), Alertmanager http://127.0.0.1:${processes[1].port}${sendsToDiscord ? '' : ' (no Discord webhooks set: alerts are shown, not sent)'}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Shutdown

async function shutdown(signal) {
  if (shuttingDown) {
    log('warn', `received ${signal} again: killing the apps now`);
    for (const app of running) app.kill();
    migration?.kill('SIGKILL');
    process.exit(0);
  }
  shuttingDown = true;
  const timeoutMs =
    Number(process.env.KD_SHUTDOWN_TIMEOUT_MS) > 0
      ? Number(process.env.KD_SHUTDOWN_TIMEOUT_MS)
      : 10_000;
  log('info', `received ${signal}: stopping ${running.filter((app) => app.child).length} app(s)`);
  if (migration) {
    migration.kill('SIGTERM');
    return; // its exit handler ends the launcher
  }
  const stopped = Promise.all(running.map((app) => app.stop()));
  const inTime = await Promise.race([stopped.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!inTime) {
    const left = running.filter((app) => app.child).map((app) => app.name);
    log('warn', `still running after ${timeoutMs / 1000}s, killing: ${left.join(', ')}`);
    for (const app of running) app.kill();
    await Promise.race([stopped, sleep(2_000)]);
  }
  log('info', 'stopped');
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => void shutdown(signal));
}
// Output closed (e.g. piped into `head`): nothing more can be shown, stop everything.
process.stdout.on('error', () => void shutdown('EPIPE'));
process.on('uncaughtException', (error) => {
  log('error', `launcher crashed: ${error.stack ?? error}`);
  for (const app of running) app.kill();
  process.exit(1);
});

// ---------------------------------------------------------------------------------------------

if (!existsSync('node_modules')) {
  fail('node_modules is missing: run `npm ci` (or `npm run up`, which also starts the services)');
}
buildIfStale();
loadDotenv();
await runMigrations();
await startApps();
