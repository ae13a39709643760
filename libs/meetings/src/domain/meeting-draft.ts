import type { Meeting } from './meeting-state.js';

type SetKey = 'participants' | 'present' | 'rsvps' | 'causations';
type CollectionKey = SetKey | 'linkRoles' | 'recordingEntryIds';

/**
 * A meeting being folded: a shallow copy of a state whose collections are copied the first time
 * an event changes them (copy on write) and changed in place after that, so a fold copies each
 * collection at most once however many events it folds. A change that changes nothing (a
 * member already counted) copies nothing. Set and Map keep their insertion order as the
 * immutable `new Set([...s, x])` / `new Map([...m, [k, v]])` did.
 */
export class MeetingDraft {
  readonly meeting: Meeting;
  private readonly owned: Set<CollectionKey>;

  /** `owned`: the state's collections belong to this draft alone (no copy ever needed). */
  constructor(state: Meeting, owned: boolean) {
    this.meeting = owned ? state : { ...state };
    this.owned = new Set(owned ? allKeys : []);
  }

  add(key: SetKey, item: string): void {
    if (!this.meeting[key].has(item)) this.writableSet(key).add(item);
  }

  remove(key: SetKey, item: string): void {
    if (this.meeting[key].has(item)) this.writableSet(key).delete(item);
  }

  setLinkRole(userId: string, role: string): void {
    if (this.meeting.linkRoles.get(userId) === role) return;
    if (!this.owned.has('linkRoles')) {
      this.meeting.linkRoles = new Map(this.meeting.linkRoles);
      this.owned.add('linkRoles');
    }
    (this.meeting.linkRoles as Map<string, string>).set(userId, role);
  }

  pushRecording(entryId: string): void {
    if (!this.owned.has('recordingEntryIds')) {
      this.meeting.recordingEntryIds = [...this.meeting.recordingEntryIds];
      this.owned.add('recordingEntryIds');
    }
    (this.meeting.recordingEntryIds as string[]).push(entryId);
  }

  private writableSet(key: SetKey): Set<string> {
    if (!this.owned.has(key)) {
      this.meeting[key] = new Set(this.meeting[key]);
      this.owned.add(key);
    }
    return this.meeting[key] as Set<string>;
  }
}

const allKeys: readonly CollectionKey[] = [
  'participants',
  'present',
  'rsvps',
  'causations',
  'linkRoles',
  'recordingEntryIds',
];
