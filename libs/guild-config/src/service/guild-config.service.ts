import { KdError, newEvent, type Actor, type NewEvent } from '@kd/events';
import {
  CommandHandler,
  ConflictRetriesExhaustedError,
  conflictBackoff,
  type AggregateModel,
} from '@kd/event-store';
import { decideReset, decideUpdate, type GuildConfigState } from '../domain/decide.js';
import { effectiveConfig } from '../domain/effective-config.js';
import { flattenOverrides } from '../domain/flatten-overrides.js';
import { deepFreeze, valueAt } from '../domain/json-value.js';
import { evolveConfig, foldConfigEvents, isConfigEvent } from '../domain/overrides.js';
import { changedKeys } from '../domain/override-flags.js';
import { ConfigConflictError, InvalidGuildIdError } from '../errors.js';
import { validateUpdate } from '../keys/validate-update.js';
import { snowflakePattern } from '../schema/leaf-schemas.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';
import { assertChannelsOfGuild } from './channel-check.js';
import { ConfigCache } from './config-cache.js';
import {
  listCustomizedGuilds,
  type GuildConfigurationRow,
} from '../read-model/guild-config-read-model.js';
import type {
  GuildConfigServiceOptions,
  GuildConfigView,
  ImportOutcome,
  ResetOutcome,
  UpdateOutcome,
} from './guild-config.types.js';

/**
 * Reads and changes guild configurations. The event log is the source of truth: a read folds
 * the guild's `config.*` events (cached); a change decides on a fresh read and appends with
 * optimistic concurrency, retrying on a concurrent change.
 */
export class GuildConfigService {
  private readonly cache: ConfigCache<GuildConfigView>;
  private readonly loading = new Map<string, Promise<GuildConfigView>>();
  private readonly handler: CommandHandler;
  private readonly model: AggregateModel<GuildConfigState>;

  constructor(private readonly options: GuildConfigServiceOptions) {
    this.handler = new CommandHandler({ store: options.store, logger: options.logger });
    this.model = {
      aggregate: 'config',
      initial: { defaults: options.defaults, overrides: {} },
      evolve: (state, event) =>
        isConfigEvent(event)
          ? { ...state, overrides: evolveConfig(state.overrides, event) }
          : state,
    };
    this.cache = new ConfigCache({
      maxEntries: options.cache?.maxEntries ?? 10_000,
      ttlMs: options.cache?.ttlMs ?? 60_000,
    });
  }

  get defaults(): GuildConfig {
    return this.options.defaults;
  }

  /** The effective configuration (defaults + overrides), frozen. */
  async get(guildId: string): Promise<GuildConfig> {
    return (await this.view(guildId)).effective;
  }

  async view(guildId: string): Promise<GuildConfigView> {
    assertGuildId(guildId);
    const stop = this.options.metrics?.lookupDuration.startTimer();
    try {
      const cached = this.cache.get(guildId);
      this.options.metrics?.cacheRequests.inc({ result: cached ? 'hit' : 'miss' });
      return cached ?? (await this.loadShared(guildId));
    } finally {
      stop?.();
    }
  }

  /** Drops a guild's cached configuration; consumers of the stream call it on `config.*`. */
  invalidate(guildId: string): void {
    this.cache.delete(guildId);
    this.loading.delete(guildId);
  }

  /** For a stream consumer: invalidates the guild of a `config.*` event, ignores the rest. */
  invalidateOn(event: { type: string; guildId: string | null }): void {
    if (isConfigEvent(event) && event.guildId !== null) this.invalidate(event.guildId);
  }

  async update(
    guildId: string,
    key: string,
    value: unknown,
    actor: Actor,
    correlationId: string,
  ): Promise<UpdateOutcome> {
    assertGuildId(guildId);
    await assertChannelsOfGuild(this.options.channels, guildId, [validateUpdate(key, value)]);
    const { appended, state } = await this.mutate(guildId, (current) => {
      const payload = decideUpdate(current, { key, value, actorUserId: actor.id });
      return (
        payload && newEvent('config.updated', payload, this.context(guildId, actor, correlationId))
      );
    });
    if (!appended) {
      const { key: parsedKey } = validateUpdate(key, value);
      const current = valueAt(effectiveConfig(state.defaults, state.overrides), parsedKey);
      return { changed: false, key: parsedKey, value: current ?? null };
    }
    const { seq, event } = appended as { seq: number; event: NewEvent<'config.updated'> };
    return { changed: true, seq, eventId: event.id, ...event.payload };
  }

  async reset(
    guildId: string,
    section: string,
    actor: Actor,
    correlationId: string,
  ): Promise<ResetOutcome> {
    const { appended } = await this.mutate(guildId, (current) => {
      const payload = decideReset(current, { section, actorUserId: actor.id });
      return (
        payload && newEvent('config.reset', payload, this.context(guildId, actor, correlationId))
      );
    });
    if (!appended) return { changed: false, section };
    const { seq, event } = appended as { seq: number; event: NewEvent<'config.reset'> };
    return { changed: true, seq, eventId: event.id, ...event.payload };
  }

  /**
   * Applies an overrides file (a partial configuration) as one `config.updated` per key whose
   * value differs. The whole file is validated first; appends are one event at a time, each
   * safe on its own, so a failure part-way leaves a prefix applied and a rerun completes it.
   * Every channel the file names must belong to the guild before anything is applied.
   */
  async importOverrides(
    guildId: string,
    file: unknown,
    actor: Actor,
    correlationId = `import-${guildId}`,
  ): Promise<ImportOutcome> {
    assertGuildId(guildId);
    const updates = flattenOverrides(file);
    await assertChannelsOfGuild(this.options.channels, guildId, updates);
    const outcome: ImportOutcome = { applied: [], unchanged: [] };
    for (const { key, value } of updates) {
      const result = await this.update(guildId, key, value, actor, correlationId);
      (result.changed ? outcome.applied : outcome.unchanged).push(key);
    }
    this.options.logger.info({ guildId, ...outcome, correlationId }, 'overrides imported');
    return outcome;
  }

  /** Guilds with any override, from the read model (`analytics.guild_configuration`). */
  async listCustomized(page?: {
    limit?: number;
    afterGuildId?: string;
  }): Promise<GuildConfigurationRow[]> {
    const { dataSource } = this.options;
    if (!dataSource)
      throw new KdError(
        'CONFIG.READ_MODEL_UNAVAILABLE',
        'no database configured for listing',
        'unavailable',
      );
    return listCustomizedGuilds(dataSource(), page);
  }

  private context(guildId: string, actor: Actor, correlationId: string) {
    return { actor, correlationId, guildId, occurredAt: this.options.now?.() ?? new Date() };
  }

  /** Read fresh, decide, append expecting that read's last sequence; on a conflict, again. */
  private async mutate(
    guildId: string,
    decide: (state: GuildConfigState) => NewEvent | null,
  ): Promise<{ appended?: { seq: number; event: NewEvent }; state: GuildConfigState }> {
    assertGuildId(guildId);
    const policy = { maxAttempts: (this.options.maxRetries ?? 3) + 1, conflict: conflictBackoff };
    try {
      const handled = await this.handler.handle(
        this.model,
        guildId,
        (state) => {
          const event = decide(state);
          return { events: event ? [event] : [], result: state };
        },
        { policy },
      );
      const stored = handled.appended[0];
      if (!stored) return { state: handled.result };
      const { seq, event } = stored;
      this.options.logger.info(
        { guildId, type: event.type, seq, correlationId: event.correlationId },
        'guild configuration changed',
      );
      return { appended: { seq, event }, state: handled.result };
    } catch (error) {
      if (error instanceof ConflictRetriesExhaustedError)
        throw new ConfigConflictError(guildId, error.attempts, error);
      throw error;
    } finally {
      // Also after a failed append: it may have been stored all the same.
      this.invalidate(guildId);
    }
  }

  /** One load per guild at a time; a load started before an invalidation is not cached. */
  private loadShared(guildId: string): Promise<GuildConfigView> {
    const pending = this.loading.get(guildId);
    if (pending) return pending;
    const epoch = this.cache.epoch;
    const promise = this.load(guildId)
      .then((view) => {
        this.cache.set(guildId, view, epoch);
        return view;
      })
      .finally(() => {
        if (this.loading.get(guildId) === promise) this.loading.delete(guildId);
      });
    this.loading.set(guildId, promise);
    return promise;
  }

  private async load(guildId: string): Promise<GuildConfigView> {
    const recorded = await this.options.store.readAggregate('config', guildId);
    const overrides = deepFreeze(foldConfigEvents(recorded.map((r) => r.event)));
    const effective = effectiveConfig(this.options.defaults, overrides);
    return {
      guildId,
      effective,
      overrides,
      changedKeys: changedKeys(this.options.defaults, effective),
      lastSeq: recorded.at(-1)?.seq ?? 0,
    };
  }
}

function assertGuildId(guildId: string): void {
  if (!snowflakePattern.test(guildId)) throw new InvalidGuildIdError(guildId);
}
