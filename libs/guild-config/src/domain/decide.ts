import type { PayloadOf } from '@kd/events';
import { parseSection } from '../keys/parse-config-key.js';
import { validateUpdate } from '../keys/validate-update.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';
import { effectiveConfig } from './effective-config.js';
import { jsonEqual, valueAt } from './json-value.js';
import type { ConfigOverrides } from './overrides.js';

export interface GuildConfigState {
  defaults: GuildConfig;
  overrides: ConfigOverrides;
}

export interface UpdateConfigCommand {
  /** Full dotted key. */
  key: string;
  /** Raw text from Discord, or a JSON value from an overrides file; null/"" removes. */
  value: unknown;
  actorUserId: string;
}

export interface ResetConfigCommand {
  section: string;
  actorUserId: string;
}

type Json = PayloadOf<'config.updated'>['newValue'];

/**
 * The `config.updated` payload for a change, or null when the effective value would not change.
 * Throws CONFIG.UNKNOWN_SECTION / UNKNOWN_KEY / INVALID_VALUE.
 */
export function decideUpdate(
  state: GuildConfigState,
  command: UpdateConfigCommand,
): PayloadOf<'config.updated'> | null {
  const { key, value } = validateUpdate(command.key, command.value);
  const oldValue = (valueAt(effectiveConfig(state.defaults, state.overrides), key) ?? null) as Json;
  const newEffective = value === null ? (valueAt(state.defaults, key) ?? null) : value;
  if (jsonEqual(oldValue, newEffective)) return null;
  const newValue = (typeof value === 'object' && value !== null ? [...value] : value) as Json;
  return { key, oldValue, newValue, actorUserId: command.actorUserId };
}

/** The `config.reset` payload, or null when the section overrides nothing. */
export function decideReset(
  state: GuildConfigState,
  command: ResetConfigCommand,
): PayloadOf<'config.reset'> | null {
  const wanted = command.section.trim().toLowerCase();
  const section = wanted === 'all' ? 'all' : parseSection(wanted);
  const touched = Object.keys(state.overrides).some(
    (key) => section === 'all' || key.startsWith(`${section}.`),
  );
  return touched ? { section, actorUserId: command.actorUserId } : null;
}
