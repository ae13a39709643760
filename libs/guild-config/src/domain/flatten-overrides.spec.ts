import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { findDefaultConfigPath } from '../defaults/load-default-config.js';
import { ConfigImportError } from '../errors.js';
import { roleA } from './config-test-kit.js';
import { flattenOverrides } from './flatten-overrides.js';

function problemsOf(file: unknown): string[] {
  try {
    flattenOverrides(file);
  } catch (error) {
    if (error instanceof ConfigImportError) return error.problems.map((p) => p.code);
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('flattenOverrides', () => {
  it('turns a partial configuration into one validated update per leaf', () => {
    const updates = flattenOverrides({
      notifications: { types: { participant_join: true } },
      roles: { mapping: { [roleA]: 'admin' } },
      commands: { permissions: { 'kaltura-start': ['ManageEvents'] } },
    });
    expect(updates.map(({ key, value }) => [key, value])).toEqual([
      ['notifications.types.participant_join', true],
      [`roles.mapping.${roleA}`, 'adminRole'],
      ['commands.permissions.kaltura-start', ['ManageEvents']],
    ]);
  });

  it('accepts the example override file shipped in config/overrides', () => {
    const example = join(
      dirname(findDefaultConfigPath()),
      'overrides',
      '123456789012345678.json.example',
    );
    const updates = flattenOverrides(JSON.parse(readFileSync(example, 'utf8')));
    expect(updates.length).toBeGreaterThan(5);
  });

  it('collects every problem of a file before rejecting it', () => {
    expect(
      problemsOf({
        notifcations: { enabled: false },
        features: { video_search: 'sometimes', teleport: true },
        roles: { mapping: { moderators: 'adminRole' } },
        commands: true,
      }),
    ).toEqual([
      'CONFIG.UNKNOWN_SECTION',
      'CONFIG.INVALID_VALUE',
      'CONFIG.UNKNOWN_KEY',
      'CONFIG.UNKNOWN_KEY',
      'CONFIG.UNKNOWN_KEY',
    ]);
  });

  it('rejects a file that is not an object', () => {
    expect(problemsOf(['features'])).toEqual(['CONFIG.INVALID_VALUE']);
  });
});
