import { Meetings1763884800200 } from './1763884800200-meetings.js';

/** `kd.meetings`, `kd.meeting_participants`, `analytics.meetings` and `analytics.meetings_live`. */
export const meetingsMigrations = [Meetings1763884800200];
