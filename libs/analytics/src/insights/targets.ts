/**
 * The seed strategy's targets for each DESIGN §4 metric: a value is on target when it is above
 * `above`. Ratios are fractions 0–1; rates are counts per guild-day, guild-week or meeting.
 */
export const metricTargets = {
  command_usage_rate: { above: 5, label: 'Commands per active guild-day (7 days)', unit: 'rate' },
  unique_users: { above: 0.3, label: 'Members using commands (30 days)', unit: 'ratio' },
  meeting_creation_rate: {
    above: 3,
    label: 'Meetings per active guild-week (4 weeks)',
    unit: 'rate',
  },
  meeting_join_rate: { above: 3, label: 'Participants per meeting (30 days)', unit: 'rate' },
  feature_adoption: { above: 0.7, label: 'Commands in use (30 days)', unit: 'ratio' },
  weekly_active_servers: { above: 0.8, label: 'Weekly active servers', unit: 'ratio' },
  command_retention: { above: 0.6, label: 'Still using commands after 30 days', unit: 'ratio' },
  meeting_retention: { above: 0.4, label: 'Meeting owners who came back', unit: 'ratio' },
  server_retention: { above: 0.7, label: 'Servers retained after 90 days', unit: 'ratio' },
  configuration_rate: { above: 0.3, label: 'Servers with custom settings', unit: 'ratio' },
  template_customization: { above: 0.2, label: 'Servers with custom templates', unit: 'ratio' },
  role_mapping_customization: {
    above: 0.4,
    label: 'Servers with a role mapping',
    unit: 'ratio',
  },
  notification_customization: {
    above: 0.5,
    label: 'Servers with custom notifications',
    unit: 'ratio',
  },
} as const satisfies Record<string, { above: number; label: string; unit: 'rate' | 'ratio' }>;

export type MetricName = keyof typeof metricTargets;

export interface MetricValue {
  metric: MetricName;
  label: string;
  value: number | null;
  target: number;
  /** null when there is no value (no data in the window). */
  onTarget: boolean | null;
}

export function withTarget(metric: MetricName, value: number | null): MetricValue {
  const { above, label } = metricTargets[metric];
  return { metric, label, value, target: above, onTarget: value === null ? null : value > above };
}
