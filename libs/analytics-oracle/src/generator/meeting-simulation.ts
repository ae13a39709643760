import { meetingTypes, type Actor } from '@kd/events';
import { issueCommand, issueJoinLink, type IssuedCommand } from './issue-command.js';
import type { Emit } from './timeline.js';
import { HOUR_MS, MINUTE_MS, type GuildSim } from './world.js';

const kalturaActor: Actor = { kind: 'kaltura', id: 'kaltura-webhook' };

/** One meeting being simulated, with the times its life is planned around. */
interface MeetingRun {
  sim: GuildSim;
  start: IssuedCommand;
  meetingId: string;
  createdAt: number;
  startedAt: number;
  endsAt: number;
}

/** Envelope fields of a webhook-derived event: keyed by Kaltura's notification job id. */
function fromKaltura(run: MeetingRun, at: number): Emit {
  return {
    guildId: run.sim.guildId,
    correlationId: run.start.correlationId,
    at,
    actor: kalturaActor,
    id: run.sim.world.mint.kalturaJobId(),
    delayMs: run.sim.rng.int(50, 3000),
  };
}

function emitCreated({ sim, start, meetingId, createdAt }: MeetingRun): void {
  const { rng } = sim;
  const type = rng.weighted([
    [meetingTypes[0], 6],
    [meetingTypes[1], 2],
    [meetingTypes[2], 2],
  ]);
  sim.world.timeline.emit(
    'meeting.created',
    {
      meetingId,
      kalturaResourceId: String(rng.int(100_000, 9_999_999)),
      type,
      title: `Session ${rng.hex(4)}`,
      ownerUserId: start.userId,
      description: rng.chance(0.4) ? 'Synthetic meeting' : null,
    },
    {
      guildId: sim.guildId,
      correlationId: start.correlationId,
      at: createdAt,
      actor: { kind: 'user', id: start.userId },
      causationId: start.id,
      id: rng.uuid(),
      delayMs: rng.int(3, 200),
    },
  );
}

function emitStarted(run: MeetingRun): void {
  const { sim, meetingId, startedAt } = run;
  const startedId = sim.world.timeline.emit(
    'meeting.started',
    { meetingId },
    fromKaltura(run, startedAt),
  );
  const channelId = sim.channels[0];
  if (channelId === undefined || !sim.rng.chance(0.5)) return;
  const messageId = sim.world.mint.snowflakeAt(startedAt + 400);
  sim.world.timeline.emit(
    'notification.sent',
    { kind: 'meeting_start', channelId, messageId },
    {
      ...fromKaltura(run, startedAt + 400),
      actor: { kind: 'system', id: 'notifier' },
      causationId: startedId,
    },
  );
}

/** A Kaltura participant joins after `from` and usually leaves before the end. */
function attend(run: MeetingRun, participantId: string, from: number): void {
  const { sim, meetingId, endsAt } = run;
  const joinedAt = from + sim.rng.int(5_000, 90_000);
  sim.world.timeline.emit(
    'meeting.participant_joined',
    { meetingId, participantId },
    fromKaltura(run, joinedAt),
  );
  if (!sim.rng.chance(0.85)) return;
  const leftAt = joinedAt + sim.rng.int(MINUTE_MS, Math.max(MINUTE_MS, endsAt - joinedAt));
  sim.world.timeline.emit(
    'meeting.participant_left',
    { meetingId, participantId },
    fromKaltura(run, leftAt),
  );
}

/**
 * The id Kaltura reports a member under (docs/analytics-rules.md §4): the Discord id as such,
 * the join KS's `discord:<id>`, or a Kaltura user of its own that `person.linked` maps to the
 * member, recorded before or (a retried link) after the join.
 */
function kalturaIdOf(run: MeetingRun, userId: string, linkAt: number): string {
  const { sim } = run;
  const form = sim.rng.int(0, 2);
  if (form === 0) return userId;
  if (form === 1) return `discord:${userId}`;
  const kalturaUserId = `ku-${userId}`;
  sim.world.timeline.emit(
    'person.linked',
    { discordUserId: userId, kalturaUserId, displayName: 'Member', kalturaAction: 'added' },
    {
      guildId: null,
      correlationId: run.start.correlationId,
      at: linkAt + sim.rng.int(-HOUR_MS, 3 * HOUR_MS),
      actor: { kind: 'user', id: userId },
      id: sim.rng.uuid(),
      delayMs: sim.rng.int(3, 200),
    },
  );
  return kalturaUserId;
}

/** Members get join links; most of them (not all) show up in Kaltura, and a few guests too. */
function simulateAttendance(run: MeetingRun): void {
  const { sim, start, createdAt, startedAt, endsAt } = run;
  attend(run, start.userId, startedAt);
  const joiners = new Set(Array.from({ length: sim.rng.int(1, 6) }, () => sim.rng.pick(sim.users)));
  joiners.delete(start.userId);
  for (const userId of joiners) {
    const latest = Math.max(MINUTE_MS, endsAt - createdAt - 5 * MINUTE_MS);
    const linkAt = createdAt + sim.rng.int(MINUTE_MS, latest);
    issueJoinLink(sim, linkAt, userId, run.meetingId);
    if (sim.rng.chance(0.75))
      attend(run, kalturaIdOf(run, userId, linkAt), Math.max(linkAt, startedAt));
  }
  for (let g = sim.rng.int(0, 2); g > 0; g -= 1) attend(run, `guest-${sim.rng.hex(8)}`, startedAt);
}

/** Half the meetings are ended by their owner's `/kaltura-end`, the others by Kaltura. */
function emitEnded(run: MeetingRun): void {
  const { sim, start, meetingId, endsAt } = run;
  const byOwner = sim.rng.chance(0.5);
  const userId = start.userId;
  const options = { meeting: meetingId };
  const end = byOwner
    ? issueCommand(sim, { at: endsAt, command: 'kaltura-end', outcome: 'ok', userId, options })
    : null;
  sim.world.timeline.emit(
    'meeting.ended',
    { meetingId, endedBy: end ? userId : 'kaltura' },
    { ...fromKaltura(run, endsAt + (end ? 800 : 0)), causationId: end?.id },
  );
}

/** The life of a meeting created by an ok `/kaltura-start`; some never start or never end. */
export function simulateMeeting(sim: GuildSim, start: IssuedCommand): void {
  const { rng } = sim;
  const createdAt = start.at + rng.int(400, 2500);
  const startedAt = createdAt + rng.int(MINUTE_MS, 20 * MINUTE_MS);
  const endsAt = startedAt + rng.int(10 * MINUTE_MS, 2 * HOUR_MS);
  const run = { sim, start, meetingId: `mtg_${rng.hex(12)}`, createdAt, startedAt, endsAt };
  emitCreated(run);
  if (!rng.chance(0.93)) return; // created, never started
  emitStarted(run);
  simulateAttendance(run);
  if (rng.chance(0.95)) emitEnded(run); // otherwise the end webhook was lost
}
