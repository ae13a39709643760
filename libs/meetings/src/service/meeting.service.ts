import type { Registry } from 'prom-client';
import type { EventStore } from '@kd/event-store';
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
import { newMeetingId, parseMeetingId } from '../domain/meeting-id.js';
import {
  noMeeting,
  type KalturaRole,
  type MeetingDecision,
  type MeetingState,
} from '../domain/meeting-state.js';
import { MeetingRooms } from './meeting-rooms.js';
import {
  kalturaContext,
  requireMeeting,
  userContext,
  type ContextFor,
  type WebhookContext,
} from './meeting-context.js';
import {
  createMeetingInputSchema,
  endMeetingInputSchema,
  joinMeetingInputSchema,
  parseInput,
  type CreateMeetingInput,
  type EndMeetingInput,
  type JoinMeetingInput,
} from './meeting-input.js';
import { createMeetingMetrics, timed, type MeetingMetrics } from './meeting-metrics.js';
import { MeetingStream, retryOnConflict, type LoadedMeeting } from './meeting-stream.js';
import { summarize, type MeetingSummary } from './meeting-summary.js';
import type { MeetingDirectory } from './meeting-directory.js';
import { WebhookFacts } from './webhook-facts.js';
import { roomKey } from '../domain/kaltura-fact.js';
import type { VideoAccessService } from '../video-access/video-access.service.js';

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
  private readonly stream: MeetingStream;
  private readonly rooms: MeetingRooms;
  private readonly metrics: MeetingMetrics | undefined;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly joinMaxAttempts: number;
  private readonly directory: MeetingDirectory | undefined;
  /** Kaltura notifications → meeting events (undefined without a directory). */
  readonly webhookFacts: WebhookFacts | undefined;
  private readonly videoAccess: VideoAccessService | undefined;

  constructor(options: MeetingServiceOptions) {
    this.videoAccess = options.videoAccess;
    this.stream = new MeetingStream(options.store);
    this.metrics = options.metrics && createMeetingMetrics(options.metrics);
    this.logger = options.logger.child({ context: 'MeetingService' });
    this.rooms = new MeetingRooms(options.kaltura, options.store, this.logger);
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 3;
    this.joinMaxAttempts = options.joinMaxAttempts ?? 10;
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
      const decisions = decideCreate(
        { ...cmd, meetingId, kalturaResourceId: resourceId },
        noMeeting,
      );
      const ref = { meetingId, guildId: cmd.guildId };
      const created = await this.appendCreated(decisions, resourceId, ref, context);
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
    const context = userContext({ ...cmd, userId: cmd.byUserId }, this.now);
    let roomClosed = false;
    return retryOnConflict(this.maxAttempts, async () => {
      const loaded = await this.stream.load(meetingId);
      const decisions = decideEnd({ ...cmd, meetingId }, loaded.state);
      if (!roomClosed) await this.rooms.close(requireMeeting(loaded.state, meetingId), context);
      roomClosed = true;
      const after = await this.stream.append(loaded, decisions, context);
      this.logger.info(
        { meetingId, correlationId: cmd.correlationId, endedBy: cmd.byUserId },
        'meeting ended',
      );
      return summarize(requireMeeting(after.state, meetingId));
    });
  }

  /** The meeting as its events tell it; MEETING.NOT_FOUND if unknown or of another guild. */
  async get(meetingIdInput: string, guildId: string): Promise<MeetingSummary> {
    const meetingId = this.meetingIdOf(meetingIdInput);
    const { state } = await this.stream.load(meetingId);
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
    known?: LoadedMeeting,
  ): Promise<IssuedJoinLink> {
    let preloaded = known;
    return retryOnConflict(this.joinMaxAttempts, async () => {
      const loaded = preloaded ?? (await this.stream.load(cmd.meetingId));
      preloaded = undefined;
      const { decisions, kalturaRole } = decideJoin(cmd, loaded.state);
      const meeting = requireMeeting(loaded.state, cmd.meetingId);
      const moderator = kalturaRole === 'adminRole';
      const joinUrl = await this.rooms.joinUrl(
        meeting,
        { userId: cmd.userId, name: displayName, moderator },
        context,
      );
      const after = await this.stream.append(loaded, decisions, context);
      return {
        meeting: summarize(requireMeeting(after.state, cmd.meetingId)),
        joinUrl,
        kalturaRole,
      };
    });
  }

  private async appendCreated(
    decisions: MeetingDecision[],
    resourceId: string,
    ref: { meetingId: string; guildId: string },
    context: ContextFor,
  ): Promise<LoadedMeeting> {
    try {
      // Linked first: a webhook finding the link before the meeting exists parks itself, and the
      // drain after `meeting.created` (or the sweep, if this process dies) applies it.
      await this.directory?.link(roomKey(resourceId), ref);
      return await this.stream.append({ state: noMeeting, lastSeq: 0 }, decisions, context);
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
    return retryOnConflict(this.maxAttempts, async () => {
      const loaded = await this.stream.load(meetingId);
      const decisions = decide({ meetingId, causationId: ctx.causationId }, loaded.state);
      const guildId = requireMeeting(loaded.state, meetingId).guildId;
      const after = await this.stream.append(
        loaded,
        decisions,
        kalturaContext(ctx, guildId, this.now),
      );
      return {
        recorded: after.appended.length > 0,
        meeting: summarize(requireMeeting(after.state, meetingId)),
      };
    });
  }

  private meetingIdOf(input: string): string {
    const meetingId = parseMeetingId(input);
    if (!meetingId) throw meetingNotFound(input.slice(0, 32));
    return meetingId;
  }
}
