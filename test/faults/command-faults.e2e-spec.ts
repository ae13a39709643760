import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  commandInteraction,
  startApiStack,
  type ApiStack,
  type ChildApp,
  type DiscordRestFake,
  type TestStream,
  originalEdits,
} from '@kd/testing';
import { generateDiscordKeys, signDiscordRequest } from '@kd/discord';

const keys = generateDiscordKeys();
const applicationId = commandInteraction('x').application_id;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Interaction = ReturnType<typeof commandInteraction>;

/**
 * Slash commands while Kaltura is slow, failing or hanging and Discord answers follow-ups with
 * 429 storms: every interaction is acknowledged within Discord's 3 s, gets exactly one final
 * reply (an error reply when Kaltura failed) and exactly one command.executed.
 */
describe('command faults: Kaltura slow or failing, Discord rate limiting', () => {
  let t: TestStream;
  let discord: DiscordRestFake;
  let sim: ChildApp;
  let api: ChildApp;

  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({
      keys,
      // Bursts of starts by one member: the faults are the subject here, not the start limit.
      apiEnv: {
        KALTURA_TIMEOUT_MS: '1500',
        START_RATE_LIMIT_PER_USER: '0',
        START_RATE_LIMIT_PER_GUILD: '0',
      },
    });
    ({ t, discord, sim, api } = stack);
  });
  afterAll(() => stack?.stop());

  const setFaults = async (faults: Record<string, unknown>) => {
    const response = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });
    expect(response.status).toBe(200);
  };

  /** Sends the interaction as Discord does; returns how long the acknowledgement took. */
  async function send(interaction: Interaction): Promise<{ ms: number; type: number }> {
    const body = JSON.stringify(interaction);
    const signed = signDiscordRequest(body, keys.privateKey);
    const started = Date.now();
    const response = await fetch(`${api.url}/interactions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...signed.headers },
    });
    const { type } = (await response.json()) as { type: number };
    return { ms: Date.now() - started, type };
  }

  /** The edit of the public original, or (an error) the private follow-up that replaced it. */
  const finalReplies = (interaction: Interaction) =>
    [
      ...originalEdits(discord, interaction),
      ...discord
        .requestsTo('POST', new RegExp(`/webhooks/${applicationId}/${interaction.token}$`))
        .filter((r) => (r.body as { content?: string } | undefined)?.content?.startsWith('❌')),
    ].filter((r) => r.status === 200);
  const executed = async (interaction: Interaction) =>
    (await t.store.readAggregate('command', interaction.id)).map((r) => r.event);

  async function settle(interactions: Interaction[], timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = [];
      for (const i of interactions)
        if (finalReplies(i).length === 0 || (await executed(i)).length === 0) pending.push(i.id);
      if (pending.length === 0) return;
      if (Date.now() > deadline) throw new Error(`no final reply/record for ${pending.join(', ')}`);
      await sleep(100);
    }
  }

  async function burst(make: (n: number) => Interaction, count: number) {
    const interactions = Array.from({ length: count }, (_, n) => make(n));
    const acks = await Promise.all(interactions.map(send));
    for (const ack of acks) {
      expect(ack.ms).toBeLessThan(3000);
      expect([4, 5]).toContain(ack.type);
    }
    await settle(interactions);
    for (const interaction of interactions) {
      expect(finalReplies(interaction)).toHaveLength(1);
      expect(await executed(interaction)).toHaveLength(1);
    }
    return interactions;
  }

  const start = (label: string) => (n: number) =>
    commandInteraction('kaltura-start', { type: 'meeting', title: `${label} ${n}` });

  it('acknowledges at once and completes every meeting while Kaltura answers slowly', async () => {
    await setFaults({ latencyMs: 1000, failMode: 'none', failRate: 0, failNext: null });
    const done = await burst(start('slow'), 8);
    for (const interaction of done)
      expect((await executed(interaction))[0]?.payload).toMatchObject({ outcome: 'ok' });
  });

  it.each([
    ['failing with HTTP 500', 'http500'],
    ['answering with API errors', 'api_error'],
    ['hanging past the client timeout', 'hang'],
  ])('answers with an error reply, outcome error, while Kaltura is %s', async (_label, mode) => {
    await setFaults({ latencyMs: 0, failMode: mode, failRate: 1, failNext: null });
    const done = await burst(start(mode), 6);
    for (const interaction of done) {
      expect((await executed(interaction))[0]?.payload).toMatchObject({ outcome: 'error' });
      expect(JSON.stringify(finalReplies(interaction)[0]?.body)).toMatch(/KALTURA\./);
    }
    await setFaults({ failMode: 'none', failRate: 0 });
  });

  it('delivers every follow-up exactly once through a 429 storm', async () => {
    await setFaults({ latencyMs: 0, failMode: 'none', failRate: 0, failNext: null });
    discord.failNext(12, { status: 429, retryAfter: 0.2 });
    const done = await burst(start('storm'), 8);
    const limited = discord
      .requestsTo('PATCH', /messages\/@original/)
      .filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const interaction of done)
      expect((await executed(interaction))[0]?.payload).toMatchObject({ outcome: 'ok' });
  });
});
