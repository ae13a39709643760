import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  createTestStream,
  guildInstalledEvent,
  testLogger,
  waitFor,
  type TestStream,
} from '@kd/testing';
import { RevokedTokens } from './revoked-tokens.js';
import { revokeToken } from './revoke-token.js';

const revocation = (jti: string) => ({
  jti,
  revokedBy: 'cli:test',
  reason: 'test',
  correlationId: `c-${jti}`,
});

describe('RevokedTokens (JetStream)', () => {
  let t: TestStream;
  const lists: RevokedTokens[] = [];
  const open = () => {
    const list = new RevokedTokens({
      nats: { ready: Promise.resolve(), js: t.js },
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger: testLogger('revoked-tokens'),
    });
    lists.push(list);
    return list;
  };

  beforeEach(async () => {
    t = await createTestStream();
  });
  afterEach(async () => {
    lists.splice(0).forEach((l) => l.close());
    await t.cleanup();
  });

  it('is loaded at once on a stream without revocations', async () => {
    await t.store.append(guildInstalledEvent());
    const list = open();
    expect(await list.whenLoaded(5_000)).toBe(true);
    expect(list.size).toBe(0);
  });

  it('reads every stored revocation before it says loaded, and nothing else', async () => {
    for (let i = 0; i < 300; i++) await t.store.append(guildInstalledEvent());
    for (let i = 0; i < 50; i++) await revokeToken(t.store, revocation(`jti-${i}`));
    const list = open();
    expect(list.loaded).toBe(false);
    expect(await list.whenLoaded(5_000)).toBe(true);
    expect(list.size).toBe(50);
    expect(list.has('jti-0') && list.has('jti-49')).toBe(true);
    expect(list.has('jti-50')).toBe(false);
  });

  it('hears a revocation appended later within a second, once however often it is revoked', async () => {
    const list = open();
    await list.whenLoaded(5_000);
    const since = Date.now();
    const first = await revokeToken(t.store, revocation('late-1'));
    await waitFor(() => (list.has('late-1') ? true : undefined), 2_000);
    expect(Date.now() - since).toBeLessThan(1_000);
    const again = await revokeToken(t.store, revocation('late-1'));
    expect([first.alreadyRevoked, again.alreadyRevoked]).toEqual([false, true]);
    expect(await t.eventsOfType('auth.token_revoked')).toHaveLength(1);
  });

  it('says not loaded while NATS is not there', async () => {
    const list = new RevokedTokens({
      nats: { ready: new Promise(() => undefined), js: t.js },
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      logger: testLogger('revoked-tokens'),
    });
    lists.push(list);
    expect(await list.whenLoaded(300)).toBe(false);
    expect(list.loaded).toBe(false);
  });
});
