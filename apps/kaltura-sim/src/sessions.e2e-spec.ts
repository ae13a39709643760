import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKsV2, KalturaApiError } from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import { rawApiCall, simClient, startSim, TEST_SECRET } from './testing/sim-harness.js';

let sim: RunningKalturaSim;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});

const adminKs = (expiresAt = Math.floor(Date.now() / 1000) + 600) =>
  generateKsV2({ partnerId: 321, adminSecret: TEST_SECRET, type: 2, userId: '', expiresAt });

describe('sessions on the simulator', () => {
  it('refuses a KS signed with the wrong secret: INVALID_KS, our KS blanked out', async () => {
    const error = await simClient(sim, { adminSecret: 'not-the-partner-secret' })
      .getMedia('1_x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalturaApiError);
    expect(error).toMatchObject({
      kalturaCode: 'INVALID_KS',
      category: 'unavailable',
      args: { KSID: '[redacted]', ERR_CODE: '-1', ERR_DESC: 'INVALID_STR' },
    });
    expect((error as Error).message).toContain('Invalid KS "[redacted]", Error "-1,INVALID_STR"');
  });

  it('refuses an expired KS with the EXPIRED reason', async () => {
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    const error = await simClient(sim, { now: () => twoDaysAgo })
      .getMedia('1_x')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kalturaCode: 'INVALID_KS',
      args: { ERR_CODE: '-5', ERR_DESC: 'EXPIRED' },
    });
  });

  it('ignores a JSON body sent with a charset, as the real server does', async () => {
    const body = JSON.stringify({
      ks: adminKs(),
      format: 1,
      scheduleResource: { objectType: 'KalturaLocationScheduleResource', name: 'x' },
    });
    const withCharset = await rawApiCall(
      sim,
      'schedule_scheduleresource',
      'add',
      body,
      'application/json; charset=utf-8',
    );
    expect(withCharset).toEqual({
      code: 'MISSING_KS',
      message: 'Missing KS, session not established',
      objectType: 'KalturaAPIException',
      args: [],
    });
    const exact = await rawApiCall(
      sim,
      'schedule_scheduleresource',
      'add',
      body,
      'application/json',
    );
    expect(exact).toMatchObject({ objectType: 'KalturaLocationScheduleResource', name: 'x' });
  });

  it('refuses a KS for another partner and a garbage KS', async () => {
    const other = generateKsV2({
      partnerId: 999,
      adminSecret: TEST_SECRET,
      type: 2,
      userId: '',
      expiresAt: Math.floor(Date.now() / 1000) + 60,
    });
    expect(
      await rawApiCall(
        sim,
        'media',
        'get',
        JSON.stringify({ ks: other, entryId: 'x' }),
        'application/json',
      ),
    ).toMatchObject({
      code: 'INVALID_KS',
      args: { ERR_DESC: 'INVALID_PARTNER' },
    });
    expect(
      await rawApiCall(
        sim,
        'media',
        'get',
        JSON.stringify({ ks: 'garbage!', entryId: 'x' }),
        'application/json',
      ),
    ).toMatchObject({
      code: 'INVALID_KS',
      args: { ERR_DESC: 'INVALID_STR' },
    });
  });

  it('starts a session from the partner secret (session.start), for curl and demos', async () => {
    const start = (secret: string) =>
      fetch(`${sim.url}/api_v3/service/session/action/start`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          format: '1',
          partnerId: '321',
          secret,
          type: '2',
          userId: 'curl',
          expiry: '600',
        }),
      }).then((r) => r.json());
    const ks = await start(TEST_SECRET);
    expect(typeof ks).toBe('string');
    const listed = await rawApiCall(
      sim,
      'media',
      'list',
      JSON.stringify({ ks, pager: { pageSize: 1 } }),
      'application/json',
    );
    expect(listed).toMatchObject({ objectType: 'KalturaMediaListResponse', totalCount: 30 });
    expect(await start('wrong-secret')).toMatchObject({ code: 'START_SESSION_ERROR' });
  });
});
