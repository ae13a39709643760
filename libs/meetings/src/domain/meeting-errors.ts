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

export const meetingCanceled = (meetingId: string): KdError =>
  new KdError('MEETING.CANCELED', `meeting ${meetingId} was canceled`, 'conflict', {
    details: { meetingId },
  });

export const meetingAlreadyStarted = (meetingId: string): KdError =>
  new KdError(
    'MEETING.ALREADY_STARTED',
    `meeting ${meetingId} has already started; end it with /kaltura-end`,
    'conflict',
    { details: { meetingId } },
  );

export const meetingCancelForbidden = (meetingId: string): KdError =>
  new KdError(
    'MEETING.CANCEL_FORBIDDEN',
    `only the host of meeting ${meetingId} or a member with Manage Events can cancel it`,
    'permission',
    { details: { meetingId } },
  );
