import type { RecordedDiscordRequest } from '@kd/discord-fake';

type FollowUp = Record<string, unknown>;

const originalEdit = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/;
const followUpPost = /^\/webhooks\/\d+\/([^/]+)$/;

/**
 * Waits for an interaction's deferred reply: the `PATCH …/messages/@original` the app sends with
 * the interaction's token, once it succeeded (a 429 the client retries does not count); or, when
 * the app deleted the public original to refuse privately, the follow-up it posted instead.
 */
export class FollowUpWaiters {
  private readonly waiting = new Map<string, (message: FollowUp | null) => void>();
  private readonly replaced = new Set<string>();

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
    if (status >= 300) return;
    const original = originalEdit.exec(path)?.[1];
    if (method === 'DELETE' && original !== undefined && this.waiting.has(original))
      this.replaced.add(original);
    const token =
      method === 'PATCH' ? original : method === 'POST' ? this.replacedBy(path) : undefined;
    if (token !== undefined) this.settle(token, (body ?? {}) as FollowUp);
  }

  private replacedBy(path: string): string | undefined {
    const token = followUpPost.exec(path)?.[1];
    return token !== undefined && this.replaced.delete(token) ? token : undefined;
  }

  private settle(token: string, message: FollowUp | null): void {
    const resolve = this.waiting.get(token);
    this.waiting.delete(token);
    resolve?.(message);
  }
}
