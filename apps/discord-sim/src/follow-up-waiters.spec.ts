import { describe, expect, it } from '@jest/globals';
import type { RecordedDiscordRequest } from '@kd/discord-fake';
import { FollowUpWaiters } from './follow-up-waiters.js';

const edit = (token: string, status: number, body: unknown): RecordedDiscordRequest => ({
  method: 'PATCH',
  path: `/webhooks/100000000000004011/${token}/messages/@original`,
  query: {},
  headers: {},
  body,
  status,
  receivedAt: Date.now(),
});

describe('waiting for a deferred reply', () => {
  it("resolves with the body of the interaction's successful @original edit, not a rate-limited one", async () => {
    const waiters = new FollowUpWaiters();
    const reply = waiters.expect('tok-a', 5_000);
    waiters.seen(edit('tok-b', 200, { content: 'someone else' }));
    waiters.seen(edit('tok-a', 429, { content: 'retried later' }));
    waiters.seen(edit('tok-a', 200, { content: 'Meeting created' }));
    await expect(reply).resolves.toEqual({ content: 'Meeting created' });
  });

  it('gives null when no edit comes in time, or when the answer was not deferred', async () => {
    const waiters = new FollowUpWaiters();
    await expect(waiters.expect('late', 20)).resolves.toBeNull();
    const cancelled = waiters.expect('inline', 60_000);
    waiters.cancel('inline');
    await expect(cancelled).resolves.toBeNull();
  });

  it('resolves with the private follow-up when the app replaced the public original to refuse', async () => {
    const waiters = new FollowUpWaiters();
    const reply = waiters.expect('tok-c', 5_000);
    const path = '/webhooks/100000000000004011/tok-c';
    waiters.seen({ ...edit('tok-c', 204, undefined), method: 'DELETE' });
    waiters.seen({
      ...edit('tok-c', 200, { content: '❌ limited', flags: 64 }),
      method: 'POST',
      path,
    });
    await expect(reply).resolves.toEqual({ content: '❌ limited', flags: 64 });
  });
});
