import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  KalturaApiError,
  KalturaUnavailableError,
  isDuplicateUser,
  type KalturaClient,
} from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import { rawApiCall, simClient, simControl, simState, startSim } from './testing/sim-harness.js';

let sim: RunningKalturaSim;
let client: KalturaClient;

beforeAll(async () => {
  sim = await startSim();
  client = simClient(sim, { timeoutMs: 2000 });
});
afterEach(async () => {
  await simControl(sim, 'reset', {});
});
afterAll(async () => {
  await sim.close();
});

const fields = {
  screenName: 'Ada Lovelace',
  firstName: 'Ada',
  partnerData: '{"discordUserId":"1"}',
};
const requests = async (key: string) => (await simState(sim)).requests[key] ?? 0;

describe('user service', () => {
  it('adds, gets, updates and deletes a user', async () => {
    const added = await client.addUser('discord:100000000000000001', fields);
    expect(added).toMatchObject({ id: 'discord:100000000000000001', ...fields });
    await expect(client.getUser('discord:100000000000000001')).resolves.toMatchObject(fields);

    await expect(
      client.updateUser('discord:100000000000000001', { screenName: 'Countess' }),
    ).resolves.toMatchObject({ screenName: 'Countess', firstName: 'Ada' });

    await expect(client.deleteUser('discord:100000000000000001')).resolves.toBe(true);
    await expect(client.getUser('discord:100000000000000001')).resolves.toBeUndefined();
    await expect(client.deleteUser('discord:100000000000000001')).resolves.toBe(false);
    await expect(client.updateUser('discord:100000000000000001', fields)).resolves.toBeUndefined();
  });

  it('refuses a second user with the same id as DUPLICATE_USER_BY_ID', async () => {
    await client.addUser('dup-user', fields);
    const error = await client.addUser('dup-user', fields).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalturaApiError);
    expect(error).toMatchObject({
      kalturaCode: 'DUPLICATE_USER_BY_ID',
      kalturaMessage: 'User with id [dup-user] already exists in system',
    });
    expect(isDuplicateUser(error)).toBe(true);
  });

  it('answers an unknown id with INVALID_USER_ID on the wire (HTTP 200)', async () => {
    const secret = sim.config.KALTURA_ADMIN_SECRET;
    const session = JSON.stringify({ secret, partnerId: 321, type: 2, format: 1 });
    // session.start answers the KS itself, a JSON string.
    const ks: unknown = await rawApiCall(sim, 'session', 'start', session, 'application/json');
    const body = await rawApiCall(
      sim,
      'user',
      'get',
      JSON.stringify({ userId: 'nobody', ks, format: 1 }),
      'application/json',
    );
    expect(body).toEqual({
      code: 'INVALID_USER_ID',
      message: 'Invalid user id',
      objectType: 'KalturaAPIException',
      args: [],
    });
  });

  it('refuses a name longer than Kaltura allows, in characters', async () => {
    const error = await client
      .addUser('long-name', { ...fields, firstName: '😀'.repeat(41) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kalturaCode: 'PROPERTY_VALIDATION_MAX_LENGTH',
      args: { PROP_NAME: 'firstName', MAX_LEN: '40' },
    });
    await expect(
      client.addUser('long-name', { ...fields, firstName: '😀'.repeat(40) }),
    ).resolves.toMatchObject({ firstName: '😀'.repeat(40) });
  });

  it('makes only the user calls unavailable with failOnly', async () => {
    await simControl(sim, 'faults', { failMode: 'http500', failOnly: ['user'] });
    await expect(client.getUser('anyone')).rejects.toBeInstanceOf(KalturaUnavailableError);
    await expect(client.createMeetingRoom({ name: 'still works' })).resolves.toMatchObject({
      resourceId: expect.any(String),
    });
    // Reads are retried (3 attempts), writes never.
    expect(await requests('user.get')).toBe(3);
    await expect(client.addUser('x', fields)).rejects.toBeInstanceOf(KalturaUnavailableError);
    expect(await requests('user.add')).toBe(1);
  });
});
