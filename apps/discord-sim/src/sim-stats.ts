import { routeLabel } from '@kd/discord';
import type { RecordedDiscordRequest } from '@kd/discord-fake';

const statusClass = (status: number | null) =>
  status === null ? 'none' : `${Math.floor(status / 100)}xx`;

/** Counts of everything the simulator saw, by bounded route label (never ids or tokens). */
export class SimStats {
  /** `METHOD /route/label` → status class → requests. */
  rest: Record<string, Record<string, number>> = {};
  rateLimited = 0;
  /** Interactions delivered to the endpoint, by the endpoint's status class. */
  interactions: Record<string, number> = {};

  request({ method, path, status }: RecordedDiscordRequest): void {
    const byStatus = (this.rest[`${method} ${routeLabel(path)}`] ??= {});
    byStatus[statusClass(status)] = (byStatus[statusClass(status)] ?? 0) + 1;
    if (status === 429) this.rateLimited++;
  }

  interaction(status: number | null): void {
    this.interactions[statusClass(status)] = (this.interactions[statusClass(status)] ?? 0) + 1;
  }

  reset(): void {
    this.rest = {};
    this.rateLimited = 0;
    this.interactions = {};
  }
}
