/** Where the client's sessions come from: made locally from the admin secret, or asked of Kaltura with an app token. */
export interface SessionSource {
  /** An admin session for server calls, cached until shortly before it expires. */
  adminKs(): Promise<string>;
  /** Drops the cached admin session (e.g. after Kaltura refused it). */
  invalidateAdmin(): void;
  /** A user session (type 0) for `userId` carrying exactly `privileges`; never cached. */
  userKs(userId: string, privileges: string, ttlSeconds: number): Promise<string>;
}
