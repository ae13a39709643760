import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKsV2, KalturaApiError, parseKsV2, type AppTokenHashType } from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import {
  rawApiCall,
  simClient,
  simControl,
  simState,
  startSim,
  TEST_SECRET,
} from './testing/sim-harness.js';

let sim: RunningKalturaSim;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await simControl(sim, 'reset', {});
});

const adminKs = () =>
  generateKsV2({
    partnerId: 321,
    adminSecret: TEST_SECRET,
    type: 2,
    userId: '',
    expiresAt: Math.floor(Date.now() / 1000) + 600,
  });

/** What a partner admin does in the KMC or with `appToken.add`. */
async function addAppToken(appToken: Record<string, unknown> = {}) {
  const body = JSON.stringify({
    ks: adminKs(),
    format: 1,
    appToken: { objectType: 'KalturaAppToken', hashType: 'SHA256', ...appToken },
  });
  const created = await rawApiCall(sim, 'apptoken', 'add', body, 'application/json');
  expect(created).toMatchObject({ objectType: 'KalturaAppToken', status: 2 });
  return created as { id: string; token: string; hashType: AppTokenHashType };
}

/** The client as production runs it: no admin secret at all, only the app token. */
function appTokenClient(token: { id: string; token: string; hashType: AppTokenHashType }) {
  return simClient(sim, {
    adminSecret: undefined,
    appToken: { id: token.id, token: token.token, hashType: token.hashType },
  });
}

const secretOf = () => TEST_SECRET;

describe('application tokens on the simulator', () => {
  it('starts sessions from an app token: widget session, hashed token, admin session cached', async () => {
    const client = appTokenClient(await addAppToken());
    expect(client.credentials).toBe('app_token');
    const { resourceId } = await client.createMeetingRoom({ name: 'Token room' });
    expect(resourceId).toMatch(/^\d+$/);
    await client.listMedia({ limit: 1 });
    const { requests } = await simState(sim);
    expect(requests['session.startwidgetsession']).toBe(1);
    // One admin session serves both calls (cached until shortly before it expires).
    expect(requests['apptoken.startsession']).toBe(1);
  });

  it('asks Kaltura for each join session, a user KS with the room and role privileges', async () => {
    const token = await addAppToken();
    const client = appTokenClient(token);
    const url = await client.joinUrl({
      resourceId: '10001',
      userId: '223456789012345678',
      firstName: 'Ada',
      role: 'attendee',
    });
    const session = parseKsV2(new URL(url).searchParams.get('ks') ?? '', secretOf);
    expect(session).toMatchObject({ type: 0, userId: '223456789012345678' });
    expect(session.privileges).toMatchObject({
      resourceId: '10001',
      role: 'viewerRole',
      userContextualRole: '3',
      firstName: 'Ada',
      // Kaltura ties the session to the token, so deleting the token revokes it.
      sessionid: token.id,
      apptoken: token.id,
    });
  });

  it.each(['SHA1', 'MD5', 'SHA512'] as const)('honours hashType %s', async (hashType) => {
    const client = appTokenClient(await addAppToken({ hashType }));
    await expect(client.listMedia({ limit: 1 })).resolves.toMatchObject({
      totalCount: expect.any(Number),
    });
  });

  it('refuses a wrong token with INVALID_APP_TOKEN_HASH and an unknown id with APP_TOKEN_ID_NOT_FOUND', async () => {
    const token = await addAppToken();
    const wrong = await appTokenClient({ ...token, token: 'f'.repeat(32) })
      .listMedia()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(KalturaApiError);
    expect(wrong).toMatchObject({
      kalturaCode: 'INVALID_APP_TOKEN_HASH',
      kalturaMessage: 'Invalid application token hash',
      category: 'unavailable',
    });
    const wrongHash = await appTokenClient({ ...token, hashType: 'SHA1' })
      .listMedia()
      .catch((e: unknown) => e);
    expect(wrongHash).toMatchObject({ kalturaCode: 'INVALID_APP_TOKEN_HASH' });
    const unknown = await appTokenClient({ ...token, id: '0_unknown' })
      .listMedia()
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({
      kalturaCode: 'APP_TOKEN_ID_NOT_FOUND',
      kalturaMessage: 'Application token id "0_unknown" not found',
      category: 'unavailable',
    });
  });

  it('stops working as soon as the partner deletes the token: cached sessions too', async () => {
    const token = await addAppToken();
    const client = appTokenClient(token);
    await client.listMedia({ limit: 1 });
    const deleted = await rawApiCall(
      sim,
      'apptoken',
      'delete',
      JSON.stringify({ ks: adminKs(), format: 1, id: token.id }),
      'application/json',
    );
    expect(deleted).toBeNull();
    // The cached admin session is refused (LOGOUT) and dropped; a new one cannot be started.
    await expect(client.listMedia({ limit: 1 })).rejects.toMatchObject({
      kalturaCode: 'INVALID_KS',
      args: { ERR_CODE: '-6', ERR_DESC: 'LOGOUT' },
    });
    await expect(client.listMedia({ limit: 1 })).rejects.toMatchObject({
      kalturaCode: 'APP_TOKEN_ID_NOT_FOUND',
    });
  });

  it('refuses to hand out a join link when the token forces an admin session or a user', async () => {
    const forcedAdmin = appTokenClient(await addAppToken({ sessionType: 2 }));
    const input = { resourceId: '1', userId: 'u1', firstName: 'A', role: 'attendee' } as const;
    await expect(forcedAdmin.joinUrl(input)).rejects.toMatchObject({
      code: 'KALTURA.APP_TOKEN_MISCONFIGURED',
      category: 'unavailable',
    });
    const forcedUser = appTokenClient(await addAppToken({ sessionUserId: 'service-user' }));
    await expect(forcedUser.joinUrl(input)).rejects.toMatchObject({
      code: 'KALTURA.APP_TOKEN_MISCONFIGURED',
    });
    const forcedRole = appTokenClient(await addAppToken({ sessionPrivileges: 'role:adminRole' }));
    await expect(forcedRole.joinUrl(input)).rejects.toMatchObject({
      code: 'KALTURA.APP_TOKEN_MISCONFIGURED',
    });
  });

  it('answers the widget session only for the partner default widget', async () => {
    const body = JSON.stringify({ format: 1, widgetId: '_999' });
    expect(
      await rawApiCall(sim, 'session', 'startWidgetSession', body, 'application/json'),
    ).toEqual({
      code: 'INVALID_WIDGET_ID',
      message: 'Unknown widget [_999]',
      objectType: 'KalturaAPIException',
      args: { WIDGET_ID: '_999' },
    });
    const ok = await rawApiCall(
      sim,
      'session',
      'startWidgetSession',
      JSON.stringify({ format: 1, widgetId: '_321' }),
      'application/json',
    );
    expect(ok).toMatchObject({ objectType: 'KalturaStartWidgetSessionResponse', userId: '0' });
    expect(parseKsV2(String(ok.ks), secretOf)).toMatchObject({
      type: 0,
      userId: '0',
      privileges: { view: '*', widget: '1' },
    });
  });
});
