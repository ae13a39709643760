import { describe, expect, it } from '@jest/globals';
import { eventCatalog, newEvent, type Actor, type DomainEvent, type PayloadOf } from '@kd/events';
import {
  botActor,
  decideGuild,
  emptyGuildRecord,
  evolveGuild,
  guildEventTypes,
  guildEvolvers,
  type GuildEventType,
  type GuildObservation,
  type GuildRecord,
} from './guild-lifecycle.js';

const guildId = '100000000000000777';
const joined = Date.parse('2024-05-01T08:00:00.000Z');
const now = new Date('2024-06-01T12:00:00.000Z');

/** Recorded history, oldest first; sequence numbers start at 10. */
function given(
  ...history: Array<
    { [T in GuildEventType]: [T, PayloadOf<T>, { at?: number; actor?: Actor }?] }[GuildEventType]
  >
): GuildRecord {
  return history.reduce((record, [type, payload, meta], i) => {
    const event = {
      ...newEvent(type, payload as never, {
        guildId,
        actor: meta?.actor ?? botActor,
        correlationId: 'c',
        occurredAt: new Date(meta?.at ?? joined),
      }),
      version: 1,
      recordedAt: now.toISOString(),
    } as DomainEvent<GuildEventType>;
    return evolveGuild(record, event, 10 + i);
  }, emptyGuildRecord);
}

const member = (memberCount: number | null, joinedTimestamp = joined): GuildObservation => ({
  kind: 'member',
  guildId,
  name: 'Kaltura Fans',
  joinedTimestamp,
  memberCount,
  at: now,
});

describe('deciding what to record about a guild', () => {
  it('records an unknown guild as installed when the bot joined, with its member count', () => {
    expect(decideGuild(emptyGuildRecord, member(25))).toEqual([
      {
        type: 'guild.installed',
        id: `guild-installed-${guildId}-${joined}`,
        occurredAt: new Date(joined),
        payload: { name: 'Kaltura Fans', memberCount: 25 },
      },
    ]);
  });

  it('gives a repeated GUILD_CREATE for the same join the same event id', () => {
    expect(decideGuild(emptyGuildRecord, member(25))).toEqual(
      decideGuild(emptyGuildRecord, member(26)).map((c) => ({
        ...c,
        payload: { name: 'Kaltura Fans', memberCount: 25 },
      })),
    );
  });

  it('records nothing on a restart when the guild is installed with the same count', () => {
    const record = given(['guild.installed', { name: 'Kaltura Fans', memberCount: 25 }]);
    expect(decideGuild(record, member(25))).toEqual([]);
    expect(decideGuild(record, member(null))).toEqual([]);
  });

  it('compares with the latest recorded count, not the one at install', () => {
    const record = given(
      ['guild.installed', { name: 'Kaltura Fans', memberCount: 25 }],
      ['guild.member_count_changed', { memberCount: 30 }],
    );
    expect(decideGuild(record, member(30))).toEqual([]);
    expect(decideGuild(record, member(31))).toEqual([
      { type: 'guild.member_count_changed', occurredAt: now, payload: { memberCount: 31 } },
    ]);
  });

  it('records a guild whose latest lifecycle event is an uninstall as installed again', () => {
    const rejoined = joined + 86_400_000;
    const record = given(
      ['guild.installed', { name: 'Kaltura Fans', memberCount: 25 }],
      ['guild.uninstalled', {}, { at: joined + 1000 }],
    );
    expect(decideGuild(record, member(25, rejoined)).map((c) => [c.type, c.id])).toEqual([
      ['guild.installed', `guild-installed-${guildId}-${rejoined}`],
    ]);
  });

  it('notices a removal and re-add while the bot was offline from a later joined_at', () => {
    const rejoined = joined + 86_400_000;
    const record = given(['guild.installed', { name: 'Kaltura Fans', memberCount: 25 }]);
    expect(decideGuild(record, member(40, rejoined))).toEqual([
      {
        type: 'guild.uninstalled',
        id: `guild-uninstalled-${guildId}-10`,
        occurredAt: new Date(rejoined),
        payload: {},
      },
      {
        type: 'guild.installed',
        id: `guild-installed-${guildId}-${rejoined}`,
        occurredAt: new Date(rejoined),
        payload: { name: 'Kaltura Fans', memberCount: 40 },
      },
    ]);
  });

  it('infers no re-add from an install recorded by someone else (its time is not joined_at)', () => {
    const record = given([
      'guild.installed',
      { name: 'Kaltura Fans', memberCount: 25 },
      { actor: { kind: 'system', id: 'api' }, at: joined - 5000 },
    ]);
    expect(decideGuild(record, member(25))).toEqual([]);
  });

  it('records a removal of an installed guild once per install, and ignores unknown guilds', () => {
    const gone: GuildObservation = { kind: 'gone', guildId, at: now };
    const installed = given(['guild.installed', { name: 'Kaltura Fans', memberCount: 25 }]);
    expect(decideGuild(installed, gone)).toEqual([
      {
        type: 'guild.uninstalled',
        id: `guild-uninstalled-${guildId}-10`,
        occurredAt: now,
        payload: {},
      },
    ]);
    expect(decideGuild(emptyGuildRecord, gone)).toEqual([]);
    const removed = given(
      ['guild.installed', { name: 'Kaltura Fans', memberCount: 25 }],
      ['guild.uninstalled', {}],
    );
    expect(decideGuild(removed, gone)).toEqual([]);
  });

  it('records a refreshed member count only for an installed guild whose count changed', () => {
    const counted = (memberCount: number): GuildObservation => ({
      kind: 'counted',
      guildId,
      memberCount,
      at: now,
    });
    const installed = given(['guild.installed', { name: 'Kaltura Fans', memberCount: null }]);
    expect(decideGuild(installed, counted(12))).toEqual([
      { type: 'guild.member_count_changed', occurredAt: now, payload: { memberCount: 12 } },
    ]);
    const known = given(['guild.installed', { name: 'Kaltura Fans', memberCount: 12 }]);
    expect(decideGuild(known, counted(12))).toEqual([]);
    const removed = given(
      ['guild.installed', { name: 'Kaltura Fans', memberCount: 12 }],
      ['guild.uninstalled', {}],
    );
    expect(decideGuild(removed, counted(13))).toEqual([]);
  });

  it('folds the aggregate into status, membership and the latest count', () => {
    expect(
      given(
        ['guild.installed', { name: 'Kaltura Fans', memberCount: 25 }],
        ['guild.member_count_changed', { memberCount: 27 }],
        ['guild.uninstalled', {}],
        ['guild.installed', { name: 'Kaltura Fans', memberCount: null }, { at: joined + 9 }],
      ),
    ).toEqual({
      status: 'installed',
      installSeq: 13,
      joinedTimestamp: joined + 9,
      memberCount: 27,
    });
  });

  it('loads exactly the guild events the fold has an evolver for', () => {
    const guildTypes = Object.entries(eventCatalog)
      .filter(([, definition]) => definition.aggregate === 'guild')
      .map(([type]) => type);
    const folded = guildTypes.filter((type) => Object.hasOwn(guildEvolvers, type));
    expect([...guildEventTypes].sort()).toEqual(folded.sort());
    expect(guildEventTypes).toEqual(expect.arrayContaining(['guild.installed']));
  });
});
