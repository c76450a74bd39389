import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/run-ts.ts';
import { ApiClient } from '../helpers/test-server.ts';

/** What `npm start` runs: the installed `vigil` binary serving on the embedded SQLite default. */
test('first start creates admin, prints the URL and a one-time password that signs in, and enrolls a local agent', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-first-'));
  const env = { ...process.env };
  delete env.VIGIL_ADMIN_PASSWORD;
  delete env.VIGIL_DATABASE_URL;
  const child = spawn(process.execPath, ['bin/vigil.js', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...env, VIGIL_LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const deadline = Date.now() + 30_000;
    while (!/password: \S+/.test(output) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const url = /Vigil is running at (http:\/\/\S+)/.exec(output)?.[1];
    const password = /password: (\S+)/.exec(output)?.[1];
    assert.ok(url && password, `no URL or password in:\n${output}`);
    assert.match(output, /Database: sqlite \(.*vigil\.db\)/);
    const client = new ApiClient(url);
    const login = await client.login('admin', password);
    assert.equal(login.status, 200);
    assert.equal(
      output.split(password).length - 1,
      1,
      'the password appears once, in the banner, never in logs',
    );
    let agents: { group: string; status: string }[] = [];
    for (let i = 0; i < 100 && agents.length === 0; i += 1) {
      agents = (await client.request<{ agents: typeof agents }>('GET', '/api/agents')).body.agents;
      if (agents.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(
      agents.map((a) => [a.group, a.status]),
      [['vigil-server', 'online']],
      'the server protects its own host with a local agent',
    );
    // The running agent replaces its state files through temporary ones, which may vanish mid-listing.
    const contents = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).flatMap((file) => {
      try {
        return statSync(join(dataDir, file)).isFile()
          ? [{ file, bytes: readFileSync(join(dataDir, file)) }]
          : [];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    });
    assert.ok(contents.some(({ file }) => file === 'vigil.db'));
    for (const { file, bytes } of contents) {
      assert.ok(!bytes.includes(password), `${file} holds the password in clear`);
    }
  } finally {
    child.kill('SIGTERM');
    assert.equal(await exited, 0, 'SIGTERM shuts down cleanly');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a weak VIGIL_ADMIN_PASSWORD stops the first start with exit 2 and a reason', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-first-'));
  const child = spawn(process.execPath, ['bin/vigil.js', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, VIGIL_ADMIN_PASSWORD: 'admin' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  assert.equal(code, 2);
  assert.match(stderr, /^vigil: VIGIL_ADMIN_PASSWORD: password must be at least 15 characters/m);
});
