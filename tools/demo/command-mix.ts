import type { Rng } from '@kd/analytics-oracle';
import type { DemoGuild, DemoMeeting, DemoUser, DemoWorld } from './demo-world.js';

export type Expectation = 'ok' | 'denied' | 'invalid';
export type OptionValue = string | number | boolean;

/** One slash command the demo is about to send, and the outcome it is meant to have. */
export interface PlannedCommand {
  command: string;
  options: Record<string, OptionValue>;
  guild: DemoGuild;
  user: DemoUser;
  expect: Expectation;
  meeting?: DemoMeeting;
  /** Pressed as a button (the meeting's Join) rather than typed as a slash command. */
  via?: 'button';
}

type Scenario =
  | 'list'
  | 'start'
  | 'join'
  | 'end'
  | 'search'
  | 'config-view'
  | 'config-update'
  | 'config-reset'
  | 'stats'
  | 'schedule'
  | 'cancel'
  | 'denied'
  | 'invalid';

/** How often each scenario comes up: mostly members listing and joining meetings. */
export const scenarioWeights: readonly (readonly [Scenario, number])[] = [
  ['list', 16],
  ['start', 9],
  ['join', 26],
  ['end', 4],
  ['search', 11],
  ['config-view', 5],
  ['config-update', 8],
  ['config-reset', 1.5],
  ['stats', 3],
  ['schedule', 3],
  ['cancel', 1],
  ['denied', 2.5],
  ['invalid', 2.5],
];

/**
 * The first commands of a run, one per scenario, before the weighted mix: even a short run then
 * uses every command (rare ones such as a reset would otherwise be missing from some runs, and
 * their dashboard panels empty). Starts come first so that joins and ends find meetings.
 */
export const scenarioTour: readonly Scenario[] = [
  'start',
  'list',
  'start',
  'search',
  'config-view',
  'config-update',
  'config-reset',
  'stats',
  'schedule',
  'join',
  'end',
  'denied',
  'invalid',
  // Last, and held back until the schedule's reply has named its meeting.
  'cancel',
];

const searches = ['classroom', 'webinar', 'recording', 'intro', 'moderation', 'kaltura', 'quantum'];
const titles = ['Weekly sync', 'Office hours', 'Study group', 'Guest talk', 'Workshop', 'Q&A'];
const kinds = ['meeting', 'meeting', 'webinar', 'classroom'] as const;

/**
 * The next command: the given scenario, or one by weight, played by a plausible person of a busy
 * guild.
 */
export function planCommand(
  world: DemoWorld,
  rng: Rng,
  scenario: Scenario = rng.weighted(scenarioWeights),
): PlannedCommand | undefined {
  // People join and end meetings where there are some.
  const guild = world.pickGuild(scenario === 'join' || scenario === 'end');
  if (!guild) return undefined;
  const open = world.openMeetings(guild.id);
  const member = () => world.pickUser(guild, false);
  const admin = () => world.pickUser(guild, true);
  const ok = (command: string, user: DemoUser, options: Record<string, OptionValue> = {}) =>
    ({ command, options, guild, user, expect: 'ok' }) as PlannedCommand;
  switch (scenario) {
    case 'list':
      return ok('kaltura-list', world.pickUser(guild));
    case 'start':
      return startCommand(guild, world.pickUser(guild), rng);
    case 'join': {
      if (open.length === 0) return startCommand(guild, world.pickUser(guild), rng);
      const meeting = rng.pick(open);
      // Most members press the announcement's Join button; some still type /kaltura-join.
      return {
        ...ok('kaltura-join', world.pickUser(guild), { 'meeting-id': meeting.id }),
        meeting,
        ...(rng.chance(0.6) ? { via: 'button' as const } : {}),
      };
    }
    case 'end': {
      const meeting = open.find((m) => m.phase === 'live') ?? open[0];
      if (!meeting) return ok('kaltura-list', world.pickUser(guild));
      return { ...ok('kaltura-end', admin(), { 'meeting-id': meeting.id }), meeting };
    }
    case 'search':
      return ok('kaltura-video-search', member(), {
        query: rng.pick(searches),
        ...(rng.chance(0.3) ? { limit: rng.int(1, 10) } : {}),
      });
    case 'config-view':
      return ok('kaltura-config-view', admin());
    case 'config-update':
      return ok('kaltura-config-update', admin(), configChange(guild, rng));
    case 'config-reset':
      // Asks for confirmation (Reset / Cancel buttons); the demo leaves it unconfirmed.
      return ok('kaltura-config-reset', admin(), {
        section: rng.pick(['notifications', 'roles', 'all']),
      });
    case 'stats':
      return ok('kaltura-stats', admin());
    case 'schedule':
      return scheduleCommand(guild, world.pickUser(guild), rng);
    case 'cancel': {
      // Any guild's scheduled meeting, cancelled by its host.
      const planned = [...world.scheduled.values()];
      const meeting = planned.length > 0 ? rng.pick(planned) : undefined;
      const host = meeting && world.guilds.find((g) => g.id === meeting.guildId);
      const owner = host?.users.find((u) => u.id === meeting?.ownerId);
      if (!meeting || !host || !owner) return scheduleCommand(guild, world.pickUser(guild), rng);
      return {
        command: 'kaltura-cancel',
        options: { meeting: meeting.id },
        guild: host,
        user: owner,
        expect: 'ok',
      };
    }
    case 'denied':
      return deniedCommand(guild, member(), rng);
    case 'invalid':
      return invalidCommand(guild, world.pickUser(guild), admin(), rng);
  }
}

function startCommand(guild: DemoGuild, user: DemoUser, rng: Rng): PlannedCommand {
  const title = `${rng.pick(titles)} #${rng.int(1, 99)}`;
  const options = { type: rng.pick(kinds), title };
  return { command: 'kaltura-start', options, guild, user, expect: 'ok' };
}

const whens = ['tomorrow 18:00', 'in 3 hours', 'friday 17:30', 'in 2 days'];

function scheduleCommand(guild: DemoGuild, user: DemoUser, rng: Rng): PlannedCommand {
  const options = {
    type: rng.pick(kinds),
    title: `${rng.pick(titles)} #${rng.int(1, 99)}`,
    when: rng.pick(whens),
    duration: rng.pick([30, 45, 60, 90]),
  };
  return { command: 'kaltura-schedule', options, guild, user, expect: 'ok' };
}

/** Settings people change: templates, role mappings, notification switches and channels. */
export function configChange(guild: DemoGuild, rng: Rng): Record<string, OptionValue> {
  const [, teachers, students] = guild.roleIds;
  const template = (kind: string, value: string) => ({
    subcommand: 'set',
    key: `notifications.templates.${kind}`,
    value,
  });
  const choices: Record<string, OptionValue>[] = [
    template('meeting_start', '📣 **{{title}}** is live: {{joinUrl}}'),
    template('meeting_end', '✅ {{title}} ended after {{duration}}.'),
    template('recording_ready', '🎞️ Watch {{title}} again: {{recordingUrl}}'),
    { subcommand: 'switch', key: 'notifications.enabled', value: rng.chance(0.7) },
    { subcommand: 'switch', key: 'notifications.types.participant_join', value: true },
    { subcommand: 'channel', kind: 'meeting_start', channel: guild.channelId },
    ...(teachers ? [{ subcommand: 'role', role: teachers, kaltura_role: 'adminRole' }] : []),
    ...(students ? [{ subcommand: 'role', role: students, kaltura_role: 'viewerRole' }] : []),
  ];
  return rng.pick(choices);
}

function deniedCommand(guild: DemoGuild, user: DemoUser, rng: Rng): PlannedCommand {
  const command = rng.pick(['kaltura-config-update', 'kaltura-config-view', 'kaltura-stats']);
  const options = command === 'kaltura-config-update' ? configChange(guild, rng) : {};
  return { command, options, guild, user, expect: 'denied' };
}

function invalidCommand(
  guild: DemoGuild,
  user: DemoUser,
  admin: DemoUser,
  rng: Rng,
): PlannedCommand {
  const base = { guild, user, expect: 'invalid' as const };
  switch (rng.int(0, 2)) {
    case 0:
      return {
        ...base,
        command: 'kaltura-join',
        options: { 'meeting-id': `mtg_gone${rng.int(1, 999)}` },
      };
    case 1:
      return {
        ...base,
        command: 'kaltura-config-update',
        options: { subcommand: 'general', timezone: 'Mars/Olympus' },
        user: admin,
      };
    default:
      return {
        ...base,
        command: 'kaltura-config-update',
        options: {
          subcommand: 'set',
          key: 'notifications.templates.meeting_start',
          value: 'Hi {{nobody}}',
        },
        user: admin,
      };
  }
}
