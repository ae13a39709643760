import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestStream, waitFor, type TestStream } from '@kd/testing';
import { PersonKeys } from './person-keys.js';

describe('PersonKeys: loading many keys at once (a rebuild) reads the bucket whole', () => {
  let t: TestStream;
  beforeAll(async () => {
    t = await createTestStream();
  });
  afterAll(async () => {
    await t.cleanup();
  });
  const options = () => ({ nats: { js: t.js, jsm: t.jsm }, stream: t.stream });
  const person = (n: number) => String(300000000000000000n + BigInt(n));

  it('gives the same states as key-by-key gets: live, forgetting, destroyed', async () => {
    const writer = new PersonKeys(options());
    const written = await Promise.all(
      Array.from({ length: 100 }, (_, n) => writer.keyFor(person(n))),
    );
    await writer.startForgetting(person(1), written[1]!.kid);
    await writer.destroy(written[2]!.kid);
    const kids = written.map((k) => k.kid);

    const bulk = new PersonKeys(options());
    await bulk.ensure(kids);
    expect(bulk.loads).toEqual({ bulk: 1, single: 1 }); // the destroyed key is confirmed by a get

    const single = new PersonKeys(options());
    for (const kid of kids) await single.ensure([kid]);
    expect(single.loads).toEqual({ bulk: 0, single: 100 });

    for (const kid of kids) expect(bulk.stateOf(kid)).toEqual(single.stateOf(kid));
    expect(bulk.stateOf(kids[0]!)).toEqual({ state: 'live', secret: written[0]!.secret });
    expect(bulk.stateOf(kids[1]!)?.state).toBe('forgetting');
    expect(bulk.stateOf(kids[2]!)).toEqual({ state: 'destroyed' });
  });

  it('fetches a few missing keys one by one, and reads the bucket whole at most once per recheck', async () => {
    const writer = new PersonKeys(options());
    const kids = (
      await Promise.all(Array.from({ length: 70 }, (_, n) => writer.keyFor(person(1000 + n))))
    ).map((k) => k.kid);
    const reader = new PersonKeys(options());
    await reader.ensure(kids.slice(0, 3));
    expect(reader.loads).toEqual({ bulk: 0, single: 3 });
    await reader.ensure(kids);
    expect(reader.loads.bulk).toBe(1);
    // Keys created later reach a following reader by its watch (next test); names no key has are
    // what is left to miss: within the recheck they are fetched one by one, not read whole again.
    const unknown = Array.from(
      { length: 70 },
      (_, n) => `unknown-kid-${String(n).padStart(10, '0')}`,
    );
    await reader.ensure(unknown);
    expect(reader.loads).toEqual({ bulk: 1, single: 73 });
    for (const kid of kids) expect(reader.stateOf(kid)?.state).toBe('live');
    for (const kid of unknown) expect(reader.stateOf(kid)).toEqual({ state: 'destroyed' });
  });

  it('follows the bucket: new keys, forget marks and destroyed keys reach a reader as they happen, without a get or a recheck', async () => {
    const writer = new PersonKeys(options());
    const reader = new PersonKeys({ ...options(), recheckMs: 3_600_000 });
    const first = await writer.keyFor(person(5000));
    await reader.ensure([first.kid]);
    expect(reader.loads).toEqual({ bulk: 0, single: 1 });

    const fresh = await Promise.all([1, 2, 3].map((n) => writer.keyFor(person(5000 + n))));
    await waitFor(() => fresh.every((k) => reader.stateOf(k.kid)?.state === 'live'), 5_000);
    await reader.ensure(fresh.map((k) => k.kid));
    expect(reader.loads).toEqual({ bulk: 0, single: 1 });
    expect(reader.stateOf(fresh[0]!.kid)).toEqual({ state: 'live', secret: fresh[0]!.secret });

    await writer.startForgetting(person(5001), fresh[0]!.kid);
    await waitFor(() => reader.stateOf(fresh[0]!.kid)?.state === 'forgetting', 5_000);
    await writer.destroy(fresh[0]!.kid);
    await waitFor(() => reader.stateOf(fresh[0]!.kid)?.state === 'destroyed', 5_000);
    // A read that started before the forget cannot bring the key back.
    await reader.ensure([fresh[0]!.kid]);
    expect(reader.stateOf(fresh[0]!.kid)).toEqual({ state: 'destroyed' });
    expect(reader.stateOf(first.kid)?.state).toBe('live');
    expect(reader.stateOf(fresh[1]!.kid)?.state).toBe('live');
  });

  it('a writer seals with a new key as soon as the person is being forgotten, not after its re-check', async () => {
    const writer = new PersonKeys({ ...options(), recheckMs: 3_600_000 });
    const forgetter = new PersonKeys(options());
    const before = await writer.keyFor(person(6000));
    expect((await writer.keyFor(person(6000))).kid).toBe(before.kid); // cached
    await forgetter.startForgetting(person(6000), before.kid);
    await waitFor(() => writer.stateOf(before.kid)?.state === 'forgetting', 5_000);
    const after = await writer.keyFor(person(6000));
    expect(after.kid).not.toBe(before.kid);
    expect(writer.stateOf(after.kid)?.state).toBe('live');
  });
});
