import { signDiscordRequest, type DiscordTestKeys } from '@kd/discord';
import { signKalturaNotification } from '@kd/kaltura';
import { commandInteraction } from '@kd/testing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request as a client sends it, retried until answered 2xx; what it should have stored. */
export interface SentRequest {
  kind: 'interaction' | 'webhook';
  /** The id of the event a 2xx answer promises is stored. */
  eventId: string;
  attempts: number;
  /** Statuses of the attempts that failed (0: no answer). */
  failures: number[];
  /** When the first attempt went out and when the 2xx came back (ms since epoch). */
  sentAt: number;
  answeredAt?: number;
  /** Each attempt's duration, answered or not. */
  attemptMs: number[];
}

export interface TrafficOptions {
  apiUrls: () => string[];
  keys: DiscordTestKeys;
  webhookSecret: string;
  /** Requests per second, alternating interactions and webhooks. */
  rate: number;
  giveUpMs?: number;
}

/**
 * Signed Discord interactions (`/kaltura-config-view`, answered inline) and Kaltura webhooks at a
 * steady rate, spread over the api replicas; a request not answered 2xx is sent again, as
 * Discord and Kaltura do (the interaction re-signed, same id; the webhook byte for byte).
 */
export class ClusterTraffic {
  readonly sent: SentRequest[] = [];
  private running = true;
  private readonly inFlight = new Set<Promise<void>>();
  private job = Date.now() * 1000;
  private n = 0;

  constructor(private readonly options: TrafficOptions) {}

  async run(ms: number): Promise<void> {
    const until = Date.now() + ms;
    const gap = 1000 / this.options.rate;
    let next = Date.now();
    while (this.running && Date.now() < until) {
      const request = this.n++ % 2 === 0 ? this.interaction() : this.webhook();
      const done = this.deliver(request).finally(() => this.inFlight.delete(done));
      this.inFlight.add(done);
      next += gap;
      await sleep(Math.max(0, next - Date.now()));
    }
  }

  /** Waits for every request still being retried. */
  async settle(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  stop(): void {
    this.running = false;
  }

  /** The longest time between two consecutive 2xx answers. */
  longestSilenceMs(): number {
    const answers = this.sent
      .map((s) => s.answeredAt)
      .filter((t): t is number => t !== undefined)
      .sort((a, b) => a - b);
    let longest = 0;
    for (let i = 1; i < answers.length; i++)
      longest = Math.max(longest, answers[i]! - answers[i - 1]!);
    return longest;
  }

  private interaction() {
    const interaction = commandInteraction('kaltura-config-view');
    const body = JSON.stringify(interaction);
    const entry = this.record('interaction', `cmd-${interaction.id}`);
    return {
      entry,
      path: '/interactions',
      request: () => ({
        body,
        headers: {
          'content-type': 'application/json',
          ...signDiscordRequest(body, this.options.keys.privateKey).headers,
        },
      }),
    };
  }

  private webhook() {
    const jobId = ++this.job;
    const body = JSON.stringify({
      object: { objectType: 'KalturaMediaEntry', id: '0_rec', status: 2, rootEntryId: '0_room' },
      eventObjectType: 1,
      eventType: 3,
      eventNotificationJobId: jobId,
      templateSystemName: 'ENTRY_READY',
      partnerId: 100,
    });
    const headers = {
      'content-type': 'application/json',
      'x-kaltura-signature': signKalturaNotification(body, this.options.webhookSecret, 'sha256'),
      'x-kaltura-hash-algo': 'sha256',
    };
    return {
      entry: this.record('webhook', `kaltura-job-${jobId}`),
      path: '/webhooks/kaltura',
      request: () => ({ body, headers }),
    };
  }

  private record(kind: SentRequest['kind'], eventId: string): SentRequest {
    const entry: SentRequest = {
      kind,
      eventId,
      attempts: 0,
      failures: [],
      sentAt: Date.now(),
      attemptMs: [],
    };
    this.sent.push(entry);
    return entry;
  }

  private async deliver(r: {
    entry: SentRequest;
    path: string;
    request: () => { body: string; headers: Record<string, string> };
  }): Promise<void> {
    const giveUpAt = Date.now() + (this.options.giveUpMs ?? 90_000);
    for (;;) {
      const urls = this.options.apiUrls();
      // A retry goes to another replica, as a load balancer would send it.
      const url = urls[(r.entry.attempts + this.n) % urls.length]!;
      r.entry.attempts++;
      const started = Date.now();
      const { body, headers } = r.request();
      const status = await fetch(`${url}${r.path}`, {
        method: 'POST',
        body,
        headers,
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (response) => (await response.arrayBuffer(), response.status))
        .catch(() => 0);
      r.entry.attemptMs.push(Date.now() - started);
      if (status >= 200 && status < 300) {
        r.entry.answeredAt = Date.now();
        return;
      }
      r.entry.failures.push(status);
      if (Date.now() > giveUpAt || !this.running) return;
      await sleep(250);
    }
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
