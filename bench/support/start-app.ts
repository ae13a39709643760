import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Starts a built app as a process (logs at info, so its "listening" line gives the URL). */
export async function startBuiltApp(
  app: string,
  env: Record<string, string>,
): Promise<{ url: string; process: ChildProcess }> {
  const entry = fileURLToPath(new URL(`../../apps/${app}/src/main.js`, import.meta.url));
  const child = spawn(process.execPath, [entry], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4096);
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*"message":"listening"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${app} exited with ${code}`)));
  });
  for (;;) {
    const ready = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (ready?.ok || app === 'kaltura-sim') return { url, process: child };
    await new Promise((r) => setTimeout(r, 100));
  }
}
