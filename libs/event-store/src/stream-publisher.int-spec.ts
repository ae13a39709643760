import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { headers, NoRespondersError } from '@nats-io/nats-core';
import { createTestStream, type TestStream } from '@kd/testing';
import { streamPublisherOf } from './stream-publisher.js';

describe('StreamPublisher (the lean JetStream publish behind EventStore.append)', () => {
  let t: TestStream;
  beforeAll(async () => {
    t = await createTestStream();
  });
  afterAll(async () => {
    await t.cleanup();
  });
  const data = new TextEncoder().encode('{"x":1}');
  const opts = (msgID: string, lastSubjectSequence?: number) => {
    const h = headers();
    h.set('Kd-Event-Type', 'test.type');
    return {
      msgID,
      timeout: 2000,
      headers: h,
      ...(lastSubjectSequence === undefined ? {} : { expect: { lastSubjectSequence } }),
    };
  };

  it('stores with the headers, reports duplicates by msg id, enforces subject sequences', async () => {
    const publisher = streamPublisherOf(t.nc);
    expect(streamPublisherOf(t.nc)).toBe(publisher);
    const subject = `${t.subjectPrefix}.guild.p1`;
    const first = await publisher.publish(subject, data, opts('id-1', 0));
    expect(first).toEqual({ seq: expect.any(Number), duplicate: false });
    expect(await publisher.publish(subject, data, opts('id-1'))).toEqual({
      seq: first.seq,
      duplicate: true,
    });
    const stored = await t.jsm.direct.getMessage(t.stream, { seq: first.seq });
    expect(stored?.header.get('Kd-Event-Type')).toBe('test.type');
    expect(stored?.header.get('Nats-Msg-Id')).toBe('id-1');

    const wrong = await publisher.publish(subject, data, opts('id-2', 0)).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(JetStreamApiError);
    expect((wrong as JetStreamApiError).code).toBe(JetStreamApiCodes.StreamWrongLastSequence);
    await expect(publisher.publish(subject, data, opts('id-3', first.seq))).resolves.toEqual({
      seq: first.seq + 1,
      duplicate: false,
    });
  });

  it('fails fast when no stream takes the subject', async () => {
    const publisher = streamPublisherOf(t.nc);
    await expect(
      publisher.publish(`${t.subjectPrefix}x.nowhere`, data, opts('id-4')),
    ).rejects.toBeInstanceOf(NoRespondersError);
  });
});
