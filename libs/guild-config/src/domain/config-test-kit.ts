import type { PayloadOf } from '@kd/events';
import { loadDefaultConfig } from '../defaults/load-default-config.js';
import type { ConfigEvent } from './overrides.js';

/** Given/when helpers for the unit specs of this lib (not exported from the lib). */
export const defaults = loadDefaultConfig();
export const roleA = '223456789012345678';
export const roleB = '223456789012345679';
export const channel = '323456789012345678';

export function updated(
  key: string,
  newValue: PayloadOf<'config.updated'>['newValue'],
  oldValue: PayloadOf<'config.updated'>['oldValue'] = null,
): ConfigEvent {
  return { type: 'config.updated', payload: { key, oldValue, newValue, actorUserId: 'u1' } };
}

export function reset(section: PayloadOf<'config.reset'>['section']): ConfigEvent {
  return { type: 'config.reset', payload: { section, actorUserId: 'u1' } };
}
