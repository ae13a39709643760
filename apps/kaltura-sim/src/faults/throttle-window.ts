/** Sliding one-second window: at most `limit` accepted requests in any 1000 ms (0 = unlimited). */
export class ThrottleWindow {
  private accepted: number[] = [];

  admit(limit: number, now = Date.now()): boolean {
    if (limit <= 0) return true;
    this.accepted = this.accepted.filter((t) => now - t < 1000);
    if (this.accepted.length >= limit) return false;
    this.accepted.push(now);
    return true;
  }

  clear(): void {
    this.accepted = [];
  }
}
