import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// Docker does not run on the development machines: check docker-compose.cluster.yml (the scaled
// shape, docs/scaling.md) the way compose.spec.ts checks docker-compose.yml.
type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
};
const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
const composeText = readFileSync(join(root, 'docker-compose.cluster.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const lbConfig = readFileSync(join(root, 'infra/nginx/api-lb.conf'), 'utf8');
const natsConfig = readFileSync(join(root, 'infra/nats/nats.conf'), 'utf8');
const prometheus = parse(
  readFileSync(join(root, 'infra/prometheus/prometheus.cluster.yml'), 'utf8'),
) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };

const natsNodes = ['nats-1', 'nats-2', 'nats-3'];
const apis = ['api-1', 'api-2'];
const projectors = ['projector-1', 'projector-2'];
const notifiers = ['notifier-1', 'notifier-2'];
/** Every process of ours that talks to NATS. */
const apps = [...apis, ...projectors, ...notifiers, 'bot', 'migrate'];
const flag = (command: string[] | undefined, name: string) =>
  command?.[command.indexOf(name) + 1] ?? '';
const required = (name: string) => new RegExp(`^\\$\\{${name}:-\\}$`);

describe('docker-compose.cluster.yml', () => {
  it('runs an image or a build for every service, and mounts only files that exist', () => {
    for (const [name, service] of Object.entries(services))
      expect({ name, runs: Boolean(service.image ?? service.build) }).toEqual({ name, runs: true });
    const mounts = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => v.startsWith('./'));
    expect(mounts.length).toBeGreaterThan(5);
    for (const mount of mounts) expect(existsSync(join(root, mount.split(':')[0]!))).toBe(true);
    for (const [name, service] of Object.entries(services)) {
      const entry = service.command?.find((part) => part.startsWith('dist/'));
      if (!entry) continue;
      const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ name, exists: existsSync(join(root, source)) }).toEqual({ name, exists: true });
    }
  });

  it('runs three NATS nodes of one cluster, routed to each other, each with its own store', () => {
    const stores = new Set<string>();
    for (const node of natsNodes) {
      const s = services[node]!;
      expect(s.command?.slice(0, 4)).toEqual(['-c', '/etc/nats/nats.conf', '-sd', '/data']);
      expect(s.volumes).toContain('./infra/nats/nats.conf:/etc/nats/nats.conf:ro');
      expect(flag(s.command, '-n')).toBe(node);
      expect(flag(s.command, '--cluster_name')).toBe('kd');
      expect(flag(s.command, '--cluster')).toBe('nats://0.0.0.0:6222');
      const routes = flag(s.command, '--routes').split(',');
      for (const other of natsNodes.filter((n) => n !== node))
        expect(routes).toContain(`nats://${other}:6222`);
      const store = s.volumes?.find((v) => v.endsWith(':/data'))?.split(':')[0] ?? '';
      expect(compose.volumes).toHaveProperty(store);
      stores.add(store);
      // The same fail-fast check of every NATS user's password as docker-compose.yml.
      const check = s.entrypoint?.join('\n') ?? '';
      for (const user of ['API', 'BOT', 'PROJECTOR', 'NOTIFIER', 'ADMIN']) {
        expect(check).toContain(`NATS_${user}_PASSWORD`);
        expect(s.environment?.[`NATS_${user}_PASSWORD`]).toMatch(required(`NATS_${user}_PASSWORD`));
      }
      expect(check).toMatch(/exit 1/);
    }
    expect(stores.size).toBe(3);
  });

  it('points every app at all three nodes, with R3 streams, as its own NATS user', () => {
    const users = Object.fromEntries(
      [...natsConfig.matchAll(/\{ user: (\w+), password: \$(\w+)/g)].map((m) => [m[1]!, m[2]!]),
    );
    for (const app of apps) {
      const env = services[app]!.environment!;
      const servers = env.NATS_URL!.split(',');
      expect({ app, servers: servers.sort() }).toEqual({
        app,
        servers: natsNodes.map((n) => `nats://${n}:4222`),
      });
      expect({ app, replicas: env.KD_STREAM_REPLICAS }).toEqual({ app, replicas: '3' });
      const user = app === 'migrate' ? 'admin' : app.replace(/-\d$/, '');
      expect({ app, user: env.NATS_USER }).toEqual({ app, user });
      expect(env.NATS_PASSWORD).toMatch(required(users[user] ?? 'no such user'));
      expect(natsConfig).toContain(`${env.KD_STREAM}.`);
    }
    expect(services.migrate?.command).toContain('--stream');
    const admins = Object.entries(services).filter(([, s]) => s.environment?.NATS_USER === 'admin');
    expect(admins.map(([name]) => name)).toEqual(['migrate']);
  });

  it('puts two api replicas behind the load balancer, whose configuration names both', () => {
    const apiServices = Object.entries(services).filter(([, s]) =>
      s.command?.includes('dist/apps/api/src/main.js'),
    );
    expect(apiServices.map(([name]) => name).sort()).toEqual(apis);
    const lb = services['api-lb']!;
    expect(lb.image).toMatch(/^nginx:\d/);
    expect(lb.volumes).toContain('./infra/nginx/api-lb.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(lb.depends_on).toEqual({
      'api-1': { condition: 'service_healthy' },
      'api-2': { condition: 'service_healthy' },
    });
    const upstream = /upstream kd_api \{([^}]*)\}/.exec(lbConfig)?.[1] ?? '';
    const servers = [...upstream.matchAll(/^\s*server ([\w-]+):(\d+) /gm)].map((m) => ({
      host: m[1]!,
      port: m[2]!,
    }));
    expect(servers).toEqual(
      apis.map((host) => ({ host, port: services[host]!.environment!.HTTP_PORT })),
    );
    expect(upstream).toMatch(/max_fails=\d+ fail_timeout=\d+s/);
    expect(lbConfig).toMatch(/proxy_pass http:\/\/kd_api;/);
    for (const header of ['X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host'])
      expect(lbConfig).toMatch(new RegExp(`proxy_set_header ${header} \\$`));
    const listen = /listen (\d+);/.exec(lbConfig)?.[1];
    expect(lb.ports).toEqual([`\${KD_BIND_ADDRESS:-127.0.0.1}:3000:${listen}`]);
  });

  it('runs two projectors of the same projections (one lease), one notifier unless asked', () => {
    for (const name of projectors) {
      expect(services[name]?.command).toEqual(['node', 'dist/apps/projector/src/main.js']);
      expect(services[name]?.environment?.PROJECTIONS).toBeUndefined();
    }
    expect(services['notifier-1']?.profiles).toBeUndefined();
    expect(services['notifier-2']?.profiles).toEqual(['notifier-standby']);
    expect(services.bot?.command).toEqual(['node', 'dist/apps/bot/src/main.js']);
  });

  it('sends the analytics reads of api, bot and projector to the streaming replica', () => {
    for (const app of [...apis, ...projectors, 'bot']) {
      const env = services[app]!.environment!;
      expect({ app, url: env.DATABASE_READ_URL }).toEqual({
        app,
        url: 'postgres://kd_app:${KD_APP_PASSWORD:-}@postgres-replica:5432/kaltura_discord',
      });
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/kd_app:\$\{KD_APP_PASSWORD:-\}@postgres:/);
      expect(services[app]!.depends_on).toHaveProperty('postgres-replica');
    }
    const primary = services.postgres!;
    expect(primary.command).toContain('wal_level=replica');
    expect(primary.volumes).toContain(
      './infra/postgres/primary-init.sh:/docker-entrypoint-initdb.d/10-replication.sh:ro',
    );
    const init = readFileSync(join(root, 'infra/postgres/primary-init.sh'), 'utf8');
    expect(init).toMatch(/CREATE ROLE replicator WITH REPLICATION/);
    expect(init).toMatch(/pg_create_physical_replication_slot\('kd_replica'\)/);
    expect(init).toMatch(/host replication replicator/);
    const replica = services['postgres-replica']!;
    expect(replica.image).toBe(primary.image);
    const start = replica.entrypoint?.join('\n') ?? '';
    expect(start).toMatch(/if \[ ! -s "\$\$PGDATA\/PG_VERSION" \]/);
    expect(start).toMatch(/pg_basebackup -h postgres .*-U replicator/);
    expect(start).toMatch(/-D "\$\$PGDATA" -R /);
    expect(start).toMatch(/test -n "\$\$POSTGRES_REPLICATION_PASSWORD" \|\|.*exit 1/);
    for (const s of [primary, replica])
      expect(s.environment?.POSTGRES_REPLICATION_PASSWORD).toMatch(
        required('POSTGRES_REPLICATION_PASSWORD'),
      );
    expect(replica.volumes?.[0]?.split(':')[0]).not.toBe(primary.volumes?.at(-1)?.split(':')[0]);
  });

  it('scrapes every replica and NATS node it runs', () => {
    const targets = prometheus.scrape_configs.flatMap((c) =>
      c.static_configs.flatMap((s) => s.targets),
    );
    for (const target of targets) expect(services[target.split(':')[0]!]).toBeDefined();
    for (const name of [...apis, ...projectors, 'notifier-1', 'bot'])
      expect(targets).toContain(`${name}:8080`);
    expect(services.prometheus?.command).toContain(
      '--config.file=/etc/prometheus/prometheus.cluster.yml',
    );
  });
});

describe('docker-compose.cluster.yml is safe by default', () => {
  it('publishes only the load balancer and Grafana, on KD_BIND_ADDRESS', () => {
    const published = Object.entries(services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([name]) => name).sort()).toEqual(['api-lb', 'grafana']);
    for (const [name, service] of published)
      for (const port of service.ports!)
        expect({ name, port }).toEqual({
          name,
          port: expect.stringMatching(/^\$\{KD_BIND_ADDRESS:-127\.0\.0\.1\}:\d+:\d+$/),
        });
  });

  it('demands no secret of a subset and lists in .env.example every variable it reads', () => {
    expect(composeText).not.toMatch(/\$\{[A-Z0-9_]+:\?/);
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const read = [
      ...new Set([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!)),
    ];
    expect(read.length).toBeGreaterThan(30);
    expect(read.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('gives no secret a literal default', () => {
    const secrets = Object.values(services).flatMap((s) =>
      Object.entries(s.environment ?? {}).filter(([name]) =>
        /PASSWORD|SECRET|TOKEN|BASIC_AUTH|WEBHOOK/.test(name),
      ),
    );
    expect(secrets.length).toBeGreaterThan(20);
    for (const [name, value] of secrets)
      expect({ name, value }).toEqual({
        name,
        value: expect.stringMatching(/^\$\{[A-Z_]+(:-|-\$\{[A-Z_]+:-\})\}$/),
      });
  });
});

// nginx -t, when nginx is installed (Debian: apt-get install nginx-light). Debian's 1.22 predates
// `resolve` in upstream blocks (1.27.3, the image is 1.28) and cannot resolve compose's service
// names: both are replaced in the copy it checks.
const nginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((path) => existsSync(path));
(nginx ? describe : describe.skip)('infra/nginx/api-lb.conf (nginx -t)', () => {
  it('is valid nginx configuration inside an http block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-nginx-'));
    try {
      const config = lbConfig.replace(/ resolve;/g, ';').replace(/\bapi-\d:/g, '127.0.0.1:');
      writeFileSync(join(dir, 'api-lb.conf'), config);
      writeFileSync(
        join(dir, 'nginx.conf'),
        `events {}\nhttp {\n  include ${join(dir, 'api-lb.conf')};\n}\n`,
      );
      const result = spawnSync(
        nginx!,
        ['-t', '-e', 'stderr', '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', `pid ${dir}/pid;`],
        { encoding: 'utf8' },
      );
      expect({ status: result.status, output: result.stderr }).toEqual({
        status: 0,
        output: expect.stringContaining('syntax is ok'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
