import type { FlatConfig } from '../config/config-state.js';
import type { IdMint } from './id-mint.js';
import type { Rng } from './prng.js';
import type { Timeline } from './timeline.js';

/** What every simulated guild shares. */
export interface World {
  timeline: Timeline;
  mint: IdMint;
  defaults: FlatConfig;
  startMs: number;
  nowMs: number;
  /** Share of gateway-delivered events recorded hours late. */
  lateRate: number;
  lateIds: string[];
}

/** One guild being simulated: its own random stream, people, channels and configuration. */
export interface GuildSim {
  world: World;
  rng: Rng;
  guildId: string;
  users: string[];
  channels: string[];
  roles: string[];
  config: FlatConfig;
  /** Per-guild appetite for each command (0 = never used here). */
  commandWeights: (readonly [string, number])[];
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** recordedAt delay: milliseconds normally; hours for a share of gateway events (late arrivals). */
export function deliveryDelay(sim: GuildSim, id: string, viaGateway: boolean): number {
  if (viaGateway && sim.rng.chance(sim.world.lateRate)) {
    sim.world.lateIds.push(id);
    return sim.rng.int(HOUR_MS, 72 * HOUR_MS);
  }
  return sim.rng.int(3, 900);
}
