import { metricTargets, type MetricValue } from '@kd/analytics';
import { table } from '../format/document.js';
import type { Cell, Row, Table } from '../format/table.js';
import { decimal, percent, status } from '../format/values.js';

/** A metric's value in its unit: ratios as percentages, rates as decimals. */
const inUnit = (value: Cell, row: Row): string =>
  metricTargets[row.metric as MetricValue['metric']].unit === 'ratio'
    ? percent(value)
    : decimal(value);

/** Rows carry the raw values (CSV); the Markdown shows them in the metric's unit. */
export function metricsTable(name: string, values: readonly MetricValue[]): Table {
  return table(
    name,
    [
      { key: 'label', title: 'Metric' },
      { key: 'value', title: 'Value', format: inUnit, align: 'right' },
      {
        key: 'target_above',
        title: 'Target',
        format: (v, r) => `> ${inUnit(v, r)}`,
        align: 'right',
      },
      { key: 'on_target', title: 'Status', format: (v) => status(v as boolean | null) },
      { key: 'metric', title: 'Name' },
    ],
    values.map((v) => ({
      metric: v.metric,
      label: v.label,
      value: v.value,
      target_above: v.target,
      on_target: v.onTarget,
    })),
  );
}

/** "7 of 13 metrics on target (2 without data)". */
export function targetCount(values: readonly MetricValue[]): string {
  const on = values.filter((v) => v.onTarget === true).length;
  const none = values.filter((v) => v.onTarget === null).length;
  return `${on} of ${values.length} metrics on target${none > 0 ? ` (${none} without data)` : ''}`;
}
