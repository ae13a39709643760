import type { Progress } from '@kd/cli';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Rng } from '@kd/analytics-oracle';
import { connectNats, ensureStream, EventStore } from '@kd/event-store';
import { createLogger } from '@kd/observability';
import { planCommand, scenarioTour, type PlannedCommand } from './command-mix.js';
import { CommandRunner, meetingIdIn } from './command-runner.js';
import type { DemoOptions } from './demo-options.js';
import { DemoTally, type DemoSummary } from './demo-tally.js';
import { DemoWorld, type DemoMeeting } from './demo-world.js';
import { DirectEvents } from './direct-events.js';
import { appendHistory } from './history.js';
import { MeetingLifecycle } from './meeting-lifecycle.js';
import { checkReachable, DiscordSimClient, KalturaSimClient } from './sim-clients.js';
import { sleep, Timers } from './timers.js';

export interface RunDemoOptions extends Omit<DemoOptions, 'nats' | 'progressEveryMs'> {
  /** Where to append the events the demo stands in for; or give `store`. */
  nats?: DemoOptions['nats'];
  store?: EventStore;
  progressEveryMs?: number;
  /** A terminal's progress line (@kd/cli), updated every second: interactions sent of expected. */
  progress?: Progress;
  log?: (line: string) => void;
}

/** At most this many commands and notifications under way at once (a slow api is not flooded). */
const MAX_IN_FLIGHT = 64;

/** Drives realistic traffic through the running system for `durationMs` (docs/demo.md). */
export async function runDemo(options: RunDemoOptions): Promise<DemoSummary> {
  await checkReachable({
    api: `${options.apiUrl}/health/live`,
    'discord-sim': `${options.discordSimUrl}/health/ready`,
    'kaltura-sim': `${options.kalturaSimUrl}/__sim/state`,
  });
  await checkApiTrustsDiscordSim(options);
  if (options.store) return new DemoRun(options, options.store).run();
  if (!options.nats) throw new Error('runDemo needs `nats` or `store`');
  const { url, auth, stream, subjectPrefix } = options.nats;
  const logger = createLogger({ service: 'demo', level: 'warn' });
  const nc = await connectNats({ url, auth, name: 'kd-demo', logger, maxAttempts: 3 });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, { stream, subjectPrefix });
    const store = new EventStore({ nats: { js: jetstream(nc), jsm }, stream, subjectPrefix });
    return await new DemoRun(options, store).run();
  } finally {
    await nc.drain().catch(() => undefined);
  }
}

/**
 * Before anything is appended: the api must accept discord-sim's signature (a PING answered
 * with a PONG), which only a development setup pointed at discord-sim does.
 */
async function checkApiTrustsDiscordSim(options: RunDemoOptions): Promise<void> {
  const ping = await new DiscordSimClient(options.discordSimUrl).send({ type: 1 }, 0);
  if (ping.status === 200 && (ping.body as { type?: unknown } | null)?.type === 1) return;
  throw new Error(
    `the api does not accept interactions signed by discord-sim (PING answered ${ping.status ?? 'nothing'}): ` +
      'start it with DISCORD_PUBLIC_KEY = the key of GET /__sim/public-key, and discord-sim with ' +
      'DISCORD_SIM_INTERACTIONS_URL = its /interactions (npm start does both)',
  );
}

class DemoRun {
  private readonly rng: Rng;
  private readonly world: DemoWorld;
  private readonly tally = new DemoTally();
  private readonly timers = new Timers((what, error) => this.tally.error(what, error));
  private readonly direct: DirectEvents;
  private readonly commands: CommandRunner;
  private readonly lifecycle: MeetingLifecycle;
  private readonly log: (line: string) => void;

  constructor(
    private readonly options: RunDemoOptions,
    private readonly store: EventStore,
  ) {
    this.rng = new Rng(options.seed).fork(Date.now() % 1_000_000);
    this.world = new DemoWorld(this.rng.fork(1));
    this.direct = new DirectEvents(store);
    this.log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
    this.commands = new CommandRunner(
      new DiscordSimClient(options.discordSimUrl),
      store,
      this.tally,
    );
    this.lifecycle = new MeetingLifecycle({
      store,
      kaltura: new KalturaSimClient(options.kalturaSimUrl, `${options.apiUrl}/webhooks/kaltura`),
      direct: this.direct,
      timers: this.timers,
      tally: this.tally,
      rng: this.rng.fork(2),
      durationMs: options.durationMs,
      endByCommand: (meeting) => this.endByCommand(meeting),
    });
  }

  async run(): Promise<DemoSummary> {
    await this.populate();
    const progressEveryMs = this.options.progressEveryMs ?? 10_000;
    const live = () => [...this.world.meetings.values()].filter((m) => m.phase === 'live').length;
    const progress =
      progressEveryMs > 0
        ? setInterval(
            () => this.log(this.tally.progressLine(this.options.durationMs, live())),
            progressEveryMs,
          )
        : undefined;
    const { progress: bar, rate, durationMs } = this.options;
    const expected = Math.round((rate * durationMs) / 1000);
    const ticker = bar
      ? setInterval(() => bar.update(this.tally.interactions.sent, expected), 1000)
      : undefined;
    try {
      await Promise.all([this.traffic(), this.guildLifecycle()]);
      await this.timers.stop(15_000);
    } finally {
      clearInterval(progress);
      clearInterval(ticker);
      bar?.finish();
    }
    this.log(this.tally.progressLine(this.options.durationMs, live()));
    return this.tally.summary(this.direct.counts);
  }

  /** Guilds with a synthetic past (or fresh installs), and people spread over them. */
  private async populate(): Promise<void> {
    const { guilds, users, historyDays, seed } = this.options;
    const known =
      historyDays > 0
        ? await appendHistory(this.store, { seed, guilds, days: historyDays, now: new Date() })
        : undefined;
    if (known) this.tally.history = { days: historyDays, events: known.events };
    const weights = Array.from({ length: guilds }, (_, i) => 1 / (i + 1) ** 0.7);
    const total = weights.reduce((a, b) => a + b, 0);
    for (const [i, weight] of weights.entries()) {
      const existing = known?.installed[i];
      const guild = this.world.addGuild(Math.round((users * weight) / total), existing ?? {});
      if (!existing) await this.direct.installed(guild);
    }
    this.tally.guilds.withTraffic = guilds;
  }

  /** Commands arriving at random (a Poisson process at `rate` per second) until the end. */
  private async traffic(): Promise<void> {
    const deadline = this.tally.startedAt + this.options.durationMs;
    const tour = [...scenarioTour];
    for (;;) {
      const wait = this.rng.exponential(1000 / this.options.rate);
      if (Date.now() + wait >= deadline) break;
      await sleep(wait);
      if (this.timers.inFlight >= MAX_IN_FLIGHT) continue;
      // The tour's cancel waits for a schedule's reply to name its meeting (slow on a busy machine).
      const waitsForSchedule = tour[0] === 'cancel' && this.world.scheduled.size === 0;
      const planned = planCommand(
        this.world,
        this.rng,
        waitsForSchedule ? undefined : tour.shift(),
      );
      if (planned) this.timers.run(planned.command, () => this.play(planned));
    }
    await sleep(Math.max(0, deadline - Date.now()));
  }

  private async play(planned: PlannedCommand): Promise<void> {
    const result = await this.commands.run(planned);
    const { meeting, user, guild } = planned;
    if (planned.command === 'kaltura-schedule') {
      const id = meetingIdIn(result);
      if (id) this.world.scheduled.set(id, { id, guildId: guild.id, ownerId: user.id });
    } else if (planned.command === 'kaltura-cancel') {
      this.world.scheduled.delete(String(planned.options.meeting));
    } else if (planned.command === 'kaltura-start') {
      const id = meetingIdIn(result);
      if (!id) return;
      const created: DemoMeeting = {
        id,
        guildId: guild.id,
        ownerId: user.id,
        resourceId: undefined,
        phase: 'created',
        present: new Set(),
      };
      this.world.meetings.set(id, created);
      this.tally.meetings.created++;
      await this.lifecycle.created(created);
    } else if (meeting && planned.expect === 'ok') {
      const reply = result?.followUp;
      if (planned.command === 'kaltura-join' && reply?.embeds?.length)
        this.lifecycle.joined(meeting, user.id);
      // Any language: an error reply starts with ❌, the confirmation does not.
      if (planned.command === 'kaltura-end' && reply?.content && !reply.content.startsWith('❌'))
        await this.lifecycle.ended(meeting);
    }
  }

  private async endByCommand(meeting: DemoMeeting): Promise<boolean> {
    const guild = this.world.guilds.find((g) => g.id === meeting.guildId);
    if (!guild) return false;
    const user = this.world.pickUser(guild, true);
    await this.play({
      command: 'kaltura-end',
      options: { 'meeting-id': meeting.id },
      guild,
      user,
      expect: 'ok',
      meeting,
    });
    return meeting.phase === 'ended';
  }

  /** What the gateway would report meanwhile: member counts move, servers come and go. */
  private async guildLifecycle(): Promise<void> {
    const { durationMs } = this.options;
    const every = Math.min(45_000, Math.max(4_000, durationMs / 8));
    const deadline = this.tally.startedAt + durationMs;
    while (Date.now() + every < deadline) {
      await sleep(every);
      this.timers.run('guild lifecycle', () => this.guildChange());
    }
  }

  private async guildChange(): Promise<void> {
    const roll = this.rng.float();
    const installed = this.world.installed();
    if (roll < 0.55) {
      const guild = this.world.pickGuild();
      if (!guild) return;
      guild.memberCount = Math.max(guild.users.length, guild.memberCount + this.rng.int(-2, 6));
      await this.direct.memberCount(guild);
    } else if (roll < 0.92 || installed.length <= this.options.guilds * 0.8) {
      const guild = this.world.addGuild(this.rng.int(3, 12));
      await this.direct.installed(guild);
      this.tally.guilds.installedDuringRun++;
    } else {
      const quiet = installed.filter((g) => this.world.openMeetings(g.id).length === 0).at(-1);
      if (!quiet) return;
      quiet.installed = false;
      await this.direct.uninstalled(quiet);
      this.tally.guilds.uninstalledDuringRun++;
    }
  }
}
