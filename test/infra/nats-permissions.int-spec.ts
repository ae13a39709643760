import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { aggregates, type Aggregate } from '@kd/events';
import { RevokedTokens } from '@kd/auth';
import {
  AggregateSnapshots,
  BatchConsumer,
  EventStore,
  KvBucket,
  KvLease,
  NatsClients,
  PersonKeys,
  RateWindows,
  bucketName,
  connectNats,
  ensureStream,
} from '@kd/event-store';
import { VideoAccessStore } from '@kd/meetings';
import { projectionDurable } from '@kd/projections';
import { projections } from '@kd/read-models';
import {
  commandExecutedEvent,
  guildInstalledEvent,
  privateNatsServer,
  testLogger,
  waitFor,
  type PrivateNatsServer,
} from '@kd/testing';
import { repoRoot } from './tools.js';

// infra/nats/nats.conf is written for compose's stream and prefix.
const stream = 'KD_EVENTS';
const subjectPrefix = 'kd.events';
const configFile = join(repoRoot, 'infra/nats/nats.conf');
const users = ['api', 'bot', 'projector', 'notifier', 'admin'] as const;
type User = (typeof users)[number];
const passwords = Object.fromEntries(
  // A letter first: nats-server parses `$VAR` as a config value, and `1a2b…` is not a string there.
  users.map((u) => [u, `p${randomBytes(12).toString('hex')}`]),
);
const passwordEnv = Object.fromEntries(
  users.map((u) => [`NATS_${u.toUpperCase()}_PASSWORD`, passwords[u]!]),
);

/** The aggregates each app appends (DESIGN §3); every other one must be refused to it. */
const appends: Record<Exclude<User, 'admin'>, Aggregate[]> = {
  api: ['command', 'meeting', 'config', 'kaltura', 'auth', 'person'],
  bot: ['guild', 'command', 'meeting', 'config', 'kaltura', 'person'],
  projector: [],
  // The Discord scheduled-event facts (meeting.discord_event_*) come from the notifier's sync.
  notifier: ['notification', 'meeting'],
};
/** The durable consumers each app runs (projector: one per projection; notifier: `notifier`). */
const durables: Record<Exclude<User, 'admin'>, string[]> = {
  api: [],
  bot: [],
  projector: projections.map((p) => projectionDurable(p.name)),
  notifier: ['notifier'],
};
const apps = Object.keys(appends) as Exclude<User, 'admin'>[];

const logger = testLogger('nats-permissions');
const connectAs = (user: User, password = passwords[user]!) =>
  connectNats({
    url: server.url,
    name: `test-${user}`,
    logger,
    maxAttempts: 1,
    auth: { user, pass: password },
  });

let server: PrivateNatsServer;
const connections = new Map<User, NatsConnection>();
let admin: JetStreamManager;

const as = (user: User) => connections.get(user)!;
const publishAs = (user: User, subject: string) =>
  jetstream(as(user)).publish(subject, JSON.stringify({ forged: true }), { timeout: 2000 });
const eventCount = async () => (await admin.streams.info(stream)).state.messages;

describe('infra/nats/nats.conf: one NATS user per app, allowed only what the app needs', () => {
  beforeAll(async () => {
    server = await privateNatsServer({ configFile, env: passwordEnv });
    for (const user of users) connections.set(user, await connectAs(user));
    admin = await jetstreamManager(as('admin'));
    // The migrate step creates the stream as admin (docker-compose.yml); apps only read its info.
    await ensureStream(admin, { stream, subjectPrefix });
  });
  afterAll(async () => {
    for (const nc of connections.values()) await nc.close();
    await server?.dispose();
  });

  it('is valid for the nats-server on this machine, and refuses to start without the passwords', () => {
    const test = (env: Record<string, string>) =>
      execFileSync(
        process.env.KD_TEST_NATS_SERVER ?? '/usr/sbin/nats-server',
        ['-c', configFile, '-t'],
        {
          env: { PATH: process.env.PATH, ...env },
          stdio: 'pipe',
        },
      );
    expect(() => test(passwordEnv)).not.toThrow();
    expect(() => test({})).toThrow(/NATS_API_PASSWORD/);
  });

  it('refuses anonymous connections and wrong passwords', async () => {
    await expect(
      connectNats({ url: server.url, name: 'anonymous', logger, maxAttempts: 1 }),
    ).rejects.toThrow(/Authorization/i);
    await expect(connectAs('api', 'not-the-password')).rejects.toThrow(/Authorization/i);
  });

  it.each(apps)(
    'lets %s start as the apps do: account info, stream info, direct gets',
    async (user) => {
      const nats = new NatsClients({
        url: server.url,
        auth: { user, pass: passwords[user]! },
        name: `kd-${user}`,
        logger,
        stream,
        subjectPrefix,
      });
      try {
        await nats.ready;
        await expect(nats.jsm.getAccountInfo()).resolves.toBeDefined();
        const store = new EventStore({ nats, stream, subjectPrefix });
        await expect(store.headSeq()).resolves.toBeGreaterThanOrEqual(0);
        await expect(store.readAggregate('guild', 'nobody')).resolves.toEqual([]);
      } finally {
        await nats.close();
      }
    },
  );

  it('lets every app append its own events through the event store, and nothing else', async () => {
    const store = (user: User) =>
      new EventStore({
        nats: { js: jetstream(as(user)), jsm: admin },
        stream,
        subjectPrefix,
        publishTimeoutMs: 2000,
      });
    await expect(store('api').append(commandExecutedEvent())).resolves.toMatchObject({
      duplicate: false,
    });
    await expect(store('bot').append(guildInstalledEvent())).resolves.toMatchObject({
      duplicate: false,
    });
    for (const user of apps) {
      for (const aggregate of aggregates) {
        const subject = `${subjectPrefix}.${aggregate}.perm-${user}`;
        const outcome = await publishAs(user, subject).then(
          () => 'appended',
          () => 'refused',
        );
        const wanted = appends[user].includes(aggregate) ? 'appended' : 'refused';
        expect({ user, aggregate, outcome }).toEqual({ user, aggregate, outcome: wanted });
      }
    }
  });

  it.each(['api', 'bot'] as const)(
    'lets %s use the key-value buckets of the command handlers',
    async (user) => {
      const nats = { js: jetstream(as(user)) };
      for (const purpose of ['ROOMS', 'PARKED', 'INTERACTIONS', 'SNAPSHOTS']) {
        const bucket = new KvBucket({ nats, name: bucketName(stream, purpose) });
        await expect(bucket.create(`${user}-key`, 'v')).resolves.toBe(true);
        await expect(bucket.get(`${user}-key`)).resolves.toBe('v');
        await bucket.put(`${user}-key`, 'w');
      }
      // The sweep of parked notifications lists keys (a consumer on the bucket's stream).
      const parked = new KvBucket({ nats, name: bucketName(stream, 'PARKED') });
      await expect(parked.keys()).resolves.toContain(`${user}-key`);
      // The command handler's aggregate snapshots (read, written, dropped).
      const snapshots = new AggregateSnapshots({ nats, stream });
      const snapshot = { model: 'meeting', version: 1, lastSeq: 1, state: { status: 'none' } };
      await snapshots.put('meeting', `${user}-m`, snapshot);
      await expect(snapshots.get('meeting', `${user}-m`)).resolves.toEqual(snapshot);
      await snapshots.delete('meeting', `${user}-m`);
      const windows = new RateWindows({ nats: { nc: as(user) }, stream, maxAgeMs: 60_000 });
      await expect(
        windows.take(`${user}.start`, { limit: 5, windowMs: 60_000 }, new Date()),
      ).resolves.toMatchObject({ allowed: true });
      const access = new VideoAccessStore({ js: () => nats.js, subjectPrefix });
      await access.change(`7${user.length}00000000000000001`, (a) => a);
      await expect(access.read(`7${user.length}00000000000000001`)).resolves.toBeDefined();
    },
  );

  it.each(['projector', 'notifier'] as const)(
    'refuses %s the key-value buckets of the command handlers',
    async (user) => {
      for (const purpose of ['ROOMS', 'SNAPSHOTS']) {
        const bucket = new KvBucket({
          nats: { js: jetstream(as(user)) },
          name: bucketName(stream, purpose),
        });
        await expect(bucket.put('forged', 'x')).rejects.toThrow();
      }
    },
  );

  it('lets every app follow the person keys: the watch keeps up past flow control', async () => {
    const keysOf = async (user: User) =>
      new PersonKeys({
        nats: { js: jetstream(as(user)), jsm: await jetstreamManager(as(user)) },
        stream,
      });
    const writer = await keysOf('api');
    const readers = await Promise.all(apps.map(keysOf));
    await writer.keyFor('350000000000000000'); // the bucket and its salt
    await Promise.all(readers.map((r) => r.follow()));
    // Enough entries (~2 MB) for the server to ask each watcher for flow control many times.
    const kids: string[] = [];
    for (let i = 0; i < 6000; i += 200) {
      const keys = await Promise.all(
        Array.from({ length: 200 }, (_, n) =>
          writer.keyFor(String(351000000000000000n + BigInt(i + n))),
        ),
      );
      kids.push(...keys.map((k) => k.kid));
    }
    await waitFor(
      () => readers.every((r) => kids.every((kid) => r.stateOf(kid)?.state === 'live')),
      30_000,
    ).catch(() => undefined);
    for (const reader of readers) {
      expect(kids.filter((kid) => reader.stateOf(kid)?.state !== 'live')).toEqual([]);
      expect(reader.loads).toEqual({ bulk: 0, single: 0 }); // every key came by the watch
    }
  }, 60_000);

  it('lets the notifier hold, renew and release its lease, and use no other key there', async () => {
    const nats = { js: jetstream(as('notifier')) };
    const lost: string[] = [];
    const lease = new KvLease({
      nats,
      stream,
      key: 'notifier',
      logger,
      ttlMs: 600,
      pollMs: 100,
      onLost: (reason) => lost.push(reason),
    });
    await lease.acquire();
    await new Promise((r) => setTimeout(r, 700)); // renewed (every 200 ms) past one TTL
    await lease.release();
    expect(lost).toEqual([]);
    const other = new KvLease({ ...{ nats, stream, logger }, key: 'projector', onLost: () => {} });
    const refused = other.acquire();
    await new Promise((r) => setTimeout(r, 300));
    await other.release();
    await expect(refused).rejects.toThrow('released while waiting');
  });

  it('lets the api keep its revocation list from the auth subjects, and nothing more', async () => {
    const nc = as('api');
    const api = new NatsClients({
      url: server.url,
      auth: { user: 'api', pass: passwords.api! },
      name: 'perm-api-revocations',
      logger,
      stream,
      subjectPrefix,
    });
    const revoked = new RevokedTokens({ nats: api, stream, subjectPrefix, logger, retryMs: 100 });
    try {
      await expect(revoked.whenLoaded(5000)).resolves.toBe(true);
      const created = await (
        await jetstreamManager(nc)
      ).consumers
        .add(stream, { name: 'perm_all', filter_subject: `${subjectPrefix}.>` })
        .then(
          () => 'created',
          () => 'refused',
        );
      expect(created).toBe('refused');
    } finally {
      revoked.close();
      await api.close();
    }
  });

  it('gives every aggregate of the catalog to at least one app (a new one needs a user)', () => {
    const covered = new Set(Object.values(appends).flat());
    expect(aggregates.filter((a) => !covered.has(a))).toEqual([]);
  });

  it.each(apps.filter((a) => durables[a].length > 0))(
    'lets %s run its durable consumers from a checkpoint, pull and acknowledge',
    async (user) => {
      const head = (await admin.streams.info(stream)).state.last_seq;
      expect(head).toBeGreaterThan(0);
      const nc = as(user);
      for (const durable of durables[user]) {
        const seen: number[] = [];
        const consumer = new BatchConsumer({
          js: jetstream(nc),
          jsm: await jetstreamManager(nc),
          stream,
          subjectPrefix,
          durable,
          batchSize: 100,
          maxWaitMs: 10,
          resumeAfter: async () => 0,
          handle: async (batch) => void seen.push(...batch.map((m) => m.seq)),
          logger,
        });
        await consumer.start();
        await waitFor(() => seen.includes(head), { timeoutMs: 5000 });
        await consumer.stop();
        await waitFor(
          async () => (await admin.consumers.info(stream, durable)).ack_floor.stream_seq >= head,
          { timeoutMs: 5000 },
        );
      }
    },
  );

  it('refuses each app the consumers of the others', async () => {
    for (const user of apps) {
      const jsm = await jetstreamManager(as(user));
      const foreign = apps.filter((a) => a !== user).flatMap((a) => durables[a]);
      for (const durable of foreign) {
        const created = await jsm.consumers
          .add(stream, { durable_name: durable, filter_subject: `${subjectPrefix}.>` })
          .then(
            () => 'created',
            () => 'refused',
          );
        expect({ user, durable, created }).toEqual({ user, durable, created: 'refused' });
      }
    }
  });

  it('lets the api and the bot hear configuration changes (LiveEvents), and no other events', async () => {
    const heard: Record<string, string[]> = { config: [], meeting: [] };
    for (const aggregate of ['config', 'meeting'] as const)
      as('api').subscribe(`${subjectPrefix}.${aggregate}.>`, {
        callback: (error, message) => {
          if (!error) heard[aggregate]!.push(message.subject);
        },
      });
    await as('api').flush();
    await publishAs('bot', `${subjectPrefix}.config.live-check`);
    await publishAs('bot', `${subjectPrefix}.meeting.live-check`);
    await waitFor(() => heard.config!.length > 0, { timeoutMs: 3000, what: 'the config event' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual({ config: [`${subjectPrefix}.config.live-check`], meeting: [] });
  });

  it('refuses every app deleting or purging the stream, deleting events or changing the stream', async () => {
    const before = await eventCount();
    for (const user of apps) {
      const jsm = await jetstreamManager(as(user));
      const attempts = {
        delete: () => jsm.streams.delete(stream),
        purge: () => jsm.streams.purge(stream),
        deleteMessage: () => jsm.streams.deleteMessage(stream, 1),
        update: () => jsm.streams.update(stream, { max_msgs: 1 }),
        create: () => jsm.streams.add({ name: 'KD_SHADOW', subjects: ['kd.shadow.>'] }),
      };
      for (const [action, attempt] of Object.entries(attempts)) {
        const outcome = await attempt().then(
          () => 'done',
          () => 'refused',
        );
        expect({ user, action, outcome }).toEqual({ user, action, outcome: 'refused' });
      }
    }
    expect(await eventCount()).toBe(before);
    expect((await admin.streams.info(stream)).config.max_msgs).toBe(-1);
  });

  it('refuses publishing outside the prefix', async () => {
    const received: string[] = [];
    as('admin').subscribe('other.>', { callback: (_, m) => void received.push(m.string()) });
    await as('admin').flush();
    for (const user of apps) {
      as(user).publish('other.events.meeting.m1', user);
      await as(user).flush();
    }
    as('admin').publish('other.events.meeting.m1', 'admin');
    await waitFor(() => received.includes('admin'), { timeoutMs: 3000, what: 'the control' });
    expect(received).toEqual(['admin']);
  });

  it('lets admin (operations) purge and delete the stream', async () => {
    await expect(admin.streams.purge(stream)).resolves.toMatchObject({ success: true });
    await expect(admin.streams.delete(stream)).resolves.toBe(true);
  });
});
