import { describe, expect, it } from '@jest/globals';
import { subjectTokenPattern } from '@kd/events';
import { derivedEventId, newMeetingId, parseMeetingId } from './meeting-id.js';

describe('meeting ids', () => {
  it('are "m" + 10 base-36 characters, subject-token safe, and do not repeat', () => {
    const ids = Array.from({ length: 5000 }, newMeetingId);
    for (const id of ids) {
      expect(id).toMatch(/^m[0-9a-z]{10}$/);
      expect(id).toMatch(subjectTokenPattern);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('parse what users type into the canonical form, and refuse anything else', () => {
    expect(parseMeetingId(' M0ABCDEFGHI ')).toBe('m0abcdefghi');
    expect(parseMeetingId('m0abc')).toBeNull();
    expect(parseMeetingId('kd.events.>')).toBeNull();
  });
});

describe('derivedEventId', () => {
  it('appends the suffix to a token-safe causation id', () => {
    expect(derivedEventId('kaltura-job-1731', 'started')).toBe('kaltura-job-1731-started');
  });

  it('hashes a causation id that is not a subject token, deterministically', () => {
    const id = derivedEventId('job:1/2', 'ended');
    expect(id).toMatch(subjectTokenPattern);
    expect(id).toMatch(/^c[0-9a-f]{40}-ended$/);
    expect(derivedEventId('job:1/2', 'ended')).toBe(id);
    expect(derivedEventId('job:1/3', 'ended')).not.toBe(id);
  });
});
