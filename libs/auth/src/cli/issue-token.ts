import { userInfo } from 'node:os';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { commonEnv, loadConfigOrExit } from '@kd/config';
import { createBackbone } from '@kd/event-store';
import { createLogger } from '@kd/observability';
import { issueToken } from '../issue-token.js';
import { revokeToken } from '../revoke-token.js';
import { tokenEnv, tokenSettingsOf } from '../token-env.js';
import { parseTokenArgs, tokenUsage, UsageError, type TokenCommand } from './token-args.js';

/** `npm run api:token`: issues a REST API token, or revokes one (see `--help`). */
const issueEnv = z.object({
  JWT_SECRET: z
    .string({ error: 'is required (the api’s JWT_SECRET)' })
    .refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be at least 32 bytes'),
  ...tokenEnv,
});
const revokeEnv = z.object({ ...commonEnv });

async function issue(command: Extract<TokenCommand, { kind: 'issue' }>): Promise<void> {
  const settings = tokenSettingsOf(loadConfigOrExit('api:token', issueEnv));
  const { token, claims } = await issueToken(command, settings, Date.now());
  process.stderr.write(
    `issued: ${JSON.stringify(claims)}\njti: ${claims.jti}\nexpires: ${new Date(claims.exp * 1000).toISOString()}\n`,
  );
  process.stdout.write(`${token}\n`);
}

async function revoke(command: Extract<TokenCommand, { kind: 'revoke' }>): Promise<void> {
  const config = loadConfigOrExit('api:token', revokeEnv);
  const logger = createLogger({ service: 'api-token', level: 'warn' });
  const { nats, store } = createBackbone(config, {
    app: 'api-token',
    logger,
    registry: new Registry(),
  });
  const timeout = setTimeout(() => fail(`cannot reach NATS at ${config.NATS_URL}`), 15_000);
  try {
    await nats.ready;
    const by = command.by ?? `cli:${userInfo().username}`;
    const result = await revokeToken(store, {
      jti: command.jti,
      revokedBy: by.slice(0, 128),
      reason: command.reason,
      correlationId: `cli-revoke-${command.jti}`.slice(0, 128),
    });
    process.stderr.write(
      result.alreadyRevoked ? `already revoked: ${command.jti}\n` : `revoked: ${command.jti}\n`,
    );
  } finally {
    clearTimeout(timeout);
    await nats.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`api:token: ${message}\n`);
  process.exit(1);
}

function main(): Promise<void> {
  const command = parseTokenArgs(process.argv.slice(2));
  switch (command.kind) {
    case 'help':
      process.stdout.write(tokenUsage);
      return Promise.resolve();
    case 'issue':
      return issue(command);
    case 'revoke':
      return revoke(command);
  }
}

try {
  main().then(
    () => process.exit(0),
    (error: unknown) => fail(error instanceof Error ? error.message : String(error)),
  );
} catch (error) {
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  )
    fail(`${(error as Error).message}\n\n${tokenUsage}`);
  throw error;
}
