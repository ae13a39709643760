import { randomBytes } from 'node:crypto';
import { InteractionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { signDiscordRequest } from '@kd/discord';
import { withDiscordDefaults, type DiscordRestFakeState } from '@kd/discord-fake';
import type { FollowUpWaiters } from './follow-up-waiters.js';
import type { SimKeys } from './sim-keys.js';
import type { SimStats } from './sim-stats.js';

export const relayRequestSchema = z.strictObject({
  /** An interaction as Discord sends it; `id`, `token`, `application_id`, `version` are filled in when missing. */
  interaction: z.looseObject({ type: z.number().int().min(1).max(5) }),
  /** When the answer is deferred (type 5), wait this long for the `@original` edit. */
  waitForFollowUpMs: z.number().int().min(0).max(60_000).default(0),
});
export type RelayRequest = z.output<typeof relayRequestSchema>;

export interface RelayResult {
  interaction: { id: string; token: string };
  /** The endpoint's HTTP status; null when it could not be reached (see `error`). */
  status: number | null;
  /** Its answer (JSON parsed when it is JSON). */
  body: unknown;
  followUp: Record<string, unknown> | null;
  error?: string;
}

export interface RelayDeps {
  keys: SimKeys;
  applicationId: string;
  interactionsUrl: string;
  fake: DiscordRestFakeState;
  waiters: FollowUpWaiters;
  stats: SimStats;
  snowflake(): string;
}

const DEFERRED_CHANNEL_MESSAGE = 5;

/** Plays Discord's side of an interaction: completes it (every field Discord always sends), signs it, delivers it, waits for the reply. */
export class InteractionRelay {
  constructor(private readonly deps: RelayDeps) {}

  async relay({ interaction: given, waitForFollowUpMs }: RelayRequest): Promise<RelayResult> {
    const interaction = this.complete(given);
    const { id, token } = interaction;
    const body = JSON.stringify(interaction);
    const signed = signDiscordRequest(body, this.deps.keys.privateKey);
    const followUp = this.deps.waiters.expect(token, waitForFollowUpMs);
    let status: number | null = null;
    let answer: unknown = null;
    let error: string | undefined;
    try {
      const response = await fetch(this.deps.interactionsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed.headers },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      answer = parseMaybeJson(await response.text());
    } catch (e) {
      error = `${this.deps.interactionsUrl}: ${String(e)}`;
    }
    this.deps.stats.interaction(status);
    // As Discord: the endpoint's answer becomes the original message (ephemeral or not).
    if (status === 200) this.deps.fake.answeredOverHttp(token, answer);
    const deferred = (answer as { type?: unknown } | null)?.type === DEFERRED_CHANNEL_MESSAGE;
    if (status !== 200 || !deferred) this.deps.waiters.cancel(token);
    return {
      interaction: { id, token },
      status,
      body: answer,
      followUp: await followUp,
      ...(error ? { error } : {}),
    };
  }

  /** Like Discord: the channel an interaction comes from is a channel of its guild. */
  private knowChannel(given: RelayRequest['interaction']): void {
    const { guild_id: guildId, channel_id: channelId } = given;
    if (typeof guildId !== 'string' || typeof channelId !== 'string') return;
    if (!this.deps.fake.channels.has(channelId)) this.deps.fake.registerChannel(guildId, channelId);
  }

  private complete(given: RelayRequest['interaction']) {
    this.knowChannel(given);
    const applicationId =
      typeof given.application_id === 'string' ? given.application_id : this.deps.applicationId;
    // A button press carries `custom_id`, not a command id.
    const data =
      (given.type as InteractionType) === InteractionType.MessageComponent
        ? undefined
        : (given.data as { name?: unknown; id?: unknown } | undefined);
    const registered =
      typeof data?.name === 'string' && data.id === undefined
        ? this.deps.fake.commandsOf(applicationId).find((c) => c.name === data.name)?.id
        : undefined;
    return {
      ...withDiscordDefaults(given),
      id: typeof given.id === 'string' ? given.id : this.deps.snowflake(),
      token: typeof given.token === 'string' ? given.token : randomBytes(48).toString('base64url'),
      application_id: applicationId,
      ...(data && data.id === undefined
        ? { data: { id: registered ?? this.deps.snowflake(), ...data } }
        : {}),
    };
  }
}

function parseMaybeJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
