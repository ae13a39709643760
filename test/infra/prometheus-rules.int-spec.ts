import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot, tool } from './tools.js';

describe('Prometheus configuration and rules', () => {
  it('has a valid configuration whose rules load', () => {
    expect(tool('promtool', ['check', 'config', 'infra/prometheus/prometheus.yml'])).toMatch(
      /SUCCESS: 2 rule files found/,
    );
  });

  it('has a valid configuration for docker-compose.cluster.yml, with the same rules', () => {
    expect(
      tool('promtool', ['check', 'config', 'infra/prometheus/prometheus.cluster.yml']),
    ).toMatch(/SUCCESS: 2 rule files found/);
  });

  it('passes every alert unit test: each alert fires above its threshold after its for, and stays silent below', () => {
    expect(tool('promtool', ['test', 'rules', 'infra/prometheus/tests/alerts.test.yml'])).toContain(
      'SUCCESS',
    );
  });

  it('tests every alert rule both ways', () => {
    const rules = readFileSync(join(repoRoot, 'infra/prometheus/rules/alerts.yml'), 'utf8');
    const tests = readFileSync(join(repoRoot, 'infra/prometheus/tests/alerts.test.yml'), 'utf8');
    const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(alerts.length).toBeGreaterThanOrEqual(18);
    for (const alert of alerts) {
      expect(tests).toContain(`name: ${alert} fires above its threshold`);
      expect(tests).toContain(`name: ${alert} stays silent below its threshold`);
    }
  });

  it('gives every alert a severity, an alert group, a service and a runbook entry that exists', () => {
    const rules = readFileSync(join(repoRoot, 'infra/prometheus/rules/alerts.yml'), 'utf8');
    const blocks = rules.split('- alert: ').slice(1);
    for (const block of blocks) {
      expect(block).toMatch(/severity: (critical|high|medium|low)/);
      expect(block).toMatch(/alert_group: \w+/);
      expect(block).toMatch(/service: /);
      expect(block).toMatch(
        /runbook_url: "\{\{ \$externalLabels\.runbook_base_url \}\}\/operations\.md#\w+"/,
      );
    }
  });
});

describe('local monitoring (npm run monitoring)', () => {
  it('derives a valid Prometheus configuration from the compose one: same rules, local targets', async () => {
    const { localPrometheusConfig } = (await import(
      join(repoRoot, 'scripts/lib/monitoring-config.mjs')
    )) as { localPrometheusConfig: (root: string, env: NodeJS.ProcessEnv) => string };
    const dir = mkdtempSync(join(tmpdir(), 'kd-monitoring-'));
    const file = join(dir, 'prometheus.yml');
    const text = localPrometheusConfig(repoRoot, { API_HTTP_PORT: '4300' });
    writeFileSync(file, text);
    expect(tool('promtool', ['check', 'config', file])).toMatch(/SUCCESS: 2 rule files found/);
    const config = parse(text) as {
      global: { external_labels: Record<string, string> };
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
      alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
    };
    const compose = parse(
      readFileSync(join(repoRoot, 'infra/prometheus/prometheus.yml'), 'utf8'),
    ) as {
      scrape_configs: { job_name: string }[];
    };
    const targets = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs[0]!.targets[0]]),
    );
    expect(targets).toMatchObject({
      api: '127.0.0.1:4300',
      projector: '127.0.0.1:3001',
      notifier: '127.0.0.1:3002',
      bot: '127.0.0.1:3003',
      node: '127.0.0.1:9100',
      postgres: '127.0.0.1:9187',
    });
    // Every compose job but NATS's exporter (no Debian package) is scraped locally.
    expect(Object.keys(targets).sort()).toEqual(
      compose.scrape_configs
        .map((job) => job.job_name)
        .filter((job) => job !== 'nats')
        .sort(),
    );
    expect(config.alerting.alertmanagers[0]!.static_configs[0]!.targets).toEqual([
      '127.0.0.1:9093',
    ]);
    expect(config.global.external_labels.runbook_base_url).toMatch(/^https:\/\/.+\/docs$/);
  });

  it('derives a valid Alertmanager configuration that sends nowhere without webhooks', async () => {
    const { localAlertmanagerConfig } = (await import(
      join(repoRoot, 'scripts/lib/monitoring-config.mjs')
    )) as {
      localAlertmanagerConfig: (
        root: string,
        env: NodeJS.ProcessEnv,
      ) => { text: string; sends: boolean };
    };
    const dir = mkdtempSync(join(tmpdir(), 'kd-monitoring-'));
    const file = join(dir, 'alertmanager.yml');
    const local = localAlertmanagerConfig(repoRoot, {});
    writeFileSync(file, local.text);
    expect(local.sends).toBe(false);
    expect(local.text).not.toContain('discord_configs');
    expect(tool('amtool', ['check-config', file])).toContain('SUCCESS');
  });
});

describe('runbook', () => {
  it('has a heading for every runbook link of the alert rules', () => {
    const rules = readFileSync(join(repoRoot, 'infra/prometheus/rules/alerts.yml'), 'utf8');
    const runbook = readFileSync(join(repoRoot, 'docs/operations.md'), 'utf8');
    const anchors = new Set(
      [...runbook.matchAll(/^#{2,4} (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const links = [...rules.matchAll(/runbook_base_url \}\}\/operations\.md#(\w+)/g)].map(
      (m) => m[1],
    );
    expect(links.length).toBeGreaterThanOrEqual(18);
    for (const link of links) expect(anchors).toContain(link);
  });
});
