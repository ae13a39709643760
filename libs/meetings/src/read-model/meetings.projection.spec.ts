import { describe, expect, it } from '@jest/globals';
import { eventCatalog } from '@kd/events';
import { meetingsProjection } from './meetings.projection.js';

describe('meetings projection', () => {
  it('handles every event of the meeting aggregate, and person.linked to fold participants', () => {
    const meetingTypes = Object.entries(eventCatalog)
      .filter(([, definition]) => definition.aggregate === 'meeting')
      .map(([type]) => type);
    expect(meetingTypes.length).toBeGreaterThan(0);
    expect([...meetingsProjection.handles].sort()).toEqual(
      [...meetingTypes, 'person.linked'].sort(),
    );
  });
});
