import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { RunningServer } from '../../src/server/start-server.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const postgres = testDialects.find((d) => d.name === 'postgres');

// Registered only with PostgreSQL configured; SQLite has no connections to lose.
if (postgres) {
  describe('PostgreSQL connections killed under a running server', () => {
    let testDb: TestDatabase;
    let server: RunningServer;
    before(async () => {
      testDb = await postgres.create();
      server = await startTestServer(testDb);
    });
    after(async () => {
      await server.close();
      await testDb.dispose();
    });

    test('the server stays up and serves again once the pool reconnects', async () => {
      const client = new ApiClient(server.url);
      assert.equal((await client.login('admin', adminPassword)).status, 200);
      const dbName = new URL(testDb.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.VIGIL_TEST_DATABASE_URL });
      await admin.connect();
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [dbName],
      );
      await admin.end();
      assert.ok(killed.rowCount && killed.rowCount > 0, 'some connections were killed');
      let status = 0;
      for (let attempt = 0; attempt < 5 && status !== 200; attempt += 1) {
        status = (await client.request('GET', '/api/users')).status;
      }
      assert.equal(status, 200);
      assert.equal((await client.request('GET', '/readyz')).status, 200);
    });
  });
}
