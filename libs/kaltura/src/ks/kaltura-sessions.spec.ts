import { describe, expect, it } from '@jest/globals';
import { KalturaSessions } from './kaltura-sessions.js';
import { parseKsV2 } from './parse-ks-v2.js';

const secret = 'session-secret';
const start = 1_800_000_000_000;

function sessions(clock: { ms: number }) {
  return new KalturaSessions({
    partnerId: 5,
    adminSecret: secret,
    adminSessionTtlSeconds: 3600,
    maxSessionTtlSeconds: 7200,
    refreshMarginSeconds: 60,
    now: () => clock.ms,
  });
}

describe('KalturaSessions', () => {
  it('reuses the admin session until 60 s before it expires, then signs a new one', () => {
    const clock = { ms: start };
    const s = sessions(clock);
    const first = s.adminKs();
    clock.ms = start + (3600 - 61) * 1000;
    expect(s.adminKs()).toBe(first);
    clock.ms = start + (3600 - 60) * 1000;
    const second = s.adminKs();
    expect(second).not.toBe(first);
    expect(parseKsV2(second, () => secret, { now: clock.ms / 1000 }).type).toBe(2);
  });

  it('caps a requested lifetime at maxSessionTtlSeconds', () => {
    const clock = { ms: start };
    const issued = sessions(clock).userSession('u1', 'role:viewerRole', 30 * 86_400);
    expect(issued.expiresAt).toBe(start / 1000 + 7200);
    expect(parseKsV2(issued.ks, () => secret, { now: start / 1000 }).expiresAt).toBe(
      start / 1000 + 7200,
    );
  });

  it('signs a fresh admin session after invalidation', () => {
    const s = sessions({ ms: start });
    const first = s.adminKs();
    s.invalidateAdmin();
    expect(s.adminKs()).not.toBe(first);
  });
});
