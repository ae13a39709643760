import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseKsV2 } from '@kd/kaltura';
import { runAppToExit, startApiStack, waitFor, type ApiStack } from '@kd/testing';
import { commandInteraction, keys, post } from './interaction-fixtures.js';

const tokenId = '0_e2eapptoken';
const token = randomBytes(16).toString('hex');

/**
 * The api in production mode: no admin secret at all, only a Kaltura application token. Sessions
 * come from kaltura-sim's session.startWidgetSession + appToken.startSession, and join links
 * carry a user session asked of Kaltura for that member.
 */
describe('api with a Kaltura application token', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({
      keys,
      simEnv: {
        KALTURA_SIM_APP_TOKEN_ID: tokenId,
        KALTURA_SIM_APP_TOKEN: token,
        KALTURA_SIM_APP_TOKEN_HASH_TYPE: 'SHA256',
      },
      apiEnv: {
        KALTURA_ADMIN_SECRET: undefined,
        KALTURA_APP_TOKEN_ID: tokenId,
        KALTURA_APP_TOKEN: token,
        KALTURA_APP_TOKEN_HASH_TYPE: 'SHA256',
      },
    });
  });
  afterAll(() => stack?.stop());

  const simRequests = async () =>
    (
      (await (await fetch(`${stack.sim.url}/__sim/state`)).json()) as {
        requests: Record<string, number>;
      }
    ).requests;

  it('starts a meeting and hands the host a user session asked of Kaltura', async () => {
    expect(stack.api.logs.join('\n')).toMatch(/Kaltura sessions come from the app token/);
    const interaction = commandInteraction('kaltura-start', { type: 'meeting', title: 'Tokened' });
    expect((await post(stack.api.url, interaction)).status).toBe(200);
    const created = await waitFor(async () => {
      const [e] = await stack.t.eventsOfType('meeting.created');
      return e;
    });
    const issued = await waitFor(async () => {
      const [e] = await stack.t.eventsOfType('meeting.join_link_issued');
      return e;
    });
    expect(issued.payload).toMatchObject({ kalturaRole: 'adminRole' });
    const requests = await simRequests();
    expect(requests['session.startwidgetsession']).toBeGreaterThanOrEqual(1);
    // One admin session (the room) and one user session (the host's link).
    expect(requests['apptoken.startsession']).toBe(2);

    // The link reaches only Discord (wherever the reply puts it): its KS is the host's user session.
    const ks = await waitFor(async () => {
      const bodies = stack.discord.requests.map((r) => JSON.stringify(r.body ?? ''));
      return bodies.map((b) => /[?&]ks=([A-Za-z0-9_=-]+)/.exec(b)?.[1]).find(Boolean);
    });
    const session = parseKsV2(ks ?? '', () => stack.secrets.kalturaAdminSecret);
    expect(session).toMatchObject({ type: 0, userId: interaction.member.user.id });
    expect(session.privileges).toMatchObject({
      resourceId: (created.payload as { kalturaResourceId: string }).kalturaResourceId,
      role: 'adminRole',
      userContextualRole: '0',
      sessionid: tokenId,
      apptoken: tokenId,
    });
  });

  it('refuses to start with half an app token, saying which variables go together', async () => {
    const { code, output } = await runAppToExit('api', {
      JWT_SECRET: randomBytes(32).toString('hex'),
      KALTURA_APP_TOKEN_ID: tokenId,
    });
    expect(code).toBe(1);
    expect(output).toContain(
      'KALTURA_APP_TOKEN: KALTURA_APP_TOKEN_ID and KALTURA_APP_TOKEN must be set together',
    );
  });
});
