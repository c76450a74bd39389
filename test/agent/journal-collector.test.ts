import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  createJournalCollector,
  type JournalCollectorOptions,
} from '../../src/agent/journal/journal-collector.ts';
import { runAgent } from '../../src/agent/run-agent.ts';
import { silentLogger } from '../../src/platform/logger.ts';
import type { AgentEvent, CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import { needs } from '../helpers/requirements.ts';
import { repoRoot } from '../helpers/run-ts.ts';
import { describeEachDialect } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

/*
 * Real journalctl over real journal files. With no journald in a container, the files are
 * written by systemd-journal-remote, which turns the journal export format into journal files
 * and appends to an existing one; journalctl --follow sees the appended entries through inotify.
 */
const journalRemote =
  ['/usr/lib/systemd/systemd-journal-remote', '/lib/systemd/systemd-journal-remote'].find((path) =>
    existsSync(path),
  ) ?? 'systemd-journal-remote';
const requirements = {
  ...needs('journalctl', 'the journald collector runs it'),
  ...needs(journalRemote, 'writes the journal files the tests read; Debian package systemd-journal-remote'),
};

const root = mkdtempSync(join(tmpdir(), 'vigil-journal-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
function freshDir(): string {
  const dir = join(root, `case-${(dirs += 1)}`);
  mkdirSync(join(dir, 'journal'), { recursive: true });
  return dir;
}

const bootA = 'a'.repeat(32);
const bootB = 'b'.repeat(32);
let sequence = 0;

interface Entry {
  message: string | Buffer;
  boot?: string;
  fields?: Record<string, string>;
}

/** Appends entries to `<dir>/journal/system.journal`, each one second after the last. */
function writeEntries(dir: string, entries: Entry[]): void {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    sequence += 1;
    const fields = {
      __REALTIME_TIMESTAMP: String(1_700_000_000_000_000 + sequence * 1_000_000),
      __MONOTONIC_TIMESTAMP: String(sequence),
      _BOOT_ID: entry.boot ?? bootA,
      ...entry.fields,
    };
    for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`${name}=${value}\n`));
    // The binary form: a name, a little-endian 64-bit length, the bytes.
    const message = Buffer.from(entry.message);
    const size = Buffer.alloc(8);
    size.writeBigUInt64LE(BigInt(message.length));
    parts.push(Buffer.from('MESSAGE\n'), size, message, Buffer.from('\n\n'));
  }
  const result = spawnSync(journalRemote, [`--output=${join(dir, 'journal', 'system.journal')}`, '-'], {
    input: Buffer.concat(parts),
  });
  assert.equal(result.status, 0, result.stderr.toString());
}

const texts = (from: number, count: number) => Array.from({ length: count }, (_, i) => `entry ${from + i}`);
const entries = (from: number, count: number, extra: Omit<Entry, 'message'> = {}) =>
  texts(from, count).map((message) => ({ message, ...extra }));

/** Message → cursor, as journalctl itself reports them. */
function cursors(dir: string): Map<string, string> {
  const output = execFileSync('journalctl', [
    `--directory=${join(dir, 'journal')}`,
    '--merge',
    '--output=json',
    '--output-fields=MESSAGE,__CURSOR',
  ]).toString();
  const parsed = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { MESSAGE: string; __CURSOR: string });
  return new Map(parsed.map((entry) => [entry.MESSAGE, entry.__CURSOR]));
}

const idOf = (cursor: string) => `jd-${createHash('sha256').update(cursor).digest('hex').slice(0, 32)}`;

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Starts a collector on `<dir>/journal` that records what it delivers. */
async function collect(dir: string, options: Partial<JournalCollectorOptions> = {}) {
  const events: AgentEvent[] = [];
  const warnings: string[] = [];
  const collector = createJournalCollector({
    stateFile: join(dir, 'state', 'journal-cursor.json'),
    extraArgs: [`--directory=${join(dir, 'journal')}`],
    batchMs: 20,
    restartDelayMs: { min: 50, max: 400 },
    deliver: (batch) => {
      events.push(...batch);
      return Promise.resolve();
    },
    onWarning: (message) => warnings.push(message),
    ...options,
  });
  await collector.start();
  const lines = () => events.map((event) => event.data.line);
  return { collector, events, warnings, lines };
}

/** Pids of the journalctl processes reading `<dir>/journal`, found through /proc. */
function journalctlPids(dir: string): number[] {
  const marker = `--directory=${join(dir, 'journal')}`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return (args[0] ?? '').endsWith('journalctl') && args.includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

test(
  'a first start begins at the end; new entries arrive in order with cursor ids, times and fields',
  requirements,
  async () => {
    const dir = freshDir();
    writeEntries(dir, entries(0, 2));
    const run = await collect(dir);
    writeEntries(
      dir,
      entries(2, 3, {
        fields: {
          SYSLOG_IDENTIFIER: 'sshd',
          _PID: '4242',
          _SYSTEMD_UNIT: 'ssh.service',
          PRIORITY: '6',
          OTHER: 'x',
        },
      }),
    );
    await waitFor(() => run.events.length >= 3, 'three entries');
    await settle();
    await run.collector.stop();
    assert.deepEqual(run.lines(), texts(2, 3), 'what the journal held at the first start is skipped');
    const known = cursors(dir);
    run.events.forEach((event, i) => {
      const cursor = known.get(`entry ${2 + i}`);
      assert.ok(cursor);
      assert.equal(event.id, idOf(cursor));
      assert.equal(event.time, new Date(1_700_000_000_000 + (sequence - 2 + i) * 1000).toISOString());
      assert.equal(event.kind, 'log');
      assert.equal(event.source, 'journald');
      assert.deepEqual(event.data.fields, {
        SYSLOG_IDENTIFIER: 'sshd',
        _PID: '4242',
        _SYSTEMD_UNIT: 'ssh.service',
        PRIORITY: '6',
        _BOOT_ID: bootA,
      });
    });
    assert.deepEqual(run.warnings, []);
  },
);

test('a restart resumes after the saved cursor; an entry read again keeps its id', requirements, async () => {
  const dir = freshDir();
  writeEntries(dir, entries(0, 3));
  const first = await collect(dir, { fromStart: true });
  await waitFor(() => first.events.length >= 3, 'the entries already there, with fromStart');
  await settle();
  await first.collector.stop();
  assert.deepEqual(first.lines(), texts(0, 3));
  const stateFile = join(dir, 'state', 'journal-cursor.json');
  copyFileSync(stateFile, join(dir, 'older-cursor.json'));

  writeEntries(dir, entries(3, 3));
  const second = await collect(dir, { fromStart: true });
  writeEntries(dir, entries(6, 2));
  await waitFor(() => second.events.length >= 5, 'the entries written while stopped and after');
  await settle();
  await second.collector.stop();
  assert.deepEqual(second.lines(), texts(3, 5), 'no gap and no repeat');

  // As after a crash between appending to the spool and saving the cursor.
  copyFileSync(join(dir, 'older-cursor.json'), stateFile);
  const third = await collect(dir);
  await waitFor(() => third.events.length >= 5, 'the entries after the older cursor');
  await settle();
  await third.collector.stop();
  assert.deepEqual(
    third.events.map((event) => event.id),
    second.events.map((event) => event.id),
  );
});

test(
  'entries of an earlier boot written after the cursor are not skipped (--merge, --cursor)',
  requirements,
  async () => {
    const dir = freshDir();
    writeEntries(dir, entries(0, 2));
    const first = await collect(dir, { fromStart: true });
    await waitFor(() => first.events.length >= 2, 'boot a');
    await first.collector.stop();
    writeEntries(dir, entries(2, 1));
    writeEntries(dir, entries(3, 2, { boot: bootB }));
    const second = await collect(dir);
    await waitFor(() => second.events.length >= 3, 'the rest of boot a and boot b');
    await settle();
    await second.collector.stop();
    assert.deepEqual(second.lines(), texts(2, 3));
  },
);

test(
  'a rotated journal file is followed into the next one, also across a restart',
  requirements,
  async () => {
    const dir = freshDir();
    const run = await collect(dir);
    writeEntries(dir, entries(0, 2));
    await waitFor(() => run.events.length >= 2, 'two entries');
    // As journald rotates: the active file is archived under a new name and a new one started.
    const archived = (n: number) =>
      join(dir, 'journal', `system@${'0'.repeat(31)}${n}-0000000000000001-0005f00000000000.journal`);
    renameSync(join(dir, 'journal', 'system.journal'), archived(1));
    writeEntries(dir, entries(2, 2));
    await waitFor(() => run.events.length >= 4, 'entries in the new file');
    await run.collector.stop();
    renameSync(join(dir, 'journal', 'system.journal'), archived(2));
    writeEntries(dir, entries(4, 1));
    const again = await collect(dir);
    await waitFor(() => again.events.length >= 1, 'the entry written while stopped');
    await settle();
    await again.collector.stop();
    assert.deepEqual([...run.lines(), ...again.lines()], texts(0, 5));
  },
);

test('a unit filter keeps only the units asked for, also across a restart', requirements, async () => {
  const dir = freshDir();
  const ssh = { fields: { _SYSTEMD_UNIT: 'ssh.service' } };
  const cron = { fields: { _SYSTEMD_UNIT: 'cron.service' } };
  writeEntries(dir, [...entries(0, 2, ssh), ...entries(2, 2, cron)]);
  const first = await collect(dir, { units: ['ssh.service'] });
  writeEntries(dir, [...entries(4, 1, ssh), ...entries(5, 1, cron)]);
  await waitFor(() => first.events.length >= 1, 'the ssh entry');
  await first.collector.stop();
  writeEntries(dir, [...entries(6, 1, cron), ...entries(7, 1, ssh)]);
  const second = await collect(dir, { units: ['ssh.service'] });
  await waitFor(() => second.events.length >= 1, 'the ssh entry written while stopped');
  await settle();
  await second.collector.stop();
  assert.deepEqual([...first.lines(), ...second.lines()], ['entry 4', 'entry 7']);
});

test(
  'a binary MESSAGE is decoded as UTF-8; long messages are cut and flagged; later entries are intact',
  requirements,
  async () => {
    const dir = freshDir();
    const run = await collect(dir, { maxLineBytes: 1000 });
    const binary = Buffer.concat([Buffer.from('héllo '), Buffer.from([0xff, 0x01]), Buffer.from(' wörld')]);
    writeEntries(dir, [
      { message: binary },
      { message: `${'a'.repeat(200_000)}tail` },
      { message: Buffer.concat([Buffer.from([0x01]), Buffer.alloc(200_000, 0x62)]) },
      { message: 'after' },
    ]);
    await waitFor(() => run.events.length >= 4, 'four entries');
    await run.collector.stop();
    const [decoded, longText, longBinary, afterwards] = run.events.map((event) => event.data);
    assert.equal(decoded?.line, 'héllo \ufffd\u0001 wörld');
    assert.equal(decoded.truncated, undefined);
    assert.equal(longText?.line, 'a'.repeat(1000));
    assert.equal(longText.truncated, true);
    assert.equal(longBinary?.line, `\u0001${'b'.repeat(999)}`);
    assert.equal(longBinary.truncated, true);
    assert.equal(afterwards?.line, 'after');
  },
);

test('a killed journalctl is started again, with nothing lost or repeated', requirements, async () => {
  const dir = freshDir();
  const run = await collect(dir);
  writeEntries(dir, entries(0, 2));
  await waitFor(() => run.events.length >= 2, 'two entries');
  const [pid] = journalctlPids(dir);
  assert.ok(pid !== undefined, 'journalctl is running');
  process.kill(pid, 'SIGKILL');
  await waitFor(() => run.warnings.some((warning) => warning.includes('killed by SIGKILL')), 'the warning');
  writeEntries(dir, entries(2, 2));
  await waitFor(() => run.events.length >= 4, 'entries after the restart');
  await settle();
  await run.collector.stop();
  assert.deepEqual(run.lines(), texts(0, 4));
  assert.deepEqual(journalctlPids(dir), [], 'stop() ends journalctl');
});

test('a failed delivery is retried with the same entries', requirements, async () => {
  const dir = freshDir();
  let failures = 1;
  const delivered: string[] = [];
  const run = await collect(dir, {
    deliver: (batch) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('disk full'));
      }
      delivered.push(...batch.map((event) => String(event.data.line)));
      return Promise.resolve();
    },
  });
  writeEntries(dir, entries(0, 3));
  await waitFor(() => delivered.length >= 3, 'the retried batch');
  await settle();
  await run.collector.stop();
  assert.deepEqual(delivered, texts(0, 3));
  assert.ok(run.warnings.some((warning) => warning.includes('disk full')));
});

test('a missing journalctl is reported once and collection stays off', async () => {
  for (const fromStart of [false, true]) {
    const dir = freshDir();
    const run = await collect(dir, { journalctlPath: join(dir, 'no-such-journalctl'), fromStart });
    await settle();
    await run.collector.stop();
    assert.equal(run.warnings.length, 1, run.warnings.join('\n'));
    assert.match(run.warnings[0] ?? '', /not found/);
  }
});

test(
  'killed with SIGKILL while entries stream in, a restarted collector stores every entry once by id',
  requirements,
  async () => {
    const dir = freshDir();
    const out = join(dir, 'spool.jsonl');
    const script = join(dir, 'collector.mts');
    const collectorModule = join(repoRoot, 'src/agent/journal/journal-collector.ts');
    // Appends each batch durably before resolving, as the agent's spool does.
    writeFileSync(
      script,
      `import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { createJournalCollector } from ${JSON.stringify(collectorModule)};
const collector = createJournalCollector({
  stateFile: ${JSON.stringify(join(dir, 'state', 'journal-cursor.json'))},
  fromStart: true,
  extraArgs: [${JSON.stringify(`--directory=${join(dir, 'journal')}`)}],
  batchSize: 7,
  batchMs: 5,
  deliver: async (events) => {
    const fd = openSync(${JSON.stringify(out)}, 'a');
    writeSync(fd, events.map((event) => JSON.stringify(event) + '\\n').join(''));
    fsyncSync(fd);
    closeSync(fd);
  },
});
await collector.start();
process.stdout.write('started\\n');
`,
    );
    const startChild = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('close', (code) => reject(new Error(`the collector exited with ${code ?? 'a signal'}`)));
      });
      return child;
    };
    const stored = () =>
      existsSync(out)
        ? readFileSync(out, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as AgentEvent)
        : [];
    const total = 300;
    let child = await startChild();
    for (let written = 0; written < total; written += 10) {
      writeEntries(dir, entries(written, 10));
      if (written === 100) {
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('close', resolve));
        child = await startChild();
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    try {
      await waitFor(() => new Set(stored().map((event) => event.id)).size >= total, `${total} distinct ids`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
      // The first child's journalctl outlives it until its next write fails.
      for (const pid of journalctlPids(dir)) process.kill(pid, 'SIGKILL');
    }
    const events = stored();
    const byId = new Map(events.map((event) => [event.id, event.data.line]));
    assert.equal(byId.size, total);
    assert.deepEqual(
      [...new Set(byId.values())].sort(),
      texts(0, total).sort(),
      'every entry, each under one id',
    );
    const known = cursors(dir);
    for (const [id, line] of byId) assert.equal(id, idOf(known.get(String(line)) ?? ''));
  },
);

describeEachDialect('journald in the agent', (_dialect, fresh) => {
  test('journal entries reach the server once, as log events from journald', requirements, async () => {
    const dir = freshDir();
    const server = await startTestServer(await fresh());
    const admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const token = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {});
    const options = {
      dataDir: join(dir, 'agent'),
      token: token.body.token,
      logGlobs: [],
      version: 'test',
      logger: silentLogger,
      inventoryIntervalMs: 0,
      journal: { extraArgs: [`--directory=${join(dir, 'journal')}`] },
    };
    const stored = () =>
      server.deps.database.db
        .selectFrom('events')
        .select(['event_id', 'source', 'data'])
        .where('kind', '=', 'log')
        .execute();
    try {
      let agent = await runAgent(options);
      writeEntries(dir, entries(0, 3, { fields: { SYSLOG_IDENTIFIER: 'sshd' } }));
      await waitFor(async () => (await stored()).length >= 3, 'three stored events');
      await agent.stop();
      assert.deepEqual(journalctlPids(dir), [], 'the agent stops journalctl');
      // Forgetting the cursor makes the agent read the three entries again; the server keeps one copy.
      writeFileSync(join(dir, 'agent', 'journal-cursor.json'), '{"version":1,"cursor":null}\n');
      agent = await runAgent(options);
      writeEntries(dir, entries(3, 1));
      await waitFor(async () => (await stored()).length >= 4, 'the fourth stored event');
      await settle();
      await agent.stop();
      const rows = await stored();
      assert.deepEqual(
        rows.map((row) => [row.source, (JSON.parse(row.data) as { line: string }).line]).sort(),
        texts(0, 4).map((line) => ['journald', line]),
      );
    } finally {
      await server.close();
    }
  });
});
