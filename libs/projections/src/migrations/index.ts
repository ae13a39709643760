import { ProjectionInfrastructure1763884800000 } from './1763884800000-projection-infrastructure.js';
import { EventLog1763884800001 } from './1763884800001-event-log.js';
import { GuildConfig1763884800100 } from './1763884800100-guild-config.js';
import { Meetings1763884800200 } from './1763884800200-meetings.js';

/** Every migration, oldest first. Hand-written raw SQL; `synchronize` is never used. */
export const migrations = [
  ProjectionInfrastructure1763884800000,
  EventLog1763884800001,
  GuildConfig1763884800100,
  Meetings1763884800200,
];
