import {
  errorReply,
  replyLocaleOf,
  type CommandDispatcher,
  type CommandInvocation,
  type Reply,
} from '@kd/discord';
import type { Logger } from '@kd/observability';
import type { InteractionReservations } from '../interaction-reservations.js';

/**
 * How one transport answers an interaction. `First` is what the first response is to that
 * transport: the HTTP body for the interactions endpoint, nothing for the gateway (it calls
 * discord.js itself).
 */
export interface InteractionTransport<First> {
  /** The interaction was claimed before (a redelivery, another replica or transport). */
  alreadyHandled(): First | Promise<First>;
  /** Answer with the reply itself. */
  replyNow(reply: Reply): First | Promise<First>;
  /** Answer "thinking…" (type 5), ephemeral or not; the reply follows. */
  defer(ephemeral: boolean): First | Promise<First>;
  /** Deliver the reply of a deferred interaction (and its follow-ups). */
  followUp(reply: Reply, deferredEphemeral: boolean): Promise<void>;
}

export interface ReplyPolicyOptions {
  dispatcher: Pick<CommandDispatcher, 'dispatch' | 'responseModeOf'>;
  reservations: Pick<InteractionReservations, 'claim'>;
  logger: Logger;
  /** How long a command not deferred by its definition may take before it is deferred. */
  inlineBudgetMs?: number;
}

/** Answer inside Discord's 3-second window even when a quick command turns out slow. */
const defaultInlineBudgetMs = 2000;

/**
 * The one "answer within 3 s" policy of both transports: claim the interaction once, then a
 * command whose definition says `deferred` is deferred at once and followed up; any other is
 * answered inline, or deferred when it has not finished within the budget.
 */
export class ReplyPolicy {
  private readonly budgetMs: number;

  constructor(private readonly options: ReplyPolicyOptions) {
    this.budgetMs = options.inlineBudgetMs ?? defaultInlineBudgetMs;
  }

  async answer<First>(
    invocation: CommandInvocation,
    transport: InteractionTransport<First>,
  ): Promise<First> {
    const { dispatcher, reservations } = this.options;
    if (!(await reservations.claim(invocation))) return transport.alreadyHandled();
    const mode = dispatcher.responseModeOf(invocation.commandName, invocation.via);
    const done = dispatcher.dispatch(invocation);
    if (!mode.deferred) {
      const quick = await this.withinBudget(done);
      if (quick) return transport.replyNow(quick.reply);
    }
    const first = await transport.defer(mode.ephemeral);
    void this.followUp(invocation, done, transport, mode.ephemeral);
    return first;
  }

  private withinBudget<T>(done: Promise<T>): Promise<T | undefined> {
    return Promise.race([
      done,
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), this.budgetMs).unref(),
      ),
    ]);
  }

  private async followUp<First>(
    invocation: CommandInvocation,
    done: Promise<{ reply: Reply }>,
    transport: InteractionTransport<First>,
    deferredEphemeral: boolean,
  ): Promise<void> {
    let reply: Reply;
    try {
      reply = (await done).reply;
    } catch (error) {
      reply = errorReply(error, replyLocaleOf(invocation));
    }
    try {
      await transport.followUp(reply, deferredEphemeral);
    } catch (error) {
      this.options.logger.error(
        { err: String(error), interactionId: invocation.interactionId },
        'could not deliver the follow-up',
      );
    }
  }
}
