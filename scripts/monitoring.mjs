#!/usr/bin/env node
// `npm run monitoring`: Prometheus (127.0.0.1:9090) and Alertmanager (127.0.0.1:9093) from the
// Debian packages, with the repository's rules and routing, scraping the apps `npm start` runs on
// this machine; plus node-exporter (9100) and postgres-exporter (9187) when their Debian packages
// are installed. No Docker needed. Ctrl-C stops them. `npm run up -- --monitoring` runs the same
// beside the apps (npm start with KD_MONITORING=1).
//
// Installs the packages when missing (as root: apt-get install prometheus prometheus-alertmanager
// prometheus-node-exporter prometheus-postgres-exporter). Configuration and data go to
// .monitoring/ (git-ignored); see scripts/lib/monitoring-config.mjs and docs/operations.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  ALERTMANAGER_PORT,
  PROMETHEUS_PORT,
  localAlertmanagerConfig,
  localPrometheusConfig,
} from './lib/monitoring-config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, '.monitoring');

const onPath = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Installs the Debian packages that are missing (root only); returns what is still missing. */
export function ensureMonitoringPackages(log = (line) => process.stderr.write(`${line}\n`)) {
  const wanted = {
    prometheus: 'prometheus',
    'prometheus-alertmanager': 'prometheus-alertmanager',
    'prometheus-node-exporter': 'prometheus-node-exporter',
    'prometheus-postgres-exporter': 'prometheus-postgres-exporter',
  };
  const missing = Object.keys(wanted).filter((command) => !onPath(command));
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    log(`monitoring: missing ${missing.join(', ')}: sudo apt-get install -y ${missing.join(' ')}`);
    return missing;
  }
  log(`monitoring: installing ${missing.join(', ')} (apt-get)`);
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    install();
  }
  return missing.filter((command) => !onPath(command));
}

/**
 * Writes .monitoring/{prometheus,alertmanager}.yml and returns the processes to run:
 * `{ name, port, command, args, env }`. Exporters whose binary is missing are left out.
 */
export function monitoringProcesses(env = process.env) {
  mkdirSync(path.join(DIR, 'prometheus-data'), { recursive: true });
  mkdirSync(path.join(DIR, 'alertmanager-data'), { recursive: true });
  const prometheusYml = path.join(DIR, 'prometheus.yml');
  const alertmanagerYml = path.join(DIR, 'alertmanager.yml');
  writeFileSync(prometheusYml, localPrometheusConfig(ROOT, env));
  const alertmanager = localAlertmanagerConfig(ROOT, env);
  writeFileSync(alertmanagerYml, alertmanager.text, { mode: 0o600 });
  const prometheusPort = Number(env.KD_PROMETHEUS_PORT || PROMETHEUS_PORT);
  const alertmanagerPort = Number(env.KD_ALERTMANAGER_PORT || ALERTMANAGER_PORT);
  const processes = [
    {
      name: 'prometheus',
      port: prometheusPort,
      command: 'prometheus',
      args: [
        `--config.file=${prometheusYml}`,
        `--storage.tsdb.path=${path.join(DIR, 'prometheus-data')}`,
        `--web.listen-address=127.0.0.1:${prometheusPort}`,
        `--web.external-url=http://127.0.0.1:${prometheusPort}`,
        '--storage.tsdb.retention.time=7d',
      ],
    },
    {
      name: 'alertmanager',
      port: alertmanagerPort,
      command: 'prometheus-alertmanager',
      args: [
        `--config.file=${alertmanagerYml}`,
        `--storage.path=${path.join(DIR, 'alertmanager-data')}`,
        `--web.listen-address=127.0.0.1:${alertmanagerPort}`,
        '--cluster.listen-address=',
      ],
    },
    {
      name: 'node-exporter',
      port: Number(env.KD_NODE_EXPORTER_PORT || 9100),
      command: 'prometheus-node-exporter',
      args: [`--web.listen-address=127.0.0.1:${env.KD_NODE_EXPORTER_PORT || 9100}`],
    },
    {
      name: 'postgres-exporter',
      port: Number(env.KD_POSTGRES_EXPORTER_PORT || 9187),
      command: 'prometheus-postgres-exporter',
      args: [`--web.listen-address=127.0.0.1:${env.KD_POSTGRES_EXPORTER_PORT || 9187}`],
      env: {
        DATA_SOURCE_NAME: postgresExporterDsn(
          env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/kaltura_discord',
        ),
      },
    },
  ];
  return {
    processes: processes.filter((p) => onPath(p.command)),
    sendsToDiscord: alertmanager.sends,
  };
}

/** The exporter's DSN: DATABASE_URL with sslmode=disable unless it says otherwise. */
function postgresExporterDsn(url) {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('sslmode')) parsed.searchParams.set('sslmode', 'disable');
  return parsed.toString();
}

// ---------------------------------------------------------------------------------------------
// Standalone: `npm run monitoring`

function runStandalone() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(
      'usage: npm run monitoring\n\nPrometheus (127.0.0.1:9090) and Alertmanager (127.0.0.1:9093) from the Debian packages with\ninfra/ configuration, scraping the apps of `npm start` on this machine (docs/operations.md).\n',
    );
    return;
  }
  const unknown = process.argv.slice(2);
  if (unknown.length) {
    process.stderr.write(`monitoring: unknown argument ${unknown[0]} (try --help)\n`);
    process.exit(2);
  }
  const missing = ensureMonitoringPackages();
  if (missing.includes('prometheus') || missing.includes('prometheus-alertmanager'))
    process.exit(1);
  const { processes, sendsToDiscord } = monitoringProcesses();
  const children = processes.map((p) => {
    const child = spawn(p.command, p.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(p.env ?? {}) },
    });
    for (const stream of [child.stdout, child.stderr])
      readline
        .createInterface({ input: stream, crlfDelay: Infinity })
        .on('line', (line) => process.stderr.write(`[${p.name}] ${line}\n`));
    child.on('exit', (code, signal) => {
      process.stderr.write(`monitoring: ${p.name} exited (${signal ?? code})\n`);
    });
    return child;
  });
  process.stderr.write(
    `monitoring: Prometheus http://127.0.0.1:${processes[0].port} (targets /targets, rules /rules, alerts /alerts), Alertmanager http://127.0.0.1:${processes[1].port}${sendsToDiscord ? ' (sends to Discord)' : ' (no Discord webhooks set: sends nowhere)'}\n`,
  );
  const stop = () => {
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runStandalone();
}
