import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KalturaClient } from '@kd/kaltura';
import { runAppToExit, startApp, type ChildApp } from '@kd/testing';
import { wholeCatalogue } from './testing/sim-harness.js';

let sim: ChildApp;

beforeAll(async () => {
  sim = await startApp('kaltura-sim', {
    KALTURA_SIM_HOST: '127.0.0.1',
    KALTURA_PARTNER_ID: '555',
    KALTURA_ADMIN_SECRET: 'process-test-secret',
  });
});
afterAll(async () => {
  await sim?.stop();
});

describe('kaltura-sim as a process', () => {
  it('serves the API configured from the environment', async () => {
    const client = new KalturaClient({
      serviceUrl: sim.url,
      partnerId: 555,
      adminSecret: 'process-test-secret',
    });
    const page = await client.searchVideos({ query: 'welcome', scope: wholeCatalogue });
    expect(page.videos[0]?.name).toBe('Welcome to Kaltura');
    const wrongPartner = new KalturaClient({
      serviceUrl: sim.url,
      partnerId: 100,
      adminSecret: 'process-test-secret',
    });
    await expect(
      wrongPartner.searchVideos({ query: 'welcome', scope: wholeCatalogue }),
    ).rejects.toMatchObject({
      kalturaCode: 'INVALID_KS',
    });
  });

  it('refuses to start with an invalid configuration, naming every problem', async () => {
    const { code, output } = await runAppToExit('kaltura-sim', {
      KALTURA_PARTNER_ID: 'abc',
      KALTURA_SIM_FAIL_MODE: 'sometimes',
    });
    expect(code).toBe(1);
    expect(output).toContain('KALTURA_PARTNER_ID');
    expect(output).toContain('KALTURA_SIM_FAIL_MODE');
  });

  it('warns when running on the built-in development secret', async () => {
    const dev = await startApp('kaltura-sim', { KALTURA_SIM_HOST: '127.0.0.1' });
    try {
      expect(dev.logs.join('\n')).toContain('development admin secret');
    } finally {
      await dev.stop();
    }
  });
});
