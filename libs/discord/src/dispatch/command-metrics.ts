import { Counter, type Histogram, type Registry } from 'prom-client';
import { exemplarHistogram, metricOnce } from '@kd/observability';

export interface CommandMetrics {
  commands: Counter<'command' | 'outcome' | 'transport'>;
  duration: Histogram<'command'>;
}

export function createCommandMetrics(registry: Registry): CommandMetrics {
  return {
    commands: metricOnce(
      registry,
      'kd_commands_total',
      (registers) =>
        new Counter({
          name: 'kd_commands_total',
          help: 'Slash commands handled, by command, outcome (ok, error, denied, invalid) and transport',
          labelNames: ['command', 'outcome', 'transport'],
          registers,
        }),
    ),
    duration: metricOnce(registry, 'kd_command_duration_seconds', (registers) =>
      exemplarHistogram({
        name: 'kd_command_duration_seconds',
        help: 'Time to handle a slash command, from dispatch to reply (whatever the outcome)',
        labelNames: ['command'],
        // 3 s: Discord's deadline for the first answer to an interaction.
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10, 30],
        registers,
      }),
    ),
  };
}
