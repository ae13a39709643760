import { table } from '../format/document.js';
import type { Row, Table } from '../format/table.js';
import type { FeatureUsage } from './activity.query.js';
import { count, ratio, text, yesNo } from './columns.js';

export function featureTable(features: readonly FeatureUsage[]): Table {
  return table(
    'features',
    [
      text('command', 'Command'),
      yesNo('user_facing', 'Feature'),
      count('runs', 'Runs'),
      count('guilds', 'Guilds'),
      ratio('guild_share', 'Share of active guilds'),
      count('users', 'Users'),
      count('errors', 'Errors'),
    ],
    features as unknown as Row[],
  );
}

/** "6 of 9 features used by at least one guild". */
export function featuresUsed(features: readonly FeatureUsage[]): string {
  const all = features.filter((f) => f.user_facing);
  const used = all.filter((f) => f.runs > 0).length;
  return `${used} of ${all.length} features (user-facing commands) used by at least one guild`;
}
