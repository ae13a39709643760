import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './child-app.js';

const binary = process.env.KD_TEST_NATS_SERVER ?? '/usr/sbin/nats-server';

export interface PrivateNatsServer {
  url: string;
  port: number;
  start(): Promise<void>;
  /** Graceful (SIGTERM, flushes JetStream) unless told otherwise. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  dispose(): Promise<void>;
}

export interface PrivateNatsServerOptions {
  /** A configuration file (users, permissions); its ports and store dir are overridden. */
  configFile?: string;
  /** Extra environment, for the variables the configuration file refers to. */
  env?: Record<string, string>;
}

/**
 * A nats-server of our own (JetStream, file storage in a temp dir) on a free port, for tests that
 * stop and restart the broker without disturbing the shared one.
 */
export async function privateNatsServer(
  options: PrivateNatsServerOptions = {},
): Promise<PrivateNatsServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kd-nats-'));
  let child: ChildProcess | undefined;
  const server: PrivateNatsServer = {
    url: `nats://127.0.0.1:${port}`,
    port,
    async start() {
      const config = options.configFile ? ['-c', options.configFile, '-m', '0'] : [];
      child = spawn(binary, [...config, '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, ...options.env },
      });
      // Kept for the error when the server does not come up (a bad configuration file).
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => (log = (log + String(chunk)).slice(-2000)));
      await waitForPort(port).catch((error: Error) => {
        throw new Error(`${error.message}:\n${log}`);
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child) await stopChild(child, signal);
      child = undefined;
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not answer on ${port}`);
}
