import { KsType } from '../kaltura-enums.js';
import { generateKsV2 } from './generate-ks-v2.js';

export interface KalturaSessionOptions {
  partnerId: number;
  adminSecret: string;
  adminSessionTtlSeconds: number;
  /** No session we make lives longer than this, whatever a caller asks for. */
  maxSessionTtlSeconds: number;
  /** An admin session is replaced this long before it expires. */
  refreshMarginSeconds: number;
  adminPrivileges?: string;
  now?: () => number;
}

export interface IssuedSession {
  ks: string;
  /** Unix seconds. */
  expiresAt: number;
}

/** Makes KS v2 sessions locally (no API call) and caches the admin one until shortly before expiry. */
export class KalturaSessions {
  private admin: IssuedSession | undefined;

  constructor(private readonly options: KalturaSessionOptions) {}

  adminKs(): string {
    const now = this.nowSeconds();
    if (this.admin && this.admin.expiresAt - this.options.refreshMarginSeconds > now)
      return this.admin.ks;
    this.admin = this.issue(
      KsType.admin,
      '',
      this.options.adminPrivileges ?? '',
      this.options.adminSessionTtlSeconds,
    );
    return this.admin.ks;
  }

  /** Drops the cached admin session (e.g. after Kaltura refused it). */
  invalidateAdmin(): void {
    this.admin = undefined;
  }

  userSession(userId: string, privileges: string, ttlSeconds: number): IssuedSession {
    return this.issue(KsType.user, userId, privileges, ttlSeconds);
  }

  private issue(
    type: number,
    userId: string,
    privileges: string,
    ttlSeconds: number,
  ): IssuedSession {
    const ttl = Math.max(1, Math.min(ttlSeconds, this.options.maxSessionTtlSeconds));
    const expiresAt = this.nowSeconds() + ttl;
    const { partnerId, adminSecret } = this.options;
    return {
      ks: generateKsV2({ partnerId, adminSecret, type, userId, expiresAt, privileges }),
      expiresAt,
    };
  }

  private nowSeconds(): number {
    return Math.floor((this.options.now?.() ?? Date.now()) / 1000);
  }
}
