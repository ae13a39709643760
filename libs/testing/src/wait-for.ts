/** What a probe returns while the awaited state has not arrived yet. */
type NotYet = undefined | null | false;

export interface WaitForOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** Pause between probes (default 25 ms). */
  intervalMs?: number;
  /** Named in the timeout error: "timed out after 15000 ms waiting for <what>". */
  what?: string;
}

/**
 * Probes until it returns something other than `undefined`, `null` or `false`, and resolves with
 * that value; a probe that throws fails the wait at once. The second argument may be the timeout.
 */
export async function waitFor<T>(
  probe: () => T | NotYet | Promise<T | NotYet>,
  options: WaitForOptions | number = {},
): Promise<Exclude<T, NotYet>> {
  const {
    timeoutMs = 15_000,
    intervalMs = 25,
    what = 'the condition',
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false)
      return value as Exclude<T, NotYet>;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
