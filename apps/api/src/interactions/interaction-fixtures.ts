import { generateDiscordKeys, signDiscordRequest } from '@kd/discord';

export const keys = generateDiscordKeys();
export {
  interactionApplicationId as applicationId,
  interactionGuildId as guildId,
  interactionChannelId as channelId,
  interactionOwner as owner,
  interactionMember as member,
  adminPermissions,
  memberPermissions,
  commandInteraction,
} from '@kd/testing';

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
