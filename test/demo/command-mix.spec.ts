import { describe, expect, it } from '@jest/globals';
import { Rng } from '@kd/analytics-oracle';
import { commandDefinitions } from '@kd/discord';
import { planCommand, scenarioTour, type PlannedCommand } from '../../tools/demo/command-mix.js';
import { DemoWorld } from '../../tools/demo/demo-world.js';
import { interactionPayload } from '../../tools/demo/interaction-payload.js';

function plans(count: number): { world: DemoWorld; planned: PlannedCommand[] } {
  const world = new DemoWorld(new Rng(7));
  for (let i = 0; i < 6; i++) world.addGuild(10);
  const meeting = world.guilds[0]!;
  world.meetings.set('mtg_open', {
    id: 'mtg_open',
    guildId: meeting.id,
    ownerId: meeting.users[0]!.id,
    resourceId: '10001',
    phase: 'live',
    present: new Set(),
  });
  // One meeting already scheduled in every guild, for /kaltura-cancel to find.
  for (const guild of world.guilds) {
    const id = `sch_${guild.id}`;
    world.scheduled.set(id, { id, guildId: guild.id, ownerId: guild.users[0]!.id });
  }
  const rng = new Rng(11);
  const planned = Array.from({ length: count }, () => planCommand(world, rng)!);
  return { world, planned };
}

/** Every command but /kaltura-forget-me: the demo does not make its members forget themselves. */
const demoCommands = commandDefinitions
  .map((d) => d.name)
  .filter((name) => name !== 'kaltura-forget-me')
  .sort();

describe('the demo command mix', () => {
  const { world, planned } = plans(3_000);

  it('uses every slash command, and sends some denied and invalid ones', () => {
    const used = new Set(planned.map((p) => p.command));
    expect([...used].sort()).toEqual(demoCommands);
    const expectations = planned.map((p) => p.expect);
    for (const e of ['ok', 'denied', 'invalid'] as const) expect(expectations).toContain(e);
  });

  it('plays every slash command in its opening tour, so even a short run uses them all', () => {
    const { world } = plans(0);
    const rng = new Rng(5);
    const opening = scenarioTour.map((scenario) => planCommand(world, rng, scenario)!);
    const used = new Set(opening.map((p) => p.command));
    expect([...used].sort()).toEqual(demoCommands);
  });

  it('has members try the admin commands they may not use, and admins run the admin commands', () => {
    for (const p of planned.filter((x) => x.expect === 'denied')) expect(p.user.admin).toBe(false);
    const admin = ['kaltura-config-view', 'kaltura-config-update', 'kaltura-stats', 'kaltura-end'];
    for (const p of planned.filter((x) => x.expect === 'ok' && admin.includes(x.command)))
      expect(p.user.admin).toBe(true);
  });

  it('joins and ends only meetings still open in the same guild', () => {
    for (const p of planned.filter((x) => x.meeting)) {
      expect(p.meeting?.guildId).toBe(p.guild.id);
      expect(p.options['meeting-id']).toBe(p.meeting?.id);
    }
    expect(planned.some((p) => p.meeting?.id === 'mtg_open')).toBe(true);
  });

  it('spreads the traffic over the guilds, busier ones first', () => {
    const per = world.guilds.map((g) => planned.filter((p) => p.guild === g).length);
    expect(per.every((n) => n > 0)).toBe(true);
    expect(per[0]).toBeGreaterThan(per[5]!);
  });

  it('builds the interaction Discord would send, options typed, permissions by role', () => {
    const start = planned.find((p) => p.command === 'kaltura-video-search' && 'limit' in p.options);
    const payload = interactionPayload(start!) as {
      guild_id: string;
      member: { user: { id: string }; permissions: string };
      data: { name: string; options: { name: string; type: number }[] };
    };
    expect(payload.guild_id).toBe(start!.guild.id);
    expect(payload.member.user.id).toBe(start!.user.id);
    expect(payload.data.name).toBe('kaltura-video-search');
    expect(payload.data.options).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'query', type: 3 }),
        expect.objectContaining({ name: 'limit', type: 4 }),
      ]),
    );
    expect(BigInt(payload.member.permissions) & (1n << 5n)).toBe(0n);
  });

  it('presses the Join button for most joins, as a MESSAGE_COMPONENT with a kd1 custom_id', () => {
    const joins = planned.filter((p) => p.command === 'kaltura-join');
    const pressed = joins.filter((p) => p.via === 'button');
    expect(pressed.length).toBeGreaterThan(0);
    expect(pressed.length).toBeLessThan(joins.length);
    const payload = interactionPayload(pressed[0]!) as {
      type: number;
      data: { custom_id: string; component_type: number };
    };
    expect(payload.type).toBe(3);
    expect(payload.data).toEqual({
      custom_id: `kd1:join:${String(pressed[0]!.options['meeting-id'])}`,
      component_type: 2,
    });
  });
});
