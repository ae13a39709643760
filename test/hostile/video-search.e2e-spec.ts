import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateDiscordKeys, signDiscordRequest } from '@kd/discord';
import type { DomainEvent } from '@kd/events';
import {
  commandInteraction,
  interactionGuildId,
  snowflakeFor,
  startApiStack,
  waitFor,
  type ApiStack,
  firstOriginalEdit,
} from '@kd/testing';

interface ReplyData {
  content?: string;
  flags?: number;
  embeds?: { title?: string }[];
}

const keys = generateDiscordKeys();
const guildA = interactionGuildId;
const guildB = snowflakeFor(4_242);
const EPHEMERAL = 64;
const nothingSearchable = /This server has no videos to search yet/;
const noneFound = 'No videos found among this server’s recordings and shared categories.';

/**
 * Cross-guild video search through the signed interactions endpoint, the api process,
 * kaltura-sim and the operator CLI: a guild sees its own meeting recordings and the categories an
 * operator granted it, never another guild's recordings, and a fresh guild is told why it finds
 * nothing (Kaltura is not even asked).
 */
describe('video search is walled off per guild', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({ keys, projectorEnv: { PROJECTION_MAX_WAIT_MS: '20' } });
  });
  afterAll(() => stack?.stop());

  const inGuild = (interaction: ReturnType<typeof commandInteraction>, guildId: string) => ({
    ...interaction,
    guild_id: guildId,
    authorizing_integration_owners: { '0': guildId },
  });

  /** Signed exactly as Discord signs (Ed25519 over timestamp + body). */
  function post(interaction: unknown): Promise<Response> {
    const text = JSON.stringify(interaction);
    return fetch(`${stack.api.url}/interactions`, {
      method: 'POST',
      body: text,
      headers: {
        'content-type': 'application/json',
        ...signDiscordRequest(text, keys.privateKey).headers,
      },
    });
  }

  async function run(interaction: ReturnType<typeof commandInteraction>): Promise<ReplyData> {
    const response = await post(interaction);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { type: number; data?: ReplyData };
    if (body.type === 4) return body.data ?? {};
    expect(body.type).toBe(5);
    const followUp = await firstOriginalEdit(stack.discord, interaction);
    // Ephemeral is fixed by the first response (the deferral); the edit carries the content.
    return { ...(followUp.body as ReplyData), flags: body.data?.flags ?? 0 };
  }

  const search = (guildId: string, query: string) =>
    run(inGuild(commandInteraction('kaltura-video-search', { query, limit: 10 }), guildId));

  const titles = (reply: ReplyData) => (reply.embeds ?? []).map((e) => e.title);

  async function searchesAskedOfKaltura(): Promise<number> {
    const state = (await (await fetch(`${stack.sim.url}/__sim/state`)).json()) as {
      requests: Record<string, number>;
    };
    return state.requests['elasticsearch_esearch.searchentry'] ?? 0;
  }

  function videoAccessCli(...args: string[]): Promise<{ code: number | null; output: string }> {
    const child = spawn(
      process.execPath,
      [resolve('dist/libs/meetings/src/cli/video-access.js'), ...args],
      {
        env: {
          PATH: process.env.PATH,
          NATS_URL: process.env.KD_TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
          KD_STREAM: stack.t.stream,
          KD_SUBJECT_PREFIX: stack.t.subjectPrefix,
          USER: 'ops-alice',
        },
      },
    );
    const chunks: string[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => chunks.push(c.toString()));
    return new Promise((done) =>
      child.once('exit', (code) => done({ code, output: chunks.join('') })),
    );
  }

  it('answers a fresh guild with nothing and says why, without asking Kaltura', async () => {
    const before = await searchesAskedOfKaltura();
    const reply = await search(guildB, 'welcome');
    expect(reply.content).toMatch(nothingSearchable);
    expect(reply.content).toMatch(/operator/);
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.embeds ?? []).toEqual([]);
    expect(await searchesAskedOfKaltura()).toBe(before);
  });

  it("finds a guild's own meeting recording at once; another guild never does", async () => {
    const started = await run(
      commandInteraction('kaltura-start', { type: 'meeting', title: 'Zebra retrospective' }),
    );
    const meetingId = /meeting-id:([\w-]+)/.exec(started.content ?? '')?.[1] ?? '';
    const created = (await stack.t.store.readAggregate('meeting', meetingId))[0]?.event as
      DomainEvent<'meeting.created'> | undefined;
    expect(created?.guildId).toBe(guildA);
    // The webhook path looks the room up in the meetings read model: wait for the projector.
    await waitFor(async () => {
      const sent = await fetch(`${stack.sim.url}/__sim/notifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'recording_ready',
          resourceId: created?.payload.kalturaResourceId,
          url: `${stack.api.url}/webhooks/kaltura`,
        }),
      });
      expect(sent.status).toBeLessThan(300);
      const events = await stack.t.store.readAggregate('meeting', meetingId);
      return events.some((r) => r.event.type === 'meeting.recording_ready') ? true : undefined;
    });

    // Kaltura got its 200 only after the access was written: no waiting for a projection here.
    const own = await search(guildA, 'zebra');
    expect(titles(own)).toEqual(['Zebra retrospective (recording)']);
    expect((own.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    // Guild A has no category: the seeded library stays out of its results.
    expect(titles(await search(guildA, 'welcome'))).toEqual([]);

    const other = await search(guildB, 'zebra');
    expect(other.content).toMatch(nothingSearchable);
  });

  it('opens exactly the categories an operator grants, and closes them on revoke', async () => {
    const granted = await videoAccessCli('grant', '--guild', guildB, '--category', '204');
    expect(granted).toMatchObject({ code: 0 });
    expect(granted.output).toMatch(/granted \[204\] for guild \d+ by ops-alice/);

    expect(titles(await search(guildB, 'meetup'))).toEqual(['Discord community meetup']);
    // Another guild's recording, and categories not granted, stay invisible.
    expect((await search(guildB, 'zebra')).content).toBe(noneFound);
    expect((await search(guildB, 'linear algebra')).content).toBe(noneFound);
    expect((await search(guildA, 'meetup')).content).toBe(noneFound);

    const [event] = await stack.t.eventsOfType('guild.video_access_granted');
    expect(event).toMatchObject({
      guildId: guildB,
      actor: { kind: 'system', id: 'operator:ops-alice' },
      payload: { categoryIds: ['204'], grantedBy: 'ops-alice' },
    });

    const revoked = await videoAccessCli('revoke', '--guild', guildB, '--category', '204');
    expect(revoked).toMatchObject({ code: 0 });
    expect((await search(guildB, 'meetup')).content).toMatch(nothingSearchable);
    expect(await stack.t.eventsOfType('guild.video_access_revoked')).toHaveLength(1);
  });

  it('gives guild admins no way to widen their own search', async () => {
    const attempt = await run(
      commandInteraction('kaltura-config-update', {
        subcommand: 'set',
        key: 'features.video_categories',
        value: '204',
      }),
    );
    expect(attempt.content).not.toMatch(/^Set /);
    const updates = await stack.t.eventsOfType('config.updated');
    expect(updates.filter((e) => JSON.stringify(e.payload).includes('video'))).toEqual([]);
    expect((await search(guildA, 'meetup')).content).toBe(noneFound);
    expect(await stack.t.eventsOfType('guild.video_access_granted')).toHaveLength(1);
  });

  it('documents the operator CLI and refuses incomplete commands', async () => {
    const help = await videoAccessCli('--help');
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/usage: npm run video-access -- <grant\|revoke\|show>/);
    const incomplete = await videoAccessCli('grant', '--category', '204');
    expect(incomplete.code).toBe(1);
    expect(incomplete.output).toMatch(/--guild must be a Discord server id/);
  });
});
