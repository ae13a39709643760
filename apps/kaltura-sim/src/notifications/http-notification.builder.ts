import {
  EventNotificationEventObjectType,
  EventNotificationEventType,
  LiveStatus,
  signKalturaNotification,
  type KalturaHashAlgo,
} from '@kd/kaltura';
import type { Room } from '../state/room-store.service.js';

export const notificationKinds = ['recording_ready', 'room_live_start', 'room_live_stop'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export type NotificationFormat = 'json' | 'form';

/** The HTTP notification templates a partner would configure (recording ready is Kaltura's stock one). */
const templates: Record<
  NotificationKind,
  { templateId: number; templateName: string; templateSystemName: string }
> = {
  recording_ready: {
    templateId: 9001,
    templateName: 'Entry Ready',
    templateSystemName: 'ENTRY_READY',
  },
  room_live_start: {
    templateId: 9002,
    templateName: 'Room Live Start',
    templateSystemName: 'ROOM_LIVE_START',
  },
  room_live_stop: {
    templateId: 9003,
    templateName: 'Room Live Stop',
    templateSystemName: 'ROOM_LIVE_STOP',
  },
};

/** `KalturaHttpNotification` as the JSON (`KalturaHttpNotificationObjectData`, format 1) template posts it. */
export function httpNotification(
  kind: NotificationKind,
  object: Record<string, unknown>,
  jobId: number,
  partnerId: number,
) {
  return {
    objectType: 'KalturaHttpNotification',
    object,
    eventObjectType: EventNotificationEventObjectType.entry,
    eventNotificationJobId: jobId,
    ...templates[kind],
    eventType: EventNotificationEventType.objectChanged,
    partnerId,
  };
}

/** The room's live entry with its live status, as a live-status template sends it. */
export function roomLiveEntry(
  room: Room,
  partnerId: number,
  live: boolean,
): Record<string, unknown> {
  return {
    objectType: 'KalturaLiveStreamEntry',
    id: room.roomEntryId,
    name: room.name,
    partnerId,
    referenceId: String(room.id),
    status: 2,
    liveStatus: live ? LiveStatus.playable : LiveStatus.stopped,
    updatedAt: Math.floor(Date.now() / 1000),
  };
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** JSON body, or the older `data=<urlencoded JSON>` form; signed over the exact bytes sent. */
export function signedRequest(
  notification: object,
  format: NotificationFormat,
  secret: string,
  algo: KalturaHashAlgo,
): SignedRequest {
  const json = JSON.stringify(notification);
  const body = format === 'json' ? json : new URLSearchParams({ data: json }).toString();
  return {
    body,
    headers: {
      'Content-Type': format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      'X-KALTURA-SIGNATURE': signKalturaNotification(body, secret, algo),
      'X-KALTURA-HASH-ALGO': algo,
      'User-Agent': 'kaltura-sim',
    },
  };
}
