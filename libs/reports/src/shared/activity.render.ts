import { table } from '../format/document.js';
import type { Table } from '../format/table.js';
import { change, integer } from '../format/values.js';
import type { PeriodActivity } from './activity.query.js';
import { count, text } from './columns.js';

const figures: [keyof PeriodActivity, string][] = [
  ['active_guilds', 'Active guilds (≥1 command)'],
  ['commands', 'Commands'],
  ['errors', 'Commands with outcome error'],
  ['unique_users', 'Unique command users'],
  ['meetings_created', 'Meetings created'],
  ['meetings_ended', 'Meetings ended'],
];

/** This period beside the previous one of the same kind. */
export function activityTable(
  current: PeriodActivity,
  previous: PeriodActivity,
  label: string,
): Table {
  return table(
    'activity',
    [
      text('figure', 'Figure'),
      count('value', label),
      count('previous', 'Previous'),
      { key: 'change', title: 'Change', align: 'right' },
      text('name', 'Name'),
    ],
    figures.map(([name, title]) => ({
      name,
      figure: title,
      value: current[name],
      previous: previous[name],
      change: change(current[name], previous[name]),
    })),
  );
}

export const activityLine = (a: PeriodActivity): string =>
  `${integer(a.active_guilds)} active guilds ran ${integer(a.commands)} commands ` +
  `(${integer(a.unique_users)} distinct users); ${integer(a.meetings_created)} meetings created.`;
