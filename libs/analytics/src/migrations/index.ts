import { AnalyticsTables1763884800300 } from './1763884800300-analytics-tables.js';
import { AnalyticsActivityViews1763884800301 } from './1763884800301-analytics-activity-views.js';
import { AnalyticsSummaryViews1763884800302 } from './1763884800302-analytics-summary-views.js';
import { AnalyticsCohortViews1763884800303 } from './1763884800303-analytics-cohort-views.js';
import { AnalyticsRole1763884800304 } from './1763884800304-analytics-role.js';
import { AnalyticsPersonLinks1796428800310 } from './1796428800310-analytics-person-links.js';
import { AnalyticsLocaleUsage1796428800330 } from './1796428800330-analytics-locale-usage.js';
import { AnalyticsScheduledMeetings1796464800310 } from './1796464800310-analytics-scheduled-meetings.js';

/** The analytics tables, views and read-only role, oldest first (timestamps 1763884800300–304, then 1796428800310, 330 and 1796464800310). */
export const analyticsMigrations = [
  AnalyticsTables1763884800300,
  AnalyticsActivityViews1763884800301,
  AnalyticsSummaryViews1763884800302,
  AnalyticsCohortViews1763884800303,
  AnalyticsRole1763884800304,
  AnalyticsPersonLinks1796428800310,
  AnalyticsLocaleUsage1796428800330,
  AnalyticsScheduledMeetings1796464800310,
];
