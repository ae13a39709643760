/** The fields of a stored `kaltura.webhook_received` that decide what it means for a meeting. */
export interface ReceivedNotification {
  objectType: string;
  objectId: string;
  templateSystemName: string | null;
  referenceId?: string | null | undefined;
  rootEntryId?: string | null | undefined;
  entryStatus?: string | null | undefined;
  liveStatus?: string | null | undefined;
}

/**
 * What a notification tells about a meeting room. `keys` name the room in the directory, best
 * first: the schedule resource id (`referenceId`), then for a recording the room's entry.
 */
export type KalturaFact =
  | { kind: 'started' | 'ended'; keys: string[]; roomEntryId: string | null }
  | { kind: 'recording_ready'; keys: string[]; entryId: string };

const READY = '2';
const LIVE_PLAYABLE = '1';
const LIVE_STOPPED = '0';
/** What our directory keys and Kaltura ids have in common: safe in a KV key and a subject. */
const idPattern = /^[A-Za-z0-9_-]{1,128}$/;

export const roomKey = (resourceId: string): string => `room.${resourceId}`;
export const entryKey = (entryId: string): string => `entry.${entryId}`;
/** Directory key of a Discord guild scheduled event mirroring a meeting (RSVPs find it there). */
export const discordEventKey = (discordEventId: string): string =>
  `discord_event.${discordEventId}`;

/**
 * Maps the notifications of the room templates to facts (docs/webhooks.md): live entry playable
 * or `ROOM_LIVE_START` → started, stopped or `ROOM_LIVE_STOP` → ended, an entry READY with a
 * `rootEntryId` → a recording. Anything else is no fact. Pure: the same stored event gives the
 * same fact whenever it is applied.
 */
export function factOfNotification(n: ReceivedNotification): KalturaFact | undefined {
  const reference = valid(n.referenceId);
  const template = n.templateSystemName ?? '';
  if (n.objectType === 'KalturaLiveStreamEntry' || /LIVE/.test(template)) {
    if (!reference) return undefined;
    const keys = [roomKey(reference)];
    const roomEntryId = valid(n.objectId) ?? null;
    if (template === 'ROOM_LIVE_START' || n.liveStatus === LIVE_PLAYABLE)
      return { kind: 'started', keys, roomEntryId };
    if (template === 'ROOM_LIVE_STOP' || n.liveStatus === LIVE_STOPPED)
      return { kind: 'ended', keys, roomEntryId };
    return undefined;
  }
  const root = valid(n.rootEntryId);
  const entryId = valid(n.objectId);
  if (n.entryStatus !== READY || !entryId || !root || root === entryId) return undefined;
  const keys = [...(reference ? [roomKey(reference)] : []), entryKey(root)];
  return { kind: 'recording_ready', keys, entryId };
}

function valid(id: string | null | undefined): string | undefined {
  return id && idPattern.test(id) ? id : undefined;
}
