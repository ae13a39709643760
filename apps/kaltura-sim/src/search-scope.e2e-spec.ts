import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKsV2 } from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import { rawApiCall, simClient, startSim, TEST_SECRET } from './testing/sim-harness.js';

let sim: RunningKalturaSim;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});

const adminKs = () =>
  generateKsV2({
    partnerId: 321,
    adminSecret: TEST_SECRET,
    type: 2,
    userId: '',
    expiresAt: Math.floor(Date.now() / 1000) + 600,
  });

async function call(service: string, action: string, params: Record<string, unknown>) {
  return rawApiCall(
    sim,
    service,
    action,
    JSON.stringify({ ks: adminKs(), format: 1, ...params }),
    'application/json',
  ) as Promise<Record<string, unknown> & { totalCount?: number; objects?: unknown[] }>;
}

const client = () => simClient(sim);

describe('search filters on the simulator, as Kaltura applies them', () => {
  it('seeds entries in several categories, some in more than one', async () => {
    const all = await call('media', 'list', { pager: { pageSize: 500 } });
    const entries = (all.objects ?? []) as Array<{ categoriesIds: string; categories: string }>;
    const ids = new Set(entries.flatMap((e) => e.categoriesIds.split(',')));
    expect([...ids].sort()).toEqual(['201', '202', '203', '204', '205']);
    expect(entries.some((e) => e.categoriesIds.includes(','))).toBe(true);
    expect(entries[0]?.categories).toMatch(/^Discord>/);
  });

  it('returns only entries of the categories in scope', async () => {
    const page = await client().searchVideos({
      query: 'lecture',
      limit: 50,
      scope: { entryIds: [], categoryIds: ['202'] },
    });
    expect(page.videos.length).toBeGreaterThan(0);
    const names = page.videos.map((v) => v.name);
    expect(names).toContain('Math lecture: linear algebra 1');
    const outside = await client().searchVideos({
      query: 'lecture',
      scope: { entryIds: [], categoryIds: ['204'] },
    });
    expect(outside).toEqual({ totalCount: 0, videos: [] });
  });

  it('returns only the listed entries when scoped by entry id', async () => {
    const [yoga] = (
      await client().searchVideos({
        query: 'yoga',
        scope: { entryIds: [], categoryIds: ['204'] },
      })
    ).videos;
    expect(yoga).toBeDefined();
    const byId = await client().searchVideos({
      query: 'desk',
      scope: { entryIds: [yoga?.entryId ?? ''], categoryIds: [] },
    });
    expect(byId.videos.map((v) => v.entryId)).toEqual([yoga?.entryId]);
    const otherId = await client().searchVideos({
      query: 'desk',
      scope: { entryIds: ['1_notthere'], categoryIds: [] },
    });
    expect(otherId.totalCount).toBe(0);
  });

  it('refuses an empty scope before asking Kaltura', async () => {
    await expect(
      client().searchVideos({ query: 'yoga', scope: { entryIds: [], categoryIds: [] } }),
    ).rejects.toMatchObject({ code: 'KALTURA.EMPTY_SCOPE' });
  });

  it('applies NOT, and an inactive category membership finds nothing', async () => {
    const searchParams = (items: unknown[], operator = 1) => ({
      searchParams: {
        objectType: 'KalturaESearchEntryParams',
        searchOperator: { objectType: 'KalturaESearchEntryOperator', operator, searchItems: items },
      },
    });
    const category = (id: string, status = 2) => ({
      objectType: 'KalturaESearchCategoryEntryItem',
      fieldName: 'id',
      categoryEntryStatus: status,
      searchTerm: id,
      itemType: 1,
    });
    const everything = await call('elasticsearch_esearch', 'searchEntry', searchParams([]));
    const notLectures = await call(
      'elasticsearch_esearch',
      'searchEntry',
      searchParams([category('202')], 3),
    );
    const lectures = await call(
      'elasticsearch_esearch',
      'searchEntry',
      searchParams([category('202')]),
    );
    expect(Number(notLectures.totalCount) + Number(lectures.totalCount)).toBe(
      everything.totalCount,
    );
    const pending = await call(
      'elasticsearch_esearch',
      'searchEntry',
      searchParams([category('202', 1)]),
    );
    expect(pending.totalCount).toBe(0);
  });

  it('refuses an unknown item type or field name instead of ignoring the filter', async () => {
    const searchEntry = (item: Record<string, unknown>) =>
      call('elasticsearch_esearch', 'searchEntry', {
        searchParams: {
          objectType: 'KalturaESearchEntryParams',
          searchOperator: {
            objectType: 'KalturaESearchEntryOperator',
            operator: 1,
            searchItems: [item],
          },
        },
      });
    expect(
      await searchEntry({ objectType: 'KalturaESearchNoSuchItem', searchTerm: 'x' }),
    ).toMatchObject({ code: 'INVALID_OBJECT_TYPE', objectType: 'KalturaAPIException' });
    expect(
      await searchEntry({
        objectType: 'KalturaESearchEntryItem',
        fieldName: 'category_ids',
        searchTerm: '202',
        itemType: 1,
      }),
    ).toMatchObject({ code: 'INVALID_ENUM_VALUE', args: { VALUE: 'category_ids' } });
  });

  it('filters media.list by idIn and categoriesIdsMatchOr / MatchAnd', async () => {
    const lectures = await call('media', 'list', {
      filter: { objectType: 'KalturaMediaEntryFilter', categoriesIdsMatchOr: '202,999' },
      pager: { pageSize: 500 },
    });
    const entries = (lectures.objects ?? []) as Array<{ id: string; categoriesIds: string }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.categoriesIds.split(',').includes('202'))).toBe(true);
    const two = entries.slice(0, 2).map((e) => e.id);
    const byId = await call('media', 'list', {
      filter: { objectType: 'KalturaMediaEntryFilter', idIn: two.join(',') },
    });
    expect(((byId.objects ?? []) as Array<{ id: string }>).map((e) => e.id).sort()).toEqual(
      [...two].sort(),
    );
    const both = await call('media', 'list', {
      filter: { objectType: 'KalturaMediaEntryFilter', categoriesIdsMatchAnd: '201,202' },
      pager: { pageSize: 500 },
    });
    expect(
      ((both.objects ?? []) as Array<{ categoriesIds: string }>).every(
        (e) => e.categoriesIds.includes('201') && e.categoriesIds.includes('202'),
      ),
    ).toBe(true);
  });
});
