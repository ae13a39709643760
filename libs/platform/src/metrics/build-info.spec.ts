import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { buildInfoOf, registerBuildInfo } from './build-info.js';

describe('kd_build_info', () => {
  it('takes the version from package.json and the commit from KD_COMMIT', () => {
    const root = mkdtempSync(join(tmpdir(), 'kd-build-info-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '1.2.3' }));
    expect(buildInfoOf({ KD_COMMIT: 'abcdef1234567' }, root)).toEqual({
      version: '1.2.3',
      commit: 'abcdef1234567',
    });
  });

  it('says unknown without package.json, git or a commit-shaped KD_COMMIT', () => {
    const root = mkdtempSync(join(tmpdir(), 'kd-build-info-'));
    expect(buildInfoOf({ KD_COMMIT: 'not a commit; rm -rf' }, root)).toEqual({
      version: 'unknown',
      commit: 'unknown',
    });
  });

  it('reads the git commit of a checkout when KD_COMMIT is unset', () => {
    expect(buildInfoOf({}).commit).toMatch(/^([0-9a-f]{12}|unknown)$/);
  });

  it('exports one series with value 1, once however often it is registered', async () => {
    const registry = new Registry();
    registerBuildInfo(registry, { version: '0.1.0', commit: 'abc1234' });
    registerBuildInfo(registry, { version: '0.1.0', commit: 'abc1234' });
    expect(await registry.metrics()).toContain('kd_build_info{version="0.1.0",commit="abc1234"} 1');
  });
});
