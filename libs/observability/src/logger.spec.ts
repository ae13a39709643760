import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.js';
import { createRedactor } from './redaction.js';

const jwtSecret = 'jwt-secret-0123456789-abcdefghijklmnop';
const botToken = 'MTA1NzY4.bot-token.Zx9_sEcReT-value';
const adminSecret = 'kaltura-admin-secret-42';
const bearer =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJpbnRlZ3JhdG9yIiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJlLWJ5dGVz';
const ks = 'djJ8MTAwfKxSecretSessionBytes';
const dbPassword = 'pg-pass-Secr3t';

/** The real logger, writing its JSON lines here instead of stdout. */
function capture(secrets: string[] = [jwtSecret, botToken, adminSecret]) {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'test',
    level: 'debug',
    secrets,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, output: () => lines.join('') };
}

const everySecret = [jwtSecret, botToken, adminSecret, bearer, ks, dbPassword, 'sig-hex-abcdef'];

describe('logger redaction', () => {
  it('never prints credentials, tokens, signatures, passwords or Kaltura sessions', () => {
    const { logger, output } = capture();
    logger.info(
      {
        request: {
          headers: {
            authorization: `Bearer ${bearer}`,
            'x-signature-ed25519': 'sig-hex-abcdef',
            'x-kaltura-signature': 'sig-hex-abcdef',
            cookie: `session=${bearer}`,
            host: 'api.example.test',
          },
        },
        interaction: { token: 'interaction-token-value', id: '100000000000000901' },
        config: {
          JWT_SECRET: jwtSecret,
          DISCORD_TOKEN: botToken,
          KALTURA_ADMIN_SECRET: adminSecret,
          DATABASE_URL: `postgres://kd:${dbPassword}@db.internal:5432/kd`,
          METRICS_BASIC_AUTH: 'prom:metrics-pw-123',
        },
        user: { password: 'hunter2-hunter2', name: 'ada' },
        ks,
        joinUrl: `https://kaltura.test/virtualEvent/launch?ks=${ks}&role=viewer`,
        deep: { a: { b: { c: { d: { apiKey: 'api-key-value-1234' } } } } },
        innocentName: `value is ${jwtSecret}`,
      },
      'request received',
    );
    const out = output();
    for (const secret of [
      ...everySecret,
      'interaction-token-value',
      'metrics-pw-123',
      'hunter2-hunter2',
      'api-key-value-1234',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
    // What is not secret stays readable.
    const line = JSON.parse(out) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a log line
    expect(line.request.headers.host).toBe('api.example.test');
    expect(line.interaction.id).toBe('100000000000000901');
    expect(line.config.DATABASE_URL).toBe('postgres://kd:[redacted]@db.internal:5432/kd');
    expect(line.joinUrl).toBe('https://kaltura.test/virtualEvent/launch?ks=[redacted]&role=viewer');
    expect(line.user.name).toBe('ada');
    expect(line.message).toBe('request received');
  });

  it('scrubs messages, interpolated values and errors (message and stack) too', () => {
    const { logger, output } = capture();
    const error = new Error(
      `connect failed for postgres://kd:${dbPassword}@db:5432/kd with Bearer ${bearer}`,
    );
    logger.error({ err: error }, 'could not connect');
    logger.error(error);
    logger.warn(`Discord rejected Bot ${botToken}`);
    logger.info('join link %s issued', `https://k.test/launch?ks=${ks}`);
    logger.debug({ err: String(new Error(`secret was ${adminSecret}`)) }, 'failed');
    const out = output();
    for (const secret of everySecret) expect(out).not.toContain(secret);
    const [first] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { err: { type: string } });
    expect(first?.err.type).toBe('Error');
  });

  it('copes with cycles and very deep objects', () => {
    const { logger, output } = capture();
    const cyclic: Record<string, unknown> = { name: 'loop', secret: adminSecret };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { token: 'deepest-token-value' };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    logger.info({ cyclic, deep }, 'odd shapes');
    expect(output()).not.toContain(adminSecret);
    expect(output()).not.toContain('deepest-token-value');
  });

  it('leaves ordinary text alone', () => {
    const redactor = createRedactor([jwtSecret]);
    for (const text of [
      'Basic authentication is required',
      'the Bot disconnected',
      'https://discord.com/api/v10/applications/123/commands',
      'meeting m0abc12345 ended',
    ])
      expect(redactor.text(text)).toBe(text);
  });
});
