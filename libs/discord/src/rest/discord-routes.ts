// The few Discord API v10 routes we call, as @discordjs/rest route strings (no discord.js import
// outside the gateway adapter, and discord-api-types is not a direct dependency).
type Route = `/${string}`;

export const discordRoutes = {
  applicationCommands: (applicationId: string): Route => `/applications/${applicationId}/commands`,
  applicationGuildCommands: (applicationId: string, guildId: string): Route =>
    `/applications/${applicationId}/guilds/${guildId}/commands`,
  /** Create a follow-up message of an interaction. */
  webhook: (applicationId: string, token: string): Route => `/webhooks/${applicationId}/${token}`,
  /** Edit (PATCH), read or delete an interaction's message; `@original` is the first response. */
  webhookMessage: (applicationId: string, token: string, messageId = '@original'): Route =>
    `/webhooks/${applicationId}/${token}/messages/${messageId}`,
  /** A channel: `guild_id` says which guild it belongs to. */
  channel: (channelId: string): Route => `/channels/${channelId}`,
  channelMessages: (channelId: string): Route => `/channels/${channelId}/messages`,
  /** Edit (PATCH), read or delete one message of a channel. */
  channelMessage: (channelId: string, messageId: string): Route =>
    `/channels/${channelId}/messages/${messageId}`,
  guildScheduledEvents: (guildId: string): Route => `/guilds/${guildId}/scheduled-events`,
  guildScheduledEvent: (guildId: string, eventId: string): Route =>
    `/guilds/${guildId}/scheduled-events/${eventId}`,
};
