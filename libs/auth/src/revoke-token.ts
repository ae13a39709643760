import { newEvent } from '@kd/events';
import type { EventStore } from '@kd/event-store';

export interface Revocation {
  jti: string;
  /** `api:<sub of the operator token>` or `cli:<user>`. */
  revokedBy: string;
  reason: string;
  correlationId: string;
}

/** Appends `auth.token_revoked` (once per jti: a repeat is reported as already revoked). */
export async function revokeToken(
  store: EventStore,
  revocation: Revocation,
): Promise<{ jti: string; alreadyRevoked: boolean }> {
  const { jti, revokedBy, reason, correlationId } = revocation;
  const result = await store.append(
    newEvent(
      'auth.token_revoked',
      { jti, revokedBy, reason },
      { actor: { kind: 'system', id: revokedBy }, correlationId, guildId: null },
    ),
  );
  return { jti, alreadyRevoked: result.duplicate };
}
