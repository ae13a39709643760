import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@kd/event-store';
import { stopChild } from './child-app.js';
import { freePort } from './nats-server.js';
import { testLogger } from './test-logger.js';

const binary = process.env.KD_TEST_NATS_SERVER ?? '/usr/sbin/nats-server';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface NatsClusterNode {
  /** `kd-n1`, `kd-n2`, …: the server name JetStream reports as a stream's leader. */
  name: string;
  url: string;
  running: boolean;
}

export interface NatsCluster {
  nodes: NatsClusterNode[];
  /** Every node's client URL, comma-separated: a `NATS_URL` for the whole cluster. */
  url: string;
  /** (Re)starts a stopped node on its own store; resolves once JetStream is healthy on it. */
  start(node: number): Promise<void>;
  /** Graceful (SIGTERM): the node hands its leaderships over before it exits. */
  stop(node: number): Promise<void>;
  /** SIGKILL: a crash, nothing handed over, nothing flushed. */
  kill(node: number): Promise<void>;
  restart(node: number): Promise<void>;
  /** The index of the node leading `stream` now (waits for an election, up to `timeoutMs`). */
  leaderOf(stream: string, timeoutMs?: number): Promise<number>;
  dispose(): Promise<void>;
}

interface NodeSetup {
  name: string;
  port: number;
  clusterPort: number;
  monitorPort: number;
  storeDir: string;
  child?: ChildProcess | undefined;
  log: string;
}

/**
 * A JetStream cluster of `size` nats-server processes of our own on loopback (own client, route
 * and monitoring ports, own store dirs), for tests that kill a stream leader without disturbing
 * the shared NATS. Resolves once every node reports JetStream healthy.
 */
export async function natsCluster(size = 3): Promise<NatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kd-nats-cluster-'));
  const clusterName = `kd-test-${process.pid}-${Date.now().toString(36)}`;
  const setups: NodeSetup[] = [];
  for (let i = 0; i < size; i++) {
    const storeDir = join(dir, `n${i + 1}`);
    mkdirSync(storeDir);
    setups.push({
      name: `kd-n${i + 1}`,
      port: await freePort(),
      clusterPort: await freePort(),
      monitorPort: await freePort(),
      storeDir,
      log: '',
    });
  }
  const nodes: NatsClusterNode[] = setups.map((s) => ({
    name: s.name,
    url: `nats://127.0.0.1:${s.port}`,
    running: false,
  }));

  const spawnNode = (i: number) => {
    const s = setups[i]!;
    const routes = setups
      .filter((other) => other !== s)
      .map((other) => `nats://127.0.0.1:${other.clusterPort}`)
      .join(',');
    // -DV off: quiet; the last lines of stderr are kept for the error when a node fails to start.
    const child = spawn(
      binary,
      [
        ...['-a', '127.0.0.1', '-p', String(s.port), '-m', String(s.monitorPort)],
        ...['-n', s.name, '-js', '-sd', s.storeDir],
        ...['--cluster', `nats://127.0.0.1:${s.clusterPort}`, '--cluster_name', clusterName],
        ...['--routes', routes],
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    s.log = '';
    child.stderr?.on('data', (chunk: Buffer) => (s.log = (s.log + String(chunk)).slice(-4000)));
    s.child = child;
    nodes[i]!.running = true;
  };

  const healthy = async (i: number, timeoutMs = 30_000) => {
    const s = setups[i]!;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${s.monitorPort}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      if (s.child?.exitCode !== null && s.child?.exitCode !== undefined)
        throw new Error(`nats-server ${s.name} exited:\n${s.log}`);
      if (Date.now() > deadline) {
        // nats-server 2.9 may keep an idle replicated consumer "not current" on a restarted node
        // long after the streams caught up: a node with JetStream up is enough here, the tests
        // check the state they rely on (a stream's replicas current, its leader) themselves.
        const up = await fetch(`http://127.0.0.1:${s.monitorPort}/healthz?js-enabled-only=true`)
          .then((r) => r.ok)
          .catch(() => false);
        if (up) return;
        throw new Error(`nats-server ${s.name} not healthy within ${timeoutMs} ms:\n${s.log}`);
      }
      await sleep(100);
    }
  };

  const halt = async (i: number, signal: NodeJS.Signals) => {
    const s = setups[i]!;
    if (s.child) await stopChild(s.child, signal);
    s.child = undefined;
    nodes[i]!.running = false;
  };

  // One connection for the harness's own questions; it fails over between the nodes by itself.
  let probeConnection: Promise<NatsConnection> | undefined;
  const probe = async <T>(ask: (jsm: JetStreamManager) => Promise<T>): Promise<T | undefined> => {
    probeConnection ??= connectNats({
      url: nodes.map((n) => n.url).join(','),
      name: 'kd-cluster-probe',
      logger: testLogger('nats-cluster'),
    });
    const jsm = await jetstreamManager(await probeConnection, { checkAPI: false });
    return ask(jsm).catch(() => undefined);
  };

  const cluster: NatsCluster = {
    nodes,
    url: nodes.map((n) => n.url).join(','),
    async start(i) {
      if (setups[i]!.child) return;
      spawnNode(i);
      await healthy(i);
    },
    stop: (i) => halt(i, 'SIGTERM'),
    kill: (i) => halt(i, 'SIGKILL'),
    async restart(i) {
      await halt(i, 'SIGTERM');
      await cluster.start(i);
    },
    async leaderOf(stream, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const leader = await probe(async (jsm) => (await jsm.streams.info(stream)).cluster?.leader);
        const index = nodes.findIndex((n) => n.name === leader && n.running);
        if (index >= 0) return index;
        if (Date.now() > deadline) throw new Error(`no leader for ${stream} in ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    async dispose() {
      await probeConnection?.then((nc) => nc.close()).catch(() => undefined);
      await Promise.all(setups.map((_, i) => halt(i, 'SIGTERM')));
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    setups.forEach((_, i) => spawnNode(i));
    await Promise.all(setups.map((_, i) => healthy(i)));
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
  return cluster;
}
