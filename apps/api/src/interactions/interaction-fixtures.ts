import { generateDiscordKeys, signDiscordRequest } from '@kd/discord';
import { snowflakeFor } from '@kd/testing';

export const keys = generateDiscordKeys();
export const applicationId = snowflakeFor(900);
export const guildId = snowflakeFor(901);
export const channelId = snowflakeFor(902);
export const owner = { id: snowflakeFor(903), username: 'ada', global_name: 'Ada' };
export const member = { id: snowflakeFor(904), username: 'bob', global_name: null };
/** Manage Guild (1 << 5) | Manage Events (1 << 33) */
export const adminPermissions = String((1n << 5n) | (1n << 33n));
export const memberPermissions = '0';

let next = 5_000;

type OptionValue = string | number | boolean;

export function commandInteraction(
  name: string,
  options: Record<string, OptionValue> = {},
  who: { id: string; username: string; global_name: string | null } = owner,
  permissions = adminPermissions,
) {
  const id = snowflakeFor(7_000_000 + ++next);
  return {
    id,
    type: 2,
    application_id: applicationId,
    token: `token-${id}`,
    guild_id: guildId,
    channel_id: channelId,
    locale: 'en-US',
    member: { user: who, roles: [], permissions },
    data: {
      id: snowflakeFor(800),
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({
        name: n,
        type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3,
        value,
      })),
    },
  };
}

export async function post(
  url: string,
  body: unknown,
  options: {
    timestamp?: number;
    signWith?: typeof keys.privateKey;
    headers?: Record<string, string>;
  } = {},
) {
  const text = JSON.stringify(body);
  const signed = signDiscordRequest(text, options.signWith ?? keys.privateKey, options.timestamp);
  return fetch(`${url}/interactions`, {
    method: 'POST',
    body: text,
    headers: { 'content-type': 'application/json', ...signed.headers, ...options.headers },
  });
}
