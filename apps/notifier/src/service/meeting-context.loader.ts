import type { EventStore } from '@kd/event-store';
import type { DomainEvent } from '@kd/events';
import { foldMeeting, type MeetingEvent, type MeetingState } from '@kd/meetings';
import { originChannelOf, originInteractionId } from '../notifications/origin-channel.js';

export interface MeetingContext {
  meeting: MeetingState;
  /** The channel `/kaltura-start` was used in, when it can be told. */
  originChannelId: string | null;
}

export interface LazyMeetingContext {
  meeting: MeetingState;
  originChannelId: () => Promise<string | null>;
}

const isMeetingEvent = (event: DomainEvent): event is MeetingEvent =>
  event.type.startsWith('meeting.');

/** Reads what an event alone does not say (the title, the host, the origin) from the log. */
export class MeetingContextLoader {
  constructor(private readonly store: Pick<EventStore, 'readAggregate'>) {}

  async load(meetingId: string, needOrigin: boolean): Promise<MeetingContext> {
    const { meeting, originChannelId } = await this.loadLazily(meetingId);
    return { meeting, originChannelId: needOrigin ? await originChannelId() : null };
  }

  /** The meeting now; its origin channel only when asked for (one more read). */
  async loadLazily(meetingId: string): Promise<LazyMeetingContext> {
    const events = (await this.store.readAggregate('meeting', meetingId))
      .map((r) => r.event)
      .filter(isMeetingEvent);
    const created = events.find((e) => e.type === 'meeting.created');
    const interactionId = created && originInteractionId(created.correlationId);
    return {
      meeting: foldMeeting(events),
      originChannelId: async () => (interactionId ? this.channelOf(interactionId) : null),
    };
  }

  private async channelOf(interactionId: string): Promise<string | null> {
    const recorded = await this.store.readAggregate('command', interactionId);
    return originChannelOf(recorded.map((r) => r.event));
  }
}
