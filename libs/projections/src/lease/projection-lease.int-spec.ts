import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, testLogger, type TestDatabase } from '@kd/testing';
import { ProjectionLease, projectionLeaseKeys } from './projection-lease.js';

/** Whether `acquire()` resolved within `ms` (it waits for as long as the lease is held). */
async function heldWithin(acquiring: Promise<boolean>, ms: number): Promise<boolean> {
  let held = false;
  void acquiring.then((result) => (held = result));
  await new Promise((r) => setTimeout(r, ms));
  return held;
}

describe('projection lease: one projector per projection', () => {
  let db: TestDatabase;
  const leases: ProjectionLease[] = [];
  const lost: string[] = [];
  const lease = (projections: string[]) => {
    const made = new ProjectionLease({
      url: db.url,
      keys: projectionLeaseKeys('KD_LEASE_TEST', projections),
      logger: testLogger('lease-test'),
      pollMs: 50,
      onLost: (reason) => lost.push(reason),
    });
    leases.push(made);
    return made;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((l) => l.release()));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('keeps a projector whose set overlaps the holder’s standing by, without keeping a part of its set', async () => {
    const a = lease(['event_log', 'meetings']);
    expect(await a.acquire()).toBe(true);

    // Shares meetings with a: before per-projection keys this one acquired at once and both
    // projectors ran meetings, each recreating the other's durable consumer.
    const b = lease(['analytics', 'meetings']);
    const bAcquiring = b.acquire();
    expect(await heldWithin(bAcquiring, 400)).toBe(false);

    // Disjoint from a: runs beside it. Takes analytics while b stands by, so b gave it back.
    const c = lease(['guild_config', 'analytics']);
    expect(await heldWithin(c.acquire(), 400)).toBe(true);

    await a.release();
    expect(await heldWithin(bAcquiring, 400)).toBe(false); // analytics is c's now

    await c.release();
    expect(await heldWithin(bAcquiring, 1000)).toBe(true);
    expect(lost).toEqual([]);
  });

  it('is one lease for the same set in any order, and keeps a subset out', async () => {
    const first = lease(['meetings', 'event_log']);
    await first.acquire();
    const same = lease(['event_log', 'meetings', 'event_log']);
    expect(await heldWithin(same.acquire(), 400)).toBe(false);
    const subset = lease(['meetings']);
    expect(await heldWithin(subset.acquire(), 400)).toBe(false);
  });

  it('answers false, not "held", when the process stops while standing by', async () => {
    const holder = lease(['event_log']);
    expect(await holder.acquire()).toBe(true);
    const standby = lease(['event_log']);
    const acquiring = standby.acquire();
    await new Promise((r) => setTimeout(r, 200));
    await standby.release();
    // Before, acquire() resolved either way and a stopping standby went on to prepare its
    // runners on a closing pool ("start-up failed": Driver not Connected) and start consumers.
    expect(await acquiring).toBe(false);
  });

  it('names the set as projectors before per-projection keys did, so old and new exclude each other', () => {
    expect(projectionLeaseKeys('KD_EVENTS', ['meetings', 'event_log'])).toEqual([
      'kd-projector:KD_EVENTS:event_log,meetings',
      'kd-projection:KD_EVENTS:event_log',
      'kd-projection:KD_EVENTS:meetings',
    ]);
  });
});
