import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time (user + system) of the processes a bench phase keeps busy, read from Linux's `/proc`:
 * this bench, a child it spawned, the NATS server and every PostgreSQL process. Per event, it
 * says where a phase's CPU goes and what the machine's cores allow at best (cores ÷ total).
 * A process that starts during a phase counts whole (a connection the projector opens); one
 * that exits during it is left out (the phases here keep their connections open). Elsewhere than on Linux, `start` returns null.
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
      const used: Record<CpuGroup, number> = { bench: 0, projector: 0, nats: 0, postgres: 0 };
      // A process that started meanwhile counts whole; one that exited took its time with it.
      for (const [pid, now] of after) {
        const then = before.get(pid);
        used[now.group] += now.seconds - (then?.group === now.group ? then.seconds : 0);
      }
      const perEvent = (group: CpuGroup) => round1((used[group] * 1e6) / Math.max(1, events));
      const result = {
        bench: perEvent('bench'),
        projector: perEvent('projector'),
        nats: perEvent('nats'),
        postgres: perEvent('postgres'),
      };
      return { ...result, total: round1(Object.values(result).reduce((a, b) => a + b, 0)) };
    };
  }

  /** CPU seconds so far of each process counted, by pid. */
  private sample(): Map<number, { group: CpuGroup; seconds: number }> {
    const processes = new Map<number, { group: CpuGroup; seconds: number }>();
    const own = readStat(process.pid);
    if (own) processes.set(process.pid, { group: 'bench', seconds: own.seconds });
    const child = this.projectorPid === undefined ? undefined : readStat(this.projectorPid);
    if (child && this.projectorPid !== undefined)
      processes.set(this.projectorPid, { group: 'projector', seconds: child.seconds });
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat?.comm === 'nats-server')
        processes.set(Number(entry), { group: 'nats', seconds: stat.seconds });
      else if (stat?.comm === 'postgres')
        processes.set(Number(entry), { group: 'postgres', seconds: stat.seconds });
    }
    return processes;
  }
}

/** CPU seconds (user + system) of a process, or of the calling thread; undefined off Linux. */
export function cpuSecondsOf(pid: number | 'thread-self'): number | undefined {
  return readStat(pid)?.seconds;
}

function readStat(pid: number | 'thread-self'): { comm: string; seconds: number } | undefined {
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
