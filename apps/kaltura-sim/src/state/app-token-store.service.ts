import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppTokenHashType } from '@kd/kaltura';
import { SIM_CONFIG, type KalturaSimConfig } from '../kaltura-sim.config.js';

/** KalturaAppTokenStatus */
export const AppTokenStatus = { disabled: 1, active: 2, deleted: 3 } as const;

export interface SimAppToken {
  id: string;
  token: string;
  hashType: AppTokenHashType;
  status: number;
  /** Forced on every session when set, as on the real server. */
  sessionType: number | null;
  sessionUserId: string | null;
  sessionPrivileges: string | null;
  /** Seconds; the longest session the token signs (Kaltura's default: one day). */
  sessionDuration: number;
  /** Unix seconds after which the token signs nothing; null = never. */
  expiry: number | null;
  description: string;
  createdAt: number;
}

export type AppTokenInput = Partial<
  Pick<
    SimAppToken,
    | 'hashType'
    | 'sessionType'
    | 'sessionUserId'
    | 'sessionPrivileges'
    | 'sessionDuration'
    | 'expiry'
    | 'description'
  >
>;

/** Application tokens held in memory (`appToken.add/get/delete`). */
@Injectable()
export class AppTokenStore {
  private readonly tokens = new Map<string, SimAppToken>();

  constructor(@Inject(SIM_CONFIG) config: KalturaSimConfig) {
    const { KALTURA_SIM_APP_TOKEN_ID: id, KALTURA_SIM_APP_TOKEN: token } = config;
    if (id && token)
      this.add(
        { hashType: config.KALTURA_SIM_APP_TOKEN_HASH_TYPE, description: 'seeded' },
        { id, token },
      );
  }

  add(input: AppTokenInput, fixed?: { id: string; token: string }): SimAppToken {
    const token: SimAppToken = {
      id: fixed?.id ?? `0_${randomBytes(6).toString('hex')}`,
      token: fixed?.token ?? randomBytes(16).toString('hex'),
      hashType: input.hashType ?? 'SHA1',
      status: AppTokenStatus.active,
      sessionType: input.sessionType ?? null,
      sessionUserId: input.sessionUserId ?? null,
      sessionPrivileges: input.sessionPrivileges ?? null,
      sessionDuration: input.sessionDuration ?? 86_400,
      expiry: input.expiry ?? null,
      description: input.description ?? '',
      createdAt: Math.floor(Date.now() / 1000),
    };
    this.tokens.set(token.id, token);
    return token;
  }

  /** Deleted tokens are not found, as the real peer's default criteria hide them. */
  get(id: string): SimAppToken | undefined {
    const token = this.tokens.get(id);
    return token && token.status !== AppTokenStatus.deleted ? token : undefined;
  }

  isDeleted(id: string): boolean {
    return this.tokens.get(id)?.status === AppTokenStatus.deleted;
  }

  delete(id: string): boolean {
    const token = this.get(id);
    if (!token) return false;
    token.status = AppTokenStatus.deleted;
    return true;
  }
}
