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
const natsConfig = readFileSync(join(root, 'infra/nats/nats.conf'), 'utf8');
const demoEnv = Object.fromEntries(
  readFileSync(join(root, 'tools/demo/compose.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

/** The apps: they log in to NATS and PostgreSQL as themselves, never as an administrator. */
const apps = ['api', 'bot', 'projector', 'notifier'];
const secretName = /PASSWORD|SECRET|TOKEN|PRIVATE_KEY|BASIC_AUTH|WEBHOOK/;
/**
 * `${NAME:-}` / `${NAME-${OTHER:-}}` (empty unless given). No `${NAME:?}`: compose would demand it
 * for every service, so `docker compose up postgres nats` would need every secret; the services
 * that need a secret check it at start instead.
 */
const noLiteralDefault = /^\$\{[A-Z_]+(:-|-\$\{[A-Z_]+:-\})\}$/;
const required = (name: string) => new RegExp(`^\\$\\{${name}:-\\}$`);
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const environments = () =>
  Object.entries(services).flatMap(([service, s]) =>
    Object.entries(s.environment ?? {}).map(([name, value]) => ({ service, name, value })),
  );

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
    expect(services.api?.environment?.JWT_SECRET).toBe('${JWT_SECRET:-}');
  });

  it('demands no secret of a subset: no ${VAR:?} anywhere, each service checks its own', () => {
    expect(composeText).not.toMatch(/\$\{[A-Z0-9_]+:\?/);
    // NATS and Grafana would start with an empty password: their entry points refuse to.
    const natsCheck = (services.nats as { entrypoint?: string[] }).entrypoint?.join('\n') ?? '';
    for (const user of ['API', 'BOT', 'PROJECTOR', 'NOTIFIER', 'ADMIN'])
      expect(natsCheck).toContain(`NATS_${user}_PASSWORD`);
    expect(natsCheck).toMatch(/exit 1/);
    const grafanaCheck =
      (services.grafana as { entrypoint?: string[] }).entrypoint?.join(' ') ?? '';
    expect(grafanaCheck).toMatch(/test -n "\$\$GF_SECURITY_ADMIN_PASSWORD" \|\|.*exit 1/);
  });

  it('lists in .env.example every variable compose reads', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const read = [
      ...new Set([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!)),
    ];
    expect(read.length).toBeGreaterThan(30);
    expect(read.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('scrapes every app at the service name and port compose gives it, and each exporter', () => {
    const targets = prometheus.scrape_configs.flatMap((c) =>
      c.static_configs.flatMap((s) => s.targets.map((t) => ({ job: c.job_name, target: t }))),
    );
    expect(targets.map((t) => t.job)).toEqual(expect.arrayContaining(['api', 'projector']));
    const exporterPorts: Record<string, string> = {
      'node-exporter': '9100',
      'postgres-exporter': '9187',
      'nats-exporter': '7777',
    };
    expect(targets.map((t) => t.job)).toEqual(expect.arrayContaining(['node', 'postgres', 'nats']));
    for (const { job, target } of targets) {
      const [host, port] = target.split(':');
      expect(services[host!]).toBeDefined();
      const served = exporterPorts[host!] ?? services[host!]?.environment?.HTTP_PORT;
      expect({ job, port: served }).toEqual({ job, port });
    }
    expect(services.prometheus?.environment?.KD_RUNBOOK_BASE_URL).toMatch(
      /^\$\{KD_RUNBOOK_BASE_URL:-https:\/\/\S+\/docs\}$/,
    );
    const alertmanager = prometheus.alerting.alertmanagers[0]?.static_configs[0]?.targets[0];
    expect(alertmanager?.split(':')[0]).toBe('alertmanager');
    expect(services.alertmanager).toBeDefined();
  });
});

describe('docker-compose.yml is safe by default', () => {
  it('publishes only the api and Grafana, on 127.0.0.1 unless KD_BIND_ADDRESS says otherwise', () => {
    const published = Object.entries(services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([name]) => name).sort()).toEqual(['api', 'grafana']);
    for (const [name, service] of published)
      for (const port of service.ports!)
        expect({ name, port }).toEqual({
          name,
          port: expect.stringMatching(/^\$\{KD_BIND_ADDRESS:-127\.0\.0\.1\}:\d+:\d+$/),
        });
  });

  it('runs NATS with infra/nats/nats.conf, and every app as its own NATS user', () => {
    const nats = services.nats!;
    expect(nats.command?.slice(0, 2)).toEqual(['-c', '/etc/nats/nats.conf']);
    expect(nats.volumes).toContain('./infra/nats/nats.conf:/etc/nats/nats.conf:ro');
    const users = Object.fromEntries(
      [...natsConfig.matchAll(/\{ user: (\w+), password: \$(\w+)/g)].map((m) => [m[1]!, m[2]!]),
    );
    for (const app of apps) {
      const env = services[app]!.environment!;
      const variable = users[app] ?? 'no user';
      expect({ app, user: env.NATS_USER, variable }).toEqual({
        app,
        user: app,
        variable: `NATS_${app.toUpperCase()}_PASSWORD`,
      });
      expect(env.NATS_PASSWORD).toMatch(required(variable));
      expect(nats.environment?.[variable]).toMatch(required(variable));
      // The configuration is written for compose's stream and subject prefix.
      expect(natsConfig).toContain(`${env.KD_STREAM}.`);
      expect(natsConfig).toContain(`"${env.KD_SUBJECT_PREFIX}.`);
    }
    // Only operations (creating the stream) and the demo log in as admin.
    const admins = Object.entries(services).filter(([, s]) => s.environment?.NATS_USER === 'admin');
    expect(admins.map(([name]) => name).sort()).toEqual(['demo', 'migrate']);
    expect(services.migrate?.command).toContain('--stream');
  });

  it('lets no app log in to PostgreSQL as the superuser', () => {
    const superuser = services.postgres?.environment?.POSTGRES_USER;
    expect(superuser).toBe('${POSTGRES_SUPERUSER:-postgres}');
    for (const app of apps) {
      const url = services[app]?.environment?.DATABASE_URL ?? '';
      expect({ app, url }).toEqual({
        app,
        url: expect.stringMatching(/^postgres:\/\/kd_app:\$\{KD_APP_PASSWORD:-\}@postgres:/),
      });
    }
    expect(services.migrate?.environment?.DATABASE_URL).toContain(`//${superuser}:`);
    expect(services.migrate?.environment?.KD_APP_PASSWORD).toMatch(required('KD_APP_PASSWORD'));
  });

  it('gives no secret a literal default, in variables or inside URLs', () => {
    const secrets = environments().filter(({ name }) => secretName.test(name));
    expect(secrets.length).toBeGreaterThan(10);
    expect(secrets.filter(({ value }) => !noLiteralDefault.test(value))).toEqual([]);
    // The user may itself be a variable (with a default: a user name is no secret).
    const urlPasswords = environments().flatMap(({ service, name, value }) => {
      const password = /^\w+:\/\/(?:\$\{[^}]*\}|[^:/@]*):([^@]*)@/.exec(value)?.[1];
      return password === undefined ? [] : [{ service, name, password }];
    });
    expect(urlPasswords.length).toBeGreaterThan(4);
    expect(urlPasswords.filter(({ password }) => !noLiteralDefault.test(password))).toEqual([]);
  });

  it('runs the demo from tools/demo/compose.env with development-only database and NATS passwords', () => {
    const needed = new Set(
      environments().flatMap(({ value }) =>
        [...value.matchAll(/\$\{((?:NATS_\w+|POSTGRES|KD_APP)_PASSWORD):-\}/g)].map((m) => m[1]!),
      ),
    );
    expect([...needed].sort()).toEqual([
      'KD_APP_PASSWORD',
      'NATS_ADMIN_PASSWORD',
      'NATS_API_PASSWORD',
      'NATS_BOT_PASSWORD',
      'NATS_NOTIFIER_PASSWORD',
      'NATS_PROJECTOR_PASSWORD',
      'POSTGRES_PASSWORD',
    ]);
    for (const name of needed)
      expect({ name, value: demoEnv[name] }).toEqual({
        name,
        value: expect.stringMatching(/^devonly[-a-z0-9]*$/),
      });
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';

  it('runs Node 22 LTS in every stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^node:22[-.]/);
  });

  it('ends with the runtime image: a HEALTHCHECK, and neither bench/ nor tools/', () => {
    expect(runtime).toMatch(/^node:22\S* AS runtime/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/health\/live/m);
    expect(runtime).not.toMatch(/bench|tools/);
    expect(runtime).toMatch(/ARG KD_COMMIT/);
  });

  it('builds the demo from its own target, as compose asks', () => {
    expect(dockerfile).toMatch(/ AS demo\n[\s\S]*dist\/tools/);
    const demo = services.demo as { build?: { target?: string } };
    expect(demo.build?.target).toBe('demo');
  });
});

describe('docker-compose.yml traces the apps', () => {
  it('points every app at the Jaeger OTLP endpoint, sampling 10 % unless told otherwise', () => {
    expect(services.jaeger?.environment?.COLLECTOR_OTLP_ENABLED).toBe('true');
    for (const app of apps) {
      const env = services[app]?.environment ?? {};
      expect({ app, endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }).toEqual({
        app,
        endpoint: '${OTEL_EXPORTER_OTLP_ENDPOINT-http://jaeger:4318}',
      });
      expect(env.OTEL_TRACES_SAMPLER).toBe('${OTEL_TRACES_SAMPLER:-parentbased_traceidratio}');
    }
  });

  it('stores exemplars in Prometheus and links them to Jaeger in Grafana', () => {
    expect(services.prometheus?.command).toContain('--enable-feature=exemplar-storage');
    const { datasources } = parse(
      readFileSync(join(root, 'infra/grafana/provisioning/datasources/datasources.yml'), 'utf8'),
    ) as {
      datasources: {
        uid: string;
        type: string;
        url: string;
        jsonData?: { exemplarTraceIdDestinations?: { name: string; datasourceUid: string }[] };
      }[];
    };
    const jaeger = datasources.find((d) => d.type === 'jaeger');
    expect(jaeger?.url).toBe('http://jaeger:16686');
    const prometheusSource = datasources.find((d) => d.type === 'prometheus');
    expect(prometheusSource?.jsonData?.exemplarTraceIdDestinations).toEqual([
      { name: 'trace_id', datasourceUid: jaeger?.uid },
    ]);
  });

  it('shows exemplars on the latency panels', () => {
    for (const file of ['event-pipeline.json', 'operations.json']) {
      const text = readFileSync(join(root, 'infra/grafana/dashboards', file), 'utf8');
      const targets = [
        ...text.matchAll(/"expr": "(histogram_quantile[^"]*_seconds_bucket[^"]*)"/g),
      ];
      expect(targets.length).toBeGreaterThan(0);
      const withExemplars = (text.match(/"exemplar": true/g) ?? []).length;
      expect({ file, withExemplars }).toEqual({ file, withExemplars: targets.length });
    }
  });
});
