import { eventLogMigrations, eventLogProjection } from '@kd/event-log';
import { guildConfigMigrations, guildConfigProjection } from '@kd/guild-config';
import { meetingsMigrations, meetingsProjection } from '@kd/meetings';
import { projectionMigrations, type MigrationClass, type Projection } from '@kd/projections';
import { analyticsMigrations, analyticsProjection } from '@kd/analytics';

/** Every projection the projector runs, by name. */
export const projections: readonly Projection[] = [
  eventLogProjection,
  meetingsProjection,
  guildConfigProjection,
  analyticsProjection,
];

export function projectionNamed(name: string): Projection {
  const found = projections.find((p) => p.name === name);
  if (!found)
    throw new Error(
      `unknown projection "${name}"; known: ${projections.map((p) => p.name).join(', ')}`,
    );
  return found;
}

/** The 13-digit timestamp a migration's class name ends in (TypeORM orders by it too). */
export function migrationTimestamp(migration: MigrationClass): number {
  const match = /(\d{13})$/.exec(migration.name);
  if (!match) throw new Error(`migration ${migration.name} does not end in a 13-digit timestamp`);
  return Number(match[1]);
}

/**
 * Every migration of every read model, oldest first: one sequence, so existing databases
 * migrate as before. Hand-written raw SQL; `synchronize` is never used.
 */
export const migrations: readonly MigrationClass[] = [
  ...projectionMigrations,
  ...eventLogMigrations,
  ...guildConfigMigrations,
  ...meetingsMigrations,
  ...analyticsMigrations,
].sort((a, b) => migrationTimestamp(a) - migrationTimestamp(b));
