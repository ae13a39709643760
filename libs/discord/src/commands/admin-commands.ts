import { defineCommand } from './command-definition.js';
import {
  booleanOption,
  channelOption,
  choiceOption,
  integerOption,
  roleOption,
  stringOption,
} from './command-options.js';
import { defineSubcommandCommand } from './subcommand-definition.js';

/** Manage Server (1 << 5): Discord shows these commands to admins until a server changes it. */
const MANAGE_GUILD = '32';

const sections = {
  general: 'General (time zone, language)',
  notifications: 'Notifications',
  commands: 'Commands',
  roles: 'Roles',
  features: 'Features',
} as const;

export const kalturaConfigView = defineCommand({
  name: 'kaltura-config-view',
  description: "Show this server's Kaltura settings",
  // 2: `section`; settings shown as embeds, one per section, changes marked.
  version: 2,
  deferred: false,
  ephemeral: true,
  readOnly: true,
  defaultMemberPermissions: MANAGE_GUILD,
  options: {
    section: choiceOption({ description: 'Only this section', choices: sections }),
  },
});

const notificationKindChoices = {
  meeting_scheduled: 'Meeting scheduled',
  meeting_reminder: 'Meeting reminder',
  meeting_start: 'Meeting started',
  meeting_end: 'Meeting ended',
  recording_ready: 'Recording ready',
  participant_join: 'Participant joined',
  participant_leave: 'Participant left',
} as const;

const localeChoices = {
  'en-US': 'English (US)',
  de: 'Deutsch',
  'es-ES': 'Español (España)',
  fr: 'Français',
  'pt-BR': 'Português (Brasil)',
} as const;

export const kalturaConfigUpdate = defineSubcommandCommand({
  name: 'kaltura-config-update',
  description: 'Change Kaltura settings of this server',
  // 4: typed sub-commands (channel, role, switch, general, template, set) instead of section/key/value.
  version: 4,
  deferred: false,
  ephemeral: true,
  readOnly: false,
  defaultMemberPermissions: MANAGE_GUILD,
  subcommands: {
    channel: {
      description: 'Where a kind of notification is posted',
      options: {
        kind: choiceOption({
          description: 'Kind of notification',
          required: true,
          choices: notificationKindChoices,
        }),
        channel: channelOption({
          description: 'Channel to post in; leave out for the channel the meeting started from',
        }),
      },
    },
    role: {
      description: 'The Kaltura role members with a Discord role get',
      options: {
        role: roleOption({ description: 'Discord role', required: true }),
        kaltura_role: choiceOption({
          description: 'Kaltura role, or none to remove the mapping',
          required: true,
          choices: {
            adminRole: 'Moderator (adminRole)',
            viewerRole: 'Attendee (viewerRole)',
            none: 'None (remove)',
          },
        }),
      },
    },
    switch: {
      description: 'Turn a notification, command or feature on or off',
      options: {
        key: stringOption({
          description: 'What to switch, e.g. features.recordings',
          required: true,
          maxLength: 100,
          autocomplete: true,
        }),
        value: booleanOption({ description: 'On (True) or off (False)', required: true }),
      },
    },
    general: {
      description: 'Time zone, language and reminder time',
      options: {
        timezone: stringOption({
          description: 'IANA time zone, e.g. Europe/Berlin',
          maxLength: 64,
          autocomplete: true,
        }),
        locale: choiceOption({ description: 'Language of notifications', choices: localeChoices }),
        reminder_minutes: integerOption({
          description: 'Minutes before a scheduled meeting to remind (0 = off)',
          min: 0,
          max: 1440,
        }),
      },
    },
    template: {
      description: 'Edit the text of a kind of notification, with a preview',
      options: {
        kind: choiceOption({
          description: 'Kind of notification',
          required: true,
          choices: notificationKindChoices,
        }),
      },
    },
    set: {
      description: 'Any setting by its key (advanced)',
      options: {
        key: stringOption({
          description: 'Setting, e.g. commands.permissions.kaltura-start',
          required: true,
          maxLength: 100,
          autocomplete: true,
        }),
        value: stringOption({
          description: 'New value ("null" returns it to the default)',
          required: true,
          maxLength: 1500,
        }),
      },
    },
  },
});

export const kalturaConfigReset = defineCommand({
  name: 'kaltura-config-reset',
  description: 'Return settings of this server to the defaults',
  // 3: asks for confirmation with buttons instead of a `confirm` option.
  version: 3,
  deferred: false,
  ephemeral: true,
  readOnly: false,
  defaultMemberPermissions: MANAGE_GUILD,
  options: {
    section: choiceOption({
      description: 'Section to reset, or all',
      required: true,
      choices: { all: 'All sections', ...sections },
    }),
  },
});

export const kalturaStats = defineCommand({
  name: 'kaltura-stats',
  description: "Usage figures of this server's Kaltura meetings and commands",
  version: 1,
  deferred: true,
  ephemeral: true,
  readOnly: false,
  defaultMemberPermissions: MANAGE_GUILD,
  options: {},
});

/**
 * Forget me (docs/privacy.md): without `confirm` it only asks, with Confirm/Cancel buttons; the
 * Confirm button (or `confirm: yes`) forgets the member who asks, never anyone else.
 */
export const kalturaForgetMe = defineCommand({
  name: 'kaltura-forget-me',
  description: 'Delete what this app keeps about you (asks you to confirm first)',
  version: 1,
  deferred: true,
  ephemeral: true,
  readOnly: false,
  defaultMemberPermissions: null,
  options: {
    confirm: choiceOption({
      description: 'Skip the question: yes forgets you now',
      choices: { yes: 'Yes, forget me', no: 'No, keep my data' },
    }),
  },
});
