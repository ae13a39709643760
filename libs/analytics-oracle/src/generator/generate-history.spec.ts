import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { decodeEvent, prepareForAppend, type DomainEvent, type NewEvent } from '@kd/events';
import { flattenDefaults } from '../config/config-state.js';
import { userFacingCommands } from '@kd/analytics';
import { canonicalJson } from '../json.js';
import { generateHistory } from './generate-history.js';
import { syntheticDefaultConfig } from './synthetic-defaults.js';

const now = new Date('2026-03-18T13:45:00.000Z');
const history = generateHistory({ seed: 7, guilds: 80, days: 130, now });
const { events } = history;
const ofType = <T extends DomainEvent['type']>(type: T) =>
  events.filter((e): e is DomainEvent<T> => e.type === type);

describe('generateHistory: determinism and validity', () => {
  it('gives the same events for the same seed and different ones for another', () => {
    const options = { seed: 99, guilds: 10, days: 120, now };
    const first = generateHistory(options);
    expect(JSON.stringify(generateHistory(options))).toBe(JSON.stringify(first));
    const other = generateHistory({ ...options, seed: 100 });
    expect(other.events.slice(0, 20).map((e) => e.id)).not.toEqual(
      first.events.slice(0, 20).map((e) => e.id),
    );
  });

  it('produces events that pass the catalog schemas on append and on decode, unchanged', () => {
    const { events: sample } = generateHistory({ seed: 3, guilds: 25, days: 120, now });
    const changed = sample.filter((event) => {
      const wire = JSON.parse(JSON.stringify(event)) as DomainEvent;
      const fresh: Record<string, unknown> = { ...wire };
      delete fresh.version;
      delete fresh.recordedAt;
      const appended = prepareForAppend(fresh as NewEvent, new Date(wire.recordedAt));
      return !isDeepStrictEqual(decodeEvent(wire), wire) || !isDeepStrictEqual(appended, wire);
    });
    expect(sample.length).toBeGreaterThan(5_000);
    expect(changed).toEqual([]);
  });

  it('lists events in recorded order (a repeat keeps its original recordedAt), all recorded by now', () => {
    const seen = new Set<string>();
    const firstCopies = events.filter((e) => !seen.has(e.id) && seen.add(e.id));
    const recorded = firstCopies.map((e) => Date.parse(e.recordedAt));
    expect(recorded.every((t, i) => i === 0 || t >= (recorded[i - 1] as number))).toBe(true);
    expect(Math.max(...recorded)).toBeLessThanOrEqual(now.getTime());
  });
});

describe('generateHistory: coverage of the catalog', () => {
  it('runs every user-facing command with every outcome over both transports', () => {
    const combos = new Set(
      ofType('command.executed').map((e) => `${e.payload.command}/${e.payload.outcome}`),
    );
    const transports = new Set(
      ofType('command.executed').map((e) => `${e.payload.command}/${e.payload.transport}`),
    );
    for (const command of userFacingCommands) {
      for (const outcome of ['ok', 'error', 'denied', 'invalid'])
        expect(combos).toContain(`${command}/${outcome}`);
      for (const transport of ['gateway', 'http'])
        expect(transports).toContain(`${command}/${transport}`);
    }
  });

  it('installs, uninstalls and reinstalls guilds, with unknown and changing member counts', () => {
    const installs = ofType('guild.installed');
    expect(installs.some((e) => e.payload.memberCount === null)).toBe(true);
    expect(ofType('guild.member_count_changed').length).toBeGreaterThan(0);
    expect(ofType('guild.uninstalled').length).toBeGreaterThan(0);
    const perGuild = new Map<string, number[]>();
    for (const e of installs)
      perGuild.set(e.guildId ?? '', [
        ...(perGuild.get(e.guildId ?? '') ?? []),
        Date.parse(e.occurredAt),
      ]);
    const reinstalled = [...perGuild].filter(([, times]) => times.length > 1);
    expect(reinstalled.length).toBeGreaterThan(0);
    const resurrected = reinstalled.filter(([guildId, times]) =>
      ofType('command.executed').some(
        (c) => c.guildId === guildId && Date.parse(c.occurredAt) > Math.max(...times),
      ),
    );
    expect(resurrected.length).toBeGreaterThan(0);
  });

  it('creates v2 meetings with owners, join links that overlap Kaltura participants, and some never ended', () => {
    const created = ofType('meeting.created');
    expect(created.every((e) => e.version === 2 && /^\d{17,20}$/.test(e.payload.ownerUserId))).toBe(
      true,
    );
    const ended = new Set(ofType('meeting.ended').map((e) => e.payload.meetingId));
    const started = new Set(ofType('meeting.started').map((e) => e.payload.meetingId));
    expect(
      created.some((m) => started.has(m.payload.meetingId) && !ended.has(m.payload.meetingId)),
    ).toBe(true);
    const links = new Set(
      ofType('meeting.join_link_issued').map((e) => `${e.payload.meetingId}/${e.payload.userId}`),
    );
    const joined = ofType('meeting.participant_joined').map(
      (e) => `${e.payload.meetingId}/${e.payload.participantId}`,
    );
    expect(joined.some((j) => links.has(j))).toBe(true);
    expect(joined.some((j) => !links.has(j))).toBe(true);
    expect(ofType('meeting.participant_left').length).toBeGreaterThan(0);
  });

  it('reports members to Kaltura as themselves, as discord:<id> and as linked Kaltura users', () => {
    const ids = ofType('meeting.participant_joined').map((e) => e.payload.participantId);
    expect(ids.some((id) => /^\d{17,20}$/.test(id))).toBe(true);
    expect(ids.some((id) => /^discord:\d{17,20}$/.test(id))).toBe(true);
    const linked = new Map(
      ofType('person.linked').map((e) => [e.payload.kalturaUserId, e.payload.discordUserId]),
    );
    const kalturaOwn = ids.filter((id) => id.startsWith('ku-'));
    expect(kalturaOwn.length).toBeGreaterThan(0);
    expect(kalturaOwn.some((id) => linked.has(id))).toBe(true);
  });

  it('changes every configuration family, sometimes back to the default, and resets sections and all', () => {
    const updates = ofType('config.updated');
    for (const prefix of [
      'notifications.templates.',
      'roles.mapping.',
      'notifications.types.',
      'notifications.channels.',
      'commands.enabled.',
      'features.',
    ]) {
      expect(updates.some((e) => e.payload.key.startsWith(prefix))).toBe(true);
    }
    expect(updates.some((e) => e.payload.key === 'notifications.enabled')).toBe(true);
    const defaults = flattenDefaults(syntheticDefaultConfig);
    const backToDefault = updates.filter((e) =>
      e.payload.newValue === null
        ? !defaults.has(e.payload.key)
        : canonicalJson(e.payload.newValue) === defaults.get(e.payload.key),
    );
    expect(backToDefault.length).toBeGreaterThan(0);
    const sections = new Set(ofType('config.reset').map((e) => e.payload.section));
    expect([...sections].sort()).toEqual(['all', 'commands', 'features', 'notifications', 'roles']);
  });
});

describe('generateHistory: hostile input', () => {
  const ids = new Map<string, number>();
  for (const e of events) ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
  const byId = new Map(events.map((e) => [e.id, e]));

  it('repeats some events with the same id', () => {
    expect(history.hostile.duplicateIds.length).toBeGreaterThan(0);
    expect(history.hostile.duplicateIds.every((id) => ids.get(id) === 2)).toBe(true);
  });

  it('records some events hours after they occurred, out of occurredAt order', () => {
    expect(history.hostile.lateIds.length).toBeGreaterThan(0);
    const occurred = events.map((e) => Date.parse(e.occurredAt));
    const outOfOrder = occurred.filter(
      (t, i) => i > 0 && t < (occurred[i - 1] as number) - 3_600_000,
    );
    expect(outOfOrder.length).toBeGreaterThan(0);
  });

  it('has commands from guilds that were never installed', () => {
    const installed = new Set(ofType('guild.installed').map((e) => e.guildId));
    expect(history.hostile.unknownGuildIds.length).toBeGreaterThan(0);
    for (const guildId of history.hostile.unknownGuildIds) {
      expect(installed.has(guildId)).toBe(false);
      expect(ofType('command.executed').some((c) => c.guildId === guildId)).toBe(true);
    }
  });

  it('has commands before the guild’s first install and events far after now', () => {
    const firstInstall = new Map<string, number>();
    for (const e of ofType('guild.installed')) {
      const t = Date.parse(e.occurredAt);
      firstInstall.set(e.guildId ?? '', Math.min(t, firstInstall.get(e.guildId ?? '') ?? t));
    }
    expect(history.hostile.preInstallEventIds.length).toBeGreaterThan(0);
    for (const id of history.hostile.preInstallEventIds) {
      const e = byId.get(id) as DomainEvent;
      expect(Date.parse(e.occurredAt)).toBeLessThan(firstInstall.get(e.guildId ?? '') as number);
    }
    expect(history.hostile.futureEventIds.length).toBeGreaterThan(0);
    for (const id of history.hostile.futureEventIds) {
      expect(Date.parse((byId.get(id) as DomainEvent).occurredAt)).toBeGreaterThan(
        now.getTime() + 86_400_000,
      );
    }
  });

  it('has none of it when hostile is false', () => {
    const clean = generateHistory({ seed: 7, guilds: 30, days: 120, now, hostile: false });
    expect(new Set(clean.events.map((e) => e.id)).size).toBe(clean.events.length);
    expect(clean.events.every((e) => Date.parse(e.occurredAt) <= now.getTime())).toBe(true);
    expect(Object.values(clean.hostile).every((list) => list.length === 0)).toBe(true);
  });
});

describe('generateHistory: size', () => {
  // Its speed (~1 s on an idle 2-core machine) is not asserted: a timed test fails on a busy one.
  it('makes hundreds of guilds over 120 days', () => {
    const big = generateHistory({ seed: 1, guilds: 300, days: 120, now });
    expect(big.installedGuildIds).toHaveLength(300);
    expect(big.events.length).toBeGreaterThan(100_000);
  });
});
