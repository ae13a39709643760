import type { DomainEvent } from '@kd/events';
import type { JsonValue } from '../json.js';
import { makeEvent } from './make-event.js';

type Outcome = DomainEvent<'command.executed'>['payload']['outcome'];

export interface CommandSpec {
  user?: string;
  command?: string;
  outcome?: Outcome;
  transport?: 'gateway' | 'http';
  /** The member's Discord locale; 'en-US' unless given (null: none sent). */
  locale?: string | null;
}

/** A 18-digit snowflake for small test numbers: `snowflake(7)` = "100000000000000007". */
export function snowflake(n: number): string {
  return (100_000_000_000_000_000n + BigInt(n)).toString();
}

/**
 * Terse builders for hand-written histories (tests, SQL-vs-oracle comparisons): each call gets
 * the next id; `at` is an ISO instant.
 */
export function eventFactory(prefix = 'e') {
  let n = 0;
  const stamp = (guildId: string | null, at: string) => ({
    id: `${prefix}-${++n}`,
    occurredAt: at,
    guildId,
  });
  const meetingStamp = (guildId: string, at: string) => ({
    ...stamp(guildId, at),
    actor: { kind: 'kaltura' as const, id: 'kaltura' },
  });
  return {
    installed: (guildId: string, at: string, memberCount: number | null = 10) =>
      makeEvent('guild.installed', { name: `Guild ${guildId}`, memberCount }, stamp(guildId, at)),
    uninstalled: (guildId: string, at: string) =>
      makeEvent('guild.uninstalled', {}, stamp(guildId, at)),
    memberCount: (guildId: string, at: string, memberCount: number) =>
      makeEvent('guild.member_count_changed', { memberCount }, stamp(guildId, at)),
    command: (guildId: string | null, at: string, spec: CommandSpec = {}) => {
      const s = stamp(guildId, at);
      const interactionId = snowflake(900_000_000 + n);
      const outcome = spec.outcome ?? 'ok';
      return makeEvent(
        'command.executed',
        {
          interactionId,
          command: spec.command ?? 'kaltura-list',
          commandVersion: 1,
          options: {},
          userId: spec.user ?? snowflake(1),
          channelId: snowflake(2),
          outcome,
          errorCode: outcome === 'ok' ? null : `TEST.${outcome.toUpperCase()}`,
          durationMs: 5,
          transport: spec.transport ?? 'http',
          locale: spec.locale === undefined ? 'en-US' : spec.locale,
          guildLocale: 'en-US',
        },
        s,
      );
    },
    meetingCreated: (guildId: string, at: string, meetingId: string, ownerUserId: string) =>
      makeEvent(
        'meeting.created',
        {
          meetingId,
          kalturaResourceId: `r-${meetingId}`,
          type: 'meeting',
          title: `Meeting ${meetingId}`,
          ownerUserId,
          description: null,
        },
        stamp(guildId, at),
      ),
    meetingStarted: (guildId: string, at: string, meetingId: string) =>
      makeEvent('meeting.started', { meetingId }, meetingStamp(guildId, at)),
    meetingEnded: (guildId: string, at: string, meetingId: string) =>
      makeEvent('meeting.ended', { meetingId, endedBy: 'kaltura' }, meetingStamp(guildId, at)),
    joinLink: (guildId: string, at: string, meetingId: string, userId: string) =>
      makeEvent(
        'meeting.join_link_issued',
        { meetingId, userId, kalturaRole: 'viewerRole' },
        stamp(guildId, at),
      ),
    joined: (guildId: string, at: string, meetingId: string, participantId: string) =>
      makeEvent(
        'meeting.participant_joined',
        { meetingId, participantId },
        meetingStamp(guildId, at),
      ),
    left: (guildId: string, at: string, meetingId: string, participantId: string) =>
      makeEvent(
        'meeting.participant_left',
        { meetingId, participantId },
        meetingStamp(guildId, at),
      ),
    personLinked: (at: string, discordUserId: string, kalturaUserId: string) =>
      makeEvent(
        'person.linked',
        { discordUserId, kalturaUserId, displayName: 'Member', kalturaAction: 'added' },
        { ...stamp(null, at), actor: { kind: 'user', id: discordUserId } },
      ),
    configUpdated: (
      guildId: string,
      at: string,
      key: string,
      newValue: JsonValue,
      oldValue: JsonValue = null,
    ) =>
      makeEvent(
        'config.updated',
        { key, oldValue, newValue, actorUserId: snowflake(1) },
        stamp(guildId, at),
      ),
    configReset: (
      guildId: string,
      at: string,
      section: 'all' | 'notifications' | 'commands' | 'roles' | 'features',
    ) => makeEvent('config.reset', { section, actorUserId: snowflake(1) }, stamp(guildId, at)),
  };
}

export type EventFactory = ReturnType<typeof eventFactory>;
