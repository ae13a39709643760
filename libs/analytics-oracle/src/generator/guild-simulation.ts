import { DAY_MS, dayOf } from '../time/utc-time.js';
import type { Rng } from './prng.js';
import { baseCommandWeights, randomCommand } from './random-command.js';
import { deliveryDelay, type GuildSim, type World } from './world.js';

/** A simulated guild, for the hostile additions that need one. */
export interface GuildOutline {
  sim: GuildSim;
  firstInstallAt: number;
}

const gatewayActor = { kind: 'system', id: 'discord-gateway' } as const;

export function newGuildSim(world: World, rng: Rng, createdAt: number): GuildSim {
  const members = (n: number, from: number, to: number) =>
    Array.from({ length: n }, () => world.mint.snowflakeAt(rng.int(from, to)));
  const userSince = Date.UTC(2016, 0, 1);
  return {
    world,
    rng,
    guildId: world.mint.snowflakeAt(createdAt),
    users: members(rng.int(3, 30), userSince, createdAt),
    channels: members(rng.int(1, 4), createdAt, createdAt + DAY_MS),
    roles: members(rng.int(2, 5), createdAt, createdAt + DAY_MS),
    config: new Map(world.defaults),
    commandWeights: baseCommandWeights.map(([name, w]) => {
      const essential = name === 'kaltura-start' || name === 'kaltura-list';
      return [name, !essential && rng.chance(0.2) ? 0 : w * rng.float(0.5, 1.5)] as const;
    }),
  };
}

function emitGuildEvent(
  sim: GuildSim,
  at: number,
  event:
    | { type: 'installed'; memberCount: number | null }
    | { type: 'uninstalled' }
    | { type: 'count'; memberCount: number },
): void {
  const id = sim.rng.uuid();
  const stamp = {
    at,
    guildId: sim.guildId,
    actor: gatewayActor,
    correlationId: `gw-${id}`,
    id,
    delayMs: deliveryDelay(sim, id, true),
  };
  const { timeline } = sim.world;
  if (event.type === 'installed') {
    timeline.emit(
      'guild.installed',
      { name: `Guild ${sim.guildId.slice(-5)}`, memberCount: event.memberCount },
      stamp,
    );
  } else if (event.type === 'uninstalled') timeline.emit('guild.uninstalled', {}, stamp);
  else timeline.emit('guild.member_count_changed', { memberCount: event.memberCount }, stamp);
}

/** Days with commands, rarer as the guild ages; `from`–`until` is one installed stretch. */
function simulateActivity(sim: GuildSim, from: number, until: number): void {
  const { rng } = sim;
  const p0 = rng.float(0.5, 0.97);
  const tau = rng.float(60, 500);
  const rate = rng.float(1.5, 5);
  for (let day = dayOf(from); day <= dayOf(until); day += 1) {
    const p = Math.max(0.3 * p0, p0 * Math.exp(-(day - dayOf(from)) / tau));
    const lo = Math.max(from, day * DAY_MS);
    const hi = Math.min(until, (day + 1) * DAY_MS - 1);
    if (hi <= lo || !rng.chance(p)) continue;
    const n = 1 + Math.round(rng.exponential(rate));
    for (let k = 0; k < n; k += 1) randomCommand(sim, rng.int(lo, hi));
  }
}

/** Member counts drift every few days; a guild installed without a count may learn one. */
function simulateMemberCounts(
  sim: GuildSim,
  from: number,
  until: number,
  start: number | null,
): void {
  const { rng } = sim;
  let count = start;
  for (let at = from + rng.int(2, 20) * DAY_MS; at < until; at += rng.int(4, 20) * DAY_MS) {
    if (count === null && rng.chance(0.6)) continue;
    const base = count ?? sim.users.length * 2;
    count = Math.max(1, Math.round(base * (1 + 0.05 * rng.normal())) + rng.int(-1, 2));
    emitGuildEvent(sim, at, { type: 'count', memberCount: count });
  }
}

function installTime(world: World, rng: Rng): number {
  const days = Math.floor((world.nowMs - world.startMs) / DAY_MS);
  const day = rng.chance(0.3) ? rng.int(0, Math.min(13, days - 1)) : rng.int(0, days - 1);
  return Math.min(world.nowMs - 1, world.startMs + day * DAY_MS + rng.int(0, DAY_MS - 1));
}

/** One guild: install, activity that decays, churn, sometimes an uninstall and a comeback. */
export function simulateGuild(world: World, rng: Rng): GuildOutline {
  const firstInstallAt = installTime(world, rng);
  const sim = newGuildSim(world, rng, firstInstallAt - rng.int(1, 2000) * DAY_MS);
  const members = rng.chance(0.15)
    ? null
    : Math.max(sim.users.length, Math.round(sim.users.length * rng.float(1.2, 4)));
  let installAt = firstInstallAt;
  for (let stretch = 0; stretch < 3 && installAt < world.nowMs; stretch += 1) {
    emitGuildEvent(sim, installAt, {
      type: 'installed',
      memberCount: stretch > 0 && rng.chance(0.3) ? null : members,
    });
    const churnAt = installAt + rng.exponential(180) * DAY_MS;
    const uninstallAt = churnAt + rng.int(0, 14) * DAY_MS;
    const uninstalls = uninstallAt < world.nowMs && rng.chance(0.6);
    const until = uninstalls ? uninstallAt : world.nowMs;
    simulateActivity(sim, installAt, Math.min(churnAt, world.nowMs));
    simulateMemberCounts(sim, installAt, until, members);
    if (!uninstalls) break;
    emitGuildEvent(sim, uninstallAt, { type: 'uninstalled' });
    if (!rng.chance(0.4)) break;
    installAt = uninstallAt + rng.int(3, 45) * DAY_MS;
  }
  return { sim, firstInstallAt };
}
