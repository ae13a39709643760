import { applyConfigReset, applyConfigUpdate } from '../config/config-state.js';
import type { JsonValue } from '../json.js';
import type { IssuedCommand } from './issue-command.js';
import type { Emit } from './timeline.js';
import type { GuildSim } from './world.js';

type KeyFamily = 'template' | 'role' | 'enabled' | 'type' | 'channel' | 'command' | 'feature';
type Section = 'all' | 'notifications' | 'commands' | 'roles' | 'features';

const families: (readonly [KeyFamily, number])[] = [
  ['template', 25],
  ['role', 25],
  ['enabled', 6],
  ['type', 12],
  ['channel', 12],
  ['command', 12],
  ['feature', 8],
];

const parse = (json: string | undefined): JsonValue =>
  json === undefined ? null : (JSON.parse(json) as JsonValue);

/** Existing leaf names under a prefix of the defaults, plus a made-up one. */
function leafUnder(sim: GuildSim, prefix: string, extra: string): string {
  const names = [...sim.world.defaults.keys()]
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
  return `${prefix}${sim.rng.pick([...names, extra])}`;
}

function customValue(sim: GuildSim, family: KeyFamily, current: JsonValue): JsonValue {
  const { rng } = sim;
  switch (family) {
    case 'template':
      return `Custom ${rng.hex(6)}: {{title}}`;
    case 'role':
      return rng.pick(['moderator', 'viewer', 'presenter']);
    case 'channel':
      return rng.pick(sim.channels);
    case 'enabled':
    case 'type':
    case 'command':
    case 'feature':
      return typeof current === 'boolean' ? !current : rng.chance(0.5);
  }
}

function keyOf(sim: GuildSim, family: KeyFamily): string {
  switch (family) {
    case 'template':
      return leafUnder(sim, 'notifications.templates.', 'welcome');
    case 'role':
      return `roles.mapping.${sim.rng.pick(sim.roles)}`;
    case 'enabled':
      return 'notifications.enabled';
    case 'type':
      return leafUnder(sim, 'notifications.types.', 'member_joined');
    case 'channel':
      return `notifications.channels.${sim.rng.pick(['meeting_start', 'meeting_end', 'recording_ready'])}`;
    case 'command':
      return leafUnder(sim, 'commands.enabled.', 'kaltura-stats');
    case 'feature':
      return leafUnder(sim, 'features.', 'polls');
  }
}

/** An ok `/kaltura-config-update`: one key set, sometimes back to its default value. */
export function simulateConfigUpdate(sim: GuildSim, command: IssuedCommand): void {
  const family = sim.rng.weighted(families);
  const key = keyOf(sim, family);
  const oldValue = parse(sim.config.get(key));
  const backToDefault = sim.rng.chance(0.25);
  const newValue = backToDefault
    ? parse(sim.world.defaults.get(key))
    : customValue(sim, family, oldValue);
  applyConfigUpdate(sim.config, key, newValue);
  sim.world.timeline.emit(
    'config.updated',
    { key, oldValue, newValue, actorUserId: command.userId },
    causedBy(sim, command),
  );
}

/** An ok `/kaltura-config-reset` of a section or everything. */
export function simulateConfigReset(sim: GuildSim, command: IssuedCommand): void {
  const sections: (readonly [Section, number])[] = [
    ['notifications', 30],
    ['roles', 25],
    ['commands', 15],
    ['features', 10],
    ['all', 20],
  ];
  const section = sim.rng.weighted(sections);
  applyConfigReset(sim.config, section, sim.world.defaults);
  sim.world.timeline.emit(
    'config.reset',
    { section, actorUserId: command.userId },
    causedBy(sim, command),
  );
}

/** Envelope fields of an event caused by `command`, a moment after it. */
function causedBy(sim: GuildSim, command: IssuedCommand): Emit {
  return {
    at: command.at + sim.rng.int(20, 400),
    guildId: sim.guildId,
    actor: { kind: 'user', id: command.userId },
    correlationId: command.correlationId,
    causationId: command.id,
    id: sim.rng.uuid(),
    delayMs: sim.rng.int(3, 200),
  };
}
