/** A durable, immediately consistent string store (a JetStream KV bucket: `KvBucket`). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  keys(filter?: string): Promise<string[]>;
}

/** The meeting a Kaltura room (or the room's entry) belongs to. */
export interface RoomLink {
  meetingId: string;
  guildId: string;
}

/** A stored notification waiting for its meeting: parked under the directory key it needs. */
export interface ParkedFact {
  key: string;
  jobId: string;
}

/**
 * Kaltura resource → meeting, written before `meeting.created` (DESIGN §6b: webhooks are decided
 * from durable state, never a projection), and the notifications that arrived before their
 * meeting was known. Keys: `room.<scheduleResourceId>`, `entry.<roomEntryId>`; parked facts are
 * `<key>.<notificationJobId>`.
 */
export class MeetingDirectory {
  constructor(
    private readonly rooms: KeyValueStore,
    private readonly parked: KeyValueStore,
  ) {}

  /** Idempotent: the same key always names the same meeting. */
  async link(key: string, ref: RoomLink): Promise<void> {
    await this.rooms.put(key, JSON.stringify(ref));
  }

  async find(key: string): Promise<RoomLink | undefined> {
    const value = await this.rooms.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as RoomLink);
  }

  async park(fact: ParkedFact): Promise<void> {
    await this.parked.put(`${fact.key}.${fact.jobId}`, fact.jobId);
  }

  async settle(fact: ParkedFact): Promise<void> {
    await this.parked.delete(`${fact.key}.${fact.jobId}`);
  }

  /** Parked facts of one key, or of every key. */
  async parkedFacts(key?: string): Promise<ParkedFact[]> {
    const found = await this.parked.keys(key ? `${key}.*` : '>');
    return found.map((k) => {
      const cut = k.lastIndexOf('.');
      return { key: k.slice(0, cut), jobId: k.slice(cut + 1) };
    });
  }
}
