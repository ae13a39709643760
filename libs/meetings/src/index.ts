export {
  noMeeting,
  type Meeting,
  type MeetingState,
  type MeetingEvent,
  type MeetingEventType,
  type MeetingDecision,
  type MeetingType,
  type KalturaRole,
  type MeetingSchedule,
  type DiscordEventLink,
} from './domain/meeting-state.js';
export {
  decideCancel,
  decideDiscordEventFact,
  type CancelMeetingCommand,
  type DiscordEventFact,
} from './domain/meeting-schedule.decider.js';
export {
  DiscordEventFacts,
  type DiscordFactContext,
  type RecordedFact,
} from './service/discord-event-facts.js';
export { evolveMeeting, foldMeeting } from './domain/evolve-meeting.js';
export {
  decideCreate,
  decideJoin,
  decideEnd,
  type CreateMeetingCommand,
  type JoinMeetingCommand,
  type EndMeetingCommand,
  type JoinLinkDecision,
  type JoinDecision,
} from './domain/meeting-command.decider.js';
export {
  decideStarted,
  decideEndedByKaltura,
  decideRecordingReady,
  decideParticipant,
  type WebhookFact,
  type ParticipantChange,
} from './domain/meeting-webhook.decider.js';
export {
  factOfNotification,
  roomKey,
  entryKey,
  discordEventKey,
  type KalturaFact,
  type ReceivedNotification,
} from './domain/kaltura-fact.js';
export {
  MeetingDirectory,
  type KeyValueStore,
  type RoomLink,
  type ParkedFact,
} from './service/meeting-directory.js';
export { WebhookFacts, type FactOutcome } from './service/webhook-facts.js';
export { newMeetingId, parseMeetingId, derivedEventId } from './domain/meeting-id.js';
export {
  meetingNotFound,
  meetingAlreadyEnded,
  meetingEnded,
  meetingAlreadyExists,
  meetingEndForbidden,
  meetingCanceled,
  meetingAlreadyStarted,
  meetingCancelForbidden,
} from './domain/meeting-errors.js';
export {
  MeetingService,
  type MeetingServiceOptions,
  type IssuedJoinLink,
  type WebhookOutcome,
} from './service/meeting.service.js';
export { meetingAggregate } from './service/meeting-aggregate.js';
export type { WebhookContext } from './service/meeting-context.js';
export type { MeetingSummary } from './service/meeting-summary.js';
export {
  createMeetingInputSchema,
  joinMeetingInputSchema,
  endMeetingInputSchema,
  cancelMeetingInputSchema,
  type CancelMeetingInput,
  type CreateMeetingInput,
  type JoinMeetingInput,
  type EndMeetingInput,
} from './service/meeting-input.js';
export { createMeetingMetrics, type MeetingMetrics } from './service/meeting-metrics.js';
export {
  MeetingQueries,
  type ActiveMeeting,
  type MeetingChoice,
} from './read-model/meeting-queries.js';
export { meetingsProjection } from './read-model/meetings.projection.js';
export { meetingsMigrations } from './read-model/migrations.js';
export {
  noVideoAccess,
  scopeOf,
  isEmptyScope,
  MAX_SCOPED_ENTRIES,
  type VideoAccess,
  type VideoScope,
} from './video-access/video-access.js';
export { VideoAccessStore, videoAccessBucket } from './video-access/video-access.store.js';
export { VideoAccessService, type OperatorChange } from './video-access/video-access.service.js';
export {
  displayNameOf,
  sanitizeName,
  kalturaUserIdOf,
  kalturaUserFields,
  MAX_DISPLAY_NAME,
  type DiscordNames,
} from './people/display-name.js';
export { PersonLinks, type KnownLink, type PendingLink } from './people/person-links.js';
export {
  PeopleService,
  type PeopleServiceOptions,
  type PersonToLink,
  type LinkContext,
  type LinkOutcome,
  type RetryReport,
} from './people/people.service.js';
