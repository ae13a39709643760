import type { Actor, DomainEvent, PayloadOf } from '@kd/events';

/** Who records guild lifecycle events. */
export const botActor: Actor = { kind: 'system', id: 'bot' };

export type GuildEventType = 'guild.installed' | 'guild.uninstalled' | 'guild.member_count_changed';

/** A lifecycle event of the `guild` aggregate (video access shares the subject, not the fold). */
export function isGuildLifecycleEvent(event: DomainEvent): event is DomainEvent<GuildEventType> {
  return Object.hasOwn(guildEvolvers, event.type);
}

/** What the stream says about one guild, folded from its `guild` aggregate. */
export interface GuildRecord {
  status: 'unknown' | 'installed' | 'uninstalled';
  /** Stream sequence of the latest `guild.installed` (identifies the current membership). */
  installSeq: number | null;
  /** When the bot joined, for installs the bot recorded itself (their occurredAt is joined_at). */
  joinedTimestamp: number | null;
  /** Latest recorded member count. */
  memberCount: number | null;
}

/** What the gateway or REST told us about one guild. */
export type GuildObservation =
  /** The bot is a member: seen at start-up, on joining, or when an outage ends. */
  | {
      kind: 'member';
      guildId: string;
      name: string;
      joinedTimestamp: number;
      memberCount: number | null;
      at: Date;
    }
  /** The bot is no longer a member: GUILD_DELETE without `unavailable`, or absent from READY. */
  | { kind: 'gone'; guildId: string; at: Date }
  /** A fresh count from `GET /guilds/{id}?with_counts=true`. */
  | { kind: 'counted'; guildId: string; memberCount: number; at: Date };

export type GuildChange = {
  [T in GuildEventType]: { type: T; id?: string; occurredAt: Date; payload: PayloadOf<T> };
}[GuildEventType];

export const emptyGuildRecord: GuildRecord = {
  status: 'unknown',
  installSeq: null,
  joinedTimestamp: null,
  memberCount: null,
};

type GuildEvolvers = {
  readonly [T in GuildEventType]: (
    record: GuildRecord,
    event: DomainEvent<T>,
    seq: number,
  ) => GuildRecord;
};

/** How each lifecycle event changes the record; its keys are `guildEventTypes`. */
export const guildEvolvers: GuildEvolvers = {
  'guild.installed': (record, event, seq) => {
    const byBot = event.actor.kind === botActor.kind && event.actor.id === botActor.id;
    return {
      status: 'installed',
      installSeq: seq,
      joinedTimestamp: byBot ? Date.parse(event.occurredAt) : null,
      memberCount: event.payload.memberCount ?? record.memberCount,
    };
  },
  'guild.uninstalled': (record) => ({ ...record, status: 'uninstalled' }),
  'guild.member_count_changed': (record, event) => ({
    ...record,
    memberCount: event.payload.memberCount,
  }),
};

/** The events of the `guild` aggregate this fold reads (video access has its own read model). */
export const guildEventTypes: readonly string[] = Object.keys(guildEvolvers);

export function evolveGuild(
  record: GuildRecord,
  event: DomainEvent<GuildEventType>,
  seq: number,
): GuildRecord {
  // The key matches the event's type, so the evolver takes this event.
  const evolve = guildEvolvers[event.type] as (
    record: GuildRecord,
    event: DomainEvent<GuildEventType>,
    seq: number,
  ) => GuildRecord;
  return evolve(record, event, seq);
}

/** The events that make the stream agree with what was observed (none when it already does). */
export function decideGuild(record: GuildRecord, observation: GuildObservation): GuildChange[] {
  switch (observation.kind) {
    case 'member':
      return decideMember(record, observation);
    case 'gone':
      return record.status === 'installed'
        ? [uninstalled(record, observation.guildId, observation.at)]
        : [];
    case 'counted':
      return record.status === 'installed' && record.memberCount !== observation.memberCount
        ? [countChanged(observation.memberCount, observation.at)]
        : [];
  }
}

function decideMember(
  record: GuildRecord,
  seen: Extract<GuildObservation, { kind: 'member' }>,
): GuildChange[] {
  if (record.status !== 'installed') return [installed(seen)];
  // Removed and added again while the bot was offline: the membership we recorded has ended.
  if (record.joinedTimestamp !== null && seen.joinedTimestamp > record.joinedTimestamp)
    return [uninstalled(record, seen.guildId, new Date(seen.joinedTimestamp)), installed(seen)];
  if (seen.memberCount !== null && seen.memberCount !== record.memberCount)
    return [countChanged(seen.memberCount, seen.at)];
  return [];
}

/** One id per membership: a repeated GUILD_CREATE for the same join is stored once. */
function installed(seen: Extract<GuildObservation, { kind: 'member' }>): GuildChange {
  return {
    type: 'guild.installed',
    id: `guild-installed-${seen.guildId}-${seen.joinedTimestamp}`,
    occurredAt: new Date(seen.joinedTimestamp),
    payload: { name: seen.name.slice(0, 100), memberCount: seen.memberCount },
  };
}

/** Keyed by the install it ends, so whichever path notices the removal records it once. */
function uninstalled(record: GuildRecord, guildId: string, at: Date): GuildChange {
  return {
    type: 'guild.uninstalled',
    id: `guild-uninstalled-${guildId}-${record.installSeq ?? at.getTime()}`,
    occurredAt: at,
    payload: {},
  };
}

function countChanged(memberCount: number, at: Date): GuildChange {
  return { type: 'guild.member_count_changed', occurredAt: at, payload: { memberCount } };
}
