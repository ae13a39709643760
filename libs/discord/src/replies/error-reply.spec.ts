import { describe, expect, it } from '@jest/globals';
import { KdError } from '@kd/events';
import { errorCodeOf, errorReply } from './error-reply.js';

describe('errorReply', () => {
  it('tells the user what was wrong, ephemerally, with the stable code in small print', () => {
    const error = new KdError(
      'MEETING.NOT_FOUND',
      'No meeting m0000000001 on this server.',
      'not_found',
    );
    expect(errorReply(error)).toEqual({
      content: '❌ No meeting m0000000001 on this server.\n-# MEETING.NOT_FOUND',
      ephemeral: true,
    });
  });

  it('does not show technical detail of an unavailable service', () => {
    const error = new KdError(
      'KALTURA.UNAVAILABLE',
      'schedule_scheduleresource.add: HTTP 502 from 10.0.0.7',
      'unavailable',
    );
    const { content } = errorReply(error);
    expect(content).not.toContain('10.0.0.7');
    expect(content).toContain('not reachable right now');
    expect(content).toContain('-# KALTURA.UNAVAILABLE');
  });

  it('answers an unexpected error generically as INTERNAL.ERROR', () => {
    const reply = errorReply(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(reply.content).toBe(
      '❌ Something went wrong on our side. Please try again later.\n-# INTERNAL.ERROR',
    );
    expect(errorCodeOf('a string')).toBe('INTERNAL.ERROR');
  });
});
