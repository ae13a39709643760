import { describe, expect, it } from '@jest/globals';
import { eventFactory, snowflake } from '../events/event-factory.js';
import { prepareEvents } from './prepare-events.js';

const g = snowflake(10);

describe('prepareEvents', () => {
  it('keeps the first copy of a repeated id and numbers events by stream position', () => {
    const f = eventFactory();
    const a = f.command(g, '2026-03-10T10:00:00.000Z');
    const b = f.command(g, '2026-03-10T09:00:00.000Z');
    const facts = prepareEvents([a, b, structuredClone(a)], Date.parse('2026-03-18T00:00:00.000Z'));
    expect(facts.map((x) => [x.event.id, x.seq])).toEqual([
      [b.id, 2],
      [a.id, 1],
    ]);
  });

  it('orders by occurredAt, ties by stream position, and drops what occurred after now', () => {
    const f = eventFactory();
    const late = f.uninstalled(g, '2026-03-10T10:00:00.000Z');
    const first = f.installed(g, '2026-03-10T10:00:00.000Z');
    const future = f.command(g, '2026-03-18T00:00:00.001Z');
    const atNow = f.command(g, '2026-03-18T00:00:00.000Z');
    const facts = prepareEvents(
      [late, first, future, atNow],
      Date.parse('2026-03-18T00:00:00.000Z'),
    );
    expect(facts.map((x) => x.event.id)).toEqual([late.id, first.id, atNow.id]);
  });
});
