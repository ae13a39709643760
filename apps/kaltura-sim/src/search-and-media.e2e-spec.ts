import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKsV2, KalturaApiError, type KalturaClient } from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import { simClient, startSim, TEST_SECRET, wholeCatalogue } from './testing/sim-harness.js';

let sim: RunningKalturaSim;
let client: KalturaClient;

beforeAll(async () => {
  sim = await startSim();
  client = simClient(sim);
});
afterAll(async () => {
  await sim.close();
});

describe('video search and media on the simulator', () => {
  it('finds videos with eSearch and maps them to summaries', async () => {
    const page = await client.searchVideos({ query: 'linear algebra', scope: wholeCatalogue });
    expect(page.totalCount).toBe(2);
    expect(page.videos.map((v) => v.name).sort()).toEqual([
      'Math lecture: linear algebra 1',
      'Math lecture: linear algebra 2',
    ]);
    const [video] = page.videos;
    expect(video).toEqual({
      entryId: expect.stringMatching(/^1_[a-z0-9]{8}$/),
      name: expect.any(String),
      description: expect.stringContaining('igen'),
      durationSeconds: expect.any(Number),
      thumbnailUrl: expect.stringContaining(`/entry_id/${video?.entryId}/`),
    });
  });

  it('limits results and reports the total', async () => {
    const page = await client.searchVideos({ query: 'webinar', limit: 2, scope: wholeCatalogue });
    expect(page.videos).toHaveLength(2);
    expect(page.totalCount).toBeGreaterThan(2);
    expect(
      (await client.searchVideos({ query: 'no such words anywhere', scope: wholeCatalogue }))
        .videos,
    ).toEqual([]);
  });

  it('refuses an empty query before calling Kaltura', async () => {
    await expect(
      client.searchVideos({ query: '   ', scope: wholeCatalogue }),
    ).rejects.toMatchObject({
      code: 'KALTURA.INVALID_QUERY',
      category: 'validation',
    });
  });

  it('gets a known entry and lists media newest first', async () => {
    const [first] = (await client.searchVideos({ query: 'yoga', scope: wholeCatalogue })).videos;
    const entry = await client.getMedia(first?.entryId ?? '');
    expect(entry).toEqual(first);
    const list = await client.listMedia({ limit: 3 });
    expect(list.videos).toHaveLength(3);
    expect(list.totalCount).toBeGreaterThanOrEqual(30);
  });

  it('reports an unknown entry as a typed not-found error', async () => {
    const error = await client.getMedia('0_nosuchid').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalturaApiError);
    expect(error).toMatchObject({
      code: 'KALTURA.API_ERROR',
      kalturaCode: 'ENTRY_ID_NOT_FOUND',
      category: 'not_found',
      args: { ENTRY_ID: '0_nosuchid' },
    });
  });

  it('also answers form posts and GETs, as the real API does (curl examples)', async () => {
    const ks = generateKsV2({
      partnerId: 321,
      adminSecret: TEST_SECRET,
      type: 0,
      userId: 'viewer',
      expiresAt: Math.floor(Date.now() / 1000) + 60,
    });
    const form = new URLSearchParams({
      ks,
      format: '1',
      'filter[nameLike]': 'guitar',
      'pager[pageSize]': '1',
    });
    const posted = await fetch(`${sim.url}/api_v3/service/media/action/list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(await posted.json()).toMatchObject({
      objectType: 'KalturaMediaListResponse',
      totalCount: 1,
    });
    const got = await fetch(
      `${sim.url}/api_v3/service/media/action/get?ks=${encodeURIComponent(ks)}&format=1&entryId=0_missing`,
    );
    expect(await got.json()).toMatchObject({ code: 'ENTRY_ID_NOT_FOUND' });
  });
});
