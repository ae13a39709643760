import { describe, expect, it } from '@jest/globals';
import { aggregateIdOf, decodeEvent, prepareForAppend } from './codec.js';
import { newEvent } from './create-event.js';
import {
  EventValidationError,
  UnknownEventTypeError,
  UnsupportedEventVersionError,
} from './errors.js';

const guildId = '123456789012345678';
const user = '223456789012345678';
const context = { actor: { kind: 'user' as const, id: user }, correlationId: 'corr-1', guildId };
const recordedAt = new Date('2026-01-02T03:04:05.000Z');

const meetingV1Payload = {
  meetingId: 'm-1',
  kalturaResourceId: '42',
  type: 'meeting',
  title: 'Standup',
  ownerUserId: user,
};

describe('prepareForAppend', () => {
  it('stamps the current version and recordedAt', () => {
    const event = prepareForAppend(
      newEvent(
        'meeting.created',
        { ...meetingV1Payload, type: 'webinar', description: 'hi' },
        context,
      ),
      recordedAt,
    );
    expect(event.version).toBe(2);
    expect(event.recordedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(event.payload.description).toBe('hi');
  });

  it('rejects a payload that breaks its schema, naming the field', () => {
    const bad = newEvent('guild.installed', { name: 'x', memberCount: -1 }, context);
    expect(() => prepareForAppend(bad, recordedAt)).toThrow(EventValidationError);
    expect(() => prepareForAppend(bad, recordedAt)).toThrow(/payload\.memberCount/);
  });

  it('rejects a malformed envelope', () => {
    const bad = { ...newEvent('guild.uninstalled', {}, context), guildId: 'not-a-snowflake' };
    expect(() => prepareForAppend(bad as never, recordedAt)).toThrow(/guildId/);
  });

  it('rejects an unknown type', () => {
    const bad = { ...newEvent('guild.uninstalled', {}, context), type: 'guild.exploded' };
    expect(() => prepareForAppend(bad as never, recordedAt)).toThrow(UnknownEventTypeError);
  });
});

describe('decodeEvent', () => {
  const stored = (version: number, payload: unknown) => ({
    id: 'e-1',
    type: 'meeting.created',
    version,
    occurredAt: '2026-01-01T00:00:00.000Z',
    recordedAt: '2026-01-01T00:00:01.000Z',
    guildId,
    actor: { kind: 'user', id: user },
    correlationId: 'c',
    payload,
  });

  it('upcasts meeting.created v1 to v2 with a null description', () => {
    const event = decodeEvent(stored(1, meetingV1Payload));
    expect(event.version).toBe(2);
    expect(event.payload).toEqual({ ...meetingV1Payload, description: null });
  });

  it('validates a v1 payload against the v1 schema before upcasting', () => {
    expect(() => decodeEvent(stored(1, { ...meetingV1Payload, title: '' }))).toThrow(
      /payload\(v1\)\.title/,
    );
  });

  it('refuses a version newer than this build', () => {
    expect(() => decodeEvent(stored(3, meetingV1Payload))).toThrow(UnsupportedEventVersionError);
  });

  it('refuses something that is not an event at all', () => {
    expect(() => decodeEvent('hello')).toThrow(EventValidationError);
    expect(() => decodeEvent(null)).toThrow(EventValidationError);
  });
});

describe('aggregateIdOf', () => {
  it('keys commands by interaction id and notifications by their cause', () => {
    const command = newEvent(
      'command.executed',
      {
        interactionId: '323456789012345678',
        command: 'kaltura-list',
        commandVersion: 1,
        options: {},
        userId: user,
        channelId: null,
        outcome: 'ok',
        errorCode: null,
        durationMs: 3,
        transport: 'http',
        locale: 'fr',
        guildLocale: null,
      },
      context,
    );
    expect(aggregateIdOf(command)).toBe('323456789012345678');
    const sent = newEvent(
      'notification.sent',
      { kind: 'meeting.started', channelId: user, messageId: user },
      {
        ...context,
        causationId: 'evt-9',
      },
    );
    expect(aggregateIdOf(sent)).toBe('evt-9');
  });

  it('refuses a notification without a causation id', () => {
    const sent = newEvent(
      'notification.sent',
      { kind: 'k', channelId: user, messageId: user },
      context,
    );
    expect(() => aggregateIdOf(sent)).toThrow(/no notification id/);
  });
});
