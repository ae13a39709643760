import { Meetings1763884800200 } from './1763884800200-meetings.js';
import { MeetingPersonLinks1796428800210 } from './1796428800210-meeting-person-links.js';

/** `kd.meetings`, `kd.meeting_participants`, `analytics.meetings` and `analytics.meetings_live`. */
export const meetingsMigrations = [Meetings1763884800200, MeetingPersonLinks1796428800210];
