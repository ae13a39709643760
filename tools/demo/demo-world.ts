import type { Rng } from '@kd/analytics-oracle';

const DISCORD_EPOCH_MS = 1_420_070_400_000n;
const bit = (n: number) => 1n << BigInt(n);
/** View channel, send messages, read history, connect, speak, use application commands. */
const everyone = bit(10) | bit(11) | bit(16) | bit(20) | bit(21) | bit(31);
export const memberPermissions = everyone.toString();
/** …plus Manage Guild and Manage Events: server admins and event organisers. */
export const adminPermissions = (everyone | bit(5) | bit(33)).toString();

export interface DemoUser {
  id: string;
  name: string;
  admin: boolean;
  roles: string[];
}

export interface DemoGuild {
  id: string;
  name: string;
  channelId: string;
  /** Moderators, teachers, students: what role mappings refer to. */
  roleIds: [string, string, string];
  users: DemoUser[];
  memberCount: number;
  installed: boolean;
  /** Relative share of the traffic: a few busy servers, a long tail. */
  weight: number;
}

export type MeetingPhase = 'created' | 'live' | 'ended';

export interface DemoMeeting {
  id: string;
  guildId: string;
  ownerId: string;
  resourceId: string | undefined;
  phase: MeetingPhase;
  /** People in the room now (participant events sent for them). */
  present: Set<string>;
}

/** Fresh snowflakes: the time now in the top bits, a counter below, like Discord's. */
export function snowflakes(): () => string {
  let counter = 0;
  return () => {
    counter = (counter + 1) & 0x3f_ffff;
    return (((BigInt(Date.now()) - DISCORD_EPOCH_MS) << 22n) | BigInt(counter)).toString();
  };
}

const names = ['Ada', 'Linus', 'Grace', 'Alan', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances'];
const guildWords = ['Study', 'Guild', 'Makers', 'Academy', 'Club', 'Lab', 'Circle', 'Hub'];

/** The guilds, people and meetings the demo plays with. */
export class DemoWorld {
  readonly guilds: DemoGuild[] = [];
  readonly meetings = new Map<string, DemoMeeting>();
  /** Meetings scheduled with `/kaltura-schedule` and not canceled (they stay planned). */
  readonly scheduled = new Map<string, { id: string; guildId: string; ownerId: string }>();
  private readonly next = snowflakes();

  constructor(private readonly rng: Rng) {}

  /** A guild with `people` command users; `id` and `memberCount` when it exists already. */
  addGuild(people: number, known: { id?: string; memberCount?: number | null } = {}): DemoGuild {
    const rank = this.guilds.length;
    const roleIds: DemoGuild['roleIds'] = [this.next(), this.next(), this.next()];
    const users = Array.from({ length: Math.max(3, people) }, (_, i) => {
      const admin = i === 0 || this.rng.chance(0.08);
      const roles = admin ? [roleIds[0]] : this.rng.chance(0.2) ? [roleIds[1]] : [roleIds[2]];
      return {
        id: this.next(),
        name: `${this.rng.pick(names)}${this.rng.int(1, 999)}`,
        admin,
        roles,
      };
    });
    const guild: DemoGuild = {
      id: known.id ?? this.next(),
      name: `${this.rng.pick(guildWords)} ${rank + 1}`,
      channelId: this.next(),
      roleIds,
      users,
      memberCount: Math.max(
        users.length,
        known.memberCount ?? Math.round(users.length * this.rng.float(1.5, 3.5)),
      ),
      installed: true,
      weight: 1 / (rank + 1) ** 0.7,
    };
    this.guilds.push(guild);
    return guild;
  }

  installed(): DemoGuild[] {
    return this.guilds.filter((g) => g.installed);
  }

  /** A guild by weight; with `withOpenMeeting`, among those with a meeting open (if any has). */
  pickGuild(withOpenMeeting = false): DemoGuild | undefined {
    const installed = this.installed();
    const hostIds = withOpenMeeting ? this.guildIdsWithOpenMeetings() : new Set<string>();
    const hosting = installed.filter((g) => hostIds.has(g.id));
    const candidates = hosting.length > 0 ? hosting : installed;
    return candidates.length === 0
      ? undefined
      : this.rng.weighted(candidates.map((g) => [g, g.weight]));
  }

  pickUser(guild: DemoGuild, admin?: boolean): DemoUser {
    const pool = admin === undefined ? guild.users : guild.users.filter((u) => u.admin === admin);
    const from = pool.length > 0 ? pool : guild.users;
    return from[this.rng.skewedIndex(from.length)] as DemoUser;
  }

  private guildIdsWithOpenMeetings(): Set<string> {
    const open = [...this.meetings.values()].filter((m) => m.phase !== 'ended');
    return new Set(open.map((m) => m.guildId));
  }

  openMeetings(guildId: string): DemoMeeting[] {
    return [...this.meetings.values()].filter((m) => m.guildId === guildId && m.phase !== 'ended');
  }

  newSnowflake(): string {
    return this.next();
  }
}
