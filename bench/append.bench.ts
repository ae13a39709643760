import { prepareForAppend } from '@kd/events';
import { EventStore } from '@kd/event-store';
import { benchEnvironment, benchArgs, pipelined, rate } from './support/bench-env.js';
import { realisticEvents } from './support/realistic-events.js';

/**
 * `node dist/bench/append.bench.js [--events N --rounds R]`: CPU time of this process per
 * `EventStore.append` (validation, serialization, headers, publish, ack), through the client's
 * `js.publish` (a store given only `js`/`jsm`) against `StreamPublisher` (a store given `nc` too),
 * alternating rounds on fresh subjects of one stream; plus the CPU of the schema validation alone.
 */
const { events: n, rounds } = benchArgs(
  'append',
  'CPU per append: js.publish vs StreamPublisher, alternating --rounds of --events; BENCHMARKS.md.',
  { events: 20_000, rounds: 5 },
).args;
const env = await benchEnvironment();
try {
  const { nc, js, jsm } = env.nats;
  const viaClient = new EventStore({ nats: { js, jsm }, ...env.streams.ours });
  const viaPublisher = new EventStore({ nats: { nc, js, jsm }, ...env.streams.ours });
  const client: number[] = [];
  const publisher: number[] = [];
  const round = async (store: EventStore, into: number[], label: string) => {
    const events = realisticEvents(n);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await pipelined(n, 256, (i) => store.append(events[i]!));
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const us = Math.round(((cpu.user + cpu.system) / n) * 10) / 10;
    into.push(us);
    console.log(`  ${label}: ${us} µs CPU/append, ${rate(n, ms)} appends/s`);
  };
  await round(viaPublisher, [], 'warm-up (not counted)');
  for (let r = 0; r < rounds; r++) {
    const order: [EventStore, number[], string][] = [
      [viaClient, client, 'js.publish     '],
      [viaPublisher, publisher, 'StreamPublisher'],
    ];
    if (r % 2 === 1) order.reverse();
    for (const [store, into, label] of order) await round(store, into, label);
  }
  const events = realisticEvents(n);
  const cpu0 = process.cpuUsage();
  for (const e of events) prepareForAppend(e, new Date());
  const v = process.cpuUsage(cpu0);
  const validationUs = Math.round(((v.user + v.system) / n) * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'append',
      events: n,
      rounds,
      cpu_us_per_append_client: median(client),
      cpu_us_per_append_publisher: median(publisher),
      rounds_client: client,
      rounds_publisher: publisher,
      cpu_us_validation: validationUs,
    }),
  );
} finally {
  await env.dispose();
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
