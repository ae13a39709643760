import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@kd/event-store';
import { isEventType } from '@kd/events';
import { reads } from './analytics-batch.js';
import { analyticsEventTypes } from './analytics.projection.js';
import { commandEvents } from './command-activity.sql.js';
import { configEvents } from './config-state.sql.js';
import { guildEvents } from './guild-state.sql.js';
import { meetingEvents } from './meeting-rows.js';
import { personEvents } from './person-links.sql.js';

const recorded = (seq: number, type: string) =>
  ({ seq, event: { id: `e${seq}`, type } }) as unknown as RecordedEvent;

describe('the event types of the analytics projection', () => {
  it('are the union of what each writer declares it reads', () => {
    const declared = [
      guildEvents,
      configEvents,
      commandEvents,
      meetingEvents,
      personEvents,
    ].flatMap((r) => [...r.types]);
    expect([...analyticsEventTypes].sort()).toEqual([...new Set(declared)].sort());
    expect(analyticsEventTypes.every(isEventType)).toBe(true);
  });

  it('gives a writer the events of the declared types it asks for, in stream order', () => {
    const reader = reads('guild.installed', 'guild.uninstalled');
    const batch = [
      recorded(1, 'guild.uninstalled'),
      recorded(2, 'command.executed'),
      recorded(3, 'guild.installed'),
    ];
    expect(reader.of(batch, 'guild.installed', 'guild.uninstalled').map((r) => r.seq)).toEqual([
      1, 3,
    ]);
    expect(reader.of(batch, 'guild.installed').map((r) => r.seq)).toEqual([3]);
  });
});
