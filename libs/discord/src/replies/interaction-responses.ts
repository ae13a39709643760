import {
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  TextInputStyle,
} from 'discord-api-types/v10';
import { fitEmbeds, limits, truncate } from './message-limits.js';
import type { AutocompleteChoice, Reply, ReplyModal } from './reply.js';

/** Interaction callback types (Discord). */
export const ResponseType = {
  Pong: InteractionResponseType.Pong,
  ChannelMessage: InteractionResponseType.ChannelMessageWithSource,
  DeferredChannelMessage: InteractionResponseType.DeferredChannelMessageWithSource,
  UpdateMessage: InteractionResponseType.UpdateMessage,
  AutocompleteResult: InteractionResponseType.ApplicationCommandAutocompleteResult,
  Modal: InteractionResponseType.Modal,
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
  /** One entry per file of the reply: `id` is its index among the multipart `files[n]`. */
  attachments?: { id: number; filename: string; description?: string }[];
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
  if (reply.files?.length)
    data.attachments = reply.files.map((file, id) => ({
      id,
      filename: file.name,
      ...(file.description
        ? { description: truncate(file.description, limits.attachmentDescription) }
        : {}),
    }));
  return data;
}

export const pongResponse = () => ({ type: ResponseType.Pong }) as const;

/** ChannelMessageWithSource: the answer itself, as the HTTP response to the interaction. */
export function messageResponse(reply: Reply) {
  const data = messageData(reply);
  // A JSON response carries no files (they go with a webhook call, see follow-up.ts).
  delete data.attachments;
  if (reply.ephemeral) data.flags = EPHEMERAL;
  return { type: ResponseType.ChannelMessage, data } as const;
}

/**
 * The answer a reply asks for: a modal (type 9), an edit of the pressed button's message
 * (type 7), or a message (type 4).
 */
export function replyResponse(reply: Reply) {
  if (reply.modal) return { type: ResponseType.Modal, data: modalData(reply.modal) } as const;
  if (reply.update) {
    // An edit keeps what it does not name: empty embeds remove the old ones (a used preview).
    const data = {
      ...messageData(reply),
      ...(reply.embeds ? { embeds: fitEmbeds(reply.embeds) } : {}),
    };
    return { type: ResponseType.UpdateMessage, data } as const;
  }
  return messageResponse(reply);
}

/** A modal in Discord's wire shape: one action row per text input. */
export function modalData(modal: ReplyModal) {
  return {
    custom_id: modal.customId,
    title: truncate(modal.title, 45),
    components: modal.inputs.map((input) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: input.customId,
          label: truncate(input.label, 45),
          style: input.paragraph ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: input.required,
          max_length: input.maxLength,
          ...(input.minLength !== undefined ? { min_length: input.minLength } : {}),
          ...(input.value !== undefined ? { value: truncate(input.value, input.maxLength) } : {}),
          ...(input.placeholder ? { placeholder: truncate(input.placeholder, 100) } : {}),
        },
      ],
    })),
  };
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
