import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nkeys } from '@nats-io/nats-core';
import { Registry } from 'prom-client';
import { privateNatsServer, testLogger, type PrivateNatsServer } from '@kd/testing';
import { createBackbone } from './backbone.js';
import { connectNats } from './nats-connection.js';

const logger = testLogger('nats-auth');

/** A creds file as `nsc` writes it; a server without an operator checks only the NKey. */
function credsFile(seed: string): string {
  return [
    '-----BEGIN NATS USER JWT-----',
    'eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.e30.AA',
    '------END NATS USER JWT------',
    '',
    '-----BEGIN USER NKEY SEED-----',
    seed,
    '------END USER NKEY SEED------',
    '',
  ].join('\n');
}

describe('NATS login: user and password, or a creds file', () => {
  let dir: string;
  let server: PrivateNatsServer;
  let creds: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kd-nats-auth-'));
    const user = nkeys.createUser();
    creds = join(dir, 'app.creds');
    writeFileSync(creds, credsFile(new TextDecoder().decode(user.getSeed())));
    const config = join(dir, 'nats.conf');
    writeFileSync(
      config,
      `authorization { users = [
        { user: app, password: $KD_TEST_APP_PASSWORD }
        { nkey: ${user.getPublicKey()} }
      ] }\n`,
    );
    server = await privateNatsServer({
      configFile: config,
      env: { KD_TEST_APP_PASSWORD: 'app-password' },
    });
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const connectWith = (auth?: Parameters<typeof connectNats>[0]['auth']) =>
    connectNats({ url: server.url, name: 'test', logger, maxAttempts: 1, auth });

  it('logs in with a user and password, and with a creds file', async () => {
    for (const auth of [{ user: 'app', pass: 'app-password' }, { credsFile: creds }]) {
      const nc = await connectWith(auth);
      await expect(nc.flush()).resolves.toBeUndefined();
      await nc.close();
    }
  });

  it('is refused without a login, with a wrong password, or with another seed', async () => {
    const other = join(dir, 'other.creds');
    writeFileSync(other, credsFile(new TextDecoder().decode(nkeys.createUser().getSeed())));
    await expect(connectWith()).rejects.toThrow(/Authorization/i);
    await expect(connectWith({ user: 'app', pass: 'wrong' })).rejects.toThrow(/Authorization/i);
    await expect(connectWith({ credsFile: other })).rejects.toThrow(/Authorization/i);
  });

  it('passes NATS_USER and NATS_PASSWORD, or NATS_CREDS, from the settings to the connection', async () => {
    const settings = {
      NATS_URL: server.url,
      KD_STREAM: 'KD_AUTH_TEST',
      KD_SUBJECT_PREFIX: 'kdauth',
    };
    for (const login of [
      { NATS_USER: 'app', NATS_PASSWORD: 'app-password' },
      { NATS_CREDS: creds },
    ]) {
      const { nats } = createBackbone(
        { ...settings, ...login },
        { app: 'auth-test', logger, registry: new Registry() },
      );
      try {
        await nats.ready;
        expect(nats.isConnected).toBe(true);
      } finally {
        await nats.close();
      }
    }
  });
});
