import { Inject, Injectable } from '@nestjs/common';
import {
  autocompleteResponse,
  deferredResponse,
  deliverDeferredReply,
  messageResponse,
  parseInteraction,
  pongResponse,
  toAutocompleteInvocation,
  toButtonInvocation,
  toCommandInvocation,
  toModalInvocation,
  replyResponse,
  verifyDiscordRequest,
  InteractionType,
  type CommandInvocation,
} from '@kd/discord';
import { CLOCK, KdError, type Clock } from '@kd/events';
import { withCorrelation, type Logger } from '@kd/observability';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG, LOGGER } from '../api.tokens.js';
import { authFailures } from '../rest/jwt-auth.guard.js';
import { COMMAND_RUNTIME } from './interactions.tokens.js';
import type { CommandRuntime } from './command-runtime.js';

export class InteractionRejectedError extends KdError {}

/**
 * Discord HTTP interactions: Ed25519-verified, PING answered, commands run through the shared
 * dispatcher and answered by the shared reply policy (claimed once across replicas, deferred
 * and followed up as the command's definition says), recorded once however often delivered.
 */
@Injectable()
export class InteractionsService {
  private readonly authCounter = authFailures();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    timestamp: string | undefined,
  ): Promise<unknown> {
    this.verify(rawBody, signature, timestamp);
    let body: unknown;
    try {
      body = JSON.parse((rawBody ?? Buffer.alloc(0)).toString('utf8'));
    } catch {
      throw new InteractionRejectedError('INTERACTION.INVALID', 'body is not JSON', 'validation');
    }
    const interaction = parseInteraction(body);
    if (interaction.type === InteractionType.Ping) return pongResponse();
    if (interaction.type === InteractionType.Autocomplete) {
      return autocompleteResponse(
        await this.runtime.dispatcher.autocomplete(toAutocompleteInvocation(interaction)),
      );
    }
    const invocation =
      interaction.type === InteractionType.MessageComponent
        ? toButtonInvocation(interaction)
        : interaction.type === InteractionType.ModalSubmit
          ? toModalInvocation(interaction)
          : toCommandInvocation(interaction);
    return withCorrelation(
      {
        correlationId: `interaction-${invocation.interactionId}`,
        command: invocation.commandName,
        guild: invocation.guildId ?? undefined,
      },
      () => this.command(invocation),
    );
  }

  private verify(
    rawBody: Buffer | undefined,
    signature: string | undefined,
    timestamp: string | undefined,
  ): void {
    const key = this.config.DISCORD_PUBLIC_KEY;
    const check =
      key && rawBody
        ? verifyDiscordRequest(rawBody, signature, timestamp, key, this.clock())
        : {
            ok: false as const,
            reason: key ? ('missing_headers' as const) : ('not_configured' as const),
          };
    if (check.ok) return;
    this.authCounter.inc({ reason: `discord_${check.reason}` });
    throw new InteractionRejectedError(
      'INTERACTION.BAD_SIGNATURE',
      check.reason === 'not_configured'
        ? 'DISCORD_PUBLIC_KEY is not set'
        : `invalid request signature (${check.reason})`,
      'unauthenticated',
    );
  }

  /** The shared reply policy, answering through the HTTP response and the webhook REST calls. */
  private command(invocation: CommandInvocation): Promise<unknown> {
    const ref = { applicationId: invocation.applicationId, token: invocation.token };
    return this.runtime.replies.answer<unknown>(invocation, {
      alreadyHandled: () =>
        messageResponse({ ephemeral: true, content: 'This interaction was already handled.' }),
      replyNow: (reply) => replyResponse(reply),
      defer: (ephemeral) => deferredResponse(ephemeral),
      followUp: (reply, deferredEphemeral) =>
        deliverDeferredReply(this.runtime.rest, ref, reply, deferredEphemeral),
    });
  }
}
