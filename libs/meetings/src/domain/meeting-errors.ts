import { KdError } from '@kd/events';

/** Unknown id, malformed id, or a meeting of another guild: all look the same to the caller. */
export const meetingNotFound = (meetingId: string): KdError =>
  new KdError('MEETING.NOT_FOUND', `no meeting "${meetingId}" in this server`, 'not_found', {
    details: { meetingId },
  });

export const meetingAlreadyEnded = (meetingId: string): KdError =>
  new KdError('MEETING.ALREADY_ENDED', `meeting ${meetingId} has already ended`, 'conflict', {
    details: { meetingId },
  });

export const meetingEnded = (meetingId: string): KdError =>
  new KdError('MEETING.ENDED', `meeting ${meetingId} has ended; start a new one`, 'conflict', {
    details: { meetingId },
  });

export const meetingAlreadyExists = (meetingId: string): KdError =>
  new KdError('MEETING.ALREADY_EXISTS', `meeting ${meetingId} already exists`, 'conflict', {
    details: { meetingId },
  });

export const meetingEndForbidden = (meetingId: string): KdError =>
  new KdError(
    'MEETING.END_FORBIDDEN',
    `only the owner of meeting ${meetingId} or a member allowed to end others' meetings can end it`,
    'permission',
    { details: { meetingId } },
  );
