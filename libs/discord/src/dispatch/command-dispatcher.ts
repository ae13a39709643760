import type { Registry } from 'prom-client';
import { observeTraced, type Logger } from '@kd/observability';
import {
  CommandNotImplementedError,
  GuildOnlyError,
  ButtonNotYoursError,
  InvalidButtonError,
  UnknownCommandError,
} from '../commands/command-errors.js';
import { findCommand, type CommandName } from '../commands/command-set.js';
import { parseCommandOptions } from '../commands/parse-options.js';
import {
  replyLocaleOf,
  type AutocompleteInvocation,
  type CommandInvocation,
  type CommandVia,
} from '../interactions/command-invocation.js';
import { NOT_YOURS_BUTTON, UNKNOWN_BUTTON } from '../interactions/parse-interaction.js';
import { errorCodeOf, errorReply } from '../replies/error-reply.js';
import { assertNoPublicSecrets } from '../replies/public-secrets.js';
import type { AutocompleteChoice, Reply } from '../replies/reply.js';
import { sanitizeOptionsForEvent } from '../replies/sanitize-options.js';
import type {
  AuthorizeCommand,
  AutocompleteHandler,
  CommandContext,
  CommandHandler,
  ComponentHandler,
} from './command-handler.js';
import type { SettingsAction } from '../components/settings-actions.js';
import { createCommandMetrics, type CommandMetrics } from './command-metrics.js';
import { outcomeOf, type CommandOutcome } from './command-outcome.js';
import type { ExecutionRecord, RecordExecution } from './execution-record.js';

export interface CommandDispatcherOptions {
  logger: Logger;
  /** Turns the outcome into a `command.executed` event (the caller's job, and its dedupe). */
  recordExecution: RecordExecution;
  authorize?: AuthorizeCommand;
  registry?: Registry;
}

export interface DispatchResult {
  reply: Reply;
  outcome: CommandOutcome;
  errorCode: string | null;
  durationMs: number;
  /** False when recordExecution failed (logged); the reply is still worth sending. */
  recorded: boolean;
}

type BoundHandler = (invocation: CommandInvocation, options: unknown) => Promise<Reply>;

const RECORDABLE_NAME = /^[a-z0-9_-]{1,32}$/;

/**
 * Runs slash commands for both transports: checks guild, permission and options, calls the
 * handler, turns failures into error replies, and reports every outcome. Stateless.
 */
export class CommandDispatcher {
  private readonly handlers = new Map<string, BoundHandler>();
  private readonly completers = new Map<string, AutocompleteHandler>();
  private readonly components = new Map<string, ComponentHandler>();
  private readonly metrics: CommandMetrics | undefined;

  constructor(private readonly deps: CommandDispatcherOptions) {
    this.metrics = deps.registry ? createCommandMetrics(deps.registry) : undefined;
  }

  register<N extends CommandName>(name: N, handler: CommandHandler<N>): this {
    const definition = findCommand(name) as CommandContext<N>['definition'];
    const logger = this.deps.logger.child({ command: name });
    this.handlers.set(name, (invocation, options) =>
      handler(invocation, {
        options: options as CommandContext<N>['options'],
        definition,
        logger,
        locale: replyLocaleOf(invocation),
      }),
    );
    return this;
  }

  registerAutocomplete(name: CommandName, handler: AutocompleteHandler): this {
    this.completers.set(name, handler);
    return this;
  }

  /** The handler of a settings button or modal; it runs as the command the action stands for. */
  registerComponent(action: SettingsAction, handler: ComponentHandler): this {
    this.components.set(action, handler);
    return this;
  }

  /**
   * How the first response must look: deferred (type 5) or not, ephemeral or not. A button's
   * answer is always ephemeral: it is for the member who pressed it (their own join link).
   */
  responseModeOf(commandName: string, via?: CommandVia): { deferred: boolean; ephemeral: boolean } {
    const definition = findCommand(commandName);
    return definition
      ? { deferred: definition.deferred, ephemeral: definition.ephemeral || via !== undefined }
      : { deferred: false, ephemeral: true };
  }

  async dispatch(invocation: CommandInvocation): Promise<DispatchResult> {
    const started = performance.now();
    let reply: Reply;
    let outcome: CommandOutcome = 'ok';
    let errorCode: string | null = null;
    try {
      reply = await this.run(invocation);
      if (invocation.via) reply = { ...reply, ephemeral: true };
      assertNoPublicSecrets(reply);
    } catch (error) {
      [reply, outcome, errorCode] = [
        errorReply(error, replyLocaleOf(invocation)),
        outcomeOf(error),
        errorCodeOf(error),
      ];
      this.logFailure(invocation, outcome, error);
    }
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    const definition = findCommand(invocation.commandName);
    this.metrics?.commands.inc({
      command: definition?.name ?? 'unknown',
      outcome,
      transport: invocation.transport,
    });
    if (this.metrics)
      observeTraced(
        this.metrics.duration,
        { command: definition?.name ?? 'unknown' },
        durationMs / 1000,
      );
    const recorded = await this.record(invocation, {
      command:
        RECORDABLE_NAME.test(invocation.commandName) && invocation.commandName !== NOT_YOURS_BUTTON
          ? invocation.commandName
          : UNKNOWN_BUTTON,
      commandVersion: definition?.version ?? 1,
      options: sanitizeOptionsForEvent(invocation.options),
      outcome,
      errorCode,
      durationMs,
      ...(invocation.via ? { via: invocation.via } : {}),
    });
    return { reply, outcome, errorCode, durationMs, recorded };
  }

  /** Suggestions for an autocomplete request; a failing lookup suggests nothing. */
  async autocomplete(invocation: AutocompleteInvocation): Promise<AutocompleteChoice[]> {
    const handler = this.completers.get(invocation.commandName);
    if (!handler || invocation.guildId === null) return [];
    try {
      const context = { logger: this.deps.logger, locale: replyLocaleOf(invocation) };
      return (await handler(invocation, context)).slice(0, 25);
    } catch (err) {
      this.deps.logger.warn({ err, command: invocation.commandName }, 'autocomplete failed');
      return [];
    }
  }

  private async run(invocation: CommandInvocation): Promise<Reply> {
    if (invocation.via !== undefined && invocation.commandName === UNKNOWN_BUTTON)
      throw new InvalidButtonError();
    if (invocation.via !== undefined && invocation.commandName === NOT_YOURS_BUTTON)
      throw new ButtonNotYoursError();
    const definition = findCommand(invocation.commandName);
    if (!definition) throw new UnknownCommandError(invocation.commandName);
    if (invocation.guildId === null) throw new GuildOnlyError(definition.name);
    await this.deps.authorize?.(invocation, definition.name as CommandName);
    const { component } = invocation;
    if (component) {
      const press = this.components.get(component.action);
      if (!press) throw new CommandNotImplementedError(`${definition.name} ${component.action}`);
      return press({ ...invocation, component }, { logger: this.deps.logger });
    }
    const options = parseCommandOptions(definition, invocation.options);
    const handler = this.handlers.get(definition.name);
    if (!handler) throw new CommandNotImplementedError(definition.name);
    return handler(invocation, options);
  }

  private async record(invocation: CommandInvocation, record: ExecutionRecord): Promise<boolean> {
    const { logger } = this.deps;
    const { interactionId, guildId, user } = invocation;
    const fields = { ...record, interactionId, guildId, userId: user.id };
    logger.info({ ...fields, transport: invocation.transport }, 'command handled');
    try {
      await this.deps.recordExecution(invocation, record);
      return true;
    } catch (err) {
      logger.error({ err, ...fields }, 'could not record a command execution');
      return false;
    }
  }

  private logFailure(invocation: CommandInvocation, outcome: CommandOutcome, err: unknown): void {
    const fields = { err, command: invocation.commandName, outcome };
    if (outcome === 'error') this.deps.logger.error(fields, 'command failed');
    else this.deps.logger.info(fields, 'command refused');
  }
}
