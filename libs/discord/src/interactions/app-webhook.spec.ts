import { describe, expect, it } from '@jest/globals';
import { thrownCode } from './interaction.fixture.js';
import { parseAppWebhook } from './app-webhook.schema.js';

const app = '100000000000000100';
const guild = { id: '100000000000000200', name: 'Study group', approximate_member_count: 42 };
const user = { id: '100000000000000400', username: 'ada', global_name: null };

function authorized(extra: Record<string, unknown> = {}) {
  return {
    version: 1,
    application_id: app,
    type: 1,
    event: {
      type: 'APPLICATION_AUTHORIZED',
      timestamp: '2024-10-18T14:42:53.064834',
      data: {
        integration_type: 0,
        scopes: ['applications.commands', 'bot'],
        user,
        guild,
        ...extra,
      },
    },
  };
}

describe('parseAppWebhook', () => {
  it('recognises the PING (type 0) Discord sends to check the URL', () => {
    expect(parseAppWebhook({ version: 1, application_id: app, type: 0 })).toEqual({
      kind: 'ping',
      applicationId: app,
    });
  });

  it('reads a server install from APPLICATION_AUTHORIZED, timestamp taken as UTC', () => {
    expect(parseAppWebhook(authorized())).toEqual({
      kind: 'application_authorized',
      applicationId: app,
      dedupeKey: expect.stringMatching(/^dae-[0-9a-f]{40}$/),
      occurredAt: '2024-10-18T14:42:53.064Z',
      userId: user.id,
      guild: { id: guild.id, name: 'Study group', memberCount: 42 },
    });
  });

  it('gives a redelivered event the same dedupe key and another event a different one', () => {
    const first = parseAppWebhook(authorized());
    const again = parseAppWebhook(authorized());
    const other = parseAppWebhook(authorized({ guild: { ...guild, id: '100000000000000201' } }));
    if (first.kind !== 'application_authorized' || again.kind !== 'application_authorized')
      throw new Error('expected installs');
    expect(again.dedupeKey).toBe(first.dedupeKey);
    expect(other.kind === 'application_authorized' && other.dedupeKey).not.toBe(first.dedupeKey);
  });

  it('has no guild for a user install', () => {
    const parsed = parseAppWebhook(authorized({ integration_type: 1, guild: undefined }));
    expect(parsed).toMatchObject({ kind: 'application_authorized', guild: null });
  });

  it('passes other event types through as `other` so they can be acked and ignored', () => {
    const body = {
      ...authorized(),
      event: { type: 'ENTITLEMENT_CREATE', timestamp: '2024-10-18T14:42:53Z', data: {} },
    };
    expect(parseAppWebhook(body)).toEqual({
      kind: 'other',
      applicationId: app,
      eventType: 'ENTITLEMENT_CREATE',
      occurredAt: '2024-10-18T14:42:53.000Z',
    });
  });

  it.each([
    ['an unknown webhook type', { version: 1, application_id: app, type: 2 }],
    ['a bad timestamp', { ...authorized(), event: { ...authorized().event, timestamp: 'soon' } }],
    ['an install without user', authorized({ user: undefined })],
  ])('refuses %s as DISCORD.INVALID_WEBHOOK_EVENT', (_, body) => {
    expect(thrownCode(() => parseAppWebhook(body))).toBe('DISCORD.INVALID_WEBHOOK_EVENT');
  });
});
