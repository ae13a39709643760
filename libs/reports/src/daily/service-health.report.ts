import { document, limitedTable, reportHeader, table } from '../format/document.js';
import { heading, markdownTable } from '../format/markdown.js';
import type { Column, RenderedReport, Row } from '../format/table.js';
import { integer, milliseconds, percent } from '../format/values.js';
import { count, ratio } from '../shared/columns.js';
import { isUnavailable, type Unavailable } from '../sql.js';
import type { ServiceHealthData } from './service-health.query.js';

const n = count;
const pct = ratio;
const ms = (key: string, title: string): Column => ({
  key,
  title,
  format: milliseconds,
  align: 'right',
});

const commandColumns: Column[] = [
  { key: 'command', title: 'Command' },
  n('total', 'Runs'),
  n('ok', 'OK'),
  n('error', 'Error'),
  n('denied', 'Denied'),
  n('invalid', 'Invalid'),
  pct('error_ratio', 'Error ratio'),
  ms('p50_ms', 'p50'),
  ms('p95_ms', 'p95'),
];

/** Markdown note for a part the role may not read. */
export const unavailableNote = (what: string, tables: string, part: Unavailable): string =>
  `_${what} not available to this database role (${part.unavailable}): it needs SELECT on ${tables}._`;

/** The daily Service Health report (seed §6.1). */
export function renderServiceHealth(data: ServiceHealthData, generatedAt: string): RenderedReport {
  const baseName = `daily-${data.period.label}`;
  const t = data.total;
  const commands = table('commands', commandColumns, [
    ...(data.commands as unknown as Row[]),
    ...(t.total > 0 ? [{ ...(t as unknown as Row), command: '(all)' }] : []),
  ]);
  const webhooks = table(
    'webhooks',
    [
      { key: 'event_type', title: 'Event type' },
      { key: 'object_type', title: 'Object type' },
      n('received', 'Received'),
    ],
    data.webhooks,
  );
  const failures = table(
    'kaltura-failures',
    [
      { key: 'service', title: 'Service' },
      { key: 'action', title: 'Action' },
      { key: 'code', title: 'Code' },
      n('failures', 'Failures'),
    ],
    data.kalturaFailures,
  );
  const notifications = table(
    'notifications',
    [
      { key: 'kind', title: 'Kind' },
      n('sent', 'Sent'),
      n('failed', 'Failed'),
      pct('failure_ratio', 'Failure ratio'),
    ],
    data.notifications,
  );
  const dead = deadLetterTable(data);
  const checkpoints = checkpointTable(data);
  const sum = (rows: readonly Row[], key: string) => rows.reduce((s, r) => s + Number(r[key]), 0);
  const markdown = document(
    reportHeader('Service health', data.period, generatedAt),
    heading(2, 'Commands'),
    t.total === 0
      ? 'No commands.'
      : `${integer(t.total)} commands: ${integer(t.ok)} ok, ${integer(t.error)} error, ` +
          `${integer(t.denied)} denied, ${integer(t.invalid)} invalid; error ratio ` +
          `${percent(t.error_ratio, 2)} (errors / runs; denied and invalid are not errors). ` +
          `Duration p50 ${milliseconds(t.p50_ms)}, p95 ${milliseconds(t.p95_ms)}.`,
    markdownTable(commandColumns, commands.rows),
    heading(2, 'Kaltura'),
    `Webhooks received: ${integer(sum(webhooks.rows, 'received'))}. API failures: ${integer(sum(failures.rows, 'failures'))}.`,
    limitedTable(webhooks, baseName, 20, '_No webhooks._'),
    limitedTable(failures, baseName, 20, '_No API failures._'),
    heading(2, 'Notifications'),
    `Sent: ${integer(sum(notifications.rows, 'sent'))}. Failed: ${integer(sum(notifications.rows, 'failed'))}.`,
    markdownTable(notifications.columns, notifications.rows, '_No notifications._'),
    heading(2, 'Projections'),
    ...deadLetterBlocks(data, dead, baseName),
    ...checkpointBlocks(data, checkpoints),
  );
  return {
    baseName,
    markdown,
    tables: [
      commands,
      webhooks,
      failures,
      notifications,
      ...(dead ? [dead] : []),
      ...(checkpoints ? [checkpoints] : []),
    ],
  };
}

function deadLetterTable(data: ServiceHealthData) {
  if (isUnavailable(data.deadLetters)) return undefined;
  return table(
    'dead-letters',
    [
      { key: 'parked_at', title: 'Parked at' },
      { key: 'projection', title: 'Projection' },
      n('seq', 'Seq'),
      { key: 'event_type', title: 'Event type' },
      { key: 'event_id', title: 'Event id' },
      { key: 'error_code', title: 'Code' },
      { key: 'error_message', title: 'Error' },
    ],
    data.deadLetters.parked as unknown as Row[],
  );
}

function deadLetterBlocks(
  data: ServiceHealthData,
  dead: ReturnType<typeof deadLetterTable>,
  baseName: string,
) {
  if (isUnavailable(data.deadLetters) || !dead)
    return [
      unavailableNote(
        'Dead letters',
        'kd.projection_dead_letters',
        data.deadLetters as Unavailable,
      ),
    ];
  return [
    `Dead letters parked this day: ${integer(dead.rows.length)} (by when they were parked); ` +
      `parked in total: ${integer(data.deadLetters.outstanding)}.`,
    limitedTable(dead, baseName, 20, '_No dead letters this day._'),
  ];
}

function checkpointTable(data: ServiceHealthData) {
  if (isUnavailable(data.checkpoints)) return undefined;
  return table(
    'checkpoints',
    [
      { key: 'projection', title: 'Projection' },
      n('last_seq', 'Checkpoint'),
      n('behind_highest', 'Behind highest'),
      { key: 'last_occurred_at', title: 'Last event occurred' },
      { key: 'updated_at', title: 'Updated' },
    ],
    data.checkpoints.rows as unknown as Row[],
  );
}

function checkpointBlocks(
  data: ServiceHealthData,
  checkpoints: ReturnType<typeof checkpointTable>,
) {
  if (isUnavailable(data.checkpoints) || !checkpoints)
    return [
      unavailableNote('Checkpoints', 'kd.projection_checkpoints', data.checkpoints as Unavailable),
    ];
  return [
    `Checkpoints now (when the report ran, not as of the period). The stream head is kept by NATS, ` +
      `not PostgreSQL: the highest checkpoint (${integer(data.checkpoints.highest)}) is a lower ` +
      'bound; `npm run projections:status` compares with the stream itself.',
    markdownTable(checkpoints.columns, checkpoints.rows, '_No projection has run._'),
  ];
}
