import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { newEvent, type EventType, type NewEvent } from '@kd/events';
import { ConcurrencyError, type AppendOptions, type EventStore } from '@kd/event-store';
import { ChannelOwnership, createDiscordRest } from '@kd/discord';
import {
  createTestStream,
  snowflakeFor,
  startDiscordRestFake,
  testLogger,
  type DiscordRestFake,
  type TestStream,
} from '@kd/testing';
import { findDefaultConfigPath, loadDefaultConfig } from '../defaults/load-default-config.js';
import { ConfigImportError } from '../errors.js';
import { createGuildConfigMetrics } from './guild-config-metrics.js';
import { GuildConfigService } from './guild-config.service.js';
import { readOverridesFile } from './overrides-file.js';

const defaults = loadDefaultConfig();
const admin = { kind: 'user' as const, id: snowflakeFor(900) };
const role = snowflakeFor(800);
let guildCounter = 0;
const nextGuild = () => snowflakeFor(10_000 + ++guildCounter);

type ConfigStore = Pick<EventStore, 'append' | 'readAggregate'>;

/** The real store, observed: counts the conflicts it reports. */
function observed(store: EventStore, beforeAppend?: () => Promise<void>) {
  const seen = { conflicts: 0, appends: 0 };
  const wrapped: ConfigStore = {
    readAggregate: (aggregate, id) => store.readAggregate(aggregate, id),
    async append<T extends EventType>(event: NewEvent<T>, options?: AppendOptions) {
      seen.appends++;
      await beforeAppend?.();
      try {
        return await store.append(event, options);
      } catch (error) {
        if (error instanceof ConcurrencyError) seen.conflicts++;
        throw error;
      }
    },
  };
  return { store: wrapped, seen };
}

/** The real store, with every reader held until `parties` reads are done: a forced race. */
function raced(store: ConfigStore, parties: number): ConfigStore {
  const release: (() => void)[] = [];
  return {
    async readAggregate(aggregate, id) {
      const events = await store.readAggregate(aggregate, id);
      if (release.length < parties) {
        await new Promise<void>((resolve) => {
          release.push(resolve);
          if (release.length === parties) release.forEach((r) => r());
        });
      }
      return events;
    },
    append: (event, options) => store.append(event, options),
  };
}

describe('GuildConfigService on the real event store', () => {
  let t: TestStream;
  let discord: DiscordRestFake;
  const logger = testLogger('guild-config-test');
  const service = (store: ConfigStore = t.store, registry = new Registry()) =>
    new GuildConfigService({
      store,
      defaults,
      logger,
      metrics: createGuildConfigMetrics(registry),
      channels: new ChannelOwnership({
        rest: createDiscordRest({ token: 'bot', apiUrl: discord.apiUrl, logger }),
        now: Date.now,
      }),
    });

  beforeAll(async () => {
    [t, discord] = await Promise.all([createTestStream(), startDiscordRestFake()]);
  });
  afterAll(async () => {
    await Promise.all([t.cleanup(), discord.close()]);
  });

  it('returns the defaults for a guild without events, and the new value after an update', async () => {
    const guild = nextGuild();
    const config = service();
    expect(await config.get(guild)).toEqual(defaults);
    const outcome = await config.update(
      guild,
      'notifications.types.participant_join',
      'true',
      admin,
      'c1',
    );
    expect(outcome).toMatchObject({
      changed: true,
      oldValue: false,
      newValue: true,
      actorUserId: admin.id,
    });
    expect((await config.get(guild)).notifications.types.participant_join).toBe(true);
    const [recorded] = await t.store.readAggregate('config', guild);
    expect(recorded?.event).toMatchObject({
      type: 'config.updated',
      guildId: guild,
      correlationId: 'c1',
    });
  });

  it('appends nothing for an update that changes nothing, and says so', async () => {
    const guild = nextGuild();
    const config = service();
    expect(await config.update(guild, 'features.recordings', 'yes', admin, 'c2')).toEqual({
      changed: false,
      key: 'features.recordings',
      value: true,
    });
    expect(await t.store.readAggregate('config', guild)).toHaveLength(0);
  });

  it('counts cache misses and hits, and misses again after its own update', async () => {
    const guild = nextGuild();
    const registry = new Registry();
    const config = service(t.store, registry);
    await config.get(guild);
    await config.get(guild);
    await config.update(guild, 'features.webinars', 'false', admin, 'c3');
    expect((await config.get(guild)).features.webinars).toBe(false);
    const counts = await registry.getSingleMetric('kd_config_cache_requests_total')!.get();
    expect(Object.fromEntries(counts.values.map((v) => [v.labels.result, v.value]))).toEqual({
      hit: 1,
      miss: 2,
    });
    expect(await registry.getSingleMetricAsString('kd_config_lookup_duration_seconds')).toContain(
      'kd_config_lookup_duration_seconds_count 3',
    );
  });

  it('serves its cache until invalidated when another process changes the guild', async () => {
    const guild = nextGuild();
    const [reader, writer] = [service(), service()];
    await reader.get(guild);
    await writer.update(guild, 'roles.default', 'adminRole', admin, 'c4');
    expect((await reader.get(guild)).roles.default).toBe('viewerRole');
    const [changed] = await t.store.readAggregate('config', guild);
    reader.invalidateOn({ type: 'guild.installed', guildId: guild });
    expect((await reader.get(guild)).roles.default).toBe('viewerRole');
    reader.invalidateOn(changed!.event);
    expect((await reader.get(guild)).roles.default).toBe('adminRole');
  });

  it('applies two concurrent updates of different keys, one after a retry, losing neither', async () => {
    const guild = nextGuild();
    const { store, seen } = observed(t.store);
    const shared = raced(store, 2);
    const results = await Promise.all([
      service(shared).update(guild, `roles.mapping.${role}`, 'adminRole', admin, 'c5'),
      service(shared).update(guild, 'notifications.enabled', 'false', admin, 'c6'),
    ]);
    expect(results.map((r) => r.changed)).toEqual([true, true]);
    expect(seen).toEqual({ conflicts: 1, appends: 3 });
    const effective = await service().get(guild);
    expect(effective.roles.mapping).toEqual({ [role]: 'adminRole' });
    expect(effective.notifications.enabled).toBe(false);
    expect(await t.store.readAggregate('config', guild)).toHaveLength(2);
  });

  it('orders two concurrent updates of one key: the second records the first as its old value', async () => {
    const guild = nextGuild();
    const { store, seen } = observed(t.store);
    const config = service(raced(store, 2));
    await Promise.all([
      config.update(guild, 'notifications.templates.meeting_end', 'A {{title}}', admin, 'c7'),
      config.update(guild, 'notifications.templates.meeting_end', 'B {{title}}', admin, 'c8'),
    ]);
    const events = (await t.store.readAggregate('config', guild)).map((r) => r.event.payload);
    expect(events).toHaveLength(2);
    expect(seen.conflicts).toBe(1);
    expect(events[1]).toMatchObject({ oldValue: (events[0] as { newValue: string }).newValue });
    expect((await service().get(guild)).notifications.templates.meeting_end).toBe(
      (events[1] as { newValue: string }).newValue,
    );
  });

  it('gives up with CONFIG.CONFLICT after three retries against a writer that always wins', async () => {
    const guild = nextGuild();
    let n = 0;
    const competitor = () =>
      t.store
        .append(
          newEvent(
            'config.updated',
            {
              key: 'features.classrooms',
              oldValue: null,
              newValue: n++ % 2 === 0,
              actorUserId: 'other',
            },
            { actor: admin, correlationId: 'rival', guildId: guild },
          ),
        )
        .then(() => undefined);
    const { store, seen } = observed(t.store, competitor);
    await expect(
      service(store).update(guild, 'features.webinars', 'false', admin, 'c9'),
    ).rejects.toMatchObject({
      code: 'CONFIG.CONFLICT',
      category: 'conflict',
      attempts: 4,
    });
    expect(seen).toEqual({ conflicts: 4, appends: 4 });
  });

  it('resets one section to its defaults, then everything', async () => {
    const guild = nextGuild();
    discord.registerChannel(guild, snowflakeFor(700));
    const config = service();
    await config.update(
      guild,
      'notifications.channels.meeting_start',
      snowflakeFor(700),
      admin,
      'c10',
    );
    await config.update(guild, 'features.video_search', 'off', admin, 'c11');
    expect(await config.reset(guild, 'notifications', admin, 'c12')).toMatchObject({
      changed: true,
    });
    const partly = await config.get(guild);
    expect(partly.notifications).toEqual(defaults.notifications);
    expect(partly.features.video_search).toBe(false);
    await config.reset(guild, 'all', admin, 'c13');
    expect(await config.get(guild)).toEqual(defaults);
    expect(await config.reset(guild, 'all', admin, 'c14')).toEqual({
      changed: false,
      section: 'all',
    });
  });

  it('imports an overrides file as one event per differing key, and a rerun changes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kd-overrides-'));
    const guild = '123456789012345678';
    const example = join(dirname(findDefaultConfigPath()), 'overrides', `${guild}.json.example`);
    await copyFile(example, join(dir, `${guild}.json`));
    for (const channel of ['123456789012345001', '123456789012345002'])
      discord.registerChannel(guild, channel);
    try {
      const config = service();
      const file = await readOverridesFile(dir, guild);
      const first = await config.importOverrides(guild, file, admin);
      expect(first.unchanged).toEqual([]);
      expect(await t.store.readAggregate('config', guild)).toHaveLength(first.applied.length);
      const effective = await config.get(guild);
      expect(effective.roles.mapping).toEqual({
        '123456789012345100': 'adminRole',
        '123456789012345200': 'viewerRole',
      });
      expect(effective.features.webinars).toBe(false);
      const again = await config.importOverrides(guild, file, admin);
      expect(again).toEqual({ applied: [], unchanged: first.applied });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('appends nothing from an overrides file with any invalid key', async () => {
    const guild = nextGuild();
    const file = {
      features: { webinars: false },
      notifications: { templates: { meeting_end: '{{joinUrl}}' } },
    };
    await expect(service().importOverrides(guild, file, admin)).rejects.toBeInstanceOf(
      ConfigImportError,
    );
    expect(await t.store.readAggregate('config', guild)).toHaveLength(0);
  });

  it('refuses a channel of another guild or one Discord does not know, and appends nothing', async () => {
    const guild = nextGuild();
    const foreign = snowflakeFor(701);
    discord.registerChannel(nextGuild(), foreign);
    const key = 'notifications.channels.meeting_end';
    for (const channel of [foreign, `<#${foreign}>`, snowflakeFor(702)])
      await expect(service().update(guild, key, channel, admin, 'c20')).rejects.toMatchObject({
        code: 'CONFIG.CHANNEL_NOT_IN_GUILD',
      });
    expect(await t.store.readAggregate('config', guild)).toEqual([]);
  });

  it('imports nothing from an overrides file naming a channel of another guild', async () => {
    const guild = nextGuild();
    const own = snowflakeFor(703);
    const foreign = snowflakeFor(704);
    discord.registerChannel(guild, own);
    discord.registerChannel(nextGuild(), foreign);
    const file = {
      features: { webinars: false },
      notifications: { channels: { meeting_start: own, recording_ready: foreign } },
    };
    await expect(service().importOverrides(guild, file, admin)).rejects.toMatchObject({
      code: 'CONFIG.CHANNEL_NOT_IN_GUILD',
      details: { channelId: foreign },
    });
    expect(await t.store.readAggregate('config', guild)).toEqual([]);
  });

  it('refuses any channel id when it cannot ask Discord', async () => {
    const guild = nextGuild();
    const blind = new GuildConfigService({ store: t.store, defaults, logger });
    await expect(
      blind.update(guild, 'notifications.channels.meeting_end', snowflakeFor(705), admin, 'c21'),
    ).rejects.toMatchObject({ code: 'CONFIG.CHANNEL_CHECK_UNAVAILABLE' });
    await blind.update(guild, 'notifications.channels.meeting_end', 'default', admin, 'c22');
  });
});
