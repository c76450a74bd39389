import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetScanDetail, NetScanSummary } from '../../../src/protocol/netscan-api.ts';
import { describeEachDialect } from '../../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../../helpers/test-server.ts';

const netscan = { scope: ['127.0.0.1/32'] };

describeEachDialect('a network scan the server stops in the middle', (_dialect, fresh) => {
  test('is failed with the reason, at once or when the server starts again, and the queue goes on', async () => {
    const testDb = await fresh();
    let server = await startTestServer(testDb, { netscan });
    let admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    // Every port of 127.0.0.1 with every check: long enough to be stopped while it runs.
    const long = await admin.request<NetScanSummary>('POST', '/api/network/scans', {
      targets: ['127.0.0.1'],
      ports: 'all',
    });
    assert.equal(long.status, 202, JSON.stringify(long.body));
    const next = await admin.request<NetScanSummary>('POST', '/api/network/scans', {
      targets: ['127.0.0.1'],
      ports: '1',
      checks: ['exposure'],
    });
    for (let i = 0; i < 100; i += 1) {
      const scan = await admin.request<NetScanSummary>('GET', `/api/network/scans/${long.body.id}`);
      if (scan.body.status === 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await server.close();

    server = await startTestServer(testDb, { netscan });
    try {
      admin = new ApiClient(server.url);
      await admin.login('admin', adminPassword);
      const stopped = await admin.request<NetScanDetail>('GET', `/api/network/scans/${long.body.id}`);
      assert.deepEqual(
        [stopped.body.status, stopped.body.error],
        ['failed', 'the server stopped while the scan ran'],
      );
      // The scan queued behind it runs in the new process.
      let status = '';
      for (let i = 0; i < 300 && status !== 'done'; i += 1) {
        const scan = await admin.request<NetScanSummary>('GET', `/api/network/scans/${next.body.id}`);
        status = scan.body.status;
        if (status !== 'done') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(status, 'done');
    } finally {
      await server.close();
    }
  });
});
