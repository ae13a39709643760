/**
 * What one guild's video search may see (DESIGN §6b): the recordings of its own meetings, plus
 * Kaltura categories an operator granted it. Pure values; the KV store persists them.
 */
export interface VideoAccess {
  /** Entry ids of the guild's meeting recordings, oldest first. */
  recordings: Array<{ entryId: string; meetingId: string }>;
  /** Kaltura category ids an operator granted, in grant order. */
  categoryIds: string[];
}

export const noVideoAccess: VideoAccess = { recordings: [], categoryIds: [] };

/** What a search is restricted to; Kaltura applies it (see KalturaClient.searchVideos). */
export interface VideoScope {
  entryIds: string[];
  categoryIds: string[];
}

/** At most this many recordings (the newest) go into one search filter. */
export const MAX_SCOPED_ENTRIES = 500;

export function withRecording(
  access: VideoAccess,
  recording: { entryId: string; meetingId: string },
): VideoAccess {
  if (access.recordings.some((r) => r.entryId === recording.entryId)) return access;
  return { ...access, recordings: [...access.recordings, recording] };
}

export function withGrant(access: VideoAccess, categoryIds: readonly string[]): VideoAccess {
  const added = categoryIds.filter((id) => !access.categoryIds.includes(id));
  if (added.length === 0) return access;
  return { ...access, categoryIds: [...access.categoryIds, ...added] };
}

export function withoutGrant(access: VideoAccess, categoryIds: readonly string[]): VideoAccess {
  const kept = access.categoryIds.filter((id) => !categoryIds.includes(id));
  return kept.length === access.categoryIds.length ? access : { ...access, categoryIds: kept };
}

export function scopeOf(access: VideoAccess): VideoScope {
  return {
    entryIds: access.recordings.slice(-MAX_SCOPED_ENTRIES).map((r) => r.entryId),
    categoryIds: [...access.categoryIds],
  };
}

export function isEmptyScope(scope: VideoScope): boolean {
  return scope.entryIds.length === 0 && scope.categoryIds.length === 0;
}
