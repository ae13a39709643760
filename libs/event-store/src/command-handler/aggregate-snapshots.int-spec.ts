import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '@kd/events';
import { configUpdatedEvent, createTestStream, snowflakeFor, type TestStream } from '@kd/testing';
import type { EventStore } from '../event-store.js';
import { CommandHandler } from './command-handler.js';
import type { AggregateModel } from './aggregate-model.js';

/** A guild configuration folded to the values it was set to, kept in a snapshot as an array. */
const values: AggregateModel<readonly string[]> = {
  aggregate: 'config',
  initial: [],
  evolve: (state, event: DomainEvent) =>
    event.type === 'config.updated' ? [...state, event.payload.newValue as string] : state,
  snapshot: {
    name: 'values',
    version: 1,
    toJson: (state) => state,
    fromJson: (json) => {
      if (!Array.isArray(json)) throw new Error('not a list');
      return json as string[];
    },
  },
};

describe('aggregate snapshots on JetStream', () => {
  let t: TestStream;
  let fullReads = 0;
  let tailReads: number[] = [];
  /** The real store, counting full and tail reads. */
  let counted: Pick<EventStore, 'append' | 'readAggregate' | 'readAggregateAfter' | 'snapshots'>;
  let handler: CommandHandler;
  let fullFold: CommandHandler;
  const append = async (guildId: string, n: number, from = 0) => {
    for (let i = 0; i < n; i++) await t.store.append(configUpdatedEvent(guildId, `v${from + i}`));
  };

  beforeAll(async () => {
    t = await createTestStream();
    counted = {
      append: (e, o) => t.store.append(e, o),
      readAggregate: (a, id) => (fullReads++, t.store.readAggregate(a, id)),
      readAggregateAfter: async (a, id, after) => {
        const read = await t.store.readAggregateAfter(a, id, after);
        tailReads.push(read.events.length);
        return read;
      },
      snapshots: t.store.snapshots,
    };
    handler = new CommandHandler({ store: counted, snapshotEvery: 100 });
    fullFold = new CommandHandler({ store: t.store, snapshots: null });
  });
  afterAll(async () => {
    await t.cleanup();
  });
  const reset = () => ((fullReads = 0), (tailReads = []));

  it('loads from the snapshot and the events after it, equal to the full fold', async () => {
    const guildId = snowflakeFor(9101);
    await append(guildId, 150);
    reset();
    const first = await handler.load(values, guildId); // no snapshot yet: full, then writes one
    await handler.snapshotsWritten();
    expect(fullReads).toBe(1);
    const snapshot = await t.store.snapshots.get('config', guildId);
    expect(snapshot).toMatchObject({ model: 'values', version: 1, lastSeq: first.lastSeq });
    expect(snapshot?.state).toHaveLength(150);

    await append(guildId, 7, 150);
    reset();
    const loaded = await handler.load(values, guildId);
    expect(fullReads).toBe(0);
    expect(tailReads).toEqual([7]);
    expect(loaded).toEqual(await fullFold.load(values, guildId));
    expect(loaded.state).toHaveLength(157);
  });

  it('writes a new snapshot after an append once enough events were folded since the last', async () => {
    const guildId = snowflakeFor(9102);
    await append(guildId, 99);
    await handler.handle(values, guildId, () => []); // 99 folded: below the threshold
    await handler.snapshotsWritten();
    await expect(t.store.snapshots.get('config', guildId)).resolves.toBeUndefined();
    const handled = await handler.handle(values, guildId, () => [
      configUpdatedEvent(guildId, 'hundredth'),
    ]);
    await handler.snapshotsWritten();
    await expect(t.store.snapshots.get('config', guildId)).resolves.toMatchObject({
      lastSeq: handled.lastSeq,
      state: expect.arrayContaining(['hundredth']),
    });
  });

  it('folds everything when the snapshot is corrupt, of another version or model, or ahead of the stream', async () => {
    const guildId = snowflakeFor(9103);
    await append(guildId, 20);
    const expected = await fullFold.load(values, guildId);
    const snapshots = t.store.snapshots;
    const bad: [string, () => Promise<void>][] = [
      ['not JSON', () => snapshots.putRaw('config', guildId, '{"model":')],
      ['not a snapshot', () => snapshots.putRaw('config', guildId, '{"model":"values"}')],
      [
        'another version',
        () => snapshots.put('config', guildId, { ...fake(expected.lastSeq), version: 2 }),
      ],
      [
        'another model',
        () => snapshots.put('config', guildId, { ...fake(expected.lastSeq), model: 'other' }),
      ],
      [
        'a state the model cannot read',
        () => snapshots.put('config', guildId, { ...fake(expected.lastSeq), state: 42 }),
      ],
      [
        'past the last event (stream recreated)',
        () => snapshots.put('config', guildId, fake(expected.lastSeq + 1_000_000)),
      ],
    ];
    for (const [why, write] of bad) {
      await write();
      reset();
      const loaded = await handler.load(values, guildId);
      expect({ why, loaded }).toEqual({ why, loaded: expected });
      expect({ why, fullReads }).toEqual({ why, fullReads: 1 });
    }
  });

  it('a stale snapshot only means more events folded; concurrent writers still conflict', async () => {
    const guildId = snowflakeFor(9104);
    await append(guildId, 120);
    await handler.load(values, guildId);
    await handler.snapshotsWritten(); // snapshot at 120 events
    await append(guildId, 3, 120); // now stale by 3
    let arrived = 0;
    let release!: () => void;
    const bothDecided = new Promise<void>((resolve) => (release = resolve));
    const writer = (name: string) =>
      handler.handle(values, guildId, async (state) => {
        if (++arrived === 2) release();
        await bothDecided; // both loaded the same state (snapshot + 3) before either appends
        return [configUpdatedEvent(guildId, `${name} after ${state.length}`)];
      });
    await Promise.all([writer('a'), writer('b')]);
    await handler.snapshotsWritten();
    expect(arrived).toBe(3); // the loser decided again, on fresh state
    const full = await fullFold.load(values, guildId);
    expect(
      full.state
        .slice(-2)
        .map((v) => v.split(' ').slice(1).join(' '))
        .sort(),
    ).toEqual(['after 123', 'after 124']);
    expect(await handler.load(values, guildId)).toEqual(full);
  });
});

/** A well-formed snapshot of `values` claiming `lastSeq`. */
function fake(lastSeq: number) {
  return { model: 'values', version: 1, lastSeq, state: ['from a snapshot'] };
}
