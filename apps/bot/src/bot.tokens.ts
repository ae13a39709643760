export const BOT_CONFIG = Symbol('BOT_CONFIG');
export const LOGGER = Symbol('LOGGER');
/** The DiscordGateway, or null when DISCORD_TOKEN is not set. */
export const DISCORD_GATEWAY = Symbol('DISCORD_GATEWAY');
export const COMMAND_RUNTIME = Symbol('COMMAND_RUNTIME');
