import type { RecordedDiscordRequest } from '@kd/discord';

type FollowUp = Record<string, unknown>;

const originalEdit = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/;

/**
 * Waits for an interaction's deferred reply: the `PATCH …/messages/@original` the app sends with
 * the interaction's token, once it succeeded (a 429 the client retries does not count).
 */
export class FollowUpWaiters {
  private readonly waiting = new Map<string, (message: FollowUp | null) => void>();

  /** Register before the interaction is sent: the edit can come before its answer is read. */
  expect(token: string, timeoutMs: number): Promise<FollowUp | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(token, null), timeoutMs);
      this.waiting.set(token, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }

  /** Stops waiting (the answer was not deferred): the promise resolves with null now. */
  cancel(token: string): void {
    this.settle(token, null);
  }

  seen({ method, path, status, body }: RecordedDiscordRequest): void {
    if (method !== 'PATCH' || status !== 200) return;
    const token = originalEdit.exec(path)?.[1];
    if (token !== undefined) this.settle(token, (body ?? {}) as FollowUp);
  }

  private settle(token: string, message: FollowUp | null): void {
    const resolve = this.waiting.get(token);
    this.waiting.delete(token);
    resolve?.(message);
  }
}
