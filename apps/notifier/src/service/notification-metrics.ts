import { Counter, type Histogram, type Registry } from 'prom-client';
import { notificationKinds } from '@kd/guild-config';
import { exemplarHistogram, metricOnce } from '@kd/observability';

export const notificationOutcomes = ['sent', 'failed', 'skipped', 'duplicate'] as const;
export type NotificationOutcome = (typeof notificationOutcomes)[number];
export type AttemptResult = 'ok' | 'rate_limited' | 'server_error' | 'network' | 'rejected';

export interface NotificationMetrics {
  notifications: Counter<'kind' | 'outcome'>;
  attempts: Counter<'kind' | 'result'>;
  deliveryDuration: Histogram<'kind'>;
  lag: Histogram<'kind'>;
  /** What happened to living messages: posted, edited, unchanged, reposted, deleted. */
  livingMessages: Counter<'action'>;
}

const counter = (registry: Registry, name: string, help: string, labelNames: string[]) =>
  metricOnce(registry, name, (registers) => new Counter({ name, help, labelNames, registers }));

const histogram = (registry: Registry, name: string, help: string, buckets: number[]) =>
  metricOnce(registry, name, (registers) =>
    exemplarHistogram({ name, help, labelNames: ['kind'], buckets, registers }),
  );

export function createNotificationMetrics(registry: Registry): NotificationMetrics {
  const metrics: NotificationMetrics = {
    notifications: counter(
      registry,
      'kd_notifications_total',
      'Notifiable events handled, by notification kind and outcome (sent, failed, skipped, duplicate)',
      ['kind', 'outcome'],
    ),
    attempts: counter(
      registry,
      'kd_notification_attempts_total',
      'Discord delivery attempts, by kind and result (ok, rate_limited, server_error, network, rejected)',
      ['kind', 'result'],
    ),
    deliveryDuration: histogram(
      registry,
      'kd_notification_delivery_duration_seconds',
      'Time from the first attempt to the message being sent, retries and waits included',
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    ),
    lag: histogram(
      registry,
      'kd_notification_lag_seconds',
      'Time from the event being recorded to its message being sent',
      [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    ),
    livingMessages: counter(
      registry,
      'kd_living_messages_total',
      'Living meeting messages by action: posted, edited, unchanged (no request), reposted, deleted (found deleted)',
      ['action'],
    ),
  };
  // Every sent/failed series from the start, so a failure-ratio alert sees zeros, not no data.
  for (const kind of notificationKinds)
    for (const outcome of ['sent', 'failed']) metrics.notifications.inc({ kind, outcome }, 0);
  return metrics;
}
