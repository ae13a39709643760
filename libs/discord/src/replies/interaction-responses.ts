import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { fitEmbeds, limits, truncate } from './message-limits.js';
import type { AutocompleteChoice, Reply } from './reply.js';

/** Interaction callback types (Discord). */
export const ResponseType = {
  Pong: InteractionResponseType.Pong,
  ChannelMessage: InteractionResponseType.ChannelMessageWithSource,
  DeferredChannelMessage: InteractionResponseType.DeferredChannelMessageWithSource,
  AutocompleteResult: InteractionResponseType.ApplicationCommandAutocompleteResult,
} as const;

export const EPHEMERAL = MessageFlags.Ephemeral;

/** Nobody is ever pinged by what we post: meeting titles and templates are user text. */
export const noMentions = { parse: [] as string[] };

export interface MessageData {
  content?: string;
  embeds?: ReturnType<typeof fitEmbeds>;
  components?: Record<string, unknown>[];
  flags?: number;
  allowed_mentions: typeof noMentions;
}

/** The message fields of a reply, within Discord's limits, never mentioning anyone. */
export function messageData(reply: Reply): MessageData {
  const data: MessageData = { allowed_mentions: { parse: [] } };
  const embeds = fitEmbeds(reply.embeds ?? []);
  const content = truncate(reply.content ?? '', limits.content);
  // An edit or message with neither text nor embeds is refused (50006): say something.
  if (content || embeds.length === 0) data.content = content || 'Done.';
  if (embeds.length > 0) data.embeds = embeds;
  if (reply.components) data.components = [...reply.components];
  return data;
}

export const pongResponse = () => ({ type: ResponseType.Pong }) as const;

/** ChannelMessageWithSource: the answer itself, as the HTTP response to the interaction. */
export function messageResponse(reply: Reply) {
  const data = messageData(reply);
  if (reply.ephemeral) data.flags = EPHEMERAL;
  return { type: ResponseType.ChannelMessage, data } as const;
}

/** DeferredChannelMessageWithSource: "thinking…", answered later by editing `@original`. Ephemeral is fixed here. */
export function deferredResponse(ephemeral: boolean) {
  return {
    type: ResponseType.DeferredChannelMessage,
    ...(ephemeral ? { data: { flags: EPHEMERAL } } : {}),
  } as const;
}

/** ApplicationCommandAutocompleteResult: at most 25 suggestions, names cut to 100 characters; over-long values are dropped. */
export function autocompleteResponse(choices: readonly AutocompleteChoice[]) {
  return {
    type: ResponseType.AutocompleteResult,
    data: {
      choices: choices
        .filter(({ value }) => typeof value !== 'string' || value.length <= limits.choiceName)
        .slice(0, limits.choices)
        .map(({ name, value }) => ({ name: truncate(name, limits.choiceName) || '…', value })),
    },
  } as const;
}
