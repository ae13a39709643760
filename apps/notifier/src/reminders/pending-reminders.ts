import type { KeyValueStore } from '@kd/meetings';

/** A reminder waiting to be sent: the meeting, its guild, and the `meeting.scheduled` behind it. */
export interface PendingReminder {
  meetingId: string;
  guildId: string;
  startsAt: string;
  scheduledEventId: string;
  correlationId: string;
}

/**
 * Reminders still to send, one key per meeting in a KV bucket (`<stream>_REMINDERS`): durable
 * state the scheduler owns, written from `meeting.scheduled`, removed once sent or dropped.
 */
export class PendingReminders {
  constructor(private readonly kv: KeyValueStore) {}

  /** Idempotent: a redelivered `meeting.scheduled` writes the same entry again. */
  add(reminder: PendingReminder): Promise<void> {
    return this.kv.put(reminder.meetingId, JSON.stringify(reminder));
  }

  async all(): Promise<PendingReminder[]> {
    const keys = await this.kv.keys();
    const values = await Promise.all(keys.map((k) => this.kv.get(k)));
    return values.flatMap((v) => (v ? [JSON.parse(v) as PendingReminder] : []));
  }

  remove(meetingId: string): Promise<void> {
    return this.kv.delete(meetingId);
  }
}
