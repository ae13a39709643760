import { KdError } from '@kd/events';
import {
  sessionInfoSchema,
  widgetSessionSchema,
  type SessionInfo,
} from '../api/kaltura-objects.js';
import { KalturaApiError } from '../errors.js';
import type { KalturaCaller } from '../http/kaltura-caller.js';
import { KsType, type KsTypeValue } from '../kaltura-enums.js';
import { appTokenHash, type AppTokenHashType } from './app-token-hash.js';
import type { IssuedSession } from './kaltura-sessions.js';
import { parsePrivileges } from './ks-privileges.js';
import type { SessionSource } from './session-source.js';

export interface AppToken {
  id: string;
  token: string;
  hashType: AppTokenHashType;
}

export interface AppTokenSessionOptions {
  partnerId: number;
  appToken: AppToken;
  caller: KalturaCaller;
  adminSessionTtlSeconds: number;
  maxSessionTtlSeconds: number;
  refreshMarginSeconds: number;
  now?: () => number;
}

/**
 * Sessions asked of Kaltura with an application token (revocable by the partner): an unprivileged
 * widget session (`session.startWidgetSession`, widget `_<partnerId>`), then `appToken.startSession`
 * with `tokenHash` = hex(hashType(widget KS + token)). Widget and admin sessions are cached until
 * shortly before they expire. Every session Kaltura returns is checked: a token configured to force
 * another type, user or privileges is refused rather than handed out (fail closed).
 */
export class AppTokenSessions implements SessionSource {
  private widget: IssuedSession | undefined;
  private admin: IssuedSession | undefined;

  constructor(private readonly options: AppTokenSessionOptions) {}

  async adminKs(): Promise<string> {
    if (this.fresh(this.admin)) return this.admin.ks;
    const ttl = this.options.adminSessionTtlSeconds;
    this.admin = await this.start(KsType.admin, '', '', ttl);
    return this.admin.ks;
  }

  invalidateAdmin(): void {
    this.admin = undefined;
  }

  async userKs(userId: string, privileges: string, ttlSeconds: number): Promise<string> {
    return (await this.start(KsType.user, userId, privileges, ttlSeconds)).ks;
  }

  private async start(
    type: KsTypeValue,
    userId: string,
    privileges: string,
    ttlSeconds: number,
  ): Promise<IssuedSession> {
    const widgetKs = await this.widgetKs();
    const { id, token, hashType } = this.options.appToken;
    const expiry = Math.max(1, Math.min(ttlSeconds, this.options.maxSessionTtlSeconds));
    let info: SessionInfo;
    try {
      info = await this.options.caller.call(
        {
          service: 'apptoken',
          action: 'startSession',
          idempotent: true, // creates nothing: a retry only signs another session
          params: {
            id,
            tokenHash: appTokenHash(widgetKs, token, hashType),
            userId,
            type,
            expiry,
            ...(privileges ? { sessionPrivileges: privileges } : {}),
          },
          response: sessionInfoSchema,
        },
        widgetKs,
      );
    } catch (error) {
      if (error instanceof KalturaApiError && /KS/.test(error.kalturaCode)) this.widget = undefined;
      throw error;
    }
    checkSession(info, { type, userId, privileges });
    return { ks: info.ks, expiresAt: info.expiry };
  }

  private async widgetKs(): Promise<string> {
    if (this.fresh(this.widget)) return this.widget.ks;
    const expiry = this.options.adminSessionTtlSeconds;
    const response = await this.options.caller.call(
      {
        service: 'session',
        action: 'startWidgetSession',
        idempotent: true,
        params: { widgetId: `_${this.options.partnerId}`, expiry },
        response: widgetSessionSchema,
      },
      '',
    );
    this.widget = { ks: response.ks, expiresAt: this.nowSeconds() + expiry };
    return this.widget.ks;
  }

  private fresh(session: IssuedSession | undefined): session is IssuedSession {
    return (
      session !== undefined &&
      session.expiresAt - this.options.refreshMarginSeconds > this.nowSeconds()
    );
  }

  private nowSeconds(): number {
    return Math.floor((this.options.now?.() ?? Date.now()) / 1000);
  }
}

/** The session must be what we asked for: Kaltura lets an app token override type, user and privileges. */
function checkSession(
  info: SessionInfo,
  asked: { type: KsTypeValue; userId: string; privileges: string },
): void {
  const problems: string[] = [];
  if (info.sessionType !== asked.type)
    problems.push(`session type ${info.sessionType} instead of ${asked.type}`);
  if (asked.userId && info.userId !== asked.userId) problems.push('another user id');
  const granted = parsePrivileges(info.privileges);
  for (const [name, value] of Object.entries(parsePrivileges(asked.privileges)))
    if (granted[name] !== value) problems.push(`privilege "${name}" not as asked`);
  if (problems.length > 0)
    throw new KdError(
      'KALTURA.APP_TOKEN_MISCONFIGURED',
      `the Kaltura app token imposes its own session settings (${problems.join('; ')}): ` +
        'create it without sessionType, sessionUserId or these privileges (see docs/kaltura.md)',
      'unavailable',
      { details: { problems } },
    );
}
