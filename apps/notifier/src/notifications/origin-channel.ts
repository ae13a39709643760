import type { DomainEvent } from '@kd/events';

const interactionCorrelation = /^interaction-(\d{17,20})$/;

/**
 * A slash command (over HTTP or the gateway) runs with correlation id `interaction-<interaction
 * id>` (see @kd/commands `correlationOf`), so the events it appends (`meeting.created`) lead back
 * to its `command.executed`, which names the channel it was used in. Other correlation ids (the
 * REST API) have no channel.
 */
export function originInteractionId(correlationId: string): string | undefined {
  return interactionCorrelation.exec(correlationId)?.[1];
}

/** The channel of an interaction, from the events on its `command` subject. */
export function originChannelOf(commandEvents: readonly DomainEvent[]): string | null {
  for (const event of commandEvents)
    if (event.type === 'command.executed') return event.payload.channelId;
  return null;
}
