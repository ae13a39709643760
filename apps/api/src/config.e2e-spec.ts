import { describe, expect, it } from '@jest/globals';
import { runAppToExit } from '@kd/testing';

describe('api start-up configuration', () => {
  it('refuses to start without JWT_SECRET, naming every problem in one message', async () => {
    const { code, output } = await runAppToExit('api', { HTTP_PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    const line = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
      level: string;
      problems: string[];
    };
    expect(line.level).toBe('fatal');
    expect(line.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^JWT_SECRET: is required/),
        expect.stringMatching(/^HTTP_PORT:/),
        expect.stringMatching(/^LOG_LEVEL:/),
      ]),
    );
    expect(line.problems).toHaveLength(3);
  });

  it('refuses a JWT_SECRET shorter than 32 bytes', async () => {
    const { code, output } = await runAppToExit('api', { JWT_SECRET: 'short' });
    expect(code).toBe(1);
    expect(output).toContain('JWT_SECRET: must be at least 32 bytes');
  });
});
