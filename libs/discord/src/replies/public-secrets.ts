import { KdError } from '@kd/events';
import type { Reply } from './reply.js';

/** A Kaltura session (`v2|…` in base64 starts `djJ8`) in a link or on its own. */
const kalturaSession = /djJ8[\w-]{16,}/;

/** A reply about to show a join link to the whole channel: a bug, never sent. */
export class SecretInPublicReplyError extends KdError {
  constructor() {
    super('REPLY.SECRET_IN_PUBLIC', 'a join link was about to be posted publicly', 'internal');
  }
}

/**
 * Join links are personal (DESIGN §6b): a public reply, or a public follow-up, that carries a KS
 * is refused before anything is sent, whatever handler built it.
 */
export function assertNoPublicSecrets(reply: Reply): void {
  for (const message of [reply, ...(reply.followUps ?? [])]) {
    if (message.ephemeral) continue;
    const { content, embeds, components } = message;
    if (kalturaSession.test(JSON.stringify({ content, embeds, components })))
      throw new SecretInPublicReplyError();
  }
}
