import { simulateConfigReset, simulateConfigUpdate } from './config-simulation.js';
import {
  issueCommand,
  type IssuedCommand,
  type OptionValue,
  type Outcome,
} from './issue-command.js';
import { simulateMeeting } from './meeting-simulation.js';
import type { Rng } from './prng.js';
import type { GuildSim } from './world.js';

/** Usual appetite per command; a guild scales these by its own taste. */
export const baseCommandWeights: readonly (readonly [string, number])[] = [
  ['kaltura-start', 17],
  ['kaltura-list', 22],
  ['kaltura-join', 4],
  ['kaltura-end', 3],
  ['kaltura-video-search', 16],
  ['kaltura-config-view', 9],
  ['kaltura-config-update', 9],
  ['kaltura-config-reset', 2],
  ['kaltura-stats', 8],
  ['kaltura-schedule', 3],
  ['kaltura-cancel', 1],
];

const adminCommands = new Set(['kaltura-config-update', 'kaltura-config-reset']);

function outcomeOf(rng: Rng, command: string): Outcome {
  // A successful join or end needs a live meeting: those come from the meeting simulation.
  if (command === 'kaltura-join' || command === 'kaltura-end') {
    return rng.weighted([
      ['error', 2],
      ['denied', 1],
      ['invalid', 3],
    ]);
  }
  const denied = adminCommands.has(command) ? 12 : 4;
  return rng.weighted([
    ['ok', 86],
    ['error', 5],
    ['denied', denied],
    ['invalid', 4],
  ]);
}

function optionsOf(rng: Rng, command: string): Record<string, OptionValue> {
  switch (command) {
    case 'kaltura-start':
      return {
        title: `Session ${rng.hex(4)}`,
        type: rng.pick(['meeting', 'webinar', 'classroom']),
      };
    case 'kaltura-video-search':
      return { query: rng.pick(['lecture', 'onboarding', 'demo', 'q&a']), limit: rng.int(1, 10) };
    case 'kaltura-join':
    case 'kaltura-end':
      return { meeting: `mtg_${rng.hex(12)}` };
    case 'kaltura-config-reset':
      return { section: rng.pick(['all', 'notifications', 'roles']) };
    default:
      return {};
  }
}

/** A failed `/kaltura-start` also records the Kaltura call that failed. */
function emitApiFailure(sim: GuildSim, command: IssuedCommand): void {
  sim.world.timeline.emit(
    'kaltura.api_failed',
    {
      service: 'schedule_scheduleresource',
      action: 'add',
      code: 'SERVICE_FORBIDDEN',
      message: 'Synthetic failure',
      meetingId: null,
      interactionId: command.id,
    },
    {
      at: command.at + 300,
      guildId: sim.guildId,
      actor: { kind: 'system', id: 'api' },
      correlationId: command.correlationId,
      causationId: command.id,
      id: sim.rng.uuid(),
      delayMs: 50,
    },
  );
}

/** A member runs a command at `at`; an ok start/config command has its effects. */
export function randomCommand(sim: GuildSim, at: number): void {
  const { rng } = sim;
  const command = rng.weighted(sim.commandWeights);
  const userId = sim.users[rng.skewedIndex(sim.users.length)] as string;
  const outcome = outcomeOf(rng, command);
  const options = optionsOf(rng, command);
  const issued = issueCommand(sim, { at, command, outcome, userId, options });
  if (outcome === 'error' && command === 'kaltura-start') emitApiFailure(sim, issued);
  if (outcome !== 'ok') return;
  if (command === 'kaltura-start') simulateMeeting(sim, issued);
  else if (command === 'kaltura-config-update') simulateConfigUpdate(sim, issued);
  else if (command === 'kaltura-config-reset') simulateConfigReset(sim, issued);
}
