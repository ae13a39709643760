import type { EventStore } from '@kd/event-store';
import { newEvent } from '@kd/events';
import type { VideoAccessStore } from './video-access.store.js';
import {
  scopeOf,
  withGrant,
  withoutGrant,
  withRecording,
  type VideoScope,
} from './video-access.js';

export interface OperatorChange {
  guildId: string;
  categoryIds: string[];
  /** The operator's name, recorded in the event. */
  by: string;
  correlationId: string;
  now: Date;
}

/**
 * Video access per guild: the guild's own recordings (written with `meeting.recording_ready`)
 * and operator grants (`guild.video_access_granted/_revoked`, appended only by the operator CLI).
 * Both orders fail closed: a grant is recorded before it takes effect, a revocation takes effect
 * before it is recorded, so an interrupted run leaves no more access than the log says.
 */
export class VideoAccessService {
  constructor(
    private readonly store: Pick<EventStore, 'append'>,
    private readonly access: VideoAccessStore,
  ) {}

  async scope(guildId: string): Promise<VideoScope> {
    return scopeOf(await this.access.read(guildId));
  }

  async addRecording(guildId: string, recording: { entryId: string; meetingId: string }) {
    await this.access.change(guildId, (a) => withRecording(a, recording));
  }

  async grant(change: OperatorChange): Promise<string[]> {
    await this.store.append(
      newEvent(
        'guild.video_access_granted',
        { categoryIds: change.categoryIds, grantedBy: change.by },
        this.context(change),
      ),
    );
    return (await this.access.change(change.guildId, (a) => withGrant(a, change.categoryIds)))
      .categoryIds;
  }

  async revoke(change: OperatorChange): Promise<string[]> {
    const after = await this.access.change(change.guildId, (a) =>
      withoutGrant(a, change.categoryIds),
    );
    await this.store.append(
      newEvent(
        'guild.video_access_revoked',
        { categoryIds: change.categoryIds, revokedBy: change.by },
        this.context(change),
      ),
    );
    return after.categoryIds;
  }

  private context(change: OperatorChange) {
    return {
      guildId: change.guildId,
      actor: { kind: 'system' as const, id: `operator:${change.by}`.slice(0, 100) },
      correlationId: change.correlationId,
      occurredAt: change.now,
    };
  }
}
