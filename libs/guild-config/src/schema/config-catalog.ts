/**
 * The closed sets the configuration is built from. The schema, the dotted keys, the suggestions
 * and the docs all derive from these lists, so adding a notification kind or a command is one
 * edit here plus its default in config/default_config.json.
 */
export const configUpdateSections = [
  'general',
  'notifications',
  'commands',
  'roles',
  'features',
] as const;
export type ConfigSection = (typeof configUpdateSections)[number];

export const notificationKinds = [
  'meeting_scheduled',
  'meeting_reminder',
  'meeting_start',
  'meeting_end',
  'recording_ready',
  'participant_join',
  'participant_leave',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const commandNames = [
  'kaltura-start',
  'kaltura-join',
  'kaltura-list',
  'kaltura-end',
  'kaltura-video-search',
  'kaltura-config-view',
  'kaltura-config-update',
  'kaltura-config-reset',
  'kaltura-stats',
  'kaltura-schedule',
  'kaltura-cancel',
] as const;
export type CommandName = (typeof commandNames)[number];

/** Disabling these would lock a guild's admins out of undoing it. */
export const alwaysEnabledCommands: readonly CommandName[] = [
  'kaltura-config-view',
  'kaltura-config-update',
  'kaltura-config-reset',
];

export const kalturaRoles = ['adminRole', 'viewerRole'] as const;
export type KalturaRole = (typeof kalturaRoles)[number];

export const featureNames = ['video_search', 'recordings', 'webinars', 'classrooms'] as const;
export type FeatureName = (typeof featureNames)[number];

/** The access-list entry that lets every member use a command. */
export const everyone = 'everyone';
