import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { nonNegativeInt } from '../primitives.js';

const byGuild = ({ guildId }: { guildId: string | null }) => guildId;

export const guildInstalled = defineEvent({
  type: 'guild.installed',
  version: 1,
  aggregate: 'guild',
  schema: z.object({ name: z.string().max(100), memberCount: nonNegativeInt.nullable() }),
  aggregateId: byGuild,
});

export const guildUninstalled = defineEvent({
  type: 'guild.uninstalled',
  version: 1,
  aggregate: 'guild',
  schema: z.object({}),
  aggregateId: byGuild,
});

export const guildMemberCountChanged = defineEvent({
  type: 'guild.member_count_changed',
  version: 1,
  aggregate: 'guild',
  schema: z.object({ memberCount: nonNegativeInt }),
  aggregateId: byGuild,
});
