import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Runs a Prometheus tool (from the Debian packages `.ci/run` installs); returns its output. */
export function tool(
  command: 'promtool' | 'amtool',
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): string {
  try {
    return execFileSync(command, args, {
      cwd: repoRoot,
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as { code?: string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(
        `${command} is not installed: apt-get install prometheus prometheus-alertmanager (scripts/ensure-tools.sh)`,
      );
    throw new Error(`${command} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
