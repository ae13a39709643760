import { defineCommand } from './command-definition.js';
import { choiceOption, integerOption, stringOption } from './command-options.js';

const meetingId = stringOption({
  description: 'The meeting (start typing its title)',
  required: true,
  maxLength: 64,
  autocomplete: true,
});

export const kalturaStart = defineCommand({
  name: 'kaltura-start',
  description: 'Start a Kaltura meeting, webinar or classroom for this server',
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
    description: stringOption({ description: 'What it is about', maxLength: 1000 }),
  },
});

export const kalturaJoin = defineCommand({
  name: 'kaltura-join',
  description: 'Get your personal link to join a meeting',
  version: 1,
  deferred: true,
  ephemeral: true,
  readOnly: false,
  defaultMemberPermissions: null,
  options: { 'meeting-id': meetingId },
});

export const kalturaList = defineCommand({
  name: 'kaltura-list',
  description: "List this server's active meetings",
  version: 1,
  deferred: false,
  ephemeral: true,
  readOnly: true,
  defaultMemberPermissions: null,
  options: {},
});

export const kalturaEnd = defineCommand({
  name: 'kaltura-end',
  description: 'End a meeting (yours, or any with Manage Events)',
  version: 1,
  deferred: true,
  ephemeral: true,
  readOnly: false,
  defaultMemberPermissions: null,
  options: { 'meeting-id': meetingId },
});

export const kalturaVideoSearch = defineCommand({
  name: 'kaltura-video-search',
  description: 'Search the Kaltura video library',
  version: 1,
  deferred: true,
  ephemeral: true,
  readOnly: true,
  defaultMemberPermissions: null,
  options: {
    query: stringOption({ description: 'Words to look for', required: true, maxLength: 100 }),
    limit: integerOption({ description: 'How many results (1-10, default 5)', min: 1, max: 10 }),
  },
});
