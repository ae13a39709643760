import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { personal } from '../personal/personal-field.js';

export const configSections = [
  'all',
  'general',
  'notifications',
  'commands',
  'roles',
  'features',
] as const;

const byGuild = ({ guildId }: { guildId: string | null }) => guildId;

export const configUpdated = defineEvent({
  type: 'config.updated',
  version: 1,
  aggregate: 'config',
  schema: z.object({
    key: z
      .string()
      .regex(/^[a-z_]+(\.[A-Za-z0-9_-]+)+$/, 'must be a dotted key like "section.key"'),
    oldValue: z.json(),
    newValue: z.json(),
    actorUserId: personal(z.string().min(1).max(64)),
  }),
  aggregateId: byGuild,
});

export const configReset = defineEvent({
  type: 'config.reset',
  version: 1,
  aggregate: 'config',
  schema: z.object({
    section: z.enum(configSections),
    actorUserId: personal(z.string().min(1).max(64)),
  }),
  aggregateId: byGuild,
});
