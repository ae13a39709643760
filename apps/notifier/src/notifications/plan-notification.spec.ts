import { describe, expect, it } from '@jest/globals';
import type { GuildConfig } from '@kd/guild-config';
import { noMeeting } from '@kd/meetings';
import {
  channelId,
  defaults,
  meeting,
  meetingId,
  notifying,
  recorded,
} from './notification.fixture.js';
import {
  kindOf,
  livingOnlyEventTypes,
  notifyingEventTypes,
  type NotifyingEventType,
} from './notification-kind.js';
import {
  notificationSettings,
  planNotification,
  type NotificationSettings,
} from './plan-notification.js';

function withNotifications(patch: object, features: object = {}): GuildConfig {
  return {
    ...defaults,
    notifications: { ...defaults.notifications, ...patch },
    features: { ...defaults.features, ...features },
  };
}

const settings = (overrides: Partial<NotificationSettings> = {}): NotificationSettings => ({
  kind: 'meeting_start',
  template: '{{title}} started',
  channel: channelId,
  locale: 'en-US',
  translated: false,
  ...overrides,
});

describe('notificationSettings', () => {
  it('sends the default kinds with the default template to the default channel', () => {
    expect(notificationSettings(defaults, 'meeting_start', defaults)).toEqual({
      kind: 'meeting_start',
      template: defaults.notifications.templates.meeting_start,
      channel: 'default',
      locale: 'en-US',
      translated: true,
    });
  });

  it("speaks the guild's language, and marks a template the guild wrote as its own", () => {
    const german = { ...defaults, general: { ...defaults.general, locale: 'de' as const } };
    expect(notificationSettings(german, 'meeting_end', defaults)).toMatchObject({
      locale: 'de',
      translated: true,
    });
    const own = withNotifications({
      templates: { ...defaults.notifications.templates, meeting_end: 'Done: {{title}}' },
    });
    expect(notificationSettings(own, 'meeting_end', defaults)).toMatchObject({ translated: false });
  });

  it('sends nothing when notifications are off, or the kind is', () => {
    expect(
      notificationSettings(withNotifications({ enabled: false }), 'meeting_end', defaults),
    ).toEqual({
      skip: 'notifications_disabled',
    });
    expect(notificationSettings(defaults, 'participant_join', defaults)).toEqual({
      skip: 'kind_disabled',
    });
  });

  it('announces no recording in a guild that turned recordings off', () => {
    const config = withNotifications({}, { recordings: false });
    expect(notificationSettings(config, 'recording_ready', defaults)).toEqual({
      skip: 'feature_disabled',
    });
    expect(notificationSettings(config, 'meeting_end', defaults)).toMatchObject({
      kind: 'meeting_end',
    });
  });
});

/** The types that post on their own ("separate posts"); the others only refresh a living message. */
const posting = notifyingEventTypes.filter((type) => !livingOnlyEventTypes.has(type));

const expectedContent: Partial<Record<NotifyingEventType, RegExp>> = {
  'meeting.scheduled':
    /^📅 \*\*Weekly sync\*\* is scheduled for <t:1893780000:F>, set up by <@\d+>\.$/,
  'meeting.started':
    /\*\*Weekly sync\*\* has started, opened by <@\d+>\. Join: `\/kaltura-join meeting-id:m0abcdefghi`/,
  'meeting.ended': /\*\*Weekly sync\*\* has ended after 0 s\./,
  'meeting.recording_ready': /recording of \*\*Weekly sync\*\* is ready: 1\\_abc\\_def$/,
  'meeting.participant_joined': /^👋 guest@\u200bexample\.org joined \*\*Weekly sync\*\*\.$/,
  'meeting.participant_left': /^guest@\u200bexample\.org left \*\*Weekly sync\*\*\.$/,
};

describe('planNotification', () => {
  const event = recorded('meeting.started', { meetingId });
  const plan = (over: Partial<Parameters<typeof planNotification>[0]> = {}) =>
    planNotification({
      event,
      settings: settings(),
      meeting: meeting(),
      originChannelId: null,
      links: {},
      ...over,
    });

  it('renders the template into the configured channel, with a Join button and no link', () => {
    expect(plan()).toEqual({
      send: true,
      kind: 'meeting_start',
      channelId,
      content: 'Weekly sync started',
      components: [
        {
          type: 1,
          components: [{ type: 2, style: 1, label: 'Join', custom_id: `kd1:join:${meetingId}` }],
        },
      ],
    });
  });

  it('sends to the channel the meeting was started from when the setting is "default"', () => {
    const origin = '423456789012345678';
    expect(
      plan({ settings: settings({ channel: 'default' }), originChannelId: origin }),
    ).toMatchObject({ send: true, channelId: origin });
    expect(plan({ settings: settings({ channel: 'default' }) })).toEqual({
      send: false,
      kind: 'meeting_start',
      reason: 'no_channel',
    });
  });

  it('skips a meeting this install never created', () => {
    expect(plan({ meeting: noMeeting })).toMatchObject({ send: false, reason: 'unknown_meeting' });
  });

  it("keeps a message within Discord's 2,000 characters", () => {
    const long = meeting('x'.repeat(200));
    const template = '{{title}}'.repeat(12);
    const result = plan({ meeting: long, settings: settings({ template }) });
    expect(result.send && [...result.content].length).toBe(2000);
    expect(result.send && result.content.endsWith('…')).toBe(true);
  });

  it('sends nothing when the template renders to blank', () => {
    const blank = settings({ template: ' {{joinUrl}} ', kind: 'meeting_end' });
    const ended = notifying('meeting.ended');
    expect(plan({ event: ended, settings: blank })).toMatchObject({
      send: false,
      reason: 'empty_message',
    });
  });

  it.each(posting)('renders the default template of %s with its own values', (type) => {
    const kind = kindOf(type);
    const template = defaults.notifications.templates[kind];
    const result = plan({
      event: notifying(type),
      settings: settings({ kind, template }),
    });
    expect(result).toMatchObject({ send: true, kind, channelId, content: expect.any(String) });
    expect(result.send && 'components' in result).toBe(type === 'meeting.started');
    const content = result.send ? result.content : '';
    expect(content).toMatch(expectedContent[type] ?? /^$/);
    expect(content).not.toMatch(/\{\{/);
  });

  it.each(posting)(
    'has the default template of %s in the English catalog exactly as in default_config.json',
    (type) => {
      const kind = kindOf(type);
      const template = defaults.notifications.templates[kind];
      const asWritten = plan({ event: notifying(type), settings: settings({ kind, template }) });
      const fromCatalog = plan({
        event: notifying(type),
        settings: settings({ kind, template, translated: true }),
      });
      expect(fromCatalog).toEqual(asWritten);
    },
  );

  it('translates a default template and the Join button into the guild language', () => {
    const kind = 'meeting_start';
    const template = defaults.notifications.templates[kind];
    const result = plan({ settings: settings({ kind, template, translated: true, locale: 'fr' }) });
    expect(result).toMatchObject({
      content: expect.stringMatching(/^📢 \*\*Weekly sync\*\* a commencé/),
      components: [{ components: [{ label: 'Rejoindre', custom_id: `kd1:join:${meetingId}` }] }],
    });
  });
});
