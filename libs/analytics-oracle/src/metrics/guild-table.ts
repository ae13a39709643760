import type { History } from '../history/history.types.js';
import type { GuildRow } from '@kd/analytics';
import { dayToIso, msToIso } from '../time/utc-time.js';
import { installDayOf } from './command-window.js';
import { guildOverrides } from './customization-summary.js';

/** Every guild id seen in an event up to `now`, installed or not. */
export function guildTable(history: History): GuildRow[] {
  return [...history.guilds.values()]
    .sort((a, b) => (a.guildId < b.guildId ? -1 : 1))
    .map((g) => {
      const kinds = guildOverrides(history, g);
      const installDay = installDayOf(g);
      return {
        guild_id: g.guildId,
        first_installed_at: g.firstInstallAt === null ? null : msToIso(g.firstInstallAt),
        install_day: installDay === null ? null : dayToIso(installDay),
        installed: g.installed,
        member_count: g.memberCount,
        has_override: kinds.any,
        has_template_override: kinds.template,
        has_role_mapping_override: kinds.roleMapping,
        has_notification_override: kinds.notification,
      };
    });
}
