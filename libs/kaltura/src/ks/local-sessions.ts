import { KalturaSessions, type KalturaSessionOptions } from './kaltura-sessions.js';
import type { SessionSource } from './session-source.js';

/** Sessions signed locally from the admin secret (development and kaltura-sim). */
export class LocalSessions implements SessionSource {
  private readonly sessions: KalturaSessions;

  constructor(options: KalturaSessionOptions) {
    this.sessions = new KalturaSessions(options);
  }

  adminKs(): Promise<string> {
    return Promise.resolve(this.sessions.adminKs());
  }

  invalidateAdmin(): void {
    this.sessions.invalidateAdmin();
  }

  userKs(userId: string, privileges: string, ttlSeconds: number): Promise<string> {
    return Promise.resolve(this.sessions.userSession(userId, privileges, ttlSeconds).ks);
  }
}
