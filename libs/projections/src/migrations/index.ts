import { ProjectionInfrastructure1763884800000 } from './1763884800000-projection-infrastructure.js';
import { EventLog1763884800001 } from './1763884800001-event-log.js';

/** Every migration, oldest first. Hand-written raw SQL; `synchronize` is never used. */
export const migrations = [ProjectionInfrastructure1763884800000, EventLog1763884800001];
