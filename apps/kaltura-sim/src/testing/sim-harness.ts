import { loadConfig } from '@kd/config';
import { KalturaClient, type KalturaClientOptions } from '@kd/kaltura';
import { createKalturaSim, type RunningKalturaSim } from '../kaltura-sim.js';
import { kalturaSimEnv } from '../kaltura-sim.config.js';

export const TEST_SECRET = 'e2e-admin-secret-0123456789';

/** A search scope covering every seeded entry: the five seeded categories (demo-categories.ts). */
export const wholeCatalogue = { entryIds: [], categoryIds: ['201', '202', '203', '204', '205'] };

/** A simulator on an ephemeral port, configured as the environment would (all defaults but these). */
export async function startSim(env: Record<string, string> = {}): Promise<RunningKalturaSim> {
  const config = loadConfig('kaltura-sim', kalturaSimEnv, {
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    KALTURA_PARTNER_ID: '321',
    KALTURA_ADMIN_SECRET: TEST_SECRET,
    ...env,
  });
  return createKalturaSim(config, { host: '127.0.0.1' });
}

/** The real client pointed at the sim (small backoff so retry tests stay quick). */
export function simClient(
  sim: RunningKalturaSim,
  overrides: Partial<KalturaClientOptions> = {},
): KalturaClient {
  return new KalturaClient({
    serviceUrl: sim.url,
    partnerId: sim.config.KALTURA_PARTNER_ID,
    adminSecret: sim.config.KALTURA_ADMIN_SECRET,
    retryBaseDelayMs: 20,
    ...overrides,
  });
}

export async function simControl<T = Record<string, unknown>>(
  sim: RunningKalturaSim,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${sim.url}/__sim/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as T };
}

export interface SimState {
  requests: Record<string, number>;
  rooms: Array<{
    id: number;
    name: string;
    tags: string;
    status: number;
    roomEntryId: string;
    phase: string;
  }>;
}

export async function simState(sim: RunningKalturaSim): Promise<SimState> {
  return (await simControl<SimState>(sim, 'state')).json;
}

/** Raw API call, for what the client never sends (other content types, user sessions on writes). */
export async function rawApiCall(
  sim: RunningKalturaSim,
  service: string,
  action: string,
  body: string,
  contentType: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${sim.url}/api_v3/service/${service}/action/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  });
  return (await response.json()) as Record<string, unknown>;
}
