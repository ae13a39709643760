import type { z } from 'zod';
import { personalFieldsOf, personalOwnersOf } from './personal/personal-field.js';

export const aggregates = [
  'guild',
  'command',
  'meeting',
  'config',
  'notification',
  'kaltura',
  'auth',
  'person',
] as const;
export type Aggregate = (typeof aggregates)[number];

/** The parts of an envelope an aggregate id may be derived from. */
export interface AggregateSource<TPayload> {
  /** The event's own id. */
  id: string;
  guildId: string | null;
  causationId?: string | undefined;
  payload: TPayload;
}

/** An older version of an event type and the pure function that lifts it one version up. */
export interface Upcaster {
  fromVersion: number;
  schema: z.ZodType;
  up(payload: never): unknown;
}

export interface EventDefinition<TType extends string, TSchema extends z.ZodType> {
  type: TType;
  version: number;
  aggregate: Aggregate;
  schema: TSchema;
  aggregateId(source: AggregateSource<z.output<TSchema>>): string | null | undefined;
  /**
   * The aggregate id is the source's own id (a Discord interaction, a Kaltura notification job):
   * the store appends with "no earlier message on this subject", which makes the dedupe
   * permanent rather than limited to the JetStream duplicate window.
   */
  firstOnSubject: boolean;
  /** Ordered oldest first; `upcasters[i].fromVersion === i + 1`. */
  upcasters: readonly Upcaster[];
  /** Payload fields marked `personal()`: sealed when appended (docs/privacy.md). */
  personal: readonly string[];
  /** Personal fields sealed under the person another field names (a display name): field → owner. */
  personalOwners: Readonly<Record<string, string>>;
}

export function defineEvent<TType extends string, TSchema extends z.ZodType>(
  definition: Omit<EventDefinition<TType, TSchema>, 'upcasters' | 'firstOnSubject' | 'personal' | 'personalOwners'> &
    Partial<Pick<EventDefinition<TType, TSchema>, 'upcasters' | 'firstOnSubject'>>,
): EventDefinition<TType, TSchema> {
  const upcasters = definition.upcasters ?? [];
  upcasters.forEach((u, i) => {
    if (u.fromVersion !== i + 1)
      throw new Error(`${definition.type}: upcaster ${i} must start at v${i + 1}`);
  });
  if (upcasters.length !== definition.version - 1) {
    throw new Error(
      `${definition.type}: v${definition.version} needs ${definition.version - 1} upcasters`,
    );
  }
  return {
    firstOnSubject: false,
    ...definition,
    upcasters,
    personal: personalFieldsOf(definition.schema),
    personalOwners: personalOwnersOf(definition.schema),
  };
}
