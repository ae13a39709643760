import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tool } from './tools.js';

describe('Prometheus configuration and rules', () => {
  it('has a valid configuration whose rules load', () => {
    expect(tool('promtool', ['check', 'config', 'infra/prometheus/prometheus.yml'])).toMatch(
      /SUCCESS: 2 rule files found/,
    );
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
      expect(block).toMatch(/runbook_url: docs\/operations\.md#\w+/);
    }
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
    const links = [...rules.matchAll(/runbook_url: docs\/operations\.md#(\w+)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThanOrEqual(18);
    for (const link of links) expect(anchors).toContain(link);
  });
});
