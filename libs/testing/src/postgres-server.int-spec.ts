import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { privatePostgres, type PrivatePostgres } from './postgres-server.js';

describe('privatePostgres', () => {
  let server: PrivatePostgres;
  beforeAll(async () => {
    server = await privatePostgres();
  });
  afterAll(() => server?.dispose());

  it('serves its own cluster, and a restart cuts open connections but keeps the data', async () => {
    const before = new pg.Client({ connectionString: server.url('postgres') });
    await before.connect();
    await before.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
    const lost = new Promise((resolve) => before.on('error', resolve));
    server.restart();
    expect(await lost).toBeInstanceOf(Error);
    const after = new pg.Client({ connectionString: server.url('postgres') });
    await after.connect();
    expect((await after.query('SELECT n FROM kept')).rows).toEqual([{ n: 7 }]);
    await after.end();
  });
});
