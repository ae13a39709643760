import { EventLog1763884800001 } from './migrations/1763884800001-event-log.js';
import { EventLogStaging1763884800950 } from './migrations/1763884800950-event-log-staging.js';

export { eventLogProjection } from './event-log.projection.js';
export { eventLogColumns, eventLogRow } from './event-log-ingest.js';

/** The tables of `kd.event_log` and its view `analytics.event_log`. */
export const eventLogMigrations = [EventLog1763884800001, EventLogStaging1763884800950];
