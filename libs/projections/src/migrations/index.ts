import { ProjectionInfrastructure1763884800000 } from './1763884800000-projection-infrastructure.js';
import { EventLog1763884800001 } from './1763884800001-event-log.js';
import { GuildConfig1763884800100 } from './1763884800100-guild-config.js';
import { Meetings1763884800200 } from './1763884800200-meetings.js';
import { AnalyticsTables1763884800300 } from './1763884800300-analytics-tables.js';
import { AnalyticsActivityViews1763884800301 } from './1763884800301-analytics-activity-views.js';
import { AnalyticsSummaryViews1763884800302 } from './1763884800302-analytics-summary-views.js';
import { AnalyticsCohortViews1763884800303 } from './1763884800303-analytics-cohort-views.js';
import { AnalyticsRole1763884800304 } from './1763884800304-analytics-role.js';
import { AppRole1763884800900 } from './1763884800900-app-role.js';
import { EventLogStaging1763884800950 } from './1763884800950-event-log-staging.js';

/** Every migration, oldest first. Hand-written raw SQL; `synchronize` is never used. */
export const migrations = [
  ProjectionInfrastructure1763884800000,
  EventLog1763884800001,
  GuildConfig1763884800100,
  Meetings1763884800200,
  AnalyticsTables1763884800300,
  AnalyticsActivityViews1763884800301,
  AnalyticsSummaryViews1763884800302,
  AnalyticsCohortViews1763884800303,
  AnalyticsRole1763884800304,
  AppRole1763884800900,
  EventLogStaging1763884800950,
];
