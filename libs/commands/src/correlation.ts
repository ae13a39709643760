import { currentCorrelationId } from '@kd/observability';
import type { CommandInvocation } from '@kd/discord';
import { displayNameOf as memberDisplayName } from '@kd/meetings';

/** The request's correlation id, or one derived from the interaction (gateway deliveries). */
export function correlationOf(invocation: CommandInvocation): string {
  return currentCorrelationId() ?? `interaction-${invocation.interactionId}`;
}

/** The member's name as the guild shows it: nick → global name → username, cleaned and capped. */
export function displayNameOf(invocation: CommandInvocation): string {
  return memberDisplayName(invocation.user);
}
