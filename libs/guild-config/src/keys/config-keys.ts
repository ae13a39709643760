import { supportedLocales } from '@kd/i18n';
import { z } from 'zod';
import {
  alwaysEnabledCommands,
  commandNames,
  featureNames,
  notificationKinds,
  type CommandName,
} from '../schema/config-catalog.js';
import {
  accessListSchema,
  channelSchema,
  kalturaRoleSchema,
  localeSchema,
  permissionNamesSchema,
  reminderMinutesSchema,
  snowflakePattern,
  timezoneSchema,
} from '../schema/leaf-schemas.js';
import { maxTemplateLength, templatePlaceholders, templateSchema } from '../schema/templates.js';

export type LeafKind =
  | 'boolean'
  | 'template'
  | 'channel'
  | 'access_list'
  | 'permission_names'
  | 'kaltura_role'
  | 'timezone'
  | 'locale'
  | 'minutes';

/** One settable key: what its value must be, and how to say so to a person. */
export interface ConfigLeaf {
  kind: LeafKind;
  schema: z.ZodType;
  expected: string;
  /** A map entry that exists only while set (`roles.mapping.<roleId>`); no default. */
  entry: boolean;
}

export const roleMappingPrefix = 'roles.mapping.';

const expected = {
  boolean: 'true or false',
  channel: 'a channel id or #channel mention, or "default" (the channel the meeting started from)',
  access_list:
    'a list of "everyone", Discord permission names (e.g. ManageGuild) or role ids, as ["ManageGuild"] or ManageGuild, <roleId>',
  permission_names: 'a list of Discord permission names, as ["ManageGuild", "ManageEvents"]',
  kaltura_role: 'adminRole or viewerRole',
  timezone: 'an IANA time zone such as Europe/Berlin, America/New_York or UTC',
  locale: `one of ${supportedLocales.join(', ')}`,
  minutes: 'a whole number of minutes from 0 (off) to 1440',
} as const;

const leaf = (kind: Exclude<LeafKind, 'template'>, schema: z.ZodType): ConfigLeaf => ({
  kind,
  schema,
  expected: expected[kind],
  entry: false,
});

const enabledLeaf = (command: CommandName): ConfigLeaf =>
  alwaysEnabledCommands.includes(command)
    ? leaf(
        'boolean',
        z
          .boolean()
          .refine((on) => on, `${command} cannot be disabled: admins need it to undo changes`),
      )
    : leaf('boolean', z.boolean());

function buildLeaves(): ReadonlyMap<string, ConfigLeaf> {
  const leaves = new Map<string, ConfigLeaf>([
    ['general.timezone', leaf('timezone', timezoneSchema)],
    ['general.locale', leaf('locale', localeSchema)],
    ['notifications.enabled', leaf('boolean', z.boolean())],
    ['notifications.living_message', leaf('boolean', z.boolean())],
    ['notifications.reminder_minutes', leaf('minutes', reminderMinutesSchema)],
  ]);
  for (const kind of notificationKinds) {
    leaves.set(`notifications.types.${kind}`, leaf('boolean', z.boolean()));
    leaves.set(`notifications.templates.${kind}`, {
      kind: 'template',
      schema: templateSchema(kind),
      expected: `text of at most ${maxTemplateLength} characters; placeholders: ${templatePlaceholders[kind].map((p) => `{{${p}}}`).join(', ')}`,
      entry: false,
    });
    leaves.set(`notifications.channels.${kind}`, leaf('channel', channelSchema));
  }
  for (const command of commandNames) {
    leaves.set(`commands.enabled.${command}`, enabledLeaf(command));
    leaves.set(`commands.permissions.${command}`, leaf('access_list', accessListSchema));
  }
  leaves.set('roles.default', leaf('kaltura_role', kalturaRoleSchema));
  leaves.set('roles.moderator_permissions', leaf('permission_names', permissionNamesSchema));
  for (const feature of featureNames)
    leaves.set(`features.${feature}`, leaf('boolean', z.boolean()));
  return leaves;
}

/** Every fixed key, e.g. `notifications.templates.meeting_start`. */
export const fixedLeaves = buildLeaves();

const roleMappingLeaf: ConfigLeaf = { ...leaf('kaltura_role', kalturaRoleSchema), entry: true };

/** Every key a person can type, with `<roleId>` standing for any role id. */
export const knownKeyPatterns: readonly string[] = [
  ...fixedLeaves.keys(),
  `${roleMappingPrefix}<roleId>`,
];

export function leafOf(key: string): ConfigLeaf | undefined {
  const fixed = fixedLeaves.get(key);
  if (fixed) return fixed;
  if (!key.startsWith(roleMappingPrefix)) return undefined;
  return snowflakePattern.test(key.slice(roleMappingPrefix.length)) ? roleMappingLeaf : undefined;
}
