import type { Registry } from 'prom-client';
import {
  CommandHandler,
  conflictBackoff,
  type EventStore,
  type LoadedAggregate,
  type RetryPolicy,
} from '@kd/event-store';
import type { KalturaClient } from '@kd/kaltura';
import type { Logger } from '@kd/observability';
import {
  decideCreate,
  decideEnd,
  decideJoin,
  type JoinMeetingCommand,
} from '../domain/meeting-command.decider.js';
import {
  decideEndedByKaltura,
  decideParticipant,
  decideRecordingReady,
  decideStarted,
  type ParticipantChange,
  type WebhookFact,
} from '../domain/meeting-webhook.decider.js';
import { meetingNotFound } from '../domain/meeting-errors.js';
import { decideCancel } from '../domain/meeting-schedule.decider.js';
import { newMeetingId, parseMeetingId } from '../domain/meeting-id.js';
import type { KalturaRole, MeetingDecision, MeetingState } from '../domain/meeting-state.js';
import { MeetingRooms } from './meeting-rooms.js';
import {
  kalturaContext,
  requireMeeting,
  userContext,
  type ContextFor,
  type WebhookContext,
} from './meeting-context.js';
import {
  cancelMeetingInputSchema,
  createMeetingInputSchema,
  endMeetingInputSchema,
  joinMeetingInputSchema,
  parseInput,
  type CancelMeetingInput,
  type CreateMeetingInput,
  type EndMeetingInput,
  type JoinMeetingInput,
} from './meeting-input.js';
import { createMeetingMetrics, timed, type MeetingMetrics } from './meeting-metrics.js';
import { meetingAggregate, meetingEvents } from './meeting-aggregate.js';
import { summarize, type MeetingSummary } from './meeting-summary.js';
import type { MeetingDirectory } from './meeting-directory.js';
import { WebhookFacts } from './webhook-facts.js';
import { roomKey } from '../domain/kaltura-fact.js';
import type { VideoAccessService } from '../video-access/video-access.service.js';
import type { PeopleService } from '../people/people.service.js';

export interface MeetingServiceOptions {
  store: EventStore;
  kaltura: KalturaClient;
  logger: Logger;
  metrics?: Registry;
  now?: () => Date;
  /** Attempts of one command when another writer appends to the same meeting first (default 3). */
  maxAttempts?: number;
  /** The same for join links, which many members ask for at once when a meeting starts (default 10). */
  joinMaxAttempts?: number;
  /**
   * Where Kaltura rooms are linked to meetings (before `meeting.created`) and early
   * notifications wait; without it, webhooks cannot be turned into meeting events.
   */
  directory?: MeetingDirectory;
  /** Where a recording becomes searchable by its guild (video search scope). */
  videoAccess?: VideoAccessService;
  /** Makes each member who gets a join link a Kaltura user (in the background; docs/people.md). */
  people?: PeopleService;
}

export interface IssuedJoinLink {
  meeting: MeetingSummary;
  joinUrl: string;
  kalturaRole: KalturaRole;
}

export interface WebhookOutcome {
  /** False when the fact was already recorded (a redelivery, a repeat, a stale notification). */
  recorded: boolean;
  meeting: MeetingSummary;
}

/** Meetings: loads the aggregate, asks the pure deciders, talks to Kaltura, appends the outcome. */
export class MeetingService {
  private readonly handler: CommandHandler;
  private readonly rooms: MeetingRooms;
  private readonly metrics: MeetingMetrics | undefined;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly policy: RetryPolicy;
  private readonly joinPolicy: RetryPolicy;
  private readonly directory: MeetingDirectory | undefined;
  /** Kaltura notifications → meeting events (undefined without a directory). */
  readonly webhookFacts: WebhookFacts | undefined;
  private readonly videoAccess: VideoAccessService | undefined;
  private readonly people: PeopleService | undefined;

  constructor(options: MeetingServiceOptions) {
    this.videoAccess = options.videoAccess;
    this.people = options.people;
    this.metrics = options.metrics && createMeetingMetrics(options.metrics);
    this.logger = options.logger.child({ context: 'MeetingService' });
    this.handler = new CommandHandler({ store: options.store, logger: this.logger });
    this.rooms = new MeetingRooms(options.kaltura, options.store, this.logger);
    this.now = options.now ?? (() => new Date());
    this.policy = { maxAttempts: options.maxAttempts ?? 3, conflict: conflictBackoff };
    this.joinPolicy = { maxAttempts: options.joinMaxAttempts ?? 10, conflict: conflictBackoff };
    this.directory = options.directory;
    this.webhookFacts =
      options.directory &&
      new WebhookFacts({
        store: options.store,
        directory: options.directory,
        meetings: this,
        logger: this.logger,
      });
  }

  /** Creates the Kaltura room, records the meeting and returns the owner's (moderator) join link. */
  async create(input: CreateMeetingInput): Promise<IssuedJoinLink> {
    return timed(this.metrics?.createDuration, async () => {
      const cmd = parseInput(createMeetingInputSchema, input);
      const meetingId = newMeetingId();
      const context = userContext({ ...cmd, userId: cmd.ownerUserId }, this.now);
      const refs = {
        meetingId: cmd.interactionId ? null : meetingId,
        interactionId: cmd.interactionId ?? null,
      };
      const resourceId = await this.rooms.open(
        { name: cmd.title, description: cmd.description },
        refs,
        context,
      );
      const schedule = cmd.schedule && { ...cmd.schedule, scheduledBy: cmd.ownerUserId };
      const decide = (state: MeetingState) =>
        decideCreate({ ...cmd, meetingId, kalturaResourceId: resourceId, schedule }, state);
      const ref = { meetingId, guildId: cmd.guildId };
      const created = await this.appendCreated(decide, resourceId, ref, context);
      this.logger.info(
        { meetingId, guildId: cmd.guildId, correlationId: cmd.correlationId, type: cmd.type },
        'meeting created',
      );
      const owner = {
        meetingId,
        guildId: cmd.guildId,
        userId: cmd.ownerUserId,
        kalturaRole: 'adminRole' as const,
      };
      const link = await this.issueJoinLink(owner, cmd.ownerName, context, created);
      await this.applyEarlyNotifications(resourceId);
      return link;
    });
  }

  async join(input: JoinMeetingInput): Promise<IssuedJoinLink> {
    return timed(this.metrics?.joinUrlDuration, async () => {
      const cmd = parseInput(joinMeetingInputSchema, input);
      const meetingId = this.meetingIdOf(cmd.meetingId);
      const context = userContext(cmd, this.now);
      return this.issueJoinLink({ ...cmd, meetingId }, cmd.displayName, context);
    });
  }

  /** Ends the meeting (owner, or a member allowed to end others'), closing the Kaltura room first. */
  async end(input: EndMeetingInput): Promise<MeetingSummary> {
    const cmd = parseInput(endMeetingInputSchema, input);
    const meetingId = this.meetingIdOf(cmd.meetingId);
    const summary = await this.closeRoomAnd(cmd, meetingId, (current) =>
      decideEnd({ ...cmd, meetingId }, current),
    );
    this.logger.info(
      { meetingId, correlationId: cmd.correlationId, endedBy: cmd.byUserId },
      'meeting ended',
    );
    return summary;
  }

  /**
   * Cancels a meeting that has not started (its host, or a member allowed to end others'),
   * closing the Kaltura room first: nobody can start or join it afterwards.
   */
  async cancel(input: CancelMeetingInput): Promise<MeetingSummary> {
    const cmd = parseInput(cancelMeetingInputSchema, input);
    const meetingId = this.meetingIdOf(cmd.meetingId);
    const summary = await this.closeRoomAnd(cmd, meetingId, (current) =>
      decideCancel({ ...cmd, meetingId }, current),
    );
    this.logger.info({ meetingId, correlationId: cmd.correlationId }, 'meeting canceled');
    return summary;
  }

  /**
   * Decides on the meeting and, before its events are appended, closes its Kaltura room (once,
   * however many times a concurrent change makes the handler decide again).
   */
  private async closeRoomAnd(
    cmd: { guildId: string; correlationId: string; byUserId: string },
    meetingId: string,
    decide: (current: MeetingState) => MeetingDecision[],
  ): Promise<MeetingSummary> {
    const context = userContext({ ...cmd, userId: cmd.byUserId }, this.now);
    let roomClosed = false;
    const { state } = await this.handler.handle(
      meetingAggregate,
      meetingId,
      async (current) => {
        const decisions = decide(current);
        if (!roomClosed) await this.rooms.close(requireMeeting(current, meetingId), context);
        roomClosed = true;
        return meetingEvents(decisions, context);
      },
      { policy: this.policy },
    );
    return summarize(requireMeeting(state, meetingId));
  }

  /** The meeting as its events tell it; MEETING.NOT_FOUND if unknown or of another guild. */
  async get(meetingIdInput: string, guildId: string): Promise<MeetingSummary> {
    const meetingId = this.meetingIdOf(meetingIdInput);
    const { state } = await this.handler.load(meetingAggregate, meetingId);
    if (state.status === 'none' || state.guildId !== guildId) throw meetingNotFound(meetingId);
    return summarize(state);
  }

  recordStarted(meetingId: string, ctx: WebhookContext): Promise<WebhookOutcome> {
    return this.recordFact(meetingId, ctx, decideStarted);
  }

  recordEndedByKaltura(meetingId: string, ctx: WebhookContext): Promise<WebhookOutcome> {
    return this.recordFact(meetingId, ctx, decideEndedByKaltura);
  }

  /**
   * Records the recording and makes it searchable by the meeting's guild. The access write runs
   * on every delivery, even when the event was already stored: a crash between the two is
   * repaired by Kaltura's retry (the webhook is acknowledged only after both).
   */
  async recordRecordingReady(
    meetingId: string,
    entryId: string,
    ctx: WebhookContext,
  ): Promise<WebhookOutcome> {
    const outcome = await this.recordFact(meetingId, ctx, (fact, state) =>
      decideRecordingReady({ ...fact, entryId }, state),
    );
    const { guildId } = outcome.meeting;
    if (this.videoAccess && guildId && outcome.meeting.recordingEntryIds.includes(entryId))
      await this.videoAccess.addRecording(guildId, {
        entryId,
        meetingId: outcome.meeting.meetingId,
      });
    return outcome;
  }

  recordParticipant(
    meetingId: string,
    participantId: string,
    change: ParticipantChange,
    ctx: WebhookContext,
  ): Promise<WebhookOutcome> {
    return this.recordFact(meetingId, ctx, (fact, state) =>
      decideParticipant({ ...fact, participantId, change }, state),
    );
  }

  private async issueJoinLink(
    cmd: JoinMeetingCommand,
    displayName: string,
    context: ContextFor,
    known?: LoadedAggregate<MeetingState>,
  ): Promise<IssuedJoinLink> {
    const { state, result } = await this.handler.handle(
      meetingAggregate,
      cmd.meetingId,
      async (current) => {
        const { decisions, kalturaRole } = decideJoin(cmd, current);
        const meeting = requireMeeting(current, cmd.meetingId);
        const moderator = kalturaRole === 'adminRole';
        const joinUrl = await this.rooms.joinUrl(
          meeting,
          { userId: cmd.userId, name: displayName, moderator },
          context,
        );
        return { events: meetingEvents(decisions, context), result: { joinUrl, kalturaRole } };
      },
      { policy: this.joinPolicy, ...(known && { loaded: known }) },
    );
    const { actor, correlationId } = context('person.linked');
    this.people?.linkInBackground(
      { discordUserId: cmd.userId, displayName },
      { actor, correlationId },
    );
    return { meeting: summarize(requireMeeting(state, cmd.meetingId)), ...result };
  }

  private async appendCreated(
    decide: (state: MeetingState) => MeetingDecision[],
    resourceId: string,
    ref: { meetingId: string; guildId: string },
    context: ContextFor,
  ): Promise<LoadedAggregate<MeetingState>> {
    try {
      // Linked first: a webhook finding the link before the meeting exists parks itself, and the
      // drain after `meeting.created` (or the sweep, if this process dies) applies it.
      await this.directory?.link(roomKey(resourceId), ref);
      const created = await this.handler.handle(
        meetingAggregate,
        ref.meetingId,
        (state) => meetingEvents(decide(state), context),
        { policy: this.policy, loaded: { state: meetingAggregate.initial, lastSeq: 0 } },
      );
      return { state: created.state, lastSeq: created.lastSeq };
    } catch (error) {
      // Unrecorded, the room would be unreachable from Discord: close it rather than leak it.
      this.logger.error(
        { err: error, resourceId },
        'could not record meeting.created; closing the room',
      );
      await this.rooms.discard(resourceId);
      throw error;
    }
  }

  /** Notifications about the room that came before its meeting; the sweep retries a failure. */
  private async applyEarlyNotifications(resourceId: string): Promise<void> {
    try {
      await this.webhookFacts?.drain(roomKey(resourceId));
    } catch (error) {
      this.logger.warn({ err: error, resourceId }, 'could not apply early notifications yet');
    }
  }

  private async recordFact(
    meetingIdInput: string,
    ctx: WebhookContext,
    decide: (fact: WebhookFact, state: MeetingState) => MeetingDecision[],
  ): Promise<WebhookOutcome> {
    const meetingId = this.meetingIdOf(meetingIdInput);
    const { state, appended } = await this.handler.handle(
      meetingAggregate,
      meetingId,
      (current) => {
        const decisions = decide({ meetingId, causationId: ctx.causationId }, current);
        const guildId = requireMeeting(current, meetingId).guildId;
        return meetingEvents(decisions, kalturaContext(ctx, guildId, this.now));
      },
      { policy: this.policy },
    );
    return {
      recorded: appended.length > 0,
      meeting: summarize(requireMeeting(state, meetingId)),
    };
  }

  private meetingIdOf(input: string): string {
    const meetingId = parseMeetingId(input);
    if (!meetingId) throw meetingNotFound(input.slice(0, 32));
    return meetingId;
  }
}
