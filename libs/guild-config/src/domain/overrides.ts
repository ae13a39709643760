import type { PayloadOf } from '@kd/events';
import type { ConfigValue } from '../keys/validate-update.js';

/**
 * What a guild changed, as dotted key → value (`notifications.types.meeting_end: false`). A key
 * that is absent takes its default; a role mapping exists only while its key is present.
 */
export type ConfigOverrides = Readonly<Record<string, ConfigValue>>;

/** The config events evolve understands; any recorded `DomainEvent` of these types fits. */
export type ConfigEvent =
  | { type: 'config.updated'; payload: PayloadOf<'config.updated'> }
  | { type: 'config.reset'; payload: PayloadOf<'config.reset'> };

/** Every `ConfigEvent` type, once: the guard below and the projection's `handles` read it. */
const configEventTypeSet: { readonly [T in ConfigEvent['type']]: true } = {
  'config.updated': true,
  'config.reset': true,
};
export const configEventTypes = Object.keys(configEventTypeSet) as ConfigEvent['type'][];

export const emptyOverrides: ConfigOverrides = Object.freeze({});

export function evolveConfig(overrides: ConfigOverrides, event: ConfigEvent): ConfigOverrides {
  switch (event.type) {
    case 'config.updated': {
      const { key, newValue } = event.payload;
      const rest = Object.fromEntries(Object.entries(overrides).filter(([k]) => k !== key));
      return newValue === null ? rest : { ...rest, [key]: newValue as ConfigValue };
    }
    case 'config.reset': {
      const { section } = event.payload;
      if (section === 'all') return emptyOverrides;
      return Object.fromEntries(
        Object.entries(overrides).filter(([k]) => !k.startsWith(`${section}.`)),
      );
    }
  }
}

export function isConfigEvent(event: { type: string }): event is ConfigEvent {
  return Object.hasOwn(configEventTypeSet, event.type);
}

export function foldConfigEvents(events: Iterable<{ type: string }>): ConfigOverrides {
  let overrides = emptyOverrides;
  for (const event of events) if (isConfigEvent(event)) overrides = evolveConfig(overrides, event);
  return overrides;
}
