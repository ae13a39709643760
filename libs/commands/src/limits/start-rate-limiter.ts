import { KdError } from '@kd/events';
import type { RateDecision, RateRule, RateWindows } from '@kd/event-store';

export interface StartRateRules {
  /** `/kaltura-start` per member and guild in the window; 0 = no limit. */
  perUser: number;
  /** `/kaltura-start` per guild in the window; 0 = no limit. */
  perGuild: number;
  windowMs: number;
}

/** Too many meetings started lately, by this member or in this server. */
export class StartRateLimitedError extends KdError {
  constructor(scope: 'user' | 'guild', rule: RateRule, retryAfterMs: number) {
    const who = scope === 'user' ? 'You have' : 'This server has';
    super(
      'MEETING.START_RATE_LIMITED',
      `${who} started ${rule.limit} meetings in the last ${minutes(rule.windowMs)}. ` +
        `Try again in ${minutes(retryAfterMs)}.`,
      'permission',
      { details: { scope, limit: rule.limit, windowMs: rule.windowMs, retryAfterMs } },
    );
  }
}

/**
 * Limits `/kaltura-start` per member and per guild, from durable state shared by every process
 * (a JetStream KV bucket), never from process memory. The member's window is checked first, so a
 * member over their own limit never uses up the guild's.
 */
export class StartRateLimiter {
  constructor(
    private readonly windows: Pick<RateWindows, 'take'>,
    private readonly rules: StartRateRules,
  ) {}

  async check(guildId: string, userId: string, now: Date): Promise<void> {
    const { perUser, perGuild, windowMs } = this.rules;
    await this.take('user', `start.user.${guildId}.${userId}`, { limit: perUser, windowMs }, now);
    await this.take('guild', `start.guild.${guildId}`, { limit: perGuild, windowMs }, now);
  }

  private async take(
    scope: 'user' | 'guild',
    key: string,
    rule: RateRule,
    now: Date,
  ): Promise<RateDecision> {
    const decision = await this.windows.take(key, rule, now);
    if (!decision.allowed) throw new StartRateLimitedError(scope, rule, decision.retryAfterMs);
    return decision;
  }
}

function minutes(ms: number): string {
  const n = Math.max(1, Math.ceil(ms / 60_000));
  return n === 1 ? '1 minute' : `${n} minutes`;
}
