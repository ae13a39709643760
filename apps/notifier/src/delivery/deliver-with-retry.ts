import { nextStep, type DeliveryFailure, type RetryPolicy } from './retry-policy.js';

export type DeliveryResult =
  | { ok: true; messageId: string; attempts: number }
  | { ok: false; attempts: number; reason: string; failure: DeliveryFailure };

export interface DeliveryDeps {
  /** One attempt: resolves with the Discord message id. */
  send(): Promise<string>;
  classify(error: unknown): DeliveryFailure;
  /** Rejects when the process is stopping, which abandons the delivery (it is redelivered). */
  sleep(ms: number): Promise<void>;
  onFailedAttempt?(failure: DeliveryFailure, attempt: number): void;
}

/** Attempts until one succeeds or the policy gives up; never throws for a Discord failure. */
export async function deliverWithRetry(
  policy: RetryPolicy,
  deps: DeliveryDeps,
): Promise<DeliveryResult> {
  const spent = { rateLimited: 0, other: 0 };
  for (let attempt = 1; ; attempt++) {
    let failure: DeliveryFailure;
    try {
      return { ok: true, messageId: await deps.send(), attempts: attempt };
    } catch (error) {
      failure = deps.classify(error);
    }
    deps.onFailedAttempt?.(failure, attempt);
    const ofBudget = failure.kind === 'rate_limited' ? ++spent.rateLimited : ++spent.other;
    const step = nextStep(policy, ofBudget, failure);
    if (!step.retry) return { ok: false, attempts: attempt, reason: step.reason, failure };
    await deps.sleep(step.delayMs);
  }
}
