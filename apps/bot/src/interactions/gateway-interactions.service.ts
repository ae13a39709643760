import { Inject, Injectable } from '@nestjs/common';
import type {
  APIEmbed,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  ModalSubmitInteraction,
} from 'discord.js';
import type { CommandRuntime } from '@kd/commands';
import {
  fromDiscordJs,
  fromDiscordJsAutocomplete,
  fromDiscordJsButton,
  fromDiscordJsModal,
  messageData,
  modalData,
  type CommandInvocation,
  type Reply,
} from '@kd/discord';
import { withCorrelation, type Logger } from '@kd/observability';
import { COMMAND_RUNTIME, LOGGER } from '../bot.tokens.js';

/**
 * Slash commands arriving over the gateway go through the same dispatcher as the HTTP endpoint
 * (same handlers, permissions, `command.executed` events). Discord delivers an interaction over
 * the gateway only when the application has no interactions endpoint URL: one transport is live
 * per application, and either gives the same behaviour.
 */
@Injectable()
export class GatewayInteractionsService {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
  ) {}

  async handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isChatInputCommand() || interaction.isButton())
        await withCorrelation({ correlationId: `interaction-${interaction.id}` }, () =>
          this.command(
            interaction,
            interaction.isButton() ? fromDiscordJsButton(interaction) : fromDiscordJs(interaction),
          ),
        );
      else if (interaction.isModalSubmit())
        await withCorrelation({ correlationId: `interaction-${interaction.id}` }, () =>
          this.command(interaction, fromDiscordJsModal(interaction)),
        );
    } catch (error) {
      this.logger.error(
        { err: String(error), interactionId: interaction.id },
        'gateway interaction failed',
      );
    }
  }

  /** The shared reply policy, answering through discord.js (claimed across shards and the api). */
  private command(interaction: Answerable, invocation: CommandInvocation): Promise<void> {
    return this.runtime.replies.answer(invocation, {
      alreadyHandled: () => undefined,
      replyNow: (reply) => replyNow(interaction, reply),
      defer: async (ephemeral) => {
        await interaction.deferReply(ephemeralFlag(ephemeral));
      },
      followUp: (reply, deferredEphemeral) => followUp(interaction, reply, deferredEphemeral),
    });
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const choices = await this.runtime.dispatcher.autocomplete(
      fromDiscordJsAutocomplete(interaction),
    );
    await interaction.respond(choices.map((c) => ({ name: c.name, value: c.value })));
  }
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** A modal, an edit of the pressed button's message, or a message, as the reply asks. */
async function replyNow(interaction: Answerable, reply: Reply): Promise<void> {
  if (reply.modal && !interaction.isModalSubmit()) {
    // Our modal data is Discord's wire shape already.
    await interaction.showModal(
      modalData(reply.modal) as Parameters<typeof interaction.showModal>[0],
    );
  } else if (reply.update && interaction.isButton()) {
    await interaction.update(replyOptions(reply) as Parameters<typeof interaction.update>[0]);
  } else await interaction.reply({ ...replyOptions(reply), ...ephemeralFlag(reply.ephemeral) });
}

/** discord.js wants camelCase `allowedMentions`; mentions stay off, as on the HTTP transport. */
function replyOptions(reply: Reply): InteractionEditReplyOptions & InteractionReplyOptions {
  const data = messageData(reply);
  return {
    ...(data.content ? { content: data.content } : {}),
    // Our embeds are Discord's wire shape already.
    ...(data.embeds ? { embeds: data.embeds as unknown as APIEmbed[] } : {}),
    // Action rows of buttons in Discord's wire shape, which discord.js accepts as they are.
    ...(data.components
      ? { components: data.components as unknown as InteractionReplyOptions['components'] }
      : {}),
    ...(reply.files?.length
      ? {
          files: reply.files.map((file, i) => ({
            attachment: Buffer.from(file.data),
            name: file.name,
            ...(data.attachments?.[i]?.description
              ? { description: data.attachments[i].description }
              : {}),
          })),
        }
      : {}),
    allowedMentions: { parse: [] },
  };
}

const ephemeralFlag = (ephemeral: boolean | undefined) =>
  ephemeral ? { flags: 'Ephemeral' as const } : {};

/** The reply of a deferred interaction, then its follow-ups. */
async function followUp(
  interaction: Answerable,
  reply: Reply,
  deferredEphemeral: boolean,
): Promise<void> {
  // A refusal of a publicly deferred command replaces the public "thinking…" privately.
  if (reply.ephemeral && !deferredEphemeral) {
    await interaction.deleteReply();
    await interaction.followUp({ ...replyOptions(reply), flags: 'Ephemeral' });
  } else await interaction.editReply(replyOptions(reply));
  for (const next of reply.followUps ?? [])
    await interaction.followUp({ ...replyOptions(next), ...ephemeralFlag(next.ephemeral) });
}
