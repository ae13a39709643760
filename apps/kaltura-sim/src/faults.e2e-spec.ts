import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import {
  createKalturaMetrics,
  KalturaApiError,
  KalturaUnavailableError,
  type KalturaClient,
} from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import {
  simClient,
  simControl,
  simState,
  startSim,
  wholeCatalogue,
} from './testing/sim-harness.js';

let sim: RunningKalturaSim;
let client: KalturaClient;
let entryId: string;

beforeAll(async () => {
  sim = await startSim();
  client = simClient(sim, { timeoutMs: 2000 });
  entryId = (await client.listMedia({ limit: 1 })).videos[0]?.entryId ?? '';
});
afterEach(async () => {
  await simControl(sim, 'reset', {});
});
afterAll(async () => {
  await sim.close();
});

const requests = async (key: string) => (await simState(sim)).requests[key] ?? 0;

describe('fault injection and retries', () => {
  it('reports HTTP 500 as unavailable; retries reads (3 attempts) but never writes (1 attempt)', async () => {
    await simControl(sim, 'faults', { failMode: 'http500' });
    const read = await client.getMedia(entryId).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(KalturaUnavailableError);
    expect(read).toMatchObject({
      code: 'KALTURA.UNAVAILABLE',
      category: 'unavailable',
      details: { status: 500 },
    });
    expect(await requests('media.get')).toBe(3);
    await expect(client.createMeetingRoom({ name: 'x' })).rejects.toBeInstanceOf(
      KalturaUnavailableError,
    );
    expect(await requests('schedule_scheduleresource.add')).toBe(1);
  });

  it('recovers a read when only the first attempt fails', async () => {
    await simControl(sim, 'faults', { failMode: 'http500', failNext: 1 });
    await expect(client.getMedia(entryId)).resolves.toMatchObject({ entryId });
    expect(await requests('media.get')).toBe(2);
  });

  it('does not retry Kaltura API errors other than ACTION_BLOCKED', async () => {
    await simControl(sim, 'faults', { failMode: 'api_error' });
    await expect(
      client.searchVideos({ query: 'yoga', scope: wholeCatalogue }),
    ).rejects.toMatchObject({
      kalturaCode: 'INTERNAL_SERVERL_ERROR',
      category: 'unavailable',
    });
    expect(await requests('elasticsearch_esearch.searchentry')).toBe(1);
  });

  it('throttles with ACTION_BLOCKED: a typed rate-limited error, reads retried, writes not', async () => {
    await simControl(sim, 'faults', { throttlePerSec: 1 });
    await client.getMedia(entryId);
    const read = await client.getMedia(entryId).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(KalturaApiError);
    expect(read).toMatchObject({ kalturaCode: 'ACTION_BLOCKED', category: 'rate_limited' });
    expect(await requests('media.get')).toBe(1 + 3);
    await expect(client.createMeetingRoom({ name: 'blocked' })).rejects.toMatchObject({
      kalturaCode: 'ACTION_BLOCKED',
    });
    expect(await requests('schedule_scheduleresource.add')).toBe(1);
  });

  it('gives up on a slow Kaltura within the timeout, and on one that never answers', async () => {
    const impatient = simClient(sim, { timeoutMs: 300, maxRetries: 0 });
    await simControl(sim, 'faults', { latencyMs: 5000 });
    let started = Date.now();
    await expect(impatient.getMedia(entryId)).rejects.toBeInstanceOf(KalturaUnavailableError);
    expect(Date.now() - started).toBeLessThan(300 + 700);
    await simControl(sim, 'faults', { latencyMs: 0, failMode: 'hang' });
    started = Date.now();
    await expect(impatient.getMedia(entryId)).rejects.toThrow(/no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(300 + 700);
  });

  it('counts each attempt by outcome (an expected unknown user is not_found), with no ids as labels', async () => {
    const registry = new Registry();
    const measured = simClient(sim, { metrics: createKalturaMetrics(registry) });
    await measured.getMedia(entryId);
    await measured.getMedia('0_missing').catch(() => undefined);
    await simControl(sim, 'faults', { failMode: 'http500', failNext: 1 });
    await measured.getMedia(entryId);
    // user.get of someone not yet added: the answer the client expects, not a failed call.
    await expect(measured.getUser('kd-never-added')).resolves.toBeUndefined();
    const counts =
      (await registry.getSingleMetric('kd_kaltura_requests_total')?.get())?.values ?? [];
    const count = (outcome: string) =>
      counts.find((v) => v.labels.outcome === outcome && v.labels.action === 'get')?.value;
    expect([count('ok'), count('api_error'), count('unavailable')]).toEqual([2, 1, 1]);
    const userGet = counts.filter((v) => v.labels.service === 'user');
    expect(userGet.map((v) => [v.labels.action, v.labels.outcome, v.value])).toEqual([
      ['get', 'not_found', 1],
    ]);
    expect(
      counts.every((v) => Object.keys(v.labels).sort().join() === 'action,outcome,service'),
    ).toBe(true);
    const text = await registry.metrics();
    expect(text).toContain(
      'kd_kaltura_request_duration_seconds_count{service="media",action="get"} 4',
    );
  });

  it('rejects an invalid fault setting with a 400', async () => {
    const { status, json } = await simControl(sim, 'faults', { failMode: 'explode' });
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: 'SIM.INVALID_REQUEST' } });
  });
});
