import { Inject, Injectable } from '@nestjs/common';
import { SIM_CONFIG, type KalturaSimConfig } from '../kaltura-sim.config.js';

export interface SimUser {
  id: string;
  screenName: string;
  firstName: string;
  lastName: string;
  partnerData: string;
  createdAt: number;
  updatedAt: number;
}

/** Partner users (`KalturaUser`) held in memory, keyed by their id as given. */
@Injectable()
export class UserStore {
  private readonly users = new Map<string, SimUser>();

  constructor(@Inject(SIM_CONFIG) private readonly config: KalturaSimConfig) {}

  get(id: string): SimUser | undefined {
    return this.users.get(id);
  }

  add(user: Omit<SimUser, 'createdAt' | 'updatedAt'>): SimUser {
    const now = Math.floor(Date.now() / 1000);
    const stored = { ...user, createdAt: now, updatedAt: now };
    this.users.set(user.id, stored);
    return stored;
  }

  update(id: string, patch: Partial<Omit<SimUser, 'id'>>): SimUser | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    Object.assign(user, patch, { updatedAt: Math.floor(Date.now() / 1000) });
    return user;
  }

  delete(id: string): SimUser | undefined {
    const user = this.users.get(id);
    this.users.delete(id);
    return user;
  }

  all(): SimUser[] {
    return [...this.users.values()];
  }

  toKaltura(user: SimUser): Record<string, unknown> {
    return {
      objectType: 'KalturaUser',
      id: user.id,
      partnerId: this.config.KALTURA_PARTNER_ID,
      type: 0,
      screenName: user.screenName,
      fullName: `${user.firstName} ${user.lastName}`.trim(),
      firstName: user.firstName,
      lastName: user.lastName,
      partnerData: user.partnerData,
      status: 1,
      isAdmin: false,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    };
  }
}
