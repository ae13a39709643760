import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventValidationError, type DomainEvent } from '@kd/events';
import { configUpdatedEvent, createTestStream, snowflakeFor, type TestStream } from '@kd/testing';
import { ConflictRetriesExhaustedError } from './command-errors.js';
import { CommandHandler } from './command-handler.js';
import type { AggregateModel } from './aggregate-model.js';

/** A guild configuration folded to the list of values it was set to. */
const values: AggregateModel<string[]> = {
  aggregate: 'config',
  initial: [],
  evolve: (state, event: DomainEvent) =>
    event.type === 'config.updated' ? [...state, event.payload.newValue as string] : state,
};

describe('CommandHandler on JetStream', () => {
  let t: TestStream;
  const pauses: number[] = [];
  let handler: CommandHandler;
  beforeAll(async () => {
    t = await createTestStream();
    handler = new CommandHandler({
      store: t.store,
      random: () => 0.5,
      sleep: async (ms) => {
        pauses.push(ms);
      },
    });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('lets two concurrent writers of one aggregate both succeed, the loser deciding again', async () => {
    const guildId = snowflakeFor(9001);
    let arrived = 0;
    let release!: () => void;
    const bothDecided = new Promise<void>((resolve) => (release = resolve));
    const writer = (name: string) =>
      handler.handle(values, guildId, async (state) => {
        if (++arrived === 2) release();
        await bothDecided; // both read the empty aggregate before either appends
        return [configUpdatedEvent(guildId, `${name} after ${state.length}`)];
      });
    const [a, b] = await Promise.all([writer('a'), writer('b')]);
    expect(arrived).toBe(3);
    const stored = await handler.load(values, guildId);
    expect(stored.state).toHaveLength(2);
    expect(stored.state.filter((v) => v.endsWith('after 0'))).toHaveLength(1);
    expect(stored.state.filter((v) => v.endsWith('after 1'))).toHaveLength(1);
    expect(Math.max(a.lastSeq, b.lastSeq)).toBe(stored.lastSeq);
  });

  it('reports a conflict that outlives the retries as a typed error after the last attempt', async () => {
    const guildId = snowflakeFor(9002);
    pauses.length = 0;
    let decisions = 0;
    const attempt = handler.handle(
      values,
      guildId,
      async () => {
        decisions++;
        await t.store.append(configUpdatedEvent(guildId, `interloper ${decisions}`)); // always first
        return [configUpdatedEvent(guildId, 'never stored')];
      },
      { policy: { maxAttempts: 4, conflict: { baseMs: 10, maxMs: 1000 } } },
    );
    await expect(attempt).rejects.toBeInstanceOf(ConflictRetriesExhaustedError);
    await expect(attempt).rejects.toMatchObject({
      code: 'EVENT_STORE.CONFLICT',
      category: 'conflict',
      attempts: 4,
    });
    expect(decisions).toBe(4);
    expect(pauses).toEqual([7.5, 15, 30]);
    expect((await handler.load(values, guildId)).state).not.toContain('never stored');
  });

  it('validates every event before publishing, and does not try an invalid one again', async () => {
    const guildId = snowflakeFor(9003);
    let decisions = 0;
    const before = (await t.jsm.streams.info(t.stream)).state.messages;
    const invalid = {
      ...configUpdatedEvent(guildId, 'x'),
      payload: { key: 'notifications.enabled' },
    };
    await expect(
      handler.handle(values, guildId, () => {
        decisions++;
        return [configUpdatedEvent(guildId, 'first'), invalid as never];
      }),
    ).rejects.toBeInstanceOf(EventValidationError);
    expect(decisions).toBe(1);
    // The valid event before it was stored, each event being safe on its own (as before).
    expect((await handler.load(values, guildId)).state).toEqual(['first']);
    expect((await t.jsm.streams.info(t.stream)).state.messages).toBe(before + 1);
  });

  it('skips an event the stream already has and hands back what the decision returned', async () => {
    const guildId = snowflakeFor(9004);
    const event = configUpdatedEvent(guildId, 'once');
    await t.store.append(event);
    const handled = await handler.handle(
      values,
      guildId,
      () => ({ events: [event], result: 'decided' }),
      { loaded: { state: [], lastSeq: 0 } },
    );
    expect(handled).toMatchObject({ duplicates: 1, appended: [], result: 'decided' });
    expect((await handler.load(values, guildId)).state).toEqual(['once']);
  });
});
