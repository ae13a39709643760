import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// scripts/lib/pretty-log.mjs: how `npm start` shows the apps' JSON lines on a terminal.
const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
const { prettyLine, appColour } = (await import(join(root, 'scripts/lib/pretty-log.mjs'))) as {
  prettyLine: (app: string, line: string, options?: { colour?: boolean }) => string;
  appColour: (app: string) => string;
};

describe('npm start on a terminal', () => {
  const line = JSON.stringify({
    level: 'warn',
    time: '2026-12-05T05:00:01.123Z',
    service: 'api',
    message: 'Kaltura is slow',
    correlationId: 'c-1',
    durationMs: 4012,
    note: 'two words',
  });

  it('shows time, level, the app and the message, then the other fields', () => {
    expect(prettyLine('api', line, { colour: false })).toBe(
      '05:00:01.123 WARN  api         Kaltura is slow correlationId=c-1 durationMs=4012 note="two words"',
    );
  });

  it('colours the level and the app, one colour per app', () => {
    const coloured = prettyLine('api', line);
    expect(coloured).toContain('\x1b[33mWARN \x1b[0m');
    expect(coloured).toContain(`${appColour('api')}api`);
    expect(appColour('api')).toBe(appColour('api'));
  });

  it('reads pino numeric levels, and passes text that is not JSON after the app name', () => {
    expect(prettyLine('bot', '{"level":50,"time":0,"msg":"boom"}', { colour: false })).toBe(
      '00:00:00.000 ERROR bot         boom',
    );
    expect(prettyLine('prometheus', 'ts=1 level=info msg=ready', { colour: false })).toBe(
      'prometheus  ts=1 level=info msg=ready',
    );
    expect(prettyLine('api', '[1,2]', { colour: false })).toBe('api         [1,2]');
  });
});
