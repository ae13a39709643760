import { defineCommand } from './command-definition.js';
import { choiceOption, integerOption, stringOption } from './command-options.js';

export const kalturaSchedule = defineCommand({
  name: 'kaltura-schedule',
  description: 'Schedule a Kaltura meeting and a Discord event for it',
  version: 1,
  deferred: true,
  ephemeral: false,
  readOnly: false,
  defaultMemberPermissions: null,
  options: {
    type: choiceOption({
      description: 'What kind of session',
      required: true,
      choices: { meeting: 'Meeting', webinar: 'Webinar', classroom: 'Classroom' },
    }),
    title: stringOption({ description: 'Title shown to everyone', required: true, maxLength: 100 }),
    when: stringOption({
      description: 'Start, in the server time zone: 2026-12-24 18:00, tomorrow 18:00, friday 17:30',
      required: true,
      maxLength: 64,
    }),
    // Longer than the 24 h we accept, so a typo gets our explanation rather than Discord's.
    duration: integerOption({
      description: 'Minutes (default 60, at most 1440)',
      min: 1,
      max: 10080,
    }),
    description: stringOption({ description: 'What it is about', maxLength: 1000 }),
  },
});

export const kalturaCancel = defineCommand({
  name: 'kaltura-cancel',
  description: 'Cancel a scheduled meeting (yours, or any with Manage Events)',
  version: 1,
  deferred: true,
  ephemeral: true,
  readOnly: false,
  defaultMemberPermissions: null,
  options: {
    meeting: stringOption({
      description: 'The scheduled meeting (start typing its title)',
      required: true,
      maxLength: 64,
      autocomplete: true,
    }),
    reason: stringOption({ description: 'Why (shown in the Discord event)', maxLength: 200 }),
  },
});
