import { Injectable } from '@nestjs/common';

/** API requests received per `service.action` (including failed and throttled ones), for tests. */
@Injectable()
export class SimStats {
  private readonly counts = new Map<string, number>();

  record(service: string, action: string): void {
    const key = `${service.toLowerCase()}.${action.toLowerCase()}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }
}
