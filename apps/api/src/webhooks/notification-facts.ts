import type { KalturaHttpNotification } from '@kd/kaltura';

/** What a notification tells about a meeting room, when we understand it. */
export type NotificationFact =
  | { kind: 'started' | 'ended'; resourceId: string }
  | { kind: 'recording_ready'; resourceId: string; entryId: string };

const READY = '2';
const LIVE_PLAYABLE = '1';
const LIVE_STOPPED = '0';

/**
 * Maps the notifications of the room templates to facts. The room is found through the entry's
 * `referenceId`, which carries the schedule resource id of the virtual classroom (the convention
 * the Kaltura simulator follows; see docs/webhooks.md). Anything else is stored as received only.
 */
export function factOf(notification: KalturaHttpNotification): NotificationFact | undefined {
  const object = notification.object as Record<string, unknown>;
  const resourceId = text(object.referenceId);
  if (!resourceId) return undefined;
  const template = notification.templateSystemName ?? '';
  if (object.objectType === 'KalturaLiveStreamEntry' || /LIVE/.test(template)) {
    const liveStatus = text(object.liveStatus);
    if (template === 'ROOM_LIVE_START' || liveStatus === LIVE_PLAYABLE)
      return { kind: 'started', resourceId };
    if (template === 'ROOM_LIVE_STOP' || liveStatus === LIVE_STOPPED)
      return { kind: 'ended', resourceId };
    return undefined;
  }
  const entryId = text(object.id);
  if (text(object.status) === READY && entryId && text(object.rootEntryId))
    return { kind: 'recording_ready', resourceId, entryId };
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
