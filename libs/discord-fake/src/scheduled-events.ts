import type { Answer, Call, FakeScheduledEvent, Route } from './discord-rest-fake.js';

const error = (status: number, code: number, message: string): Answer => ({
  status,
  body: { code, message },
});

/** Discord's GuildScheduledEventStatus and the moves it allows. */
const Scheduled = 1;
const Active = 2;
const Completed = 3;
const Canceled = 4;
const allowedMoves: Record<number, readonly number[]> = {
  [Scheduled]: [Active, Canceled],
  [Active]: [Completed],
};
const External = 3;

/**
 * Guild scheduled events like Discord keeps them: external events need a location and an end
 * time, the status only moves forward (Scheduled → Active | Canceled, Active → Completed), a
 * completed or canceled event is gone from the guild's list, and a guild can be made to refuse
 * them (403 50013, the bot without Manage Events).
 */
export class ScheduledEvents {
  readonly events = new Map<string, FakeScheduledEvent>();
  private readonly denied = new Set<string>();

  constructor(private readonly creatorId: string) {}

  deny(guildId: string, denied: boolean): void {
    if (denied) this.denied.add(guildId);
    else this.denied.delete(guildId);
  }

  reset(): void {
    this.events.clear();
    this.denied.clear();
  }

  create(guildId: string, body: unknown, id: string): Answer {
    if (this.denied.has(guildId)) return missingPermissions;
    const b = (body ?? {}) as Record<string, unknown>;
    const location = (b.entity_metadata as { location?: unknown } | undefined)?.location;
    if (typeof b.name !== 'string' || b.name.length < 1 || b.name.length > 100)
      return invalid('name must be between 1 and 100 in length.');
    if (b.entity_type !== External) return invalid('only external events are supported here.');
    if (typeof location !== 'string' || location.length < 1 || location.length > 100)
      return invalid('entity_metadata.location is required for external events.');
    const start = Date.parse(String(b.scheduled_start_time));
    const end = Date.parse(String(b.scheduled_end_time));
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start)
      return invalid('scheduled_end_time must be after scheduled_start_time.');
    if (b.privacy_level !== 2) return invalid('privacy_level must be GUILD_ONLY (2).');
    const event: FakeScheduledEvent = {
      id,
      guild_id: guildId,
      channel_id: null,
      creator_id: this.creatorId,
      name: b.name,
      description: typeof b.description === 'string' ? b.description : null,
      scheduled_start_time: new Date(start).toISOString(),
      scheduled_end_time: new Date(end).toISOString(),
      privacy_level: 2,
      status: Scheduled,
      entity_type: External,
      entity_id: null,
      entity_metadata: { location },
      user_count: 0,
      image: null,
      recurrence_rule: null,
    };
    this.events.set(id, event);
    return { status: 200, body: event };
  }

  find(guildId: string, eventId: string): FakeScheduledEvent | undefined {
    const event = this.events.get(eventId);
    return event?.guild_id === guildId ? event : undefined;
  }

  modify(guildId: string, eventId: string, body: unknown): Answer {
    if (this.denied.has(guildId)) return missingPermissions;
    const event = this.find(guildId, eventId);
    if (!event) return unknownEvent;
    const { status, ...rest } = (body ?? {}) as Record<string, unknown>;
    if (status !== undefined && !(allowedMoves[event.status] ?? []).includes(Number(status)))
      return invalid(`Cannot change status from ${event.status} to ${JSON.stringify(status)}.`);
    const updated = {
      ...event,
      ...rest,
      ...(status === undefined ? {} : { status: Number(status) }),
    };
    this.events.set(eventId, updated);
    return { status: 200, body: updated };
  }

  remove(guildId: string, eventId: string): Answer {
    if (this.denied.has(guildId)) return missingPermissions;
    if (!this.find(guildId, eventId)) return unknownEvent;
    this.events.delete(eventId);
    return { status: 204 };
  }

  list(guildId: string): FakeScheduledEvent[] {
    return [...this.events.values()].filter(
      (e) => e.guild_id === guildId && e.status !== Completed && e.status !== Canceled,
    );
  }
}

const missingPermissions = error(403, 50013, 'Missing Permissions');
const unknownEvent = error(404, 10070, 'Unknown Guild Scheduled Event');
const invalid = (detail: string) => error(400, 50035, `Invalid Form Body: ${detail}`);

export function scheduledEventRoutes(events: ScheduledEvents, snowflake: () => string): Route[] {
  const one = /^\/guilds\/(\d+)\/scheduled-events\/(\d+)$/;
  const all = /^\/guilds\/(\d+)\/scheduled-events$/;
  const ids = (c: Call) => [c.params[0] ?? '', c.params[1] ?? ''] as const;
  return [
    ['POST', all, true, (c) => events.create(c.params[0] ?? '', c.body, snowflake())],
    ['GET', all, true, (c) => ({ status: 200, body: events.list(c.params[0] ?? '') })],
    [
      'GET',
      one,
      true,
      (c) => {
        const found = events.find(...ids(c));
        return found ? { status: 200, body: found } : unknownEvent;
      },
    ],
    ['PATCH', one, true, (c) => events.modify(...ids(c), c.body)],
    ['DELETE', one, true, (c) => events.remove(...ids(c))],
  ];
}
