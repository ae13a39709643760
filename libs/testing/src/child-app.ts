import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ChildApp {
  url: string;
  process: ChildProcess;
  logs: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export function appEntry(app: string): string {
  const entry = resolve(repoRoot, 'dist/apps', app, 'src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  return entry;
}

/**
 * Starts a built app (`dist/apps/<app>`) as its own process on a free port and resolves once it
 * logs that it is listening. The test talks to it over HTTP, exactly as production traffic does.
 */
export async function startApp(
  app: string,
  env: Record<string, string | undefined>,
  timeoutMs = 20_000,
): Promise<ChildApp> {
  const child = spawn(process.execPath, [appEntry(app)], {
    env: { PATH: process.env.PATH, TZ: 'UTC', HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${app} did not start within ${timeoutMs} ms:\n${logs.join('\n')}`)),
      timeoutMs,
    );
    const onLine = (line: string) => {
      logs.push(line);
      const match = /"url":"(http:\/\/[^"]+)".*"message":"listening"/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1].replace('[::1]', '127.0.0.1'));
      }
    };
    lines(child.stdout, onLine);
    lines(child.stderr, onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${app} exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });
  return { url, process: child, logs, stop: (signal = 'SIGTERM') => stopChild(child, signal) };
}

/** Runs a built app to completion (for start-up failures) and returns its exit code and output. */
export async function runAppToExit(
  app: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [appEntry(app)], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { code, output: chunks.join('') };
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    parts.forEach(onLine);
  });
}

export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 10_000,
): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
