import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createFileTailer, type TailedLine } from '../../src/agent/tail/file-tailer.ts';
import { repoRoot } from '../helpers/run-ts.ts';

const root = mkdtempSync(join(tmpdir(), 'vigil-tail-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
function freshDir(): string {
  const dir = join(root, `case-${(dirs += 1)}`);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  return dir;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts a tailer on `<dir>/logs/*.log` that records what it delivers. */
async function tail(
  dir: string,
  options: { startAtEnd?: boolean; failFirst?: number; closeRotatedAfterMs?: number } = {},
) {
  const lines: TailedLine[] = [];
  const warnings: string[] = [];
  let failures = options.failFirst ?? 0;
  const tailer = createFileTailer({
    globs: [join(dir, 'logs', '*.log')],
    stateFile: join(dir, 'state', 'offsets.json'),
    pollIntervalMs: 10,
    startAtEnd: options.startAtEnd ?? false,
    closeRotatedAfterMs: options.closeRotatedAfterMs ?? 5000,
    onWarning: (message) => warnings.push(message),
    deliver: (batch) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('server unreachable'));
      }
      lines.push(...batch);
      return Promise.resolve();
    },
  });
  await tailer.start();
  const texts = () => lines.map((line) => line.line);
  return { tailer, lines, warnings, texts };
}

test('complete lines are delivered once; a partial line waits; a restart resumes from saved offsets', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  writeFileSync(log, 'one\ntwo\nthr');
  const first = await tail(dir);
  await waitFor(() => first.lines.length >= 2, 'two lines');
  await settle();
  assert.deepEqual(first.texts(), ['one', 'two'], 'the partial third line is held back');
  appendFileSync(log, 'ee\n');
  await waitFor(() => first.lines.length >= 3, 'the completed line');
  assert.deepEqual(
    first.lines.map(({ line, offset, path, truncated }) => ({ line, offset, path, truncated })),
    [
      { line: 'one', offset: 0, path: log, truncated: false },
      { line: 'two', offset: 4, path: log, truncated: false },
      { line: 'three', offset: 8, path: log, truncated: false },
    ],
  );
  assert.equal(new Set(first.lines.map((line) => line.id)).size, 3);
  await first.tailer.stop();

  appendFileSync(log, 'four\n');
  const second = await tail(dir);
  await waitFor(() => second.lines.length >= 1, 'the new line');
  await settle();
  assert.deepEqual(second.texts(), ['four'], 'nothing delivered before the restart comes again');
  await second.tailer.stop();
  assert.deepEqual(first.warnings, []);
  assert.deepEqual(second.warnings, []);
});

test('a crash between delivery and saving offsets re-delivers the same lines with the same ids', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  writeFileSync(log, 'before-1\nbefore-2\n');
  const first = await tail(dir);
  await waitFor(() => first.lines.length >= 2, 'the first lines');
  await first.tailer.stop();

  appendFileSync(log, 'lost-ack-1\nlost-ack-2\n');
  const outFile = join(dir, 'delivered.json');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/fixtures/agent/tail-then-die.ts',
      join(dir, 'logs', '*.log'),
      join(dir, 'state', 'offsets.json'),
      outFile,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const signal = await new Promise((resolve) => child.on('close', (_code, received) => resolve(received)));
  assert.equal(signal, 'SIGKILL', stderr);
  const deliveredBeforeCrash = JSON.parse(readFileSync(outFile, 'utf8')) as TailedLine[];
  assert.deepEqual(
    deliveredBeforeCrash.map((line) => line.line),
    ['lost-ack-1', 'lost-ack-2'],
  );

  const after = await tail(dir);
  await waitFor(() => after.lines.length >= 2, 'the re-delivery');
  await settle();
  assert.deepEqual(
    after.lines,
    deliveredBeforeCrash,
    'same lines, offsets and ids: the server can dedup them',
  );
  await after.tailer.stop();
});

test('a rejected delivery is retried with the same ids', async () => {
  const dir = freshDir();
  writeFileSync(join(dir, 'logs', 'app.log'), 'alpha\nbeta\n');
  const { tailer, lines, warnings, texts } = await tail(dir, { failFirst: 2 });
  await waitFor(() => lines.length >= 2, 'the retried delivery');
  await settle();
  assert.deepEqual(texts(), ['alpha', 'beta']);
  assert.equal(warnings.filter((warning) => warning.includes('server unreachable')).length, 2);
  await tailer.stop();
});

test('rename rotation: the old file is read to its end, then the new file from its start', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  const writer = openSync(log, 'a');
  writeSync(writer, 'old-1\n');
  const { tailer, lines, texts } = await tail(dir);
  await waitFor(() => lines.length >= 1, 'the first line');

  renameSync(log, `${log}.1`);
  // The writer has not reopened its log yet, so it still appends to the renamed file.
  writeSync(writer, 'old-2 written after the rename\n');
  closeSync(writer);
  writeFileSync(log, 'new-1\n');
  await waitFor(() => lines.length >= 3, 'the rest of the old file and the new file');
  await settle();
  assert.deepEqual(texts(), ['old-1', 'old-2 written after the rename', 'new-1']);
  assert.ok(
    lines.every((line) => line.path === log),
    'lines of the rotated file are reported under the name it was tailed as',
  );
  assert.equal(new Set(lines.map((line) => line.id)).size, 3);

  unlinkSync(`${log}.1`);
  unlinkSync(log);
  await settle();
  writeFileSync(log, 'recreated\n');
  await waitFor(() => lines.length >= 4, 'the recreated file');
  assert.deepEqual(lines.at(-1)?.offset, 0);
  await tailer.stop();
});

test('a file rotated while the tailer was stopped is finished from logrotate’s .1 name', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  writeFileSync(log, 'seen\n');
  const first = await tail(dir);
  await waitFor(() => first.lines.length >= 1, 'the first line');
  await first.tailer.stop();

  appendFileSync(log, 'written while stopped\n');
  renameSync(log, `${log}.1`);
  writeFileSync(log, 'after rotation\n');
  const second = await tail(dir);
  await waitFor(() => second.lines.length >= 2, 'both files');
  await settle();
  assert.deepEqual(second.texts(), ['written while stopped', 'after rotation']);
  await second.tailer.stop();
});

test('copytruncate and truncation start again from byte 0 with ids that cannot collide with the old ones', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  writeFileSync(log, 'banner\nfirst content, long enough to be past the new end\n');
  const { tailer, lines, texts } = await tail(dir);
  await waitFor(() => lines.length >= 2, 'the original content');

  // Same inode, same first line: only the truncation tells the contents apart.
  copyFileSync(log, `${log}.1`);
  truncateSync(log, 0);
  appendFileSync(log, 'banner\nsecond\n');
  await waitFor(() => lines.length >= 4, 'the content after copytruncate');
  assert.deepEqual(texts().slice(2), ['banner', 'second']);
  assert.deepEqual(
    lines.slice(2).map((line) => line.offset),
    [0, 7],
  );
  assert.notEqual(lines[2]!.id, lines[0]!.id, 'same offset and first line, yet a different id');

  truncateSync(log, 3);
  appendFileSync(log, '\nthird\n');
  await waitFor(() => lines.length >= 6, 'the content after truncation');
  assert.deepEqual(texts().slice(4), ['ban', 'third']);
  assert.equal(new Set(lines.map((line) => line.id)).size, 6);
  await tailer.stop();
});

test('content replaced in place while stopped, and longer than before, is still read from the start', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  writeFileSync(log, 'short\n');
  const first = await tail(dir);
  await waitFor(() => first.lines.length >= 1, 'the first line');
  await first.tailer.stop();

  truncateSync(log, 0);
  appendFileSync(log, 'a different first line\nand more\n');
  const second = await tail(dir);
  await waitFor(() => second.lines.length >= 2, 'the replaced content');
  await settle();
  assert.deepEqual(second.texts(), ['a different first line', 'and more']);
  assert.notEqual(second.lines[0]!.id, first.lines[0]!.id);
  await second.tailer.stop();
});

test('content replaced in place while stopped with the same first line and a greater size is read from the start', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  writeFileSync(log, 'banner\nold\n');
  const first = await tail(dir);
  await waitFor(() => first.lines.length >= 2, 'the first lines');
  await first.tailer.stop();

  // Neither the first line nor the size gives this away; the bytes before the offset do.
  truncateSync(log, 0);
  appendFileSync(log, 'banner\nnew content, longer than the old\n');
  const second = await tail(dir);
  await waitFor(() => second.lines.length >= 2, 'the replaced content');
  await settle();
  assert.deepEqual(second.texts(), ['banner', 'new content, longer than the old']);
  assert.notEqual(second.lines[0]!.id, first.lines[0]!.id);
  await second.tailer.stop();
});

test('a file let go of and back later with the same inode and first line gets new ids', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  writeFileSync(log, 'banner\nold\n');
  const { tailer, lines, texts } = await tail(dir, { closeRotatedAfterMs: 20 });
  await waitFor(() => lines.length >= 2, 'the first lines');
  // Renaming out of the glob and back stands in for a freed inode handed to a new file, which
  // file systems do at will and which a test cannot force.
  renameSync(log, join(dir, 'away'));
  const stateFile = join(dir, 'state', 'offsets.json');
  // The offsets are saved just after a delivery resolves, so the file may not be there yet.
  const retired = (): unknown[] =>
    existsSync(stateFile)
      ? (JSON.parse(readFileSync(stateFile, 'utf8')) as { retired: unknown[] }).retired
      : [];
  await waitFor(() => retired().length === 1, 'the file to be let go of');
  writeFileSync(join(dir, 'away'), 'banner\nnew\n');
  renameSync(join(dir, 'away'), log);
  await waitFor(() => lines.length >= 4, 'the new content');
  assert.deepEqual(texts(), ['banner', 'old', 'banner', 'new']);
  assert.equal(new Set(lines.map((line) => line.id)).size, 4, 'no id of the old content is reused');
  await tailer.stop();
});

test('startAtEnd skips what files held at start, but files that appear later are read whole', async () => {
  const dir = freshDir();
  writeFileSync(join(dir, 'logs', 'old.log'), 'history\npartial line being writ');
  const { tailer, lines, texts } = await tail(dir, { startAtEnd: true });
  await settle();
  assert.deepEqual(lines, []);
  appendFileSync(join(dir, 'logs', 'old.log'), 'ten\nfresh\n');
  writeFileSync(join(dir, 'logs', 'new.log'), 'born later\n');
  writeFileSync(join(dir, 'logs', 'ignored.txt'), 'not matched\n');
  await waitFor(() => lines.length >= 2, 'new lines');
  await settle();
  assert.deepEqual(texts().sort(), ['born later', 'fresh']);
  await tailer.stop();
});

test('a 1 MiB line arriving in pieces is delivered truncated to the cap and the next line is intact', async () => {
  const dir = freshDir();
  const log = join(dir, 'logs', 'app.log');
  writeFileSync(log, 'x'.repeat(512 * 1024));
  const { tailer, lines } = await tail(dir);
  await waitFor(() => lines.length >= 1, 'the truncated head');
  appendFileSync(log, `${'y'.repeat(512 * 1024)}\nafter\n`);
  await waitFor(() => lines.length >= 2, 'the line after');
  await settle();
  assert.equal(lines.length, 2);
  assert.equal(lines[0]!.truncated, true);
  assert.equal(lines[0]!.offset, 0);
  assert.equal(lines[0]!.line, 'x'.repeat(64 * 1024));
  assert.deepEqual(
    { line: lines[1]!.line, offset: lines[1]!.offset, truncated: lines[1]!.truncated },
    { line: 'after', offset: 1024 * 1024 + 1, truncated: false },
  );
  await tailer.stop();
});

test('NULs and invalid UTF-8 are delivered safely', async () => {
  const dir = freshDir();
  writeFileSync(
    join(dir, 'logs', 'app.log'),
    Buffer.concat([Buffer.from('a\u0000b'), Buffer.of(0xff, 0xfe), Buffer.from('c\n../../etc/passwd\n')]),
  );
  const { tailer, lines, texts } = await tail(dir);
  await waitFor(() => lines.length >= 2, 'the lines');
  assert.deepEqual(texts(), ['a\u0000b\ufffd\ufffdc', '../../etc/passwd']);
  await tailer.stop();
});

test('a damaged offsets file gives a warning and a fresh start instead of a crash', async () => {
  const dir = freshDir();
  writeFileSync(join(dir, 'logs', 'app.log'), 'one\n');
  mkdirSync(join(dir, 'state'));
  writeFileSync(join(dir, 'state', 'offsets.json'), '{"version":1,"files":[{"offset":"x"');
  const { tailer, lines, warnings } = await tail(dir);
  await waitFor(() => lines.length >= 1, 'the line');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /offsets\.json is not valid JSON; tailing starts over/);
  await tailer.stop();
  const saved = JSON.parse(readFileSync(join(dir, 'state', 'offsets.json'), 'utf8')) as {
    files: { offset: number }[];
  };
  assert.deepEqual(
    saved.files.map((file) => file.offset),
    [4],
    'the offsets file is whole again',
  );
});
