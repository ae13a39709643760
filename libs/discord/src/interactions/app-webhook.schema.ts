import { createHash } from 'node:crypto';
import { ApplicationIntegrationType, ApplicationWebhookType } from 'discord-api-types/v10';
import { z } from 'zod';
import { KdError, snowflake, toSchemaIssues } from '@kd/events';
import { discordUserSchema } from './interaction.schema.js';

/** App webhook events (same Ed25519 signature as interactions). Both kinds are acked with 204. */
export const AppWebhookType = {
  Ping: ApplicationWebhookType.Ping,
  Event: ApplicationWebhookType.Event,
} as const;

/** Discord sends `2024-10-18T14:42:53.064834` (UTC, no zone designator). */
const utcTimestamp = z
  .string()
  .transform((s) => (/(Z|[+-]\d\d:?\d\d)$/.test(s) ? s : `${s}Z`))
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 timestamp');

const authorizedGuildSchema = z.object({
  id: snowflake,
  name: z.string().min(1).max(100),
  approximate_member_count: z.number().int().nonnegative().optional(),
  member_count: z.number().int().nonnegative().optional(),
});

const applicationAuthorizedSchema = z.object({
  integration_type: z
    .union([
      z.literal(ApplicationIntegrationType.GuildInstall),
      z.literal(ApplicationIntegrationType.UserInstall),
    ])
    .optional(),
  user: discordUserSchema,
  scopes: z.array(z.string()).default([]),
  guild: authorizedGuildSchema.optional(),
});

const appWebhookSchema = z.discriminatedUnion('type', [
  z.object({
    version: z.literal(1),
    application_id: snowflake,
    type: z.literal(AppWebhookType.Ping),
  }),
  z.object({
    version: z.literal(1),
    application_id: snowflake,
    type: z.literal(AppWebhookType.Event),
    event: z.object({
      type: z.string().min(1).max(64),
      timestamp: utcTimestamp,
      data: z.unknown(),
    }),
  }),
]);

export type AppWebhook =
  | { kind: 'ping'; applicationId: string }
  | {
      kind: 'application_authorized';
      applicationId: string;
      /** Derived from the event's content: Discord sends no event id, so repeats share this key. */
      dedupeKey: string;
      occurredAt: string;
      userId: string;
      /** The server the app was installed to; null for a user install (integration_type 1). */
      guild: { id: string; name: string; memberCount: number | null } | null;
    }
  | { kind: 'other'; applicationId: string; eventType: string; occurredAt: string };

/** Parses a verified app webhook body; unknown event types come back as `other` (ack and ignore). */
export function parseAppWebhook(body: unknown): AppWebhook {
  const parsed = appWebhookSchema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  const hook = parsed.data;
  if (hook.type === AppWebhookType.Ping)
    return { kind: 'ping', applicationId: hook.application_id };
  const { type: eventType, timestamp, data } = hook.event;
  const occurredAt = new Date(timestamp).toISOString();
  if (eventType !== 'APPLICATION_AUTHORIZED')
    return { kind: 'other', applicationId: hook.application_id, eventType, occurredAt };
  const event = applicationAuthorizedSchema.safeParse(data);
  if (!event.success) throw invalid(event.error);
  const { guild, user } = event.data;
  return {
    kind: 'application_authorized',
    applicationId: hook.application_id,
    dedupeKey: dedupeKey([eventType, timestamp, guild?.id ?? '', user.id]),
    occurredAt,
    userId: user.id,
    guild: guild
      ? {
          id: guild.id,
          name: guild.name,
          memberCount: guild.approximate_member_count ?? guild.member_count ?? null,
        }
      : null,
  };
}

function dedupeKey(parts: string[]): string {
  return `dae-${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 40)}`;
}

function invalid(error: z.ZodError): KdError {
  const issues = toSchemaIssues(error);
  return new KdError(
    'DISCORD.INVALID_WEBHOOK_EVENT',
    `malformed app webhook event: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}`,
    'validation',
    { details: { issues } },
  );
}
