/*
 * Provisional: the analytics read model still lives in libs/projections/src/analytics while it
 * moves to a lib of its own (issue 14). This file is the one place that reaches into that old
 * home; point it at the new lib's front door then.
 */
import { AnalyticsTables1763884800300 } from '../../projections/src/migrations/1763884800300-analytics-tables.js';
import { AnalyticsActivityViews1763884800301 } from '../../projections/src/migrations/1763884800301-analytics-activity-views.js';
import { AnalyticsSummaryViews1763884800302 } from '../../projections/src/migrations/1763884800302-analytics-summary-views.js';
import { AnalyticsCohortViews1763884800303 } from '../../projections/src/migrations/1763884800303-analytics-cohort-views.js';
import { AnalyticsRole1763884800304 } from '../../projections/src/migrations/1763884800304-analytics-role.js';

export { analyticsProjection } from '../../projections/src/analytics/analytics.projection.js';
export { setAnalyticsPassword } from '../../projections/src/analytics/analytics-role.js';

export const analyticsMigrations = [
  AnalyticsTables1763884800300,
  AnalyticsActivityViews1763884800301,
  AnalyticsSummaryViews1763884800302,
  AnalyticsCohortViews1763884800303,
  AnalyticsRole1763884800304,
];
