import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { agentUnitFile, buildAgent, forbiddenPackages, type AgentBuild } from '../../scripts/build-agent.ts';
import { agentEnvironment, agentNodeFlags, agentUnit } from '../../src/agent/systemd-unit.ts';
import pkg from '../../package.json' with { type: 'json' };
import { testDialects } from '../helpers/test-database.ts';
import { adminPassword, ApiClient, startTestServer } from '../helpers/test-server.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let built: AgentBuild;
let dir: string;
let bundle: string;
/** No NODE_PATH and a cwd outside the repository: the bundle cannot find node_modules. */
const isolatedEnv = () => {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return env;
};

before(async () => {
  built = await buildAgent();
  dir = mkdtempSync(join(tmpdir(), 'vigil-bundle-'));
  bundle = join(dir, 'vigil-agent.mjs');
  copyFileSync(built.outfile, bundle);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the bundle holds no native package and runs with plain node outside the repository', async () => {
  assert.deepEqual(
    built.packages.filter((name) => forbiddenPackages.includes(name)),
    [],
  );
  assert.ok(built.packages.includes('commander'), 'commander is bundled');
  assert.ok(readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n'));
  const { stdout } = await run(process.execPath, [bundle, '--version'], { cwd: dir, env: isolatedEnv() });
  assert.equal(stdout.trim(), pkg.version);
});

test('the node flags and environment of the unit start the bundle', async () => {
  const { stdout } = await run(process.execPath, [...agentNodeFlags, bundle, '--version'], {
    cwd: dir,
    env: { ...isolatedEnv(), ...agentEnvironment },
  });
  assert.equal(stdout.trim(), pkg.version);
});

test('packaging/vigil-agent.service is the unit the agent installs', () => {
  assert.equal(readFileSync(agentUnitFile, 'utf8'), agentUnit());
});

test('install --root writes the bundle, the unit, the data directory and the token', async () => {
  const root = join(dir, 'root');
  const { stdout } = await run(process.execPath, [bundle, 'install', '--root', root, '--token', 'tok-123'], {
    cwd: dir,
    env: isolatedEnv(),
  });
  assert.match(stdout, /systemctl daemon-reload && systemctl enable --now vigil-agent/);
  const mode = (path: string) => statSync(join(root, path)).mode & 0o777;
  assert.deepEqual(readFileSync(join(root, 'opt/vigil/vigil-agent.mjs')), readFileSync(bundle));
  assert.equal(mode('var/lib/vigil-agent'), 0o700);
  assert.ok(statSync(join(root, 'var/lib/vigil-agent')).isDirectory());
  assert.equal(mode('etc/vigil/enroll-token'), 0o600);
  assert.equal(readFileSync(join(root, 'etc/vigil/enroll-token'), 'utf8').trim(), 'tok-123');
  const unit = readFileSync(join(root, 'etc/systemd/system/vigil-agent.service'), 'utf8');
  for (const line of [
    'ExecStart=/usr/bin/node --max-opt=1 --max-semi-space-size=1 /opt/vigil/vigil-agent.mjs --data-dir /var/lib/vigil-agent',
    'Environment=MALLOC_MMAP_THRESHOLD_=32768',
    'Environment=VIGIL_ENROLL_TOKEN_FILE=/etc/vigil/enroll-token',
    'User=root',
    'ProtectSystem=strict',
    'ReadWritePaths=/var/lib/vigil-agent',
    'ProtectHome=read-only',
    'NoNewPrivileges=yes',
    'PrivateTmp=yes',
    'Restart=always',
    'RestartSec=5',
    'MemoryMax=256M',
    'CPUQuota=50%',
  ]) {
    assert.ok(unit.split('\n').includes(line), `unit has ${line}`);
  }
});

test('the bundled agent enrolls and ships log lines to a server', async () => {
  const dialect = testDialects[0]!;
  const db = await dialect.create();
  const server = await startTestServer(db);
  const logFile = join(dir, 'app.log');
  writeFileSync(logFile, 'first line\n');
  let output = '';
  try {
    const admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const created = await admin.request<{ token: string }>('POST', '/api/agents/enrollment-tokens', {
      maxUses: 1,
    });
    assert.equal(created.status, 201);
    const args = [bundle, '--data-dir', join(dir, 'agent'), '--token', created.body.token];
    args.push('--log', logFile, '--from-start', '--no-inventory', '--no-fim');
    const child = spawn(process.execPath, args, { cwd: dir, env: isolatedEnv() });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      appendFileSync(logFile, 'second line\nthird line\n');
      const lines = async () =>
        (await db.database.db.selectFrom('events').select('data').where('kind', '=', 'log').execute())
          .map((row) => (JSON.parse(row.data) as { line: string }).line)
          .sort();
      const deadline = Date.now() + 30_000;
      // Lines may be shipped before start-up finishes and logs "agent running"; wait for both.
      const running = () => output.includes('"msg":"agent running"');
      while (((await lines()).length < 3 || !running()) && Date.now() < deadline && child.exitCode === null)
        await sleep(100);
      assert.deepEqual(await lines(), ['first line', 'second line', 'third line'], output);
      assert.match(output, /"msg":"agent running"/, 'JSON logs, no pretty transport');
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output);
    }
  } finally {
    await server.close();
    await db.dispose();
  }
});
