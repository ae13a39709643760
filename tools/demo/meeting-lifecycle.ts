import type { Rng } from '@kd/analytics-oracle';
import type { EventStore } from '@kd/event-store';
import type { DemoTally } from './demo-tally.js';
import type { DemoMeeting } from './demo-world.js';
import type { DirectEvents } from './direct-events.js';
import type { KalturaNotificationKind, KalturaSimClient } from './sim-clients.js';
import { sleep, type Timers } from './timers.js';

export interface LifecycleDeps {
  store: EventStore;
  kaltura: KalturaSimClient;
  direct: DirectEvents;
  timers: Timers;
  tally: DemoTally;
  rng: Rng;
  durationMs: number;
  /** Ends a meeting the way a person does (`/kaltura-end` by an admin); false if it could not. */
  endByCommand(meeting: DemoMeeting): Promise<boolean>;
}

const clamp = (ms: number, min: number, max: number) => Math.min(max, Math.max(min, ms));

/**
 * What happens to a meeting after `/kaltura-start`: Kaltura reports the room live, people who
 * asked for a join link show up in it, the room stops (or someone runs `/kaltura-end`), and the
 * recording becomes ready. Kaltura's part arrives as signed notifications from kaltura-sim.
 */
export class MeetingLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  async created(meeting: DemoMeeting): Promise<void> {
    const { rng, durationMs, timers } = this.deps;
    meeting.resourceId = await this.resourceIdOf(meeting.id);
    const liveAfter = clamp(durationMs * rng.float(0.03, 0.1), 1_500, 60_000);
    timers.after(liveAfter, 'meeting goes live', () => this.goLive(meeting));
  }

  /** Someone got a join link: if the room is live, they appear in it shortly after. */
  joined(meeting: DemoMeeting, userId: string): void {
    const { rng, durationMs, timers, direct } = this.deps;
    if (meeting.phase !== 'live' || meeting.present.has(userId)) return;
    meeting.present.add(userId);
    timers.after(rng.float(300, 2_000), 'participant joins', async () => {
      if (meeting.phase === 'live') await direct.participant(meeting, userId, true);
      else meeting.present.delete(userId);
    });
    if (!rng.chance(0.25)) return;
    const leaveAfter = clamp(durationMs * rng.float(0.05, 0.2), 2_500, 300_000);
    timers.after(leaveAfter, 'participant leaves', async () => {
      if (meeting.phase !== 'live' || !meeting.present.delete(userId)) return;
      await direct.participant(meeting, userId, false);
    });
  }

  /** The meeting ended (by Kaltura or by a command): everyone leaves, the recording follows. */
  async ended(meeting: DemoMeeting): Promise<void> {
    if (meeting.phase === 'ended') return;
    const wasLive = meeting.phase === 'live';
    meeting.phase = 'ended';
    this.deps.tally.meetings.ended++;
    const present = [...meeting.present];
    meeting.present.clear();
    await Promise.all(present.map((id) => this.deps.direct.participant(meeting, id, false)));
    if (wasLive && this.deps.rng.chance(0.85))
      this.deps.timers.after(this.deps.rng.float(2_000, 8_000), 'recording ready', async () => {
        await this.notify(meeting, 'recording_ready');
      });
  }

  private async goLive(meeting: DemoMeeting): Promise<void> {
    const { rng, durationMs, timers } = this.deps;
    if (meeting.phase !== 'created') return;
    if (!(await this.notify(meeting, 'room_live_start'))) return;
    meeting.phase = 'live';
    this.deps.tally.meetings.started++;
    const liveFor = clamp(durationMs * rng.float(0.2, 0.5), 5_000, 20 * 60_000);
    timers.after(liveFor, 'meeting ends', () => this.finish(meeting));
  }

  private async finish(meeting: DemoMeeting): Promise<void> {
    if (meeting.phase !== 'live') return;
    const byCommand = this.deps.rng.chance(0.3) && (await this.deps.endByCommand(meeting));
    if (byCommand) return; // the command's reply calls ended()
    await this.ended(meeting);
    await this.notify(meeting, 'room_live_stop');
  }

  private async notify(meeting: DemoMeeting, kind: KalturaNotificationKind): Promise<boolean> {
    if (!meeting.resourceId) return false;
    const { delivered } = await this.deps.kaltura.notify(kind, meeting.resourceId);
    this.deps.tally.webhook(kind, delivered);
    return delivered;
  }

  private async resourceIdOf(meetingId: string): Promise<string | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const events = await this.deps.store.readAggregate('meeting', meetingId);
      const created = events.find((r) => r.event.type === 'meeting.created');
      if (created)
        return (created.event.payload as { kalturaResourceId: string }).kalturaResourceId;
      await sleep(300);
    }
    throw new Error(`no meeting.created for ${meetingId}`);
  }
}
