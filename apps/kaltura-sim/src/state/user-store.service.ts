import { Injectable } from '@nestjs/common';

export interface SimUser {
  id: string;
  screenName: string;
  firstName: string;
  partnerData: string;
  createdAt: number;
}

/** Kaltura users (`KalturaUser`) held in memory, by id. */
@Injectable()
export class UserStore {
  private readonly users = new Map<string, SimUser>();

  get(id: string): SimUser | undefined {
    return this.users.get(id);
  }

  add(user: Omit<SimUser, 'createdAt'>): SimUser | undefined {
    if (this.users.has(user.id)) return undefined;
    const added = { ...user, createdAt: Math.floor(Date.now() / 1000) };
    this.users.set(user.id, added);
    return added;
  }

  delete(id: string): SimUser | undefined {
    const user = this.users.get(id);
    this.users.delete(id);
    return user;
  }

  toKaltura(user: SimUser): Record<string, unknown> {
    return { objectType: 'KalturaUser', ...user, status: 1 };
  }
}
