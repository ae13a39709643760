import type { MeetingDecision } from './meeting-state.js';

type Step = Exclude<MeetingDecision, { type: 'meeting.created' }>;

/** One decision of a random history, and the causation id it carries (a webhook's), if any. */
export interface RandomStep {
  decision: Step;
  causationId?: string;
}

/**
 * `count` random decisions for the meeting `meetingId` (after its `meeting.created`), every
 * event type mixed, members drawn from `members` ids (snowflakes) so links repeat, roles change
 * and participants come and go; a fixed `seed` gives the same history every time.
 */
export function randomHistory(
  meetingId: string,
  count: number,
  options: { seed: number; members: number },
): RandomStep[] {
  let x = options.seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const pick = (n: number) => Math.floor(next() * n);
  const snowflake = (base: bigint, n: number) => String(base + BigInt(n));
  const member = () => snowflake(400000000000000000n, pick(options.members));
  const discordEventId = () => snowflake(600000000000000000n, pick(5));
  const ref = { meetingId };
  /** [weight, decision] for each event type. */
  const kinds: [number, (i: number) => Step][] = [
    [
      55,
      () => ({
        type: 'meeting.join_link_issued',
        payload: { ...ref, userId: member(), kalturaRole: pick(5) ? 'viewerRole' : 'adminRole' },
      }),
    ],
    [
      12,
      () => ({ type: 'meeting.participant_joined', payload: { ...ref, participantId: member() } }),
    ],
    [
      10,
      () => ({ type: 'meeting.participant_left', payload: { ...ref, participantId: member() } }),
    ],
    [
      5,
      () => ({
        type: 'meeting.rsvp_added',
        payload: { ...ref, userId: member(), discordEventId: discordEventId() },
      }),
    ],
    [
      3,
      () => ({
        type: 'meeting.rsvp_removed',
        payload: { ...ref, userId: member(), discordEventId: discordEventId() },
      }),
    ],
    [2, () => ({ type: 'meeting.started', payload: ref })],
    [1, () => ({ type: 'meeting.ended', payload: { ...ref, endedBy: member() } })],
    [2, (i) => ({ type: 'meeting.recording_ready', payload: { ...ref, entryId: `0_${i}` } })],
    [
      2,
      () => ({
        type: 'meeting.scheduled',
        payload: {
          ...ref,
          startsAt: new Date(Date.UTC(2026, 0, 1 + pick(300))).toISOString(),
          durationMinutes: 30 + pick(60),
          timezone: 'Europe/Berlin',
          scheduledBy: member(),
          channelId: '500000000000000001',
        },
      }),
    ],
    [1, () => ({ type: 'meeting.canceled', payload: { ...ref, canceledBy: member() } })],
    [
      2,
      () => ({
        type: 'meeting.discord_event_linked',
        payload: { ...ref, discordEventId: discordEventId() },
      }),
    ],
    [
      1,
      (i) => ({ type: 'meeting.discord_event_failed', payload: { ...ref, reason: `failed ${i}` } }),
    ],
    [
      1,
      () => ({
        type: 'meeting.discord_event_deleted',
        payload: { ...ref, discordEventId: discordEventId() },
      }),
    ],
  ];
  const total = kinds.reduce((n, [w]) => n + w, 0);
  const steps: RandomStep[] = [];
  for (let i = 0; i < count; i++) {
    let r = pick(total);
    const [, make] = kinds.find(([w]) => (r -= w) < 0)!;
    const decision = make(i);
    steps.push(pick(4) === 0 ? { decision, causationId: `kaltura-${pick(count)}` } : { decision });
  }
  return steps;
}
