/** What discord-sim reports for one interaction it signed and delivered (apps/discord-sim). */
export interface SimInteractionResult {
  interaction: { id: string; token: string };
  /** The interactions endpoint's HTTP status, or null when it could not be reached. */
  status: number | null;
  body: unknown;
  /** The deferred reply (the `@original` edit), when one was awaited and came. */
  followUp: { content?: string; embeds?: unknown[] } | null;
}

export type KalturaNotificationKind = 'room_live_start' | 'room_live_stop' | 'recording_ready';

async function postJson<T>(url: string, body: unknown, timeoutMs: number): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** Plays Discord: discord-sim signs each interaction and posts it to the api. */
export class DiscordSimClient {
  constructor(private readonly url: string) {}

  send(
    interaction: Record<string, unknown>,
    waitForFollowUpMs: number,
  ): Promise<SimInteractionResult> {
    return postJson(
      `${this.url}/__sim/interactions`,
      { interaction, waitForFollowUpMs },
      waitForFollowUpMs + 15_000,
    );
  }
}

/** Plays Kaltura: kaltura-sim signs room notifications and posts them to the webhook URL. */
export class KalturaSimClient {
  constructor(
    private readonly url: string,
    private readonly webhookUrl: string,
  ) {}

  async notify(
    kind: KalturaNotificationKind,
    resourceId: string,
  ): Promise<{ delivered: boolean; status: number | null }> {
    return postJson(
      `${this.url}/__sim/notifications`,
      { kind, resourceId, url: this.webhookUrl },
      15_000,
    );
  }
}

/** Fails with a clear message when a service the demo needs does not answer. */
export async function checkReachable(services: Record<string, string>): Promise<void> {
  const problems: string[] = [];
  await Promise.all(
    Object.entries(services).map(async ([name, url]) => {
      const answer = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(
        (e: unknown) => e,
      );
      if (answer instanceof Response) await answer.body?.cancel();
      else problems.push(`${name} is not reachable at ${url} (${String(answer)})`);
    }),
  );
  if (problems.length > 0)
    throw new Error(`${problems.join('\n')}\nStart the stack first: npm start (docs/demo.md).`);
}
