import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestStream, type TestStream } from '@kd/testing';
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
    const later = (
      await Promise.all(Array.from({ length: 70 }, (_, n) => writer.keyFor(person(2000 + n))))
    ).map((k) => k.kid);
    await reader.ensure(later);
    expect(reader.loads).toEqual({ bulk: 1, single: 73 });
    for (const kid of [...kids, ...later]) expect(reader.stateOf(kid)?.state).toBe('live');
  });
});
