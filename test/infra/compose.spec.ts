import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// Docker does not run on the development machines: keep docker-compose.yml honest by checking
// what can be checked without it.
const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      command?: string[];
      environment?: Record<string, string>;
      volumes?: string[];
      ports?: string[];
    }
  >;
};
const prometheus = parse(readFileSync(join(root, 'infra/prometheus/prometheus.yml'), 'utf8')) as {
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('mounts only files and folders that exist in the repository', () => {
    const mounts = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => v.startsWith('./'));
    expect(mounts.length).toBeGreaterThan(0);
    for (const mount of mounts) expect(existsSync(join(root, mount.split(':')[0]!))).toBe(true);
  });

  it('starts every app from an entry point that the build produces', () => {
    for (const [name, service] of Object.entries(services)) {
      const entry = service.command?.find((part) => part.startsWith('dist/'));
      if (!entry) continue;
      const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ name, exists: existsSync(join(root, source)) }).toEqual({ name, exists: true });
    }
  });

  it('gives every app the variables its configuration requires', () => {
    for (const name of ['api', 'projector']) {
      const env = services[name]?.environment ?? {};
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining([
          'DATABASE_URL',
          'NATS_URL',
          'KD_STREAM',
          'KD_SUBJECT_PREFIX',
          'HTTP_PORT',
        ]),
      );
    }
    expect(services.api?.environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
  });

  it('scrapes every app at the service name and port compose gives it', () => {
    const targets = prometheus.scrape_configs.flatMap((c) =>
      c.static_configs.flatMap((s) => s.targets.map((t) => ({ job: c.job_name, target: t }))),
    );
    expect(targets.map((t) => t.job)).toEqual(expect.arrayContaining(['api', 'projector']));
    for (const { job, target } of targets) {
      const [host, port] = target.split(':');
      expect(services[host!]).toBeDefined();
      expect({ job, port: services[host!]?.environment?.HTTP_PORT }).toEqual({ job, port });
    }
    const alertmanager = prometheus.alerting.alertmanagers[0]?.static_configs[0]?.targets[0];
    expect(alertmanager?.split(':')[0]).toBe('alertmanager');
    expect(services.alertmanager).toBeDefined();
  });
});
