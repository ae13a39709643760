import { z } from 'zod';
import {
  commandNames,
  featureNames,
  notificationKinds,
  type NotificationKind,
} from './config-catalog.js';
import {
  accessListSchema,
  channelSchema,
  kalturaRoleSchema,
  localeSchema,
  permissionNamesSchema,
  reminderMinutesSchema,
  roleIdSchema,
  timezoneSchema,
} from './leaf-schemas.js';
import { templateSchema } from './templates.js';

function fixedMap<K extends string, S extends z.ZodType>(keys: readonly K[], value: (key: K) => S) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, S>);
}

const templates = z.strictObject(
  Object.fromEntries(notificationKinds.map((k) => [k, templateSchema(k)])) as {
    [K in NotificationKind]: ReturnType<typeof templateSchema>;
  },
);

/** The whole configuration of one guild: config/default_config.json, or defaults + overrides. */
export const guildConfigSchema = z.strictObject({
  general: z.strictObject({ timezone: timezoneSchema, locale: localeSchema }),
  notifications: z.strictObject({
    enabled: z.boolean(),
    /** One message per meeting edited through its lifecycle; false = a post per event. */
    living_message: z.boolean(),
    reminder_minutes: reminderMinutesSchema,
    types: fixedMap(notificationKinds, () => z.boolean()),
    templates,
    channels: fixedMap(notificationKinds, () => channelSchema),
  }),
  commands: z.strictObject({
    enabled: fixedMap(commandNames, () => z.boolean()),
    permissions: fixedMap(commandNames, () => accessListSchema),
  }),
  roles: z.strictObject({
    mapping: z.record(roleIdSchema, kalturaRoleSchema),
    default: kalturaRoleSchema,
    moderator_permissions: permissionNamesSchema,
  }),
  features: fixedMap(featureNames, () => z.boolean()),
});

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Effective configurations are shared through the cache and frozen: read-only by type too. */
export type GuildConfig = DeepReadonly<z.output<typeof guildConfigSchema>>;
