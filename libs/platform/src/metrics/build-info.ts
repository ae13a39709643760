import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Gauge, type Registry } from 'prom-client';
import { metricOnce } from '@kd/observability';

export interface BuildInfo {
  version: string;
  commit: string;
}

/**
 * What runs: `version` from package.json in `root`; `commit` from KD_COMMIT (the Docker image sets
 * it at build), else the git checkout in `root`, else "unknown".
 */
export function buildInfoOf(env: NodeJS.ProcessEnv, root = process.cwd()): BuildInfo {
  let version = 'unknown';
  try {
    version =
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string })
        .version ?? 'unknown';
  } catch {
    // no package.json beside the process: unknown
  }
  let commit = env.KD_COMMIT?.trim() || '';
  if (!commit) {
    try {
      commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 2000,
      }).trim();
    } catch {
      // not a git checkout, or no git: unknown
    }
  }
  return { version, commit: /^[0-9a-f]{7,40}$/i.test(commit) ? commit : 'unknown' };
}

/** `kd_build_info{version,commit} 1` on `registry` (once per process). */
export function registerBuildInfo(registry: Registry, info: BuildInfo): void {
  metricOnce(
    registry,
    'kd_build_info',
    (registers) =>
      new Gauge({
        name: 'kd_build_info',
        help: 'Always 1: the version (package.json) and git commit of the running build',
        labelNames: ['version', 'commit'],
        registers,
      }),
  ).set({ version: info.version, commit: info.commit }, 1);
}
