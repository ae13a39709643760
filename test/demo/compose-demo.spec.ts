import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseDemoArgs } from '../../tools/demo/demo-options.js';

// Docker does not run on the development machines: check that `docker compose --env-file
// tools/demo/compose.env --profile demo up` can work, as far as that can be checked without it.
const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
const env = Object.fromEntries(
  readFileSync(join(root, 'tools/demo/compose.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
interface Service {
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}
const services = (
  parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  }
).services;

describe('the compose demo', () => {
  it("gives the api the public key of discord-sim's private key", () => {
    const key = createPrivateKey({
      key: Buffer.from(env.DISCORD_SIM_PRIVATE_KEY!, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
    expect(der.subarray(der.length - 32).toString('hex')).toBe(env.DISCORD_PUBLIC_KEY);
    expect(services['discord-sim']?.environment?.DISCORD_SIM_PRIVATE_KEY).toBe(
      '${DISCORD_SIM_PRIVATE_KEY:-}',
    );
    expect(services.api?.environment?.DISCORD_PUBLIC_KEY).toBe('${DISCORD_PUBLIC_KEY:-}');
  });

  it('points the api and notifier at the simulators, and gives the bot no token', () => {
    expect(env).toMatchObject({
      DISCORD_API_URL: 'http://discord-sim:4011/api',
      KALTURA_SERVICE_URL: 'http://kaltura-sim:4010',
      BOT_DISCORD_TOKEN: '',
    });
    for (const name of ['api', 'notifier'])
      expect(services[name]?.environment?.DISCORD_API_URL).toBe(
        '${DISCORD_API_URL:-https://discord.com/api}',
      );
    expect(services.bot?.environment?.DISCORD_TOKEN).toBe(
      '${BOT_DISCORD_TOKEN-${DISCORD_TOKEN:-}}',
    );
    expect(services['discord-sim']?.environment?.DISCORD_SIM_INTERACTIONS_URL).toBe(
      `http://api:${services.api?.environment?.HTTP_PORT}/interactions`,
    );
  });

  it('runs the simulators and the demo in the demo profile only, the demo with valid arguments', () => {
    for (const name of ['kaltura-sim', 'discord-sim', 'demo'])
      expect(services[name]?.profiles).toEqual(['demo']);
    const args = (services.demo?.command ?? [])
      .slice(2)
      .map((a) => a.replace(/^\$\{DEMO_MINUTES:-(\d+)\}$/, '$1'));
    const options = parseDemoArgs(args, services.demo?.environment ?? {});
    expect(options).toMatchObject({
      durationMs: 600_000,
      apiUrl: 'http://api:8080',
      discordSimUrl: 'http://discord-sim:4011',
      kalturaSimUrl: 'http://kaltura-sim:4010',
      nats: { url: 'nats://nats:4222', stream: 'KD_EVENTS', subjectPrefix: 'kd.events' },
    });
    expect(Object.keys(services.demo?.depends_on ?? {})).toEqual(
      expect.arrayContaining(['api', 'projector', 'kaltura-sim', 'discord-sim']),
    );
  });
});
