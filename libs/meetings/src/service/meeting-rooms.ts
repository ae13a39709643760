import type { EventStore } from '@kd/event-store';
import { newEvent } from '@kd/events';
import { KalturaApiError, type KalturaClient } from '@kd/kaltura';
import type { Logger } from '@kd/observability';
import type { Meeting } from '../domain/meeting-state.js';
import { describeFailure, isKalturaError, toReplyError } from './kaltura-failure.js';
import type { ContextFor } from './meeting-context.js';

/** What a `kaltura.api_failed` is keyed by: the meeting, or the interaction when there is none yet. */
export interface FailureRefs {
  meetingId: string | null;
  interactionId: string | null;
}

/**
 * The Kaltura side of meetings. Every failed call is recorded as `kaltura.api_failed` and comes
 * back as a KALTURA.* KdError for the reply (DESIGN §2: every outcome is an event).
 */
export class MeetingRooms {
  constructor(
    private readonly kaltura: KalturaClient,
    private readonly store: EventStore,
    private readonly logger: Logger,
  ) {}

  async open(
    room: { name: string; description: string | null },
    refs: FailureRefs,
    context: ContextFor,
  ): Promise<string> {
    try {
      const { resourceId } = await this.kaltura.createMeetingRoom({
        name: room.name,
        description: room.description ?? undefined,
      });
      return resourceId;
    } catch (error) {
      throw await this.failed(error, refs, context);
    }
  }

  /** Closes the meeting's room; a room Kaltura no longer knows is already closed. */
  async close(meeting: Meeting, context: ContextFor): Promise<void> {
    try {
      await this.kaltura.endMeetingRoom(meeting.kalturaResourceId);
    } catch (error) {
      if (error instanceof KalturaApiError && error.category === 'not_found') {
        const { correlationId } = context('meeting.ended');
        this.logger.info(
          { meetingId: meeting.meetingId, correlationId },
          'Kaltura room already gone',
        );
        return;
      }
      const refs = { meetingId: meeting.meetingId, interactionId: null };
      throw await this.failed(error, refs, context);
    }
  }

  /** Best effort, for a room whose meeting could not be recorded. */
  async discard(resourceId: string): Promise<void> {
    await this.kaltura.endMeetingRoom(resourceId).catch((error: unknown) => {
      this.logger.error({ err: error, resourceId }, 'could not close an unrecorded room');
    });
  }

  /** With an app token the join session is asked of Kaltura: a failure is recorded like any call. */
  async joinUrl(
    meeting: Meeting,
    user: { userId: string; name: string; moderator: boolean },
    context: ContextFor,
  ): Promise<string> {
    try {
      return await this.kaltura.joinUrl({
        resourceId: meeting.kalturaResourceId,
        userId: user.userId,
        firstName: user.name,
        role: user.moderator ? 'moderator' : 'attendee',
      });
    } catch (error) {
      const refs = { meetingId: meeting.meetingId, interactionId: null };
      throw await this.failed(error, refs, context);
    }
  }

  /** Records `kaltura.api_failed` and returns the error to show; other errors pass through. */
  private async failed(error: unknown, refs: FailureRefs, context: ContextFor): Promise<unknown> {
    if (!isKalturaError(error)) return error;
    const failure = describeFailure(error);
    const eventContext = context('kaltura.api_failed');
    const fields = { ...failure, ...refs, correlationId: eventContext.correlationId };
    this.logger.warn(fields, 'Kaltura call failed');
    try {
      await this.store.append(
        newEvent('kaltura.api_failed', { ...failure, ...refs }, eventContext),
      );
    } catch (appendError) {
      this.logger.error({ ...fields, err: appendError }, 'could not record kaltura.api_failed');
    }
    return toReplyError(error);
  }
}
