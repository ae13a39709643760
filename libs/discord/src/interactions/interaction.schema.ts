import {
  ApplicationCommandType,
  InteractionType as DiscordInteractionType,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { snowflake } from '@kd/events';

/** Discord's interaction types we accept (others are refused as invalid). */
export const InteractionType = {
  Ping: DiscordInteractionType.Ping,
  ApplicationCommand: DiscordInteractionType.ApplicationCommand,
  MessageComponent: DiscordInteractionType.MessageComponent,
  Autocomplete: DiscordInteractionType.ApplicationCommandAutocomplete,
  ModalSubmit: DiscordInteractionType.ModalSubmit,
} as const;

export const discordUserSchema = z.object({
  id: snowflake,
  username: z.string().min(1).max(64),
  // Discord caps names at 32 characters; a longer one is cleaned and capped where it is used
  // (sanitizeName in @kd/meetings), never a reason to refuse the interaction.
  global_name: z.string().max(2000).nullish(),
});

/** `member` in a guild: `permissions` is the member's bitfield in the channel, as a decimal string. */
export const discordMemberSchema = z.object({
  user: discordUserSchema,
  /** The member's nickname in this guild, if set. */
  nick: z.string().max(2000).nullish(),
  roles: z.array(snowflake),
  permissions: z.string().regex(/^\d{1,40}$/, 'must be a decimal permission bitfield'),
});

export type OptionValue = string | number | boolean;

export interface InteractionOption {
  name: string;
  type: number;
  value?: OptionValue | undefined;
  focused?: boolean | undefined;
  options?: InteractionOption[] | undefined;
}

export const interactionOptionSchema: z.ZodType<InteractionOption> = z.object({
  name: z.string().min(1).max(32),
  type: z.number().int().min(1).max(11),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
  get options() {
    return z.array(interactionOptionSchema).max(25).optional();
  },
});

const base = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
};

const who = {
  ...base,
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  member: discordMemberSchema.optional(),
  user: discordUserSchema.optional(),
  locale: z.string().max(16).optional(),
  guild_locale: z.string().max(16).optional(),
};

const invoked = {
  ...who,
  data: z.object({
    id: snowflake,
    name: z.string().min(1).max(32),
    type: z.literal(ApplicationCommandType.ChatInput).optional(),
    options: z.array(interactionOptionSchema).max(25).optional(),
  }),
};

const someone = (i: { member?: unknown; user?: unknown }) =>
  i.member !== undefined || i.user !== undefined;
const someoneMessage = { message: 'needs `member` (in a guild) or `user` (in a DM)' };

export const pingInteractionSchema = z.object({ ...base, type: z.literal(InteractionType.Ping) });
export const commandInteractionSchema = z
  .object({ ...invoked, type: z.literal(InteractionType.ApplicationCommand) })
  .refine(someone, someoneMessage);
export const autocompleteInteractionSchema = z
  .object({ ...invoked, type: z.literal(InteractionType.Autocomplete) })
  .refine(someone, someoneMessage);

/** A button press (MESSAGE_COMPONENT): any `custom_id` Discord allows; ours is checked later. */
export const componentInteractionSchema = z
  .object({
    ...who,
    type: z.literal(InteractionType.MessageComponent),
    data: z.object({
      custom_id: z.string().max(100),
      component_type: z.number().int().min(1).max(20),
    }),
  })
  .refine(someone, someoneMessage);

const submittedInput = z.object({
  custom_id: z.string().max(100),
  value: z.string().max(4000).optional(),
});

/** A modal's submitted fields: text inputs in action rows (or, newer, in labels). */
const submittedRow = z.object({
  components: z.array(submittedInput).max(5).optional(),
  component: submittedInput.optional(),
});

/** A modal submitted (MODAL_SUBMIT): its `custom_id` (ours is checked later) and its fields. */
export const modalSubmitInteractionSchema = z
  .object({
    ...who,
    type: z.literal(InteractionType.ModalSubmit),
    data: z.object({
      custom_id: z.string().max(100),
      components: z.array(submittedRow).max(5),
    }),
  })
  .refine(someone, someoneMessage);

export const interactionSchema = z.discriminatedUnion('type', [
  pingInteractionSchema,
  commandInteractionSchema,
  componentInteractionSchema,
  autocompleteInteractionSchema,
  modalSubmitInteractionSchema,
]);

export type Interaction = z.infer<typeof interactionSchema>;
export type PingInteraction = z.infer<typeof pingInteractionSchema>;
export type CommandInteraction = z.infer<typeof commandInteractionSchema>;
export type AutocompleteInteraction = z.infer<typeof autocompleteInteractionSchema>;
export type ComponentInteraction = z.infer<typeof componentInteractionSchema>;
export type ModalSubmitInteraction = z.infer<typeof modalSubmitInteractionSchema>;
