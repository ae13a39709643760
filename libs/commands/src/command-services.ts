import type { EventStore } from '@kd/event-store';
import type { GuildConfigService } from '@kd/guild-config';
import type { GuildInsights } from '@kd/analytics';
import type { KalturaClient } from '@kd/kaltura';
import type { MeetingQueries, MeetingService, VideoAccessService } from '@kd/meetings';
import type { Logger } from '@kd/observability';
import type { StartRateLimiter } from './limits/start-rate-limiter.js';
import type { DiscordEvents } from './schedule/discord-event-link.js';

/** What the command handlers work with; Kaltura parts are absent when it is not configured. */
export interface CommandServices {
  store: Pick<EventStore, 'append'>;
  guildConfig: GuildConfigService;
  /** The meetings read model; a function, as the pool may connect after start. */
  meetingQueries: () => MeetingQueries;
  meetings: MeetingService | undefined;
  kaltura: KalturaClient | undefined;
  /** What each guild's video search may see (its recordings, operator-granted categories). */
  videoAccess: Pick<VideoAccessService, 'scope'>;
  logger: Logger;
  /** A guild's own figures from the analytics read models; undefined when nothing is recorded. */
  insights: (guildId: string) => Promise<GuildInsights | undefined>;
  /** `/kaltura-start` limits per member and guild; absent: no limit. */
  startLimits?: StartRateLimiter | undefined;
  /** Discord scheduled events of `/kaltura-schedule`; absent: meetings are scheduled without one. */
  discordEvents?: DiscordEvents | undefined;
  /** The clock the limits read (tests pass a fixed one). */
  now?: () => Date;
}
