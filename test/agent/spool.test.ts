import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openSpool, type SpoolRecord } from '../../src/agent/spool/spool.ts';
import { repoRoot } from '../helpers/run-ts.ts';

const root = mkdtempSync(join(tmpdir(), 'vigil-spool-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `spool-${(dirs += 1)}`);

const segmentFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.startsWith('segment-'))
    .sort();
const event = (id: string, extra: Record<string, unknown> = {}) => ({ id, ...extra });
const ids = (records: SpoolRecord[]) => records.map((record) => record.event.id);

function startWriter(mode: 'append' | 'hold', dir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/agent/spool-writer.ts', mode, dir],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('close', (_code, signal) => resolve(signal)),
  );
  return { child, exited, output: () => stdout, errors: () => stderr };
}

async function waitFor(condition: () => boolean, what: string, child?: ChildProcessWithoutNullStreams) {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (child?.exitCode != null) throw new Error(`child exited early while waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('records come back in order, survive reopening, and acknowledged segments are deleted', async () => {
  const dir = freshDir();
  let spool = await openSpool(dir, { maxBytes: 1024 * 1024, segmentBytes: 200 });
  assert.deepEqual(await spool.append([event('a'), event('b'), event('c')]), { accepted: 3, dropped: 0 });
  assert.deepEqual(await spool.append([event('d', { note: 'line\nbreak ünïcode' })]), {
    accepted: 1,
    dropped: 0,
  });
  assert.deepEqual(await spool.append([]), { accepted: 0, dropped: 0 });

  const all = await spool.peek(100, 1024 * 1024);
  assert.deepEqual(ids(all), ['a', 'b', 'c', 'd']);
  assert.deepEqual(
    all.map((record) => record.seq),
    [1, 2, 3, 4],
  );
  assert.equal(all[3]?.event.note, 'line\nbreak ünïcode');
  assert.deepEqual(ids(await spool.peek(2, 1024 * 1024)), ['a', 'b'], 'maxEvents caps a peek');
  assert.deepEqual(ids(await spool.peek(100, 1)), ['a'], 'one record always fits, so a big one cannot stall');
  assert.equal(spool.stats().pendingEvents, 4);

  await spool.ack(2);
  assert.deepEqual(ids(await spool.peek(100, 1024 * 1024)), ['c', 'd']);
  assert.deepEqual(spool.stats().pendingEvents, 2);
  await spool.close();
  await assert.rejects(spool.peek(1, 1), /closed/);

  spool = await openSpool(dir, { maxBytes: 1024 * 1024, segmentBytes: 200 });
  assert.deepEqual(ids(await spool.peek(100, 1024 * 1024)), ['c', 'd'], 'the ack survived reopening');
  await spool.append([event('e')]);
  const afterReopen = await spool.peek(100, 1024 * 1024);
  assert.deepEqual(
    afterReopen.map((record) => record.seq),
    [3, 4, 5],
  );
  assert.ok(segmentFiles(dir).length > 1, 'small segments roll over');

  await spool.ack(5);
  assert.deepEqual(await spool.peek(100, 1024 * 1024), []);
  assert.deepEqual(segmentFiles(dir), [], 'fully acknowledged segments are deleted');
  assert.equal(spool.stats().pendingBytes, 0);
  await spool.close();

  spool = await openSpool(dir, { maxBytes: 1024 * 1024 });
  assert.equal(spool.stats().nextSeq, 6, 'seqs keep rising after everything was acknowledged');
  await spool.append([event('f')]);
  assert.deepEqual(
    (await spool.peek(1, 1)).map((record) => record.seq),
    [6],
  );
  await spool.close();
});

test('invalid events are refused before anything is written', async () => {
  const dir = freshDir();
  const spool = await openSpool(dir, { maxBytes: 1024 * 1024 });
  const noId = { name: 'no id' } as unknown as { id: string };
  await assert.rejects(spool.append([event('ok'), noId]), /string id/);
  await assert.rejects(spool.append([{ id: 'big', n: 1n }]), /BigInt/);
  assert.equal(spool.stats().pendingEvents, 0);
  await spool.close();
});

test('a SIGKILLed writer loses no durable record; seqs stay monotonic and a torn tail is cut off', async () => {
  const dir = freshDir();
  const writer = startWriter('append', dir);
  const lines = () => writer.output().split('\n');
  await waitFor(
    () => lines().filter((line) => line.startsWith('A ')).length >= 5,
    'five acknowledgements',
    writer.child,
  );
  writer.child.kill('SIGKILL');
  assert.equal(await writer.exited, 'SIGKILL', writer.errors());

  // Only complete lines count: the last one may have been cut by the kill.
  const printed = writer.output().split('\n').slice(0, -1);
  const durable = new Map<number, string>();
  let ackDone = 0;
  let ackStarted = 0;
  for (const line of printed) {
    const [kind, seq, id] = line.split(' ');
    if (kind === 'D') durable.set(Number(seq), id!);
    if (kind === 'a') ackStarted = Math.max(ackStarted, Number(seq));
    if (kind === 'A') ackDone = Math.max(ackDone, Number(seq));
  }
  const maxDurable = Math.max(...durable.keys());

  // Simulate what power loss could leave behind: a line of garbage and a half-written record.
  const newest = join(dir, segmentFiles(dir).at(-1)!);
  appendFileSync(newest, 'not a record at all\n0123456789abcdef {"seq":999999,"event":{"id":"torn"');

  const spool = await openSpool(dir, { maxBytes: 64 * 1024 * 1024 });
  const records = await spool.peek(1_000_000, Number.MAX_SAFE_INTEGER);
  const seqs = records.map((record) => record.seq);
  for (let i = 1; i < seqs.length; i += 1) assert.ok(seqs[i]! > seqs[i - 1]!, 'seqs strictly increase');
  const bySeq = new Map(records.map((record) => [record.seq, record.event.id]));
  for (const [seq, id] of durable) {
    if (seq > ackStarted) assert.equal(bySeq.get(seq), id, `durable record ${seq} is kept`);
    if (seq <= ackDone) assert.equal(bySeq.has(seq), false, `acknowledged record ${seq} is not re-read`);
  }
  assert.ok(!ids(records).includes('torn'));
  assert.equal(spool.stats().pendingEvents, records.length);
  assert.ok(spool.stats().nextSeq > maxDurable);

  const { nextSeq } = spool.stats();
  await spool.append([event('after-crash')]);
  await spool.close();
  assert.ok(readFileSync(newest, 'utf8').endsWith('\n'), 'the torn tail was truncated');
  assert.ok(!readFileSync(newest, 'utf8').includes('not a record'));

  const reopened = await openSpool(dir, { maxBytes: 64 * 1024 * 1024 });
  const again = await reopened.peek(1_000_000, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(again.at(-1), { seq: nextSeq, event: { id: 'after-crash' } });
  assert.equal(again.length, records.length + 1);
  await reopened.close();
});

test('a full spool drops the batch tail, counts it durably, and takes events again once acknowledged', async () => {
  const dir = freshDir();
  const full: number[] = [];
  const options = { maxBytes: 400, onFull: (dropped: number) => full.push(dropped) };
  let spool = await openSpool(dir, options);
  const batch = Array.from({ length: 10 }, (_, i) => event(`event-${i}`, { pad: 'p'.repeat(40) }));
  const result = await spool.append(batch);
  assert.ok(result.accepted > 0 && result.dropped > 0);
  assert.equal(result.accepted + result.dropped, 10);
  assert.ok(spool.stats().pendingBytes <= 400);
  assert.deepEqual(
    ids(await spool.peek(100, 10_000)),
    batch.slice(0, result.accepted).map((e) => e.id),
    'the prefix that fits is kept, in order',
  );
  assert.deepEqual(await spool.append([event('more', { pad: 'p'.repeat(40) })]), { accepted: 0, dropped: 1 });
  assert.deepEqual(full, [result.dropped, 1]);
  assert.equal(spool.stats().dropped, result.dropped + 1);
  await spool.close();

  spool = await openSpool(dir, options);
  assert.equal(spool.stats().dropped, result.dropped + 1, 'the drop count survives a restart');
  await spool.ack(spool.stats().nextSeq - 1);
  assert.deepEqual(await spool.append([event('room-again')]), { accepted: 1, dropped: 0 });
  await spool.close();
});

test('the lock refuses a second opener and is taken over once its holder is dead', async () => {
  const dir = freshDir();
  const spool = await openSpool(dir, { maxBytes: 1024 });
  await assert.rejects(openSpool(dir, { maxBytes: 1024 }), /already held by this process/);
  await spool.close();

  const holder = startWriter('hold', dir);
  await waitFor(() => holder.output().includes('ready'), 'the holder to open the spool', holder.child);
  await assert.rejects(
    openSpool(dir, { maxBytes: 1024 }),
    new RegExp(`held by running process ${holder.child.pid}`),
  );
  holder.child.kill('SIGKILL');
  await holder.exited;
  const taken = await openSpool(dir, { maxBytes: 1024 });
  await taken.close();

  writeFileSync(join(dir, 'spool.lock'), 'garbage');
  const overGarbage = await openSpool(dir, { maxBytes: 1024 });
  await overGarbage.close();
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.includes('lock')),
    [],
    'closing removes the lock and leaves no side files',
  );
});

test('hostile or damaged files are survived and everything valid is recovered', async () => {
  const dir = freshDir();
  let spool = await openSpool(dir, { maxBytes: 1024 * 1024, segmentBytes: 150 });
  await spool.append([event('one'), event('two')]);
  await spool.append([event('three'), event('four')]);
  await spool.ack(1);
  await spool.close();

  const [first] = segmentFiles(dir);
  const firstPath = join(dir, first!);
  const lines = readFileSync(firstPath, 'utf8').split('\n');
  // A flipped byte inside record two, binary junk and an oversized line in between.
  const damaged = lines[1]!.replace('two', 'twx');
  writeFileSync(
    firstPath,
    [lines[0], damaged, '\u0000\u00ff\u0001', 'z'.repeat(17 * 1024 * 1024), ...lines.slice(2)].join('\n'),
  );
  rmSync(join(dir, 'spool-state.json'));
  writeFileSync(join(dir, 'segment-garbage.log'), 'ignored');
  writeFileSync(join(dir, 'segment-9999999999999999.log.bak'), 'ignored');

  spool = await openSpool(dir, { maxBytes: 1024 * 1024, segmentBytes: 150 });
  assert.deepEqual(
    ids(await spool.peek(100, 1024 * 1024)),
    ['one', 'three', 'four'],
    'with the ack file gone everything intact is pending again; the damaged record is skipped',
  );
  assert.equal(spool.stats().nextSeq, 5);
  await spool.close();

  writeFileSync(join(dir, 'spool-state.json'), '{"ackedThrough": "lots"');
  spool = await openSpool(dir, { maxBytes: 1024 * 1024 });
  assert.equal(spool.stats().pendingEvents, 3);
  await spool.close();
});

test('a record damaged after opening is skipped instead of stalling the queue', async () => {
  const dir = freshDir();
  const spool = await openSpool(dir, { maxBytes: 1024 * 1024 });
  await spool.append([event('first'), event('second'), event('third')]);
  const path = join(dir, segmentFiles(dir)[0]!);
  writeFileSync(path, readFileSync(path, 'utf8').replace('first', 'fir5t'));
  assert.deepEqual(ids(await spool.peek(100, 1024 * 1024)), ['second', 'third']);
  assert.equal(spool.stats().pendingEvents, 2);
  await spool.close();
});
