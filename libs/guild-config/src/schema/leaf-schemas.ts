import { z } from 'zod';
import { supportedLocales } from '@kd/i18n';
import { everyone, kalturaRoles } from './config-catalog.js';
import { discordPermissionNames, isDiscordPermissionName } from './discord-permissions.js';

export const snowflakePattern = /^\d{17,20}$/;
const snowflake = z.string().regex(snowflakePattern, 'must be a Discord id (17–20 digits)');

export const kalturaRoleSchema = z.enum(kalturaRoles);

/** A Discord channel id, or `default`: the channel the meeting was started from. */
export const channelSchema = z.union([z.literal('default'), snowflake], {
  error: 'must be a Discord channel id or "default"',
});

const accessEntry = z.string().superRefine((entry, ctx) => {
  if (entry === everyone || snowflakePattern.test(entry) || isDiscordPermissionName(entry)) return;
  ctx.addIssue({
    code: 'custom',
    message: `"${entry}" is neither "everyone", a Discord permission name (e.g. ManageGuild) nor a role id`,
  });
});

/** Who may use a command: any one matching entry is enough. */
export const accessListSchema = z
  .array(accessEntry)
  .min(1, 'must name at least one of "everyone", a permission or a role id')
  .max(25)
  .refine((list) => new Set(list).size === list.length, 'must not repeat an entry');

export const permissionNamesSchema = z
  .array(z.enum(discordPermissionNames))
  .max(16)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a permission');

export const roleIdSchema = snowflake;

/** An IANA time zone the runtime knows (`Europe/Berlin`, `UTC`). */
export const timezoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length <= 64;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin or UTC');

export const localeSchema = z.enum(supportedLocales, {
  error: `must be one of ${supportedLocales.join(', ')}`,
});

/** Minutes before a scheduled start to send the reminder; 0 turns reminders off. */
export const reminderMinutesSchema = z
  .number({ error: 'must be a whole number of minutes' })
  .int('must be a whole number of minutes')
  .min(0, 'must be 0 (off) or more')
  .max(1440, 'must be at most 1440 (one day)');
