import type { FlatConfig } from '../config/config-state.js';
import type { Clock } from '../time/clock.js';

/** Everything known about one guild id at `now` (also ids that were never installed). */
export interface GuildState {
  guildId: string;
  /** occurredAt of the first `guild.installed`, null if never installed. */
  firstInstallAt: number | null;
  /** Latest of install/uninstall is an install. */
  installed: boolean;
  /** Latest non-null member count (`guild.installed` or `guild.member_count_changed`). */
  memberCount: number | null;
  config: FlatConfig;
}

/** One `command.executed` that carries a guild id. */
export interface CommandFact {
  guildId: string;
  at: number;
  day: number;
  userId: string;
  command: string;
  outcome: 'ok' | 'error' | 'denied' | 'invalid';
  /** The member's Discord locale as sent; `unknown` when none (and for v1 events). */
  locale: string;
}

/** A meeting that has a `meeting.created`; later lifecycle events are folded in. */
export interface MeetingState {
  meetingId: string;
  guildId: string | null;
  type: string;
  ownerUserId: string;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Distinct people: join-link user ids and Kaltura participant ids, folded (person-links.ts). */
  participants: Set<string>;
  /** participantId → present now (latest joined/left is a join). */
  present: Map<string, boolean>;
}

export interface History {
  clock: Clock;
  /** A participant id → the person it counts as (person-links.ts). */
  personOf: (participantId: string) => string;
  defaults: FlatConfig;
  guilds: Map<string, GuildState>;
  /** In (occurredAt, seq) order. */
  commands: CommandFact[];
  meetings: Map<string, MeetingState>;
}
