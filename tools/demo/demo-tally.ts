import type { EventType } from '@kd/events';
import type { Expectation } from './command-mix.js';

/** The final report of a demo run (printed as JSON by `npm run demo`). */
export interface DemoSummary {
  seconds: number;
  history: { days: number; events: number } | null;
  guilds: { withTraffic: number; installedDuringRun: number; uninstalledDuringRun: number };
  interactions: {
    sent: number;
    answered: number;
    failed: number;
    byExpectation: Record<Expectation, number>;
  };
  /** Outcomes as recorded in `command.executed` (`unrecorded`: none found for the interaction). */
  commands: Record<string, Record<string, number>>;
  meetings: { created: number; started: number; ended: number };
  webhooks: { sent: number; delivered: number; byKind: Record<string, number> };
  directEvents: Partial<Record<EventType, number>>;
  errors: { count: number; samples: string[] };
}

const bump = (counts: Record<string, number>, key: string) =>
  (counts[key] = (counts[key] ?? 0) + 1);

/** Running counts of what the demo did. */
export class DemoTally {
  readonly startedAt = Date.now();
  history: DemoSummary['history'] = null;
  readonly guilds = { withTraffic: 0, installedDuringRun: 0, uninstalledDuringRun: 0 };
  readonly interactions = {
    sent: 0,
    answered: 0,
    failed: 0,
    byExpectation: { ok: 0, denied: 0, invalid: 0 } as Record<Expectation, number>,
  };
  readonly commands: Record<string, Record<string, number>> = {};
  readonly meetings = { created: 0, started: 0, ended: 0 };
  readonly webhooks = { sent: 0, delivered: 0, byKind: {} as Record<string, number> };
  private readonly errorSamples: string[] = [];
  private errorCount = 0;

  outcome(command: string, outcome: string): void {
    bump((this.commands[command] ??= {}), outcome);
  }

  webhook(kind: string, delivered: boolean): void {
    this.webhooks.sent++;
    if (delivered) this.webhooks.delivered++;
    bump(this.webhooks.byKind, kind);
  }

  error(what: string, error: unknown): void {
    this.errorCount++;
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    if (this.errorSamples.length < 10 && !this.errorSamples.includes(message))
      this.errorSamples.push(message);
  }

  outcomes(): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const byOutcome of Object.values(this.commands))
      for (const [outcome, n] of Object.entries(byOutcome))
        totals[outcome] = (totals[outcome] ?? 0) + n;
    return totals;
  }

  progressLine(totalMs: number, live: number): string {
    const clock = (ms: number) =>
      `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;
    const outcomes = Object.entries(this.outcomes())
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return (
      `[demo] ${clock(Date.now() - this.startedAt)}/${clock(totalMs)} ` +
      `interactions ${this.interactions.sent} (${outcomes || 'no outcome yet'}) ` +
      `meetings ${this.meetings.created} (live ${live}) webhooks ${this.webhooks.delivered}/${this.webhooks.sent} ` +
      `errors ${this.errorCount}`
    );
  }

  summary(directEvents: DemoSummary['directEvents']): DemoSummary {
    return {
      seconds: Math.round((Date.now() - this.startedAt) / 1000),
      history: this.history,
      guilds: { ...this.guilds },
      interactions: { ...this.interactions, byExpectation: { ...this.interactions.byExpectation } },
      commands: structuredClone(this.commands),
      meetings: { ...this.meetings },
      webhooks: { ...this.webhooks, byKind: { ...this.webhooks.byKind } },
      directEvents: { ...directEvents },
      errors: { count: this.errorCount, samples: [...this.errorSamples] },
    };
  }
}
