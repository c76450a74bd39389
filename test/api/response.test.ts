import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { createAgentClient, type AgentClient } from '../../src/agent/agent-client.ts';
import { enroll } from '../../src/agent/enroll.ts';
import { verifyTaskEnvelope } from '../../src/agent/task-runner.ts';
import { publicKeyFromRaw } from '../../src/modules/agents/signing.ts';
import { sweepExpiredBlocks } from '../../src/modules/response/sweep-expired-blocks.ts';
import type { AgentEvent, CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { AlertPage } from '../../src/protocol/alerts.ts';
import type { AuditPage } from '../../src/protocol/audit.ts';
import type { Block, BlockList, ResponsePolicies } from '../../src/protocol/blocks.ts';
import type { ConfigInput } from '../../src/platform/config.ts';
import type { FirewallBlockParams, FirewallSyncParams } from '../../src/protocol/firewall.ts';
import type { Problem } from '../../src/protocol/problem.ts';
import type { TaskEnvelope, TaskPollResponse } from '../../src/protocol/tasks.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import { runTs } from '../helpers/run-ts.ts';
import { describeEachDialect, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const minute = 60_000;
const attacker = '203.0.113.77';
/** One of this machine's own addresses, which the server never blocks; loopback where it has no other. */
const serverAddress =
  Object.values(networkInterfaces())
    .flat()
    .find((info) => info?.family === 'IPv4' && !info.internal)?.address ?? '127.0.0.2';
const officeRange = '198.51.100.0/24';

/** Recent: detection forgets a source whose last failure is older (by the clock) than the rule's ten minutes. */
const logStart = Date.now() - 2 * minute;
let sequence = 0;
/**
 * One sshd `Failed password` line from `ip`, as an agent ships it, `later` ms into the log. The
 * brute-force rule fires once per ten minutes of log time, so a second offence is written later.
 */
function failure(ip: string, later = 0): AgentEvent {
  sequence += 1;
  const time = new Date(logStart + later + sequence * 1000);
  const stamp = `${time.toUTCString().slice(8, 11)} ${String(time.getUTCDate()).padStart(2, ' ')} ${time.toISOString().slice(11, 19)}`;
  return {
    id: `response-${sequence}-${Math.random().toString(36).slice(2)}`,
    time: time.toISOString(),
    kind: 'log',
    source: '/var/log/auth.log',
    data: {
      line: `${stamp} web1 sshd[${4000 + sequence}]: Failed password for deploy from ${ip} port ${40000 + sequence} ssh2`,
    },
  };
}

/** A server, an admin session and one enrolled agent that polls by hand, so every task it is sent is seen. */
interface Harness {
  server: RunningServer;
  admin: ApiClient;
  agentId: string;
  agent: AgentClient;
  /** Waits for the tasks this agent is sent, each checked as the agent checks it (signature, address, expiry). */
  poll(waitSeconds?: number, signal?: AbortSignal): Promise<TaskEnvelope[]>;
  /** Sends `n` failed logins from `ip`, `later` ms into the log, and waits until detection and the response policies are done. */
  attack(ip: string, n: number, later?: number): Promise<void>;
  blocks(query?: string): Promise<Block[]>;
  audit(action: string): Promise<AuditPage['entries']>;
}

async function harness(testDb: TestDatabase, response: ConfigInput['response'] = {}): Promise<Harness> {
  const server = await startTestServer(testDb, { response });
  const admin = new ApiClient(server.url);
  await admin.login('admin', adminPassword);
  const created = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
    group: 'web',
  });
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  const state = await enroll({
    token: created.body.token,
    serverUrl: server.url,
    privateKey,
    version: 'test',
  });
  assert.ok(state.taskPublicKey);
  const serverKey = publicKeyFromRaw(state.taskPublicKey);
  const agent = createAgentClient({ serverUrl: server.url, agentId: state.agentId, privateKey });
  const settle = async () => {
    await server.detection.live.idle();
    await server.detection.response.idle();
  };
  return {
    server,
    admin,
    agentId: state.agentId,
    agent,
    async poll(waitSeconds = 0, signal) {
      const answer = await agent.post<TaskPollResponse>(
        '/api/agent/v1/tasks/poll',
        { waitSeconds },
        signal ? { signal } : {},
      );
      return answer.tasks.map((raw) => {
        const verdict = verifyTaskEnvelope(raw, { serverKey, agentId: state.agentId, now: Date.now() });
        assert.ok(verdict.ok, `the agent would refuse ${raw.kind}: ${verdict.ok ? '' : verdict.reason}`);
        return verdict.task;
      });
    },
    async attack(ip, n, later = 0) {
      await agent.post('/api/agent/v1/events', {
        events: Array.from({ length: n }, () => failure(ip, later)),
      });
      await settle();
    },
    async blocks(query = '') {
      return (await admin.request<BlockList>('GET', `/api/blocks${query}`)).body.blocks;
    },
    async audit(action) {
      const page = await admin.request<AuditPage>('GET', '/api/audit?limit=1000');
      return page.body.entries.filter((entry) => entry.action === action);
    },
  };
}

const blockParams = (task: TaskEnvelope | undefined) => task?.params as FirewallBlockParams | undefined;
const secondsUntil = (iso: string | null | undefined) =>
  Math.round((Date.parse(iso ?? '') - Date.now()) / 1000);

describeEachDialect('active response', (_dialect, fresh) => {
  describe('policies, manual blocks and reconciliation', () => {
    let h: Harness;
    let testDb: TestDatabase;
    before(async () => {
      testDb = await fresh();
      h = await harness(testDb, { allowlist: [officeRange] });
      assert.deepEqual(await h.poll(), [], 'a new host with nothing to block gets no sync');
    });
    after(async () => {
      await h.server.close();
    });

    test('a brute force queues a signed firewall.block for the attacked host with the first duration, fast', async () => {
      await h.attack(attacker, 4);
      assert.deepEqual(await h.blocks(), [], 'four failures are below the threshold');
      const waiting = h.poll(10);
      // Let the long poll reach the server before the fifth failure.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      await h.agent.post('/api/agent/v1/events', { events: [failure(attacker)] });
      const tasks = await waiting;
      const latencyMs = Date.now() - started;
      assert.ok(latencyMs < 1000, `the block reached the waiting poll in ${latencyMs} ms`);
      assert.deepEqual(
        tasks.map((task) => task.kind),
        ['firewall.block'],
      );
      const [entry] = blockParams(tasks[0])?.blocks ?? [];
      assert.equal(entry?.address, attacker);
      assert.ok(Math.abs(secondsUntil(entry.expiresAt) - 600) < 30, 'the first rung: 10 minutes');

      await h.server.detection.response.idle();
      const [block] = await h.blocks();
      assert.ok(block);
      assert.equal(block.address, attacker);
      assert.equal(block.level, 1);
      assert.equal(block.createdBy, 'policy:ssh-brute-force');
      assert.deepEqual(block.scope, { agents: [h.agentId] });
      assert.equal(block.hosts[0]?.id, h.agentId);
      assert.equal(block.ruleId, '64dbd59d-140c-4a4f-8e62-0d5f95a24c53');
      assert.ok(block.alertId);
      const [audited] = await h.audit('response.block');
      assert.equal(audited?.actor, 'policy:ssh-brute-force');
      assert.match(audited.detail ?? '', /10m \(level 1\)/);
    });

    test('repeats of the attack while it is blocked queue nothing', async () => {
      await h.attack(attacker, 5, 11 * minute);
      const alerts = await h.admin.request<AlertPage>('GET', `/api/alerts?srcIp=${attacker}`);
      assert.equal(alerts.body.alerts[0]?.count, 10, 'the repeat updated the alert the policy saw');
      assert.deepEqual(await h.poll(), []);
      assert.equal((await h.blocks()).length, 1);
    });

    test('the expiry sweep lifts and audits; the next offence escalates to the second rung', async () => {
      const swept = await sweepExpiredBlocks(h.server.deps, new Date(Date.now() + 11 * minute));
      assert.equal(swept, 1);
      assert.deepEqual(await h.blocks(), []);
      const [lifted] = await h.blocks('?status=lifted');
      assert.equal(lifted?.liftedBy, 'expiry');
      assert.equal(lifted.active, false);
      const [expiry] = await h.audit('response.expire');
      assert.equal(expiry?.actor, 'system');
      assert.match(expiry.target ?? '', new RegExp(attacker.replaceAll('.', '\\.')));
      assert.equal(await sweepExpiredBlocks(h.server.deps, new Date(Date.now() + 11 * minute)), 0);

      await h.attack(attacker, 5, 22 * minute);
      const tasks = await h.poll();
      assert.deepEqual(
        tasks.map((task) => task.kind),
        ['firewall.block'],
      );
      assert.ok(Math.abs(secondsUntil(blockParams(tasks[0])?.blocks[0]?.expiresAt) - 3600) < 30, 'one hour');
      const [second] = await h.blocks();
      assert.equal(second?.level, 2);
    });

    test('allowlisted, server and agent addresses are never blocked, and that is audited', async () => {
      for (const ip of ['198.51.100.7', serverAddress, '127.0.0.1']) await h.attack(ip, 5);
      assert.deepEqual(await h.poll(), []);
      assert.deepEqual(
        (await h.blocks()).map((block) => block.address),
        [attacker],
      );
      const spared = await h.audit('response.spared');
      const reasons = new Map(spared.map((entry) => [entry.target, entry.detail ?? '']));
      assert.match(reasons.get('198.51.100.7') ?? '', /response\.allowlist/);
      assert.match(reasons.get(serverAddress) ?? '', /this server's address|loopback/);
      assert.match(reasons.get('127.0.0.1') ?? '', /loopback|agent/);

      const refused = await h.admin.request<Problem>('POST', '/api/blocks', {
        address: '127.0.0.0/16',
        reason: 'would cut the agent off',
      });
      assert.equal(refused.status, 409);
      assert.match(refused.body.detail ?? '', /never blocked/);
      const policies = await h.admin.request<ResponsePolicies>('GET', '/api/response/policies');
      assert.equal(policies.status, 200);
      assert.deepEqual(
        policies.body.policies.map((policy) => policy.name),
        ['ssh-brute-force'],
      );
      assert.deepEqual(policies.body.durations, ['10m', '1h', '24h', '7d']);
      const sources = new Set(policies.body.allowlist.map((entry) => `${entry.source} ${entry.address}`));
      for (const expected of [`config ${officeRange}`, 'loopback 127.0.0.0/8', 'server 127.0.0.1'])
        assert.ok(sources.has(expected), expected);
      assert.ok(
        policies.body.allowlist.some((entry) => entry.source === 'agent' && entry.address === '127.0.0.1'),
      );
    });

    let manual: Block;
    test('a block made by hand goes to every host and is lifted with a reason', async () => {
      const created = await h.admin.request<Block>('POST', '/api/blocks', {
        address: '198.18.0.9/24',
        durationSeconds: 7200,
        reason: 'scanner on the VPN range',
      });
      assert.equal(created.status, 201);
      manual = created.body;
      assert.equal(manual.address, '198.18.0.0/24', 'stored as its network');
      assert.equal(manual.scope, 'all');
      assert.equal(manual.level, 0);
      assert.equal(manual.createdBy, 'admin');
      const [queued] = await h.poll();
      assert.equal(queued?.kind, 'firewall.block');
      assert.equal(blockParams(queued)?.blocks[0]?.address, '198.18.0.0/24');
      assert.ok(Math.abs(secondsUntil(blockParams(queued)?.blocks[0]?.expiresAt) - 7200) < 30);
      const permanent = await h.admin.request<Block>('POST', '/api/blocks', {
        address: '2001:DB8::1',
        durationSeconds: null,
        reason: 'known bad',
        scope: { group: 'web' },
      });
      assert.equal(permanent.status, 201);
      assert.equal(permanent.body.address, '2001:db8::1');
      assert.equal(permanent.body.expiresAt, null);
      assert.deepEqual(blockParams((await h.poll())[0])?.blocks, [
        { address: '2001:db8::1', expiresAt: null },
      ]);

      const lifted = await h.admin.request<Block>('DELETE', `/api/blocks/${manual.id}`, {
        reason: 'the scan ended',
      });
      assert.equal(lifted.status, 200);
      assert.equal(lifted.body.liftReason, 'the scan ended');
      assert.equal(lifted.body.liftedBy, 'admin');
      const [unblock] = await h.poll();
      assert.equal(unblock?.kind, 'firewall.unblock');
      assert.deepEqual(unblock.params, { addresses: ['198.18.0.0/24'] });
      const again = await h.admin.request<Problem>('DELETE', `/api/blocks/${manual.id}`, { reason: 'twice' });
      assert.equal(again.status, 409);
      const createdEntry = (await h.audit('response.blocks.create')).find((entry) =>
        entry.target?.startsWith('198.18.0.0/24'),
      );
      assert.equal(createdEntry?.actor, 'admin');
      assert.match(createdEntry.detail ?? '', /until .* on .*; reason: scanner on the VPN range/);
      assert.equal((await h.audit('response.blocks.lift')).length >= 1, true);
      assert.deepEqual(
        (await h.blocks('?address=2001:db8')).map((block) => block.address),
        ['2001:db8::1'],
      );
    });

    test('the CLI blocks, lists and unblocks with the server’s key, and is audited', async () => {
      const common = ['--data-dir', testDb.dataDir, '--database-url', testDb.url];
      const vigil = (args: string[]) => runTs('src/cli/main.ts', [...common, ...args]);
      const blocked = await vigil([
        'block',
        '198.18.1.99',
        '--for',
        '1h',
        '--reason',
        'from a script',
        '--hosts',
        'web',
      ]);
      assert.equal(blocked.code, 0, blocked.stderr);
      assert.match(blocked.stdout, /blocked 198\.18\.1\.99 until .* on /);
      const [task] = await h.poll();
      assert.equal(
        task?.kind,
        'firewall.block',
        'signed with the key from the data dir, so the agent accepts it',
      );
      assert.equal(blockParams(task)?.blocks[0]?.address, '198.18.1.99');

      const listed = await vigil(['blocks', '--format', 'json']);
      assert.equal(listed.code, 0, listed.stderr);
      const rows = JSON.parse(listed.stdout) as Block[];
      assert.ok(rows.some((row) => row.address === '198.18.1.99' && row.createdBy.startsWith('cli:')));
      const table = await vigil(['blocks', '--all']);
      assert.match(table.stdout, /198\.18\.0\.0\/24 .* lifted/);

      const unblocked = await vigil(['unblock', '198.18.1.99', '--reason', 'done']);
      assert.equal(unblocked.code, 0, unblocked.stderr);
      assert.equal((await h.poll())[0]?.kind, 'firewall.unblock');
      const missing = await vigil(['unblock', '198.18.1.99']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /not blocked/);
      const bad = await vigil(['block', 'web1']);
      assert.equal(bad.code, 2);
      const cli = [...(await h.audit('response.blocks.create')), ...(await h.audit('response.blocks.lift'))];
      assert.ok(cli.some((entry) => entry.method === 'CLI' && entry.target?.startsWith('198.18.1.99')));
      assert.equal(cli.filter((entry) => entry.method === 'CLI').length, 2);
    });

    test('an agent that restarts or comes back gets its whole list', async () => {
      const abort = new AbortController();
      const cut = h.poll(20, abort.signal).catch(() => []);
      await new Promise((resolve) => setTimeout(resolve, 200));
      abort.abort();
      await cut;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [sync] = await h.poll();
      assert.equal(sync?.kind, 'firewall.sync');
      const listed = (sync.params as FirewallSyncParams).blocks.map((entry) => entry.address).sort();
      assert.deepEqual(listed, ['2001:db8::1', attacker]);
      assert.deepEqual(await h.poll(), [], 'once');

      // Silent for minutes: the host may have rebooted, or the server was down.
      const silence = () =>
        h.server.deps.database.db
          .updateTable('firewall_agents')
          .set({ last_poll_at: new Date(Date.now() - 10 * minute).toISOString() })
          .execute();
      await silence();
      const [again] = await h.poll();
      assert.equal(again?.kind, 'firewall.sync');

      // Silent because it ran a long task, whose result it reported: busy, not away.
      await h.agent.post(`/api/agent/v1/tasks/${again.id}/result`, { status: 'succeeded', output: 'loaded' });
      await silence();
      assert.deepEqual(await h.poll(), []);
    });

    test('auditors read blocks and policies but change nothing; bad input is a 400', async () => {
      await h.admin.request('POST', '/api/users', {
        username: 'auditor1',
        role: 'auditor',
        password: 'auditor-passphrase-42',
      });
      const auditor = new ApiClient(h.server.url);
      await auditor.login('auditor1', 'auditor-passphrase-42');
      assert.equal((await auditor.request('GET', '/api/blocks')).status, 200);
      assert.equal((await auditor.request('GET', '/api/response/policies')).status, 200);
      const body = { address: '198.18.2.50', reason: 'no' };
      assert.equal((await auditor.request('POST', '/api/blocks', body)).status, 403);
      assert.equal(
        (await auditor.request('DELETE', `/api/blocks/${manual.id}`, { reason: 'no' })).status,
        403,
      );
      assert.ok((await h.audit('response.blocks.create')).some((entry) => entry.outcome === 'denied'));

      const bad: [string, string, unknown][] = [
        ['POST', '/api/blocks', { address: 'web1', reason: 'x' }],
        ['POST', '/api/blocks', { address: '198.18.2.50', reason: '' }],
        ['POST', '/api/blocks', { address: '198.18.2.50', reason: 'x', durationSeconds: 5 }],
        ['POST', '/api/blocks', { address: '198.18.2.50', reason: 'x', scope: { group: 'nowhere' } }],
        [
          'POST',
          '/api/blocks',
          { address: '198.18.2.50', reason: 'x', scope: { agents: ['no-such-agent'] } },
        ],
        ['POST', '/api/blocks', { address: '198.18.2.50/33', reason: 'x' }],
        ['DELETE', `/api/blocks/${manual.id}`, {}],
        ['GET', '/api/blocks?status=gone', undefined],
        ['GET', '/api/blocks?address=%25', undefined],
      ];
      for (const [method, path, payload] of bad) {
        const answer = await h.admin.request<Problem>(method, path, payload);
        assert.equal(answer.status, 400, `${method} ${path} ${JSON.stringify(payload)}`);
        assert.equal(answer.body.code, 'validation_failed');
      }
      assert.equal((await h.admin.request('DELETE', '/api/blocks/nope', { reason: 'x' })).status, 404);
    });
  });

  describe('dry run', () => {
    let h: Harness;
    before(async () => {
      h = await harness(await fresh(), {
        dryRun: true,
        policies: [
          {
            name: 'lock-and-block',
            match: { tags: ['ATTACK.T1110.001'], groups: ['web'] },
            actions: [{ type: 'block', scope: 'all' }, { type: 'lock_account' }, { type: 'notify' }],
          },
        ],
      });
    });
    after(async () => {
      await h.server.close();
    });

    test('logs and audits what it would do and changes nothing', async () => {
      await h.attack(attacker, 5);
      assert.deepEqual(await h.blocks('?status=all'), []);
      assert.deepEqual(await h.poll(), []);
      const offenders = await h.server.deps.database.db.selectFrom('offenders').selectAll().execute();
      assert.deepEqual(offenders, []);
      const wouldDo = (await h.audit('response.dry_run')).map((entry) => `${entry.target}: ${entry.detail}`);
      assert.equal(wouldDo.length, 2);
      assert.ok(wouldDo.some((line) => line.startsWith(`${attacker}: would block for 10m (level 1)`)));
      assert.ok(wouldDo.some((line) => /^deploy on .*: would lock the account/.test(line)));
      assert.equal((await h.audit('response.notify')).length, 1);
      assert.equal((await h.audit('response.block')).length, 0);
    });
  });
});
