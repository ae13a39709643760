import { newEvent, type NewEvent } from '@kd/events';

let counter = 0;

/** A valid snowflake that is unique within the test process. */
export function snowflakeFor(n: number): string {
  return (100000000000000000n + BigInt(n)).toString();
}

export const testGuildId = snowflakeFor(1);
export const testUserId = snowflakeFor(2);

export function guildInstalledEvent(
  guildId = snowflakeFor(1000 + ++counter),
  memberCount: number | null = 42,
): NewEvent<'guild.installed'> {
  return newEvent(
    'guild.installed',
    { name: `Guild ${guildId}`, memberCount },
    {
      actor: { kind: 'system', id: 'test' },
      correlationId: `corr-${counter}`,
      guildId,
    },
  );
}

export function commandExecutedEvent(
  interaction = ++counter,
  guildId = testGuildId,
): NewEvent<'command.executed'> {
  const interactionId = snowflakeFor(5_000_000 + interaction);
  return newEvent(
    'command.executed',
    {
      interactionId,
      command: 'kaltura-list',
      commandVersion: 1,
      options: {},
      userId: testUserId,
      channelId: snowflakeFor(3),
      outcome: 'ok',
      errorCode: null,
      durationMs: 12,
      transport: 'http',
      locale: 'en-US',
      guildLocale: 'en-US',
    },
    {
      actor: { kind: 'user', id: testUserId },
      correlationId: `corr-${interactionId}`,
      guildId,
      id: `cmd-${interactionId}`,
    },
  );
}

/** `notifications.enabled` of one guild set to `value` by user `u` (command-handler specs). */
export function configUpdatedEvent(guildId: string, value: string): NewEvent<'config.updated'> {
  return newEvent(
    'config.updated',
    { key: 'notifications.enabled', oldValue: null, newValue: value, actorUserId: 'u' },
    { actor: { kind: 'user', id: 'u' }, correlationId: 'c', guildId },
  );
}
