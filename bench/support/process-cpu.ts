import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time (user + system) of the processes a bench phase keeps busy, read from Linux's `/proc`:
 * this bench, a child it spawned, the NATS server and every PostgreSQL process. Per event, it
 * says where a phase's CPU goes and what the machine's cores allow at best (cores ÷ total).
 * PostgreSQL backends that exit during a phase take their time with them (the phases here keep
 * their connections open). Elsewhere than on Linux, `measure` returns null.
 */
export type CpuGroup = 'bench' | 'projector' | 'nats' | 'postgres';
export type CpuPerEvent = Record<CpuGroup | 'total', number>;

/** USER_HZ: the unit of `/proc/<pid>/stat` times on every Linux architecture Node runs on. */
const ticksPerSecond = 100;

export class ProcessCpu {
  /** The spawned projector (or another child) counted as `projector` while set. */
  projectorPid: number | undefined;

  static available(): boolean {
    try {
      readFileSync('/proc/self/stat');
      return true;
    } catch {
      return false;
    }
  }

  /** Starts a phase; the returned function gives µs of CPU per event for each group. */
  start(): ((events: number) => CpuPerEvent) | null {
    if (!ProcessCpu.available()) return null;
    const before = this.sample();
    return (events) => {
      const after = this.sample();
      const perEvent = (group: CpuGroup) =>
        round1(((after[group] - before[group]) * 1e6) / Math.max(1, events));
      const result = {
        bench: perEvent('bench'),
        projector: perEvent('projector'),
        nats: perEvent('nats'),
        postgres: perEvent('postgres'),
      };
      return { ...result, total: round1(Object.values(result).reduce((a, b) => a + b, 0)) };
    };
  }

  /** CPU seconds so far, by group (processes that exited are not counted). */
  private sample(): Record<CpuGroup, number> {
    const groups: Record<CpuGroup, number> = { bench: 0, projector: 0, nats: 0, postgres: 0 };
    groups.bench = cpuSecondsOf(process.pid) ?? 0;
    if (this.projectorPid !== undefined) groups.projector = cpuSecondsOf(this.projectorPid) ?? 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (!stat) continue;
      if (stat.comm === 'nats-server') groups.nats += stat.seconds;
      else if (stat.comm === 'postgres') groups.postgres += stat.seconds;
    }
    return groups;
  }
}

function cpuSecondsOf(pid: number): number | undefined {
  return readStat(pid)?.seconds;
}

function readStat(pid: number): { comm: string; seconds: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
  // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so split after the last ')'.
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return {
    comm: text.slice(text.indexOf('(') + 1, close),
    seconds: (utime + stime) / ticksPerSecond,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
