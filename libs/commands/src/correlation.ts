import { currentCorrelationId } from '@kd/observability';
import type { CommandInvocation } from '@kd/discord';

/** The request's correlation id, or one derived from the interaction (gateway deliveries). */
export function correlationOf(invocation: CommandInvocation): string {
  return currentCorrelationId() ?? `interaction-${invocation.interactionId}`;
}

export function displayNameOf(invocation: CommandInvocation): string {
  return invocation.user.globalName ?? invocation.user.username;
}
