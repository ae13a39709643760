import { defineCommand } from './command-definition.js';
import { booleanOption, channelOption, choiceOption, stringOption } from './command-options.js';

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
  version: 1,
  deferred: false,
  ephemeral: true,
  readOnly: true,
  defaultMemberPermissions: MANAGE_GUILD,
  options: {},
});

export const kalturaConfigUpdate = defineCommand({
  name: 'kaltura-config-update',
  description: 'Change one Kaltura setting of this server',
  // 2: `value` optional, `channel` added (notifications.channels.* take a channel of the server).
  version: 3,
  deferred: false,
  ephemeral: true,
  readOnly: false,
  defaultMemberPermissions: MANAGE_GUILD,
  options: {
    section: choiceOption({ description: 'Settings section', required: true, choices: sections }),
    key: stringOption({
      description: 'Setting within the section, e.g. templates.meeting_start',
      required: true,
      maxLength: 100,
    }),
    value: stringOption({
      description: 'New value ("null" returns it to the default); for channels, use channel',
      maxLength: 1500,
    }),
    channel: channelOption({
      description: 'For notifications channels.*: a channel of this server',
    }),
  },
});

export const kalturaConfigReset = defineCommand({
  name: 'kaltura-config-reset',
  description: 'Return settings of this server to the defaults',
  version: 2,
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
    confirm: booleanOption({ description: 'Yes, reset it', required: true }),
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
