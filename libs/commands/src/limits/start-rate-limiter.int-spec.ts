import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RateWindows, rateBucketOf } from '@kd/event-store';
import { createTestStream, snowflakeFor, type TestStream } from '@kd/testing';
import { StartRateLimiter } from './start-rate-limiter.js';

const guild = snowflakeFor(1);
const otherGuild = snowflakeFor(2);
const [ada, bob, cy] = [snowflakeFor(11), snowflakeFor(12), snowflakeFor(13)];
const t0 = Date.parse('2026-01-05T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const rules = { perUser: 2, perGuild: 3, windowMs: 600_000 };

let t: TestStream;
/** Each limiter has its own KV handle, as two api replicas (or the api and the bot) would. */
const limiter = () => new StartRateLimiter(new RateWindows({ nats: t, stream: t.stream }), rules);
const refusal = (promise: Promise<void>) =>
  promise.then(
    () => undefined,
    (e: { code: string; category: string; message: string }) => e,
  );

beforeAll(async () => {
  t = await createTestStream();
});
afterAll(() => t?.cleanup());

describe('StartRateLimiter on a JetStream KV bucket', () => {
  it('limits a member per window, from state every process shares', async () => {
    const [one, two] = [limiter(), limiter()];
    await one.check(guild, ada, at(0));
    await two.check(guild, ada, at(1));
    const refused = await refusal(one.check(guild, ada, at(2)));
    expect(refused).toMatchObject({ code: 'MEETING.START_RATE_LIMITED', category: 'permission' });
    expect(refused?.message).toBe(
      'You have started 2 meetings in the last 10 minutes. Try again in 10 minutes.',
    );
    // The window moves on with the clock passed in, not with the process.
    await limiter().check(guild, ada, at(601));
    expect(
      (await t.jsm.streams.info(`KV_${rateBucketOf(t.stream)}`)).config.max_msgs_per_subject,
    ).toBe(1);
  });

  it('limits a guild across its members, and other guilds not at all', async () => {
    await limiter().check(otherGuild, bob, at(0));
    await limiter().check(otherGuild, bob, at(1));
    await limiter().check(otherGuild, cy, at(2));
    const refused = await refusal(limiter().check(otherGuild, snowflakeFor(14), at(3)));
    expect(refused?.message).toMatch(/^This server has started 3 meetings/);
    await limiter().check(snowflakeFor(3), bob, at(3));
  });

  it('gives the last slot to one of two members pressing at the same moment', async () => {
    const g = snowflakeFor(4);
    const members = Array.from({ length: 6 }, (_, i) => snowflakeFor(100 + i));
    const results = await Promise.all(members.map((m) => refusal(limiter().check(g, m, at(0)))));
    expect(results.filter((r) => r === undefined)).toHaveLength(rules.perGuild);
  });
});
