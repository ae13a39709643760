import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  guildInstalledEvent,
  privateNatsServer,
  testLogger,
  type PrivateNatsServer,
} from '@kd/testing';
import type { NewEvent } from '@kd/events';
import { EventStore } from './event-store.js';
import { EventStoreUnavailableError } from './errors.js';
import { NatsClients } from './nats-clients.js';

describe('appending while NATS restarts', () => {
  let server: PrivateNatsServer;
  let nats: NatsClients;
  let store: EventStore;
  const stream = 'KD_RESTART';
  const subjectPrefix = 'kdrestart';

  beforeAll(async () => {
    server = await privateNatsServer();
    nats = new NatsClients({
      url: server.url,
      name: 'restart-test',
      logger: testLogger('nats'),
      stream,
      subjectPrefix,
    });
    await nats.ready;
    store = new EventStore({ nats, stream, subjectPrefix, publishTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await nats.close();
    await server.dispose();
  });

  it('either stores an event or tells the caller, so a retry loses nothing and duplicates nothing', async () => {
    const events: NewEvent[] = Array.from({ length: 400 }, () => guildInstalledEvent());
    const failed: NewEvent[] = [];
    const failures: unknown[] = [];
    let restarted: Promise<void> | undefined;
    for (const [i, event] of events.entries()) {
      if (i === 150)
        restarted = server
          .stop()
          .then(() => new Promise((r) => setTimeout(r, 500)))
          .then(() => server.start());
      try {
        await store.append(event);
      } catch (error) {
        failures.push(error);
        failed.push(event);
      }
    }
    await restarted;
    expect(failed.length).toBeGreaterThan(0);
    expect(failures.every((e) => e instanceof EventStoreUnavailableError)).toBe(true);
    for (const event of failed) {
      for (let attempt = 0; ; attempt++) {
        try {
          await store.append(event);
          break;
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
    const info = await nats.jsm.streams.info(stream);
    expect(info.state.messages).toBe(events.length);
    for (const event of events.slice(0, 20))
      expect(await store.readAggregate('guild', event.guildId!)).toHaveLength(1);
  });
});
