import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createAgentClient, type AgentClient } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import type { AgentEvent, CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { Alert, AlertPage } from '../../src/protocol/alerts.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { describeEachDialect, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const attacker = '203.0.113.77';
let sequence = 0;
const failure = (): AgentEvent => {
  sequence += 1;
  const time = new Date(Date.now() - 60_000 + sequence * 1000);
  const stamp =
    time.toUTCString().slice(8, 11) +
    ' ' +
    String(time.getUTCDate()).padStart(2, ' ') +
    ' ' +
    time.toISOString().slice(11, 19);
  return {
    id: `live-${sequence}-${Math.random().toString(36).slice(2)}`,
    time: time.toISOString(),
    kind: 'log',
    source: '/var/log/auth.log',
    data: {
      line: `${stamp} web1 sshd[${4000 + sequence}]: Failed password for root from ${attacker} port ${40000 + sequence} ssh2`,
    },
  };
};

describeEachDialect('live detection', (_dialect, fresh) => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let admin: ApiClient;
  let agent: AgentClient;
  let connect: () => AgentClient;

  const bruteForceAlerts = async (): Promise<Alert[]> => {
    const page = await admin.request<AlertPage>('GET', `/api/alerts?srcIp=${attacker}`);
    return page.body.alerts.filter((alert) => alert.finding_info.title === 'SSH brute force from one source');
  };
  // A real webhook receiver: high-severity alerts must reach it, signed.
  let receiver: Server;
  const deliveries: {
    signature: string | undefined;
    body: { type?: string; finding?: { finding_info?: { title?: string } } };
  }[] = [];
  const start = async () => {
    const { port } = receiver.address() as AddressInfo;
    server = await startTestServer(testDb, {
      notify: {
        channels: [
          {
            name: 'soc',
            type: 'webhook',
            url: `http://127.0.0.1:${port}/hook`,
            secret: 'live-detection-secret-1',
          },
        ],
      },
    });
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
  };

  before(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const signature = request.headers['x-vigil-signature'];
        deliveries.push({
          signature: typeof signature === 'string' ? signature : undefined,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as never,
        });
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    testDb = await fresh();
    await start();
    const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group: 'live',
    });
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const enrolled = await enroll({ token: created.body.token, privateKey, version: 'test' });
    connect = () => createAgentClient({ serverUrl: server.url, agentId: enrolled.agentId, privateKey });
    agent = connect();
  });
  after(async () => {
    await server.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  test('failures sent by an agent become one brute-force alert, counted across a server restart', async () => {
    await agent.post('/api/agent/v1/events', { events: [failure(), failure(), failure()] });
    await server.detection.live.idle();
    assert.deepEqual(await bruteForceAlerts(), [], 'three failures are below the threshold');

    // The restart must not reset the count: two more failures make five.
    await server.close();
    await start();
    agent = connect();
    await agent.post('/api/agent/v1/events', { events: [failure(), failure()] });
    await server.detection.live.idle();
    const alerts = await bruteForceAlerts();
    assert.equal(alerts.length, 1, 'one alert once the fifth failure arrives');
    assert.equal(alerts[0]?.entities.src_ip, attacker);
    assert.equal(alerts[0].severity, 'high');

    // A resent batch (its acknowledgement was lost) is stored once and counted once.
    const again = failure();
    await agent.post('/api/agent/v1/events', { events: [again] });
    await agent.post('/api/agent/v1/events', { events: [again] });
    await server.detection.live.idle();
    const updated = await bruteForceAlerts();
    assert.equal(updated.length, 1, 'repeats update the open alert rather than flood');

    for (let i = 0; i < 50 && deliveries.length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(deliveries.length, 1, 'the new alert is sent once; updates are not (onUpdates is off)');
    assert.match(deliveries[0]?.signature ?? '', /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(deliveries[0]?.body.type, 'alert.created');
    assert.equal(deliveries[0].body.finding?.finding_info?.title, 'SSH brute force from one source');
  });
});
