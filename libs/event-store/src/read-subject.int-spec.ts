import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JetStreamManager } from '@nats-io/jetstream';
import { configUpdatedEvent, createTestStream, snowflakeFor, type TestStream } from '@kd/testing';
import { readSubjectAfter } from './read-subject.js';
import { aggregateSubject } from './subjects.js';

describe('reading one subject with direct gets in flight together', () => {
  let t: TestStream;
  /** Sequences of each guild's events, as appended. */
  const seqs = new Map<string, number[]>();
  const dense = snowflakeFor(9201); // 150 events one after another
  const scattered = snowflakeFor(9202); // 60 events, each followed by 7 others
  const sparse = snowflakeFor(9203); // 3 events: first, middle and last of the stream
  const other = (i: number) => snowflakeFor(9300 + (i % 40));
  let gets = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  /** The real JetStream manager, counting direct gets and how many were in flight at once. */
  let counted: JetStreamManager;

  beforeAll(async () => {
    t = await createTestStream();
    let n = 0;
    const append = async (guildId: string) => {
      const { seq } = await t.store.append(configUpdatedEvent(guildId, `v${n++}`));
      seqs.set(guildId, [...(seqs.get(guildId) ?? []), seq]);
    };
    await append(sparse);
    for (let i = 0; i < 150; i++) await append(dense);
    for (let i = 0; i < 60; i++) {
      await append(scattered);
      for (let j = 0; j < 7; j++) await append(other(i * 7 + j));
    }
    await append(sparse);
    for (let i = 0; i < 300; i++) await append(other(i));
    await append(sparse);
    const direct = t.jsm.direct;
    counted = {
      direct: {
        getMessage: async (...args: Parameters<typeof direct.getMessage>) => {
          gets++;
          mostInFlight = Math.max(mostInFlight, ++inFlight);
          try {
            return await direct.getMessage(...args);
          } finally {
            inFlight--;
          }
        },
      },
    } as unknown as JetStreamManager;
  }, 120_000);
  afterAll(async () => {
    await t.cleanup();
  });

  const read = (guildId: string, after: number, parallel?: number) =>
    readSubjectAfter(
      counted,
      t.stream,
      aggregateSubject(t.subjectPrefix, 'config', guildId),
      after,
      parallel,
    );

  it('reads every event after any position, in order, as one get at a time does', async () => {
    for (const guildId of [dense, scattered, sparse, other(0)]) {
      const all = seqs.get(guildId)!;
      const positions = [
        0,
        all[0]! - 1,
        all[0]!,
        ...all.filter((_, i) => i % 17 === 5),
        all.at(-1)!,
      ];
      for (const after of positions) {
        const expected = all.filter((s) => s > after);
        const parallel = await read(guildId, after);
        const oneByOne = await read(guildId, after, 1);
        expect({ guildId, after, seqs: parallel.messages.map((m) => m.seq) }).toEqual({
          guildId,
          after,
          seqs: expected,
        });
        expect(oneByOne.messages.map((m) => m.seq)).toEqual(expected);
        expect(parallel.lastSeq).toBe(all.at(-1));
        expect(Buffer.from(parallel.messages[0]?.data ?? [])).toEqual(
          Buffer.from(oneByOne.messages[0]?.data ?? []),
        );
      }
    }
  });

  it('keeps up to 64 gets in flight, and one at a time when told', async () => {
    mostInFlight = 0;
    await read(dense, 0, 1);
    expect(mostInFlight).toBe(1);
    gets = 0;
    await read(dense, 0);
    expect(mostInFlight).toBeGreaterThan(16);
    expect(mostInFlight).toBeLessThanOrEqual(64);
    // 150 events one after another: last_by_subj, one get each, a few past the end.
    expect(gets).toBeLessThanOrEqual(1 + 150 + 16);
  });

  it('costs few extra gets for a few events scattered through the stream', async () => {
    gets = 0;
    const { messages } = await read(sparse, 0);
    expect(messages).toHaveLength(3);
    expect(gets).toBeLessThanOrEqual(1 + 8 + 3 * 4); // last_by_subj, first round, 4 per event
  });

  it('reads nothing after the last event, and reports a position past it', async () => {
    const last = seqs.get(dense)!.at(-1)!;
    gets = 0;
    expect(await read(dense, last)).toEqual({ lastSeq: last, messages: [] });
    expect(await read(dense, last + 10_000)).toEqual({ lastSeq: last, messages: [] });
    expect(gets).toBe(2); // the last_by_subj of each read, nothing else
  });
});
