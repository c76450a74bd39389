import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, before, test } from 'node:test';
import type { AlertPage } from '../../src/protocol/alerts.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { describeEachDialect } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

describeEachDialect('detection on syslog from a network device', (_dialect, fresh) => {
  let server: RunningServer;
  let admin: ApiClient;

  before(async () => {
    server = await startTestServer(await fresh(), { syslog: { udp: { host: '127.0.0.1', port: 0 } } });
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
  });
  after(() => server.close());

  test('sshd failures relayed over UDP syslog raise a brute-force alert naming the relaying host', async () => {
    const port = server.syslog?.udp?.port;
    assert.ok(port);
    const socket = createSocket('udp4');
    const now = new Date();
    for (let i = 0; i < 5; i += 1) {
      const stamp = new Date(now.getTime() - 60_000 + i * 1000).toISOString();
      const message = `<38>1 ${stamp} bastion sshd 4242 - - Failed password for admin from 198.51.100.66 port ${50000 + i} ssh2`;
      await new Promise<void>((resolve, reject) =>
        socket.send(message, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
      );
    }
    socket.close();
    let alerts: AlertPage['alerts'] = [];
    for (let i = 0; i < 50 && alerts.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await server.detection.live.idle();
      alerts = (await admin.request<AlertPage>('GET', '/api/alerts?srcIp=198.51.100.66')).body.alerts;
    }
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.finding_info.title, 'SSH brute force from one source');
    assert.equal(alerts[0].entities.host, 'bastion');
  });
});
