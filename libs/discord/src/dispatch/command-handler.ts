import type { Locale } from '@kd/i18n';
import type { Logger } from '@kd/observability';
import type { CommandName, DefinitionOf, OptionsOf } from '../commands/command-set.js';
import type {
  AutocompleteInvocation,
  CommandInvocation,
  ComponentPress,
} from '../interactions/command-invocation.js';
import type { AutocompleteChoice, Reply } from '../replies/reply.js';

export interface CommandContext<N extends CommandName> {
  /** The options, checked and typed by the command's definition. */
  options: OptionsOf<N>;
  definition: DefinitionOf<N>;
  logger: Logger;
  /** The catalog locale of the reply: the member's, then the server's, then English. */
  locale: Locale;
}

/** Does the work of one command and says what to answer; throws a KdError to fail. */
export type CommandHandler<N extends CommandName> = (
  invocation: CommandInvocation,
  context: CommandContext<N>,
) => Promise<Reply>;

/** Suggestions for the option being typed (at most 25 are used). */
export type AutocompleteHandler = (
  invocation: AutocompleteInvocation,
  context: { logger: Logger; locale: Locale },
) => Promise<AutocompleteChoice[]>;

/** Throws a permission KdError (PERMISSION.DENIED) to refuse a member a command. */
export type AuthorizeCommand = (
  invocation: CommandInvocation,
  command: CommandName,
) => Promise<void>;

/** Answers a settings button or submitted modal (authorized as the command it stands for). */
export type ComponentHandler = (
  invocation: CommandInvocation & { component: ComponentPress },
  context: { logger: Logger },
) => Promise<Reply>;
