import { describe, expect, it } from '@jest/globals';
import { KdError } from '@kd/events';
import {
  KalturaApiError,
  KalturaUnavailableError,
  KalturaUnexpectedResponseError,
} from '@kd/kaltura';
import { describeFailure, isKalturaError, toReplyError } from './kaltura-failure.js';

const call = { service: 'schedule_scheduleresource', action: 'add' };

describe('Kaltura failures', () => {
  it("describes an API exception with Kaltura's own code", () => {
    const error = new KalturaApiError('ACTION_BLOCKED', 'too many requests', {}, call);
    expect(describeFailure(error)).toEqual({
      service: 'schedule_scheduleresource',
      action: 'add',
      code: 'ACTION_BLOCKED',
      message: expect.stringContaining('ACTION_BLOCKED'),
    });
  });

  it('describes a transport failure with our code', () => {
    expect(
      describeFailure(new KalturaUnavailableError('HTTP 500', call, { status: 500 })).code,
    ).toBe('KALTURA.UNAVAILABLE');
  });

  it('tells the user KALTURA.UNAVAILABLE when Kaltura or our session is at fault', () => {
    for (const error of [
      new KalturaUnavailableError('timeout', call),
      new KalturaUnexpectedResponseError('not an object', call),
      new KalturaApiError('INTERNAL_SERVERL_ERROR', 'boom', {}, call),
      new KalturaApiError('INVALID_KS', 'bad ks', {}, call),
    ]) {
      expect(toReplyError(error)).toMatchObject({
        code: 'KALTURA.UNAVAILABLE',
        category: 'unavailable',
      });
    }
  });

  it("tells the user KALTURA.ERROR with Kaltura's category otherwise, keeping the cause", () => {
    const error = new KalturaApiError('ACTION_BLOCKED', 'slow down', {}, call);
    const reply = toReplyError(error);
    expect(reply).toBeInstanceOf(KdError);
    expect(reply).toMatchObject({ code: 'KALTURA.ERROR', category: 'rate_limited', cause: error });
    expect(reply.details).toMatchObject({ code: 'ACTION_BLOCKED', action: 'add' });
  });

  it('recognises only Kaltura client errors', () => {
    expect(isKalturaError(new KalturaUnavailableError('x', call))).toBe(true);
    expect(isKalturaError(new KdError('EVENT_STORE.UNAVAILABLE', 'x', 'unavailable'))).toBe(false);
  });
});
