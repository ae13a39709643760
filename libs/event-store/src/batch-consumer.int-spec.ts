import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { commandExecutedEvent, createTestStream, testLogger, waitFor } from '@kd/testing';
import type { TestStream } from '@kd/testing';
import { BatchConsumer, type ConsumedMessage } from './batch-consumer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BatchConsumer', () => {
  let t: TestStream;
  let consumer: BatchConsumer | undefined;

  beforeEach(async () => {
    t = await createTestStream();
  });
  afterEach(async () => {
    await consumer?.stop();
    await t.cleanup();
  });

  function consume(handle: (batch: ConsumedMessage[]) => Promise<void>, ackWaitMs: number) {
    consumer = new BatchConsumer({
      js: t.js,
      jsm: t.jsm,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      durable: 'slow_handler',
      batchSize: 2,
      maxWaitMs: 20,
      resumeAfter: () => Promise.resolve(0),
      handle,
      logger: testLogger('batch-consumer'),
      ackWaitMs,
    });
    return consumer.start();
  }

  it('keeps messages alive while a handler takes longer than the ack wait: nothing is delivered twice', async () => {
    for (let i = 0; i < 6; i++) await t.store.append(commandExecutedEvent());
    const seen: ConsumedMessage[] = [];
    // Batches of 2, each handled in 2.5 × the ack wait: 6 messages wait ~7.5 ack waits in all.
    await consume(async (batch) => {
      seen.push(...batch);
      await sleep(1_500);
    }, 600);
    await waitFor(() => seen.length >= 6, 15_000);
    await sleep(1_500); // a redelivery would arrive by now
    expect(seen.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.filter((m) => m.redelivered)).toEqual([]);
    const info = await t.jsm.consumers.info(t.stream, 'slow_handler');
    expect(info.num_redelivered).toBe(0);
  }, 30_000);
});
