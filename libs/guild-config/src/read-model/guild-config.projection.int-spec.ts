import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ChannelOwnership, createDiscordRest } from '@kd/discord';
import { catchUp, createDataSource, liveTables, ProjectionRunner } from '@kd/projections';
import {
  createTestDatabase,
  createTestStream,
  guildInstalledEvent,
  snowflakeFor,
  startDiscordRestFake,
  testLogger,
  type DiscordRestFake,
  type TestDatabase,
  type TestStream,
} from '@kd/testing';
import { loadDefaultConfig } from '../defaults/load-default-config.js';
import { overrideFlags } from '../domain/override-flags.js';
import { GuildConfigService } from '../service/guild-config.service.js';
import { guildConfigProjection } from './guild-config.projection.js';

const admin = { kind: 'user' as const, id: snowflakeFor(901) };
const templated = snowflakeFor(20_001);
const mapped = snowflakeFor(20_002);
const resetAll = snowflakeFor(20_003);
const backToDefault = snowflakeFor(20_004);
const role = snowflakeFor(801);

interface ConfigurationRow {
  guild_id: string;
  overrides: Record<string, unknown>;
  overridden_keys: string[];
  has_override: boolean;
  has_template_override: boolean;
  has_role_mapping_override: boolean;
  has_notification_override: boolean;
  config_events: number;
  updated_at: Date;
  updated_by: string;
}

describe('guild_config projection', () => {
  let db: TestDatabase;
  let t: TestStream;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  let config: GuildConfigService;
  let discord: DiscordRestFake;
  const logger = testLogger('guild-config-projection-test');
  const defaults = loadDefaultConfig();

  beforeAll(async () => {
    [db, t, discord] = await Promise.all([
      createTestDatabase(),
      createTestStream(),
      startDiscordRestFake(),
    ]);
    discord.registerChannel(mapped, snowflakeFor(702));
    dataSource = createDataSource({ url: db.url, applicationName: 'guild-config-projection-test' });
    await dataSource.initialize();
    runner = new ProjectionRunner(guildConfigProjection, dataSource, logger);
    config = new GuildConfigService({
      store: t.store,
      defaults,
      logger,
      dataSource: () => dataSource,
      channels: new ChannelOwnership({
        rest: createDiscordRest({ token: 'bot', apiUrl: discord.apiUrl, logger }),
        now: Date.now,
      }),
    });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await Promise.all([db.drop(), t.cleanup(), discord.close()]);
  });

  const run = (durable: string) =>
    catchUp(runner, {
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger,
      batchSize: 3,
      maxWaitMs: 50,
      durable,
    });
  const rows = () =>
    dataSource.query<ConfigurationRow[]>(
      `SELECT * FROM analytics.guild_configuration ORDER BY guild_id`,
    );
  const update = (guild: string, key: string, value: string) =>
    config.update(guild, key, value, admin, 'corr');

  beforeAll(async () => {
    await t.store.append(guildInstalledEvent(templated));
    await update(templated, 'notifications.templates.meeting_start', 'Live: {{title}} {{joinUrl}}');
    await update(mapped, `roles.mapping.${role}`, 'adminRole');
    await update(mapped, 'notifications.channels.recording_ready', snowflakeFor(702));
    await update(resetAll, 'features.webinars', 'false');
    await config.reset(resetAll, 'all', admin, 'corr');
    await update(backToDefault, 'notifications.types.meeting_end', 'false');
    await update(backToDefault, 'notifications.types.meeting_end', 'true');
    await run('proj_guild_config');
  });

  it('writes one row per guild with the flags of DESIGN §4', async () => {
    const flags = (await rows()).map((r) => [
      r.guild_id,
      r.has_override,
      r.has_template_override,
      r.has_role_mapping_override,
      r.has_notification_override,
    ]);
    expect(flags).toEqual([
      [templated, true, true, false, false],
      [mapped, true, false, true, true],
      [resetAll, false, false, false, false],
      [backToDefault, false, false, false, false],
    ]);
  });

  it('agrees with overrideFlags over the service effective configuration for every guild', async () => {
    for (const row of await rows()) {
      const expected = overrideFlags(defaults, await config.get(row.guild_id));
      expect({
        hasOverride: row.has_override,
        hasTemplateOverride: row.has_template_override,
        hasRoleMappingOverride: row.has_role_mapping_override,
        hasNotificationOverride: row.has_notification_override,
      }).toEqual(expected);
    }
  });

  it('keeps the overrides, changed keys, event count and last actor of each guild', async () => {
    const row = (await rows()).find((r) => r.guild_id === mapped)!;
    expect(row.overrides).toEqual({
      [`roles.mapping.${role}`]: 'adminRole',
      'notifications.channels.recording_ready': snowflakeFor(702),
    });
    expect(row.overridden_keys).toEqual([
      'notifications.channels.recording_ready',
      `roles.mapping.${role}`,
    ]);
    expect(row).toMatchObject({ config_events: 2, updated_by: admin.id });
    const reset = (await rows()).find((r) => r.guild_id === resetAll)!;
    expect(reset).toMatchObject({ overrides: {}, overridden_keys: [], config_events: 2 });
  });

  it('records one change row per config event', async () => {
    const changes = await dataSource.query<
      { guild_id: string; change: string; key: string | null; section: string }[]
    >(
      `SELECT guild_id, change, key, section FROM analytics.guild_config_changes WHERE guild_id = $1 ORDER BY seq`,
      [resetAll],
    );
    expect(changes).toEqual([
      { guild_id: resetAll, change: 'updated', key: 'features.webinars', section: 'features' },
      { guild_id: resetAll, change: 'reset', key: null, section: 'all' },
    ]);
    const [{ n }] = await dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM kd.guild_config_changes`,
    );
    expect(n).toBe(7);
  });

  it('applies a redelivered batch once', async () => {
    const before = await rows();
    const again = await t.store.readAggregate('config', mapped);
    await dataSource.transaction((tx) => guildConfigProjection.apply(again, tx, liveTables));
    expect(await rows()).toEqual(before);
    const [{ n }] = await dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM kd.guild_config_changes`,
    );
    expect(n).toBe(7);
  });

  it('lists the customized guilds from the read model', async () => {
    expect((await config.listCustomized()).map((r) => r.guildId)).toEqual([templated, mapped]);
  });

  it('rebuilds from sequence 1 to identical rows', async () => {
    const before = await rows();
    await runner.prepare({ forceRebuild: true });
    expect(await rows()).toEqual([]);
    await run('proj_guild_config_rebuild');
    expect(await rows()).toEqual(before);
  });
});
