import { authTokenRevoked } from './auth.events.js';
import { commandExecuted } from './command.events.js';
import { configReset, configUpdated } from './config.events.js';
import {
  guildInstalled,
  guildMemberCountChanged,
  guildUninstalled,
  guildVideoAccessGranted,
  guildVideoAccessRevoked,
} from './guild.events.js';
import {
  kalturaApiFailed,
  kalturaWebhookParked,
  kalturaWebhookReceived,
} from './kaltura.events.js';
import {
  meetingCreated,
  meetingEnded,
  meetingJoinLinkIssued,
  meetingParticipantJoined,
  meetingParticipantLeft,
  meetingRecordingReady,
  meetingStarted,
} from './meeting.events.js';
import {
  meetingCanceled,
  meetingDiscordEventDeleted,
  meetingDiscordEventFailed,
  meetingDiscordEventLinked,
  meetingRsvpAdded,
  meetingRsvpRemoved,
  meetingScheduled,
} from './meeting-schedule.events.js';
import {
  notificationAnnouncementDeleted,
  notificationAnnouncementPosted,
  notificationFailed,
  notificationSent,
} from './notification.events.js';
import { personForgotten, personLinkFailed, personLinked } from './person.events.js';

export {
  commandOutcomes,
  commandTransports,
  commandVias,
  discordLocaleCode,
} from './command.events.js';
export { configSections } from './config.events.js';
export { meetingTypes } from './meeting.events.js';
export { personKalturaActions, discordIdOfKalturaUser } from './person.events.js';
export { maxScheduledMinutes } from './meeting-schedule.events.js';

/** The event catalog (DESIGN §3): type → definition. Adding a type here is all it takes. */
export const eventCatalog = {
  'guild.installed': guildInstalled,
  'guild.uninstalled': guildUninstalled,
  'guild.member_count_changed': guildMemberCountChanged,
  'guild.video_access_granted': guildVideoAccessGranted,
  'guild.video_access_revoked': guildVideoAccessRevoked,
  'command.executed': commandExecuted,
  'meeting.created': meetingCreated,
  'meeting.join_link_issued': meetingJoinLinkIssued,
  'meeting.started': meetingStarted,
  'meeting.participant_joined': meetingParticipantJoined,
  'meeting.participant_left': meetingParticipantLeft,
  'meeting.ended': meetingEnded,
  'meeting.recording_ready': meetingRecordingReady,
  'meeting.scheduled': meetingScheduled,
  'meeting.canceled': meetingCanceled,
  'meeting.discord_event_linked': meetingDiscordEventLinked,
  'meeting.discord_event_failed': meetingDiscordEventFailed,
  'meeting.discord_event_deleted': meetingDiscordEventDeleted,
  'meeting.rsvp_added': meetingRsvpAdded,
  'meeting.rsvp_removed': meetingRsvpRemoved,
  'kaltura.webhook_received': kalturaWebhookReceived,
  'kaltura.webhook_parked': kalturaWebhookParked,
  'kaltura.api_failed': kalturaApiFailed,
  'config.updated': configUpdated,
  'config.reset': configReset,
  'notification.sent': notificationSent,
  'notification.failed': notificationFailed,
  'notification.announcement_posted': notificationAnnouncementPosted,
  'notification.announcement_deleted': notificationAnnouncementDeleted,
  'auth.token_revoked': authTokenRevoked,
  'person.linked': personLinked,
  'person.link_failed': personLinkFailed,
  'person.forgotten': personForgotten,
} as const;
