import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestStream, type TestStream } from '@kd/testing';
import { directGetLimit, readSubject } from './read-subject.js';

describe('readSubject', () => {
  let t: TestStream;
  beforeAll(async () => {
    t = await createTestStream();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('reads a long history (direct gets, then a filtered consumer) in order, nothing else', async () => {
    const subject = `${t.subjectPrefix}.meeting.long-1`;
    const other = `${t.subjectPrefix}.meeting.other-1`;
    const total = directGetLimit * 3 + 5;
    const mine: number[] = [];
    for (let i = 0; i < total; i++) {
      mine.push((await t.js.publish(subject, `m${i}`)).seq);
      await t.js.publish(other, `o${i}`);
    }
    const read = await readSubject(t.jsm, t.stream, subject);
    expect(read.map((m) => m.seq)).toEqual(mine);
    expect(new TextDecoder().decode(read.at(-1)?.data)).toBe(`m${total - 1}`);
    // The short-lived consumer is gone.
    const consumers: string[] = [];
    for await (const c of t.jsm.consumers.list(t.stream)) consumers.push(c.name);
    expect(consumers).toEqual([]);
    expect(await readSubject(t.jsm, t.stream, `${t.subjectPrefix}.meeting.none`)).toEqual([]);
  });
});
