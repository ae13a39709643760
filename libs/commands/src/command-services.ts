import type { EventStore } from '@kd/event-store';
import type { GuildConfigService } from '@kd/guild-config';
import type { KalturaClient } from '@kd/kaltura';
import type { MeetingQueries, MeetingService, VideoAccessService } from '@kd/meetings';
import type { Logger } from '@kd/observability';
import type { PersonForgetService } from '@kd/privacy';
import type { StartRateLimiter } from './limits/start-rate-limiter.js';
import type { PendingChanges } from './settings/pending-changes.js';
import type { GuildOverview } from './stats/insights-picture.js';
import type { DiscordEvents } from './schedule/discord-event-link.js';

/** What the command handlers work with; Kaltura parts are absent when it is not configured. */
export interface CommandServices {
  store: Pick<EventStore, 'append'>;
  guildConfig: GuildConfigService;
  /** The meetings read model; a function, as the pool may connect after start. */
  meetingQueries: () => MeetingQueries;
  meetings: MeetingService | undefined;
  kaltura: KalturaClient | undefined;
  /** Forgets the member who asks (`/kaltura-forget-me`). */
  forgetter: Pick<PersonForgetService, 'forget'>;
  /** What each guild's video search may see (its recordings, operator-granted categories). */
  videoAccess: Pick<VideoAccessService, 'scope'>;
  logger: Logger;
  /**
   * A guild's own figures and their daily and weekly series from the analytics read models;
   * undefined when nothing is recorded.
   */
  insights: (guildId: string) => Promise<GuildOverview | undefined>;
  /** `/kaltura-start` limits per member and guild; absent: no limit. */
  startLimits?: StartRateLimiter | undefined;
  /** Discord scheduled events of `/kaltura-schedule`; absent: meetings are scheduled without one. */
  discordEvents?: DiscordEvents | undefined;
  /** Resets and previewed templates waiting for their Confirm / Save button. */
  pendingChanges: Pick<PendingChanges, 'put' | 'get' | 'delete'>;
  /** The clock the limits and the settings buttons' window read (tests pass a fixed one). */
  now?: () => Date;
}
