import { Counter, register } from 'prom-client';
import { metricOnce } from '@kd/observability';

export type WebhookOutcome =
  'accepted' | 'duplicate' | 'parked' | 'bad_signature' | 'unavailable' | 'not_configured';

export const webhooksTotal = () =>
  metricOnce(
    register,
    'kd_webhooks_total',
    (registers) =>
      new Counter({
        name: 'kd_webhooks_total',
        help: 'Incoming webhook notifications, by source and outcome',
        labelNames: ['source', 'outcome'],
        registers,
      }),
  );
