import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importFeed } from '../../src/modules/vulns/import-feed.ts';
import type { HostInventory } from '../../src/protocol/inventory.ts';
import type { PatchPlan, PatchPlanList } from '../../src/protocol/patch-api.ts';
import type { VulnFinding, VulnFindingList } from '../../src/protocol/vuln-api.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import type { VigilProcess } from '../helpers/child-process.ts';
import { startEnrolledAgent } from '../helpers/enrolled-agent.ts';
import { needs } from '../helpers/requirements.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

/*
 * Issue 7, for real: two versions of a tiny .deb built with dpkg-deb, the newer one served from a
 * local file repository that apt knows through one sources file, the older one installed. A real
 * `vigil agent` reports its inventory; an OSV record says 1.0-1 is vulnerable and 1.0-2 fixes it;
 * Vigil plans the upgrade, simulates it with apt-get -s, a second admin approves, the agent
 * upgrades the package with apt-get, a fresh inventory verifies it and the finding resolves.
 * Only the test's own source is refreshed; the package, the source and its lists go afterwards.
 */

const pkg = 'vigil-e2e-hello';
const cve = 'CVE-2099-0001';

function requirements(): { skip?: string } {
  if (process.getuid?.() !== 0) {
    const reason = 'installing packages with dpkg and apt-get needs root';
    if (process.env.CI === 'true') throw new Error(`CI requires root: ${reason}`);
    return { skip: reason };
  }
  for (const [program, why] of [
    ['dpkg-deb', 'the test builds its packages with dpkg-deb'],
    ['apt-get', 'the agent upgrades through apt-get'],
    ['dpkg-query', 'the test reads the installed version with dpkg-query'],
  ] as const) {
    const options = needs(program, why);
    if (options.skip) return options;
  }
  return {};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(250)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
  }
}

/** Builds `name_version_all.deb` into `dir` with a file under /usr/share/NAME/. */
function buildDeb(scratch: string, version: string, dir: string): string {
  const root = join(scratch, `build-${version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr/share', pkg), { recursive: true });
  writeFileSync(
    join(root, 'DEBIAN/control'),
    `Package: ${pkg}\nVersion: ${version}\nArchitecture: all\nMaintainer: Vigil tests <tests@vigil.invalid>\n` +
      'Description: Vigil end-to-end patch test package\n',
  );
  writeFileSync(join(root, 'usr/share', pkg, 'version'), `${version}\n`);
  const file = join(dir, `${pkg}_${version}_all.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '--build', root, file], { stdio: 'ignore' });
  return file;
}

/** A flat repository's Packages index: each .deb's control fields, then where it is and its checksum. */
function writePackagesIndex(repo: string): void {
  const stanzas = readdirSync(repo)
    .filter((name) => name.endsWith('.deb'))
    .map((name) => {
      const file = join(repo, name);
      const control = execFileSync('dpkg-deb', ['--field', file], { encoding: 'utf8' }).trimEnd();
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
      return `${control}\nFilename: ./${name}\nSize: ${statSync(file).size}\nSHA256: ${sha256}\n`;
    });
  writeFileSync(join(repo, 'Packages'), stanzas.join('\n'));
}

function installedVersion(): string | null {
  try {
    return execFileSync('dpkg-query', ['-W', '-f', '${Version}', pkg], { encoding: 'utf8', stdio: 'pipe' });
  } catch {
    return null;
  }
}

describe('patching a real .deb through a real agent', requirements(), () => {
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-patch-e2e-'));
  const repo = join(scratch, 'repo');
  const sourcesFile = `/etc/apt/sources.list.d/vigil-e2e-${process.pid}.list`;
  let db: TestDatabase | undefined;
  let server: RunningServer | undefined;
  let admin: ApiClient;
  let approver: ApiClient;
  let agent: VigilProcess | undefined;
  let agentId: string;

  before(async () => {
    // apt fetches as its own user (_apt), which must be able to read the repository.
    chmodSync(scratch, 0o755);
    mkdirSync(repo);
    const old = buildDeb(scratch, '1.0-1', scratch);
    buildDeb(scratch, '1.0-2', repo);
    writePackagesIndex(repo);
    writeFileSync(sourcesFile, `deb [trusted=yes] file:${repo} ./\n`);
    execFileSync(
      'apt-get',
      [
        'update',
        '-o',
        `Dir::Etc::sourcelist=${sourcesFile}`,
        '-o',
        'Dir::Etc::sourceparts=-',
        '-o',
        'APT::Get::List-Cleanup=0',
      ],
      { stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
    );
    execFileSync('dpkg', ['-i', old], { stdio: 'pipe' });
    assert.equal(installedVersion(), '1.0-1');

    db = await (testDialects[0] as (typeof testDialects)[number]).create();
    server = await startTestServer(db);
    const { url } = server;
    admin = new ApiClient(url);
    await admin.login('admin', adminPassword);
    const made = await admin.request('POST', '/api/users', {
      username: 'second-admin',
      role: 'admin',
      password: 'rollout-approver-passphrase-42',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    approver = new ApiClient(url);
    await approver.login('second-admin', 'rollout-approver-passphrase-42');

    ({ agent, agentId } = await startEnrolledAgent(admin, scratch, 'e2e', [
      '--no-journal',
      '--no-fim',
      '--no-firewall',
    ]));
  });

  after(async () => {
    try {
      await agent?.stop();
      await server?.close();
      await db?.dispose();
    } finally {
      // Whatever happened above, the machine gets its sources and packages back.
      rmSync(sourcesFile, { force: true });
      // apt names a source's lists after its URI, with slashes as underscores.
      const prefix = `${repo.replaceAll('/', '_')}_`;
      for (const dir of ['/var/lib/apt/lists', '/var/lib/apt/lists/partial']) {
        for (const name of readdirSync(dir)) {
          if (name.startsWith(prefix)) rmSync(join(dir, name), { force: true });
        }
      }
      rmSync(scratch, { recursive: true, force: true });
      if (installedVersion() !== null) execFileSync('dpkg', ['--purge', pkg], { stdio: 'pipe' });
    }
  });

  test('an OSV record makes a finding, and an approved plan upgrades the package and resolves it', async () => {
    await until('the agent’s inventory with the old package', async () => {
      const inventory = await admin.request<HostInventory>('GET', `/api/agents/${agentId}/inventory`);
      const entry =
        inventory.status === 200
          ? inventory.body.inventory.packages.find((item) => item.name === pkg)
          : undefined;
      return entry?.version === '1.0-1' ? entry : undefined;
    });

    const feed = join(scratch, 'osv');
    mkdirSync(feed);
    writeFileSync(
      join(feed, 'VIGIL-E2E-0001.json'),
      JSON.stringify({
        schema_version: '1.6.0',
        id: 'VIGIL-E2E-0001',
        aliases: [cve],
        modified: '2025-01-01T00:00:00Z',
        published: '2025-01-01T00:00:00Z',
        summary: `${pkg} greets too loudly`,
        affected: [
          {
            package: { ecosystem: 'Debian:12', name: pkg },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-2' }] }],
          },
        ],
      }),
    );
    assert.ok(server);
    await importFeed(server.deps, feed, { name: 'e2e-osv' });
    const finding = await until('the finding', async () => {
      const list = await admin.request<VulnFindingList>('GET', `/api/vulnerabilities?package=${pkg}`);
      return list.body.findings.find((item) => item.agentId === agentId);
    });
    assert.equal(finding.vulnerability.id, cve);
    assert.equal(finding.package.version, '1.0-1');
    assert.equal(finding.fixedVersion, '1.0-2');

    const created = await admin.request<PatchPlan>('POST', '/api/patch-plans', {
      name: 'e2e hello fix',
      findingIds: [finding.id],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const planId = created.body.id;
    assert.deepEqual(created.body.hosts[0]?.packages, [
      { name: pkg, from: '1.0-1', atLeast: '1.0-2', version: null },
    ]);

    assert.equal((await admin.request('POST', `/api/patch-plans/${planId}/simulate`)).status, 202);
    const simulated = await until('the simulation', async () => {
      const plan = await admin.request<PatchPlan>('GET', `/api/patch-plans/${planId}`);
      return plan.body.hosts[0]?.status === 'pending' ? undefined : plan.body;
    });
    const host = simulated.hosts[0];
    assert.equal(host?.status, 'simulated', JSON.stringify(host));
    assert.deepEqual(host.simulation?.changes, [
      { name: pkg, from: '1.0-1', to: '1.0-2', action: 'upgrade' },
    ]);
    assert.match(host.simulation.output, /^Inst vigil-e2e-hello \[1\.0-1\] \(1\.0-2 /m);
    assert.equal(host.packages[0]?.version, '1.0-2');
    assert.equal(installedVersion(), '1.0-1', 'a simulation changes nothing');

    // The author may not approve their own plan; another admin may.
    const own = await admin.request<{ code: string }>('POST', `/api/patch-plans/${planId}/approve`);
    assert.equal(own.status, 409);
    assert.match(own.headers.get('content-type') ?? '', /application\/problem\+json/);
    const approved = await approver.request<PatchPlan>('POST', `/api/patch-plans/${planId}/approve`);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.approvedBy, 'second-admin');

    assert.equal((await admin.request('POST', `/api/patch-plans/${planId}/start`)).status, 202);
    const done = await until(
      'the rollout',
      async () => {
        const plan = await admin.request<PatchPlan>('GET', `/api/patch-plans/${planId}`);
        return ['completed', 'stopped'].includes(plan.body.status) ? plan.body : undefined;
      },
      180_000,
    );
    const patched = done.hosts[0];
    assert.equal(
      done.status,
      'completed',
      `${done.message ?? ''}\n${JSON.stringify(patched)}\n${agent?.output() ?? ''}`,
    );
    assert.equal(patched?.status, 'succeeded');
    assert.equal(patched.remainingFindings, 0);
    assert.match(patched.output ?? '', /Unpacking vigil-e2e-hello \(1\.0-2\) over \(1\.0-1\)/);
    assert.equal(patched.rebootRequired, false);
    assert.equal(installedVersion(), '1.0-2');
    assert.equal(readFileSync(`/usr/share/${pkg}/version`, 'utf8'), '1.0-2\n');

    const resolved = await admin.request<VulnFinding>('GET', `/api/vulnerabilities/${finding.id}`);
    assert.equal(resolved.body.status, 'resolved');
    assert.ok(resolved.body.resolvedAt);

    const plans = await admin.request<PatchPlanList>('GET', '/api/patch-plans');
    assert.deepEqual(
      plans.body.plans.map((plan) => [plan.name, plan.status, plan.succeeded, plan.failed, plan.findings]),
      [['e2e hello fix', 'completed', 1, 0, 1]],
    );
    const audit = await admin.request<{ entries: { action: string; target: string | null }[] }>(
      'GET',
      '/api/audit?limit=500',
    );
    const actions = audit.body.entries.map((entry) => entry.action);
    for (const action of [
      'patches.plans.create',
      'patches.plans.simulate',
      'patches.host.simulated',
      'patches.plans.approve',
      'patches.plans.start',
      'patches.host.apply',
      'patches.host.applied',
      'patches.host.succeeded',
      'patches.plan.completed',
    ])
      assert.ok(actions.includes(action), `${action} is not in the audit log: ${actions.join(' ')}`);
  });
});
