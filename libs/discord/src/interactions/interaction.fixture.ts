// Interaction payloads as Discord sends them (API v10), for specs.
import { KdError } from '@kd/events';

export const ids = {
  application: '100000000000000100',
  guild: '100000000000000200',
  channel: '100000000000000300',
  user: '100000000000000400',
  role: '100000000000000500',
  interaction: '100000000000000600',
  command: '100000000000000700',
};

const member = {
  user: { id: ids.user, username: 'ada', global_name: 'Ada L.', discriminator: '0', avatar: null },
  roles: [ids.role],
  permissions: '2248473465835073',
  nick: null,
  joined_at: '2025-01-01T00:00:00.000000+00:00',
};

export function commandPayload(
  name = 'kaltura-start',
  options: unknown[] = [
    { name: 'type', type: 3, value: 'webinar' },
    { name: 'title', type: 3, value: 'Weekly sync' },
  ],
) {
  return {
    type: 2,
    id: ids.interaction,
    application_id: ids.application,
    token: 'aW50ZXJhY3Rpb246MTAwMDAwMDAwMDAwMDAwNjAwOnRva2Vu',
    version: 1,
    guild_id: ids.guild,
    channel_id: ids.channel,
    channel: { id: ids.channel, type: 0 },
    member,
    locale: 'de',
    guild_locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': ids.guild },
    context: 0,
    data: { id: ids.command, name, type: 1, options, guild_id: ids.guild },
  };
}

export function autocompletePayload(typed = 'week') {
  return {
    ...commandPayload('kaltura-join', [
      { name: 'meeting-id', type: 3, value: typed, focused: true },
    ]),
    type: 4,
  };
}

export function dmCommandPayload(): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...commandPayload('kaltura-list', []), context: 1 };
  delete payload.member;
  delete payload.guild_id;
  return { ...payload, user: member.user };
}

/** The code of the KdError `fn` throws ('not a KdError' for anything else, undefined if none). */
export function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof KdError ? error.code : 'not a KdError';
  }
  return undefined;
}
