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

  function consume(
    handle: (batch: ConsumedMessage[]) => Promise<void>,
    ackWaitMs: number,
    sizes = { batchSize: 2, maxWaitMs: 20 },
  ) {
    consumer = new BatchConsumer({
      js: t.js,
      jsm: t.jsm,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      durable: 'slow_handler',
      ...sizes,
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

  it('hands over what arrived while the previous batch was being handled as one batch (group commit)', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    await consume(
      async (batch) => {
        batches.push(batch.map((m) => m.seq));
        if (batches.length === 1) await firstHeld;
      },
      60_000,
      { batchSize: 100, maxWaitMs: 10_000 },
    );
    await t.store.append(commandExecutedEvent());
    await waitFor(() => batches.length === 1, 5_000);
    // Caught up after each one: before, each of these became a batch (a transaction) of its own.
    for (let i = 0; i < 5; i++) {
      await t.store.append(commandExecutedEvent());
      await sleep(30);
    }
    expect(batches).toEqual([[1]]);
    release();
    await waitFor(() => batches.length === 2, 5_000);
    await sleep(100);
    expect(batches).toEqual([[1], [2, 3, 4, 5, 6]]);
  }, 30_000);
});
