import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKsV2, KalturaApiError, parseKsV2, type KalturaClient } from '@kd/kaltura';
import type { RunningKalturaSim } from './kaltura-sim.js';
import { rawApiCall, simClient, simState, startSim, TEST_SECRET } from './testing/sim-harness.js';

let sim: RunningKalturaSim;
let client: KalturaClient;

beforeAll(async () => {
  sim = await startSim();
  client = simClient(sim);
});
afterAll(async () => {
  await sim.close();
});

const secretOf = (partnerId: number) => (partnerId === 321 ? TEST_SECRET : undefined);

describe('meeting rooms on the simulator', () => {
  it('creates a newrow room with an admin KS and returns its id', async () => {
    const { resourceId } = await client.createMeetingRoom({
      name: 'Standup',
      description: 'daily',
    });
    expect(resourceId).toMatch(/^\d+$/);
    const room = (await simState(sim)).rooms.find((r) => String(r.id) === resourceId);
    expect(room).toMatchObject({ name: 'Standup', tags: 'vcprovider:newrow', status: 2 });
  });

  it('issues join URLs whose user KS carries the room and role, and which the sim accepts', async () => {
    const { resourceId } = await client.createMeetingRoom({ name: 'Class' });
    const url = new URL(
      await client.joinUrl({
        resourceId,
        userId: '223456789012345678',
        firstName: 'Ada',
        role: 'moderator',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://321.kaf.kaltura.com/virtualEvent/launch');
    const ks = url.searchParams.get('ks') ?? '';
    const session = parseKsV2(ks, secretOf);
    expect(session).toMatchObject({ partnerId: 321, type: 0, userId: '223456789012345678' });
    expect(session.privileges).toEqual({
      resourceId,
      role: 'adminRole',
      userContextualRole: '0',
      firstName: 'Ada',
    });

    const attendee = new URL(
      await client.joinUrl({ resourceId, userId: 'u2', firstName: 'Bob', role: 'attendee' }),
    );
    expect(parseKsV2(attendee.searchParams.get('ks') ?? '', secretOf).privileges).toMatchObject({
      role: 'viewerRole',
      userContextualRole: '3',
    });

    // The sim accepts the user KS for reads, and refuses it for writes as Kaltura does.
    const read = await rawApiCall(
      sim,
      'schedule_scheduleresource',
      'get',
      JSON.stringify({ ks, format: 1, scheduleResourceId: resourceId }),
      'application/json',
    );
    expect(read).toMatchObject({
      objectType: 'KalturaLocationScheduleResource',
      id: Number(resourceId),
    });
    const write = await rawApiCall(
      sim,
      'schedule_scheduleresource',
      'add',
      JSON.stringify({
        ks,
        format: 1,
        scheduleResource: { objectType: 'KalturaLocationScheduleResource', name: 'x' },
      }),
      'application/json',
    );
    expect(write).toMatchObject({
      objectType: 'KalturaAPIException',
      code: 'SERVICE_FORBIDDEN',
      args: { SERVICE: 'schedule_scheduleresource->add' },
    });
  });

  it('uses a configured launch base URL', async () => {
    const custom = simClient(sim, { launchBaseUrl: 'https://kaf.example.edu/virtualEvent/launch' });
    const url = await custom.joinUrl({
      resourceId: '1',
      userId: 'u',
      firstName: 'A',
      role: 'attendee',
    });
    expect(url.startsWith('https://kaf.example.edu/virtualEvent/launch?ks=')).toBe(true);
  });

  it('ends a room; ending it again is a typed not-found error', async () => {
    const { resourceId } = await client.createMeetingRoom({ name: 'Short' });
    await client.endMeetingRoom(resourceId);
    expect((await simState(sim)).rooms.find((r) => String(r.id) === resourceId)?.status).toBe(3);
    const error = await client.endMeetingRoom(resourceId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalturaApiError);
    expect(error).toMatchObject({
      kalturaCode: 'SCHEDULE_RESOURCE_ID_NOT_FOUND',
      category: 'not_found',
    });
  });

  it('answers bad input with Kaltura error objects, never a crash', async () => {
    const ks = generateKsV2({
      partnerId: 321,
      adminSecret: TEST_SECRET,
      type: 2,
      userId: '',
      expiresAt: Math.floor(Date.now() / 1000) + 60,
    });
    const noName = await rawApiCall(
      sim,
      'schedule_scheduleresource',
      'add',
      JSON.stringify({ ks, scheduleResource: { objectType: 'KalturaLocationScheduleResource' } }),
      'application/json',
    );
    expect(noName).toMatchObject({
      code: 'PROPERTY_VALIDATION_CANNOT_BE_NULL',
      args: { PROP_NAME: 'name' },
    });
    const unknown = await rawApiCall(
      sim,
      'nosuchservice',
      'list',
      JSON.stringify({ ks }),
      'application/json',
    );
    expect(unknown).toMatchObject({
      objectType: 'KalturaAPIException',
      code: 'SERVICE_DOES_NOT_EXISTS',
      message: 'Service "nosuchservice" does not exists',
    });
    const noAction = await rawApiCall(
      sim,
      'media',
      'explode',
      JSON.stringify({ ks }),
      'application/json',
    );
    expect(noAction).toMatchObject({ code: 'ACTION_DOES_NOT_EXISTS' });
    const response = await fetch(`${sim.url}/api_v3/service/media`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 'ACTION_NOT_SPECIFIED' });
  });
});
