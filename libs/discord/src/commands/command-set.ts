import type { z } from 'zod';
import {
  kalturaConfigReset,
  kalturaConfigUpdate,
  kalturaConfigView,
  kalturaStats,
  kalturaForgetMe,
} from './admin-commands.js';
import type { CommandDefinition } from './command-definition.js';
import {
  kalturaEnd,
  kalturaJoin,
  kalturaList,
  kalturaStart,
  kalturaVideoSearch,
} from './meeting-commands.js';
import { kalturaCancel, kalturaSchedule } from './schedule-commands.js';

/** Bump when the set changes (a command added, removed, or any command's version bumped). */
export const COMMAND_SET_VERSION = 3;

/** Every slash command of the app, in the order Discord lists them. */
export const commandDefinitions = [
  kalturaStart,
  kalturaJoin,
  kalturaList,
  kalturaEnd,
  kalturaVideoSearch,
  kalturaConfigView,
  kalturaConfigUpdate,
  kalturaConfigReset,
  kalturaStats,
  kalturaForgetMe,
  kalturaSchedule,
  kalturaCancel,
] as const;

type Definitions = (typeof commandDefinitions)[number];
export type CommandName = Definitions['name'];
export type DefinitionOf<N extends CommandName> = Extract<Definitions, { name: N }>;
/** The checked options a handler of command N receives. */
export type OptionsOf<N extends CommandName> = z.output<DefinitionOf<N>['optionsSchema']>;

const byName = new Map<string, CommandDefinition>(commandDefinitions.map((d) => [d.name, d]));

export function findCommand(name: string): CommandDefinition | undefined {
  return byName.get(name);
}

export function isCommandName(name: string): name is CommandName {
  return byName.has(name);
}
