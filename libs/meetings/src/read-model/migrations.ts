import { Meetings1763884800200 } from './1763884800200-meetings.js';
import { MeetingSchedules1796464800210 } from './1796464800210-meeting-schedules.js';

/** `kd.meetings`, `kd.meeting_participants`, `kd.meeting_rsvps`, `analytics.meetings(_live)`. */
export const meetingsMigrations = [Meetings1763884800200, MeetingSchedules1796464800210];
