import { describe, expect, it } from '@jest/globals';
import { factOfNotification, type ReceivedNotification } from './kaltura-fact.js';

const live = (over: Partial<ReceivedNotification> = {}): ReceivedNotification => ({
  objectType: 'KalturaLiveStreamEntry',
  objectId: '1_room',
  templateSystemName: 'ROOM_LIVE_START',
  referenceId: '4242',
  liveStatus: '1',
  ...over,
});
const recording = (over: Partial<ReceivedNotification> = {}): ReceivedNotification => ({
  objectType: 'KalturaMediaEntry',
  objectId: '1_rec',
  templateSystemName: 'ENTRY_READY',
  entryStatus: '2',
  rootEntryId: '1_room',
  ...over,
});

describe('factOfNotification', () => {
  it('reads a room going live or stopping, keyed by the schedule resource id', () => {
    expect(factOfNotification(live())).toEqual({
      kind: 'started',
      keys: ['room.4242'],
      roomEntryId: '1_room',
    });
    expect(
      factOfNotification(live({ templateSystemName: 'ENTRY_CHANGED', liveStatus: '0' })),
    ).toMatchObject({ kind: 'ended' });
  });

  it('finds a recording through its room resource first, then its room entry', () => {
    expect(factOfNotification(recording({ referenceId: '4242' }))).toEqual({
      kind: 'recording_ready',
      keys: ['room.4242', 'entry.1_room'],
      entryId: '1_rec',
    });
    expect(factOfNotification(recording())).toMatchObject({ keys: ['entry.1_room'] });
  });

  it.each([
    ['a live entry without a reference id', live({ referenceId: null })],
    [
      'a live status that is neither playable nor stopped',
      live({ templateSystemName: null, liveStatus: '2' }),
    ],
    ['an entry not ready yet', recording({ entryStatus: '1' })],
    ['an entry without a root (not a room recording)', recording({ rootEntryId: null })],
    ['the room entry itself', recording({ rootEntryId: '1_rec' })],
    ['ids no key may hold', recording({ rootEntryId: '1_room.>' })],
    [
      'an event stored before these fields existed',
      { ...recording(), entryStatus: undefined, rootEntryId: undefined },
    ],
  ])('sees no fact in %s', (_label, notification) => {
    expect(factOfNotification(notification)).toBeUndefined();
  });
});
