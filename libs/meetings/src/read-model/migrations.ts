import { Meetings1763884800200 } from './1763884800200-meetings.js';
import { MeetingPersonLinks1796428800210 } from './1796428800210-meeting-person-links.js';
import { MeetingSchedules1796464800210 } from './1796464800210-meeting-schedules.js';

/** `kd.meetings`, `kd.meeting_participants`, `kd.meeting_rsvps`, `kd.meeting_person_links`, `analytics.meetings(_live)`. */
export const meetingsMigrations = [
  Meetings1763884800200,
  MeetingPersonLinks1796428800210,
  MeetingSchedules1796464800210,
];
