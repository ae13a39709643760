import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApiStack, testApiToken, waitFor, type ApiStack } from '@kd/testing';
import {
  commandInteraction,
  guildId,
  keys,
  member,
  memberPermissions,
  post,
} from '../interactions/interaction-fixtures.js';

const secret = 'forget-e2e-secret-forget-e2e-secret-forget';
const operator = () => testApiToken(secret, { sub: 'ops', scope: 'operator' });

/** The operator's way to forget a person, over HTTP (docs/privacy.md, docs/rest-api.md). */
describe('POST /api/v1/people/{discordUserId}/forget', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({ keys, secrets: { jwtSecret: secret }, projectorEnv: {} });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const forget = async (id: string, bearer: string) => {
    const response = await fetch(`${stack.api.url}/api/v1/people/${id}/forget`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}` },
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown> & { error?: { code: string } },
    };
  };

  it('forgets a member who used a command, once; refuses other ids and tokens clearly', async () => {
    const answer = await post(
      stack.api.url,
      commandInteraction('kaltura-list', {}, member, memberPermissions),
    );
    expect(answer.status).toBe(200);
    await waitFor(async () => (await stack.t.eventsOfType('command.executed')).length > 0);

    expect(await forget('12345', operator())).toMatchObject({
      status: 400,
      body: { error: { code: 'PERSON.INVALID_ID' } },
    });
    const guildToken = testApiToken(secret, { guilds: [guildId] });
    expect((await forget(member.id, guildToken)).status).toBe(403);

    const first = await forget(member.id, operator());
    expect(first).toMatchObject({
      status: 200,
      body: { status: 'forgotten', placeholder: expect.stringMatching(/^forgotten:/) },
    });
    expect(JSON.stringify(first.body)).not.toContain(member.id);
    // Forgetting twice is harmless, and says there is nothing left to forget.
    expect(await forget(member.id, operator())).toMatchObject({
      status: 404,
      body: { error: { code: 'PERSON.NOT_FOUND' } },
    });
    // The events the store reads back carry the placeholder, not the id.
    const [executed] = await stack.t.eventsOfType('command.executed');
    const opened = await stack.t.store.readAggregate(
      'command',
      (executed?.payload as { interactionId: string }).interactionId,
    );
    expect(JSON.stringify(opened)).not.toContain(member.id);
  });
});
