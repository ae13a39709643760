import { signDiscordRequest, type DiscordTestKeys } from '@kd/discord';
import { signKalturaNotification } from '@kd/kaltura';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** A Discord interaction signed as Discord signs it (Ed25519 over timestamp + body). */
export function signedInteraction(interaction: unknown, keys: DiscordTestKeys): SignedRequest {
  const body = JSON.stringify(interaction);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      ...signDiscordRequest(body, keys.privateKey).headers,
    },
  };
}

/**
 * A factory of fresh Kaltura "recording ready" notifications (a new job id each), signed with
 * sha256 as Kaltura signs them: every request is a new event, never a deduplicated repeat.
 */
export function recordingReadyNotifications(secret: string): () => SignedRequest {
  let job = Date.now() * 1000;
  return () => {
    const body = JSON.stringify({
      object: { objectType: 'KalturaMediaEntry', id: '0_rec', status: 2, rootEntryId: '0_room' },
      eventObjectType: 1,
      eventType: 3,
      eventNotificationJobId: ++job,
      templateSystemName: 'ENTRY_READY',
      partnerId: 100,
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-kaltura-signature': signKalturaNotification(body, secret, 'sha256'),
        'x-kaltura-hash-algo': 'sha256',
      },
    };
  };
}
