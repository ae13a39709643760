import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, tool } from './tools.js';

const webhooks = {
  ALERTMANAGER_DISCORD_WEBHOOK_CRITICAL:
    'https://discord.com/api/webhooks/100000000000000001/critical',
  ALERTMANAGER_DISCORD_WEBHOOK_HIGH: 'https://discord.com/api/webhooks/100000000000000002/high',
  ALERTMANAGER_DISCORD_WEBHOOK_MEDIUM: 'https://discord.com/api/webhooks/100000000000000003/medium',
  ALERTMANAGER_DISCORD_WEBHOOK_LOW: 'https://discord.com/api/webhooks/100000000000000004/low',
};

describe('Alertmanager configuration', () => {
  let dir: string;
  let config: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kd-am-'));
    const rendered = join(dir, 'rendered.yml');
    execFileSync(process.execPath, ['scripts/render-alertmanager.mjs', rendered], {
      cwd: repoRoot,
      env: { ...process.env, ...webhooks },
    });
    config = join(dir, 'alertmanager.yml');
    writeFileSync(
      config,
      readFileSync(rendered, 'utf8').replace(
        '/etc/alertmanager/templates',
        join(repoRoot, 'infra/alertmanager/templates'),
      ),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the webhook URLs from the environment and passes amtool check-config', () => {
    const text = readFileSync(config, 'utf8');
    for (const url of Object.values(webhooks)) expect(text).toContain(url);
    expect(text).not.toMatch(/\$\{/);
    expect(tool('amtool', ['check-config', config])).toMatch(/SUCCESS[\s\S]*4 receivers/);
  });

  it('refuses to render when a webhook URL is missing, naming it', () => {
    const env = { ...process.env, ...webhooks, ALERTMANAGER_DISCORD_WEBHOOK_HIGH: '' };
    let output = '';
    try {
      execFileSync(process.execPath, ['scripts/render-alertmanager.mjs', join(dir, 'x.yml')], {
        cwd: repoRoot,
        env,
        stdio: 'pipe',
      });
    } catch (error) {
      output = String((error as { stderr: Buffer }).stderr);
    }
    expect(output).toContain('ALERTMANAGER_DISCORD_WEBHOOK_HIGH is not set');
  });

  it.each([
    ['critical', 'discord-critical'],
    ['high', 'discord-high'],
    ['medium', 'discord-medium'],
    ['low', 'discord-low'],
  ])('routes %s alerts to %s', (severity, receiver) => {
    const out = tool('amtool', [
      'config',
      'routes',
      'test',
      `--config.file=${config}`,
      `severity=${severity}`,
      'alertname=KdErrorRateHigh',
      'service=api',
    ]);
    expect(out.trim()).toBe(receiver);
  });

  it('renders a short Discord title and message that cannot ping @everyone', () => {
    const render = (name: string) =>
      tool('amtool', [
        'template',
        'render',
        `--template.glob=${join(repoRoot, 'infra/alertmanager/templates/*.tmpl')}`,
        `--template.data=${join(repoRoot, 'test/infra/alert-data.json')}`,
        `--template.text={{ template "${name}" . }}`,
      ]);
    const title = render('kd.discord.title');
    const message = render('kd.discord.message');
    expect(title.trim()).toBe('[FIRING ×2] CRITICAL KdErrorRateCritical · api');
    expect(message).toContain('• api: 6% of requests fail');
    expect(message).toContain(
      'Runbook: https://github.com/kaltura/kaltura-discord/blob/main/docs/operations.md#kderrorrate',
    );
    expect(message).not.toContain('@everyone');
    expect(message).toContain('@\u200beveryone');
    expect(message.length).toBeLessThanOrEqual(2000);
  });
});
