import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateDiscordKeys, signDiscordRequest } from '@kd/discord';
import { signKalturaNotification } from '@kd/kaltura';
import {
  commandInteraction,
  interactionChannelId,
  interactionGuildId,
  sharedEnv,
  startApiStack,
  startApp,
  startOtlpReceiver,
  waitFor,
  type ApiStack,
  type ChildApp,
  type OtlpReceiver,
  type ReceivedSpan,
} from '@kd/testing';

const keys = generateDiscordKeys();
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * Issue 18: one signed Kaltura webhook is one trace across processes. The api's server span
 * parents the append of meeting.started; the JetStream headers carry it to the projector (whose
 * batch span links to it) and to the notifier (whose delivery and Discord call continue it).
 */
describe('a signed webhook followed through api → JetStream → projector → notifier', () => {
  let receiver: OtlpReceiver;
  let stack: ApiStack;
  let notifier: ChildApp;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const tracing = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    stack = await startApiStack({
      keys,
      apiEnv: tracing,
      projectorEnv: { ...tracing, PROJECTION_MAX_WAIT_MS: '20' },
    });
    notifier = await startApp('notifier', {
      ...sharedEnv(stack.db, stack.t),
      ...tracing,
      DISCORD_TOKEN: stack.secrets.botToken,
      DISCORD_API_URL: stack.discord.apiUrl,
    });
    await waitFor(() => notifier.logs.some((l) => l.includes('notifications running')), {
      what: 'the notifier consumer',
    });
  }, 60_000);
  afterAll(async () => {
    await notifier?.stop();
    await stack?.stop();
    await receiver?.close();
  });

  async function startMeeting(title: string): Promise<string> {
    stack.discord.registerChannel(interactionGuildId, interactionChannelId);
    const body = JSON.stringify(commandInteraction('kaltura-start', { type: 'meeting', title }));
    const answer = await fetch(`${stack.api.url}/interactions`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...signDiscordRequest(body, keys.privateKey).headers,
      },
    });
    expect(answer.status).toBe(200);
    const created = await waitFor(async () =>
      (await stack.t.eventsOfType('meeting.created')).find(
        (e) => (e.payload as { title: string }).title === title,
      ),
    );
    return (created.payload as { kalturaResourceId: string }).kalturaResourceId;
  }

  function roomLiveStart(resourceId: string): Promise<Response> {
    const body = JSON.stringify({
      objectType: 'KalturaHttpNotification',
      object: { objectType: 'KalturaLiveStreamEntry', id: '1_live', referenceId: resourceId },
      eventObjectType: 1,
      eventType: 3,
      eventNotificationJobId: 770_000 + Math.floor(Math.random() * 100_000),
      templateSystemName: 'ROOM_LIVE_START',
      partnerId: 100,
    });
    return fetch(`${stack.api.url}/webhooks/kaltura`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-kaltura-signature': signKalturaNotification(
          body,
          stack.secrets.kalturaAdminSecret,
          'sha256',
        ),
        'x-kaltura-hash-algo': 'sha256',
      },
    });
  }

  const find = (what: string, match: (s: ReceivedSpan) => boolean) =>
    waitFor(() => receiver.spans.find(match), { what });

  /** True when `span` descends from `ancestor` through parents the receiver has seen. */
  function descends(span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
    const byId = new Map(receiver.spans.map((s) => [s.spanId, s]));
    for (let at: ReceivedSpan | undefined = span; at; at = byId.get(at.parentSpanId ?? '')) {
      if (at.parentSpanId === ancestor.spanId) return true;
    }
    return false;
  }

  it('is one trace from the server span through the append, the projector batch and the Discord call', async () => {
    const resourceId = await startMeeting('Traced');
    const answer = await roomLiveStart(resourceId);
    expect(answer.status).toBe(200);

    const server = await find(
      'the webhook server span',
      (s) => s.service === 'api' && s.kind === SERVER && s.name === 'POST /webhooks/kaltura',
    );
    const append = await find(
      'the append of meeting.started',
      (s) =>
        s.kind === PRODUCER && s.name === 'send meeting.started' && s.traceId === server.traceId,
    );
    expect(append.service).toBe('api');
    expect(descends(append, server)).toBe(true);

    const batch = await find(
      'a projector batch linked to the append',
      (s) =>
        s.service === 'projector' &&
        s.kind === CONSUMER &&
        s.links.some((l) => l.traceId === server.traceId && l.spanId === append.spanId),
    );
    expect(batch.name).toMatch(/^process /);

    const delivery = await find(
      'the notifier delivery',
      (s) => s.service === 'notifier' && s.name === 'process meeting.started',
    );
    expect(delivery).toMatchObject({ traceId: server.traceId, parentSpanId: append.spanId });
    const discordCall = await find(
      'the Discord call',
      (s) =>
        s.service === 'notifier' &&
        s.kind === CLIENT &&
        String(s.attributes['url.full']).includes('/channels/'),
    );
    expect(discordCall.traceId).toBe(server.traceId);
    expect(descends(discordCall, delivery)).toBe(true);
    expect(stack.discord.requestsTo('POST', /^\/channels\/\d+\/messages$/).length).toBeGreaterThan(
      0,
    );
    // The webhook's latency bucket points at its trace on an OpenMetrics scrape only.
    const scrape = (accept: string) =>
      fetch(`${stack.api.url}/metrics`, { headers: { accept } }).then((r) => r.text());
    const open = await scrape('application/openmetrics-text;version=1.0.0');
    const bucket =
      /^kd_http_request_duration_seconds_bucket\{[^}]*route="\/webhooks\/kaltura"[^}]*\} \d+ # \{trace_id="(\w+)"\}/m;
    expect(open.match(bucket)?.[1]).toBe(server.traceId);
    expect(open.endsWith('# EOF\n')).toBe(true);
    expect(await scrape('text/plain')).not.toContain('trace_id');
  });

  it('honours an incoming traceparent and puts the trace id on the log lines', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0736aa';
    const response = await fetch(`${stack.api.url}/health/live`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);
    const span = await find('the health server span', (s) => s.traceId === traceId);
    expect(span).toMatchObject({ kind: SERVER, parentSpanId: '00f067aa0ba902b7' });
    const logged = stack.api.logs.filter((l) => l.includes('"trace_id"'));
    expect(logged.length).toBeGreaterThan(0);
  });
});
