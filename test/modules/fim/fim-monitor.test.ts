import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createFimMonitor, type FimMonitor } from '../../../src/modules/fim/create-fim-monitor.ts';
import type { FimChange } from '../../../src/modules/fim/fim-change.ts';
import { pathKey } from '../../../src/modules/fim/path-key.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function setup(t: { after(fn: () => Promise<void> | void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fim-monitor-'));
  const watched = join(dir, 'watched');
  mkdirSync(join(watched, 'conf.d'), { recursive: true });
  const delivered: FimChange[][] = [];
  const waiters: (() => void)[] = [];
  const monitors: FimMonitor[] = [];
  const make = () => {
    const monitor = createFimMonitor({
      paths: [watched, join(dir, 'keys', 'authorized_keys')],
      ignore: ['*.swp'],
      // Inside the watched tree on purpose: its own writes must not be reported.
      stateFile: join(watched, 'baseline.json'),
      scanIntervalMs: 0,
      onChanges: (changes) => {
        delivered.push(changes);
        waiters.splice(0).forEach((wake) => wake());
        return Promise.resolve();
      },
    });
    monitors.push(monitor);
    return monitor;
  };
  const nextDelivery = (timeoutMs: number) =>
    new Promise<FimChange[]>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`nothing delivered within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiters.push(() => {
        clearTimeout(timer);
        resolve(delivered.at(-1)!);
      });
    });
  t.after(async () => {
    for (const monitor of monitors) await monitor.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, watched, delivered, make, nextDelivery };
}

test('a modified watched file is reported with before and after hashes within 2 s', async (t) => {
  const { watched, delivered, make, nextDelivery } = setup(t);
  const file = join(watched, 'conf.d', 'app.conf');
  writeFileSync(file, 'listen 80\n');
  const monitor = make();
  await monitor.start();
  assert.equal(delivered.length, 0, 'the first start only records the baseline');

  const started = performance.now();
  const delivery = nextDelivery(5000);
  writeFileSync(file, 'listen 8080\n');
  const changes = await delivery;
  const elapsedMs = performance.now() - started;
  t.diagnostic(`reported after ${Math.round(elapsedMs)} ms`);
  assert.ok(elapsedMs < 2000, `took ${elapsedMs} ms`);
  assert.deepEqual(
    changes.map(({ kind, path }) => ({ kind, path })),
    [{ kind: 'fim.modified', path: file }],
  );
  assert.equal(changes[0]?.before?.sha256, sha256('listen 80\n'));
  assert.equal(changes[0].after?.sha256, sha256('listen 8080\n'));

  // A file created in a new subdirectory after start is seen too; ignored names are not.
  const added = nextDelivery(5000);
  mkdirSync(join(watched, 'new-dir'));
  writeFileSync(join(watched, 'new-dir', 'payload'), 'x');
  writeFileSync(join(watched, 'conf.d', '.app.conf.swp'), 'swap');
  let seen = (await added).map((change) => change.path);
  while (!seen.includes(join(watched, 'new-dir', 'payload')))
    seen = [...seen, ...(await nextDelivery(5000)).map((c) => c.path)];
  assert.ok(
    !delivered.flat().some((change) => change.path.endsWith('.swp') || change.path.includes('baseline')),
  );
});

test('after a restart only what changed while stopped is reported', async (t) => {
  const { dir, watched, delivered, make } = setup(t);
  writeFileSync(join(watched, 'stays'), 'same');
  writeFileSync(join(watched, 'edited'), 'v1');
  writeFileSync(join(watched, 'deleted'), 'gone soon');
  const first = make();
  await first.start();
  await first.stop();
  assert.equal(delivered.length, 0);

  writeFileSync(join(watched, 'edited'), 'v2');
  unlinkSync(join(watched, 'deleted'));
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'authorized_keys'), 'ssh-ed25519 AAAA attacker');

  const second = make();
  await second.start();
  assert.equal(delivered.length, 1);
  assert.deepEqual(
    delivered[0]?.map(({ kind, path }) => ({ kind, path })),
    [
      { kind: 'fim.added', path: join(dir, 'keys', 'authorized_keys') },
      { kind: 'fim.removed', path: join(watched, 'deleted') },
      { kind: 'fim.modified', path: join(watched, 'edited') },
    ],
  );
  const edited = delivered[0][2];
  assert.equal(edited?.before?.sha256, sha256('v1'));
  assert.equal(edited.after?.sha256, sha256('v2'));
  await second.stop();

  // Delivered changes were persisted: a third start has nothing to report.
  const third = make();
  await third.start();
  assert.equal(delivered.length, 1);
});

test('watches see a chmod, a file root, a file in a directory made after start, and a name that is not UTF-8', async (t) => {
  const { dir, watched, delivered, make, nextDelivery } = setup(t);
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'authorized_keys'), 'ssh-ed25519 AAAA admin');
  writeFileSync(join(dir, 'keys', 'unwatched'), 'x');
  writeFileSync(join(watched, 'conf.d', 'mode'), 'x', { mode: 0o644 });
  const monitor = make();
  await monitor.start();
  const reported = async (path: string) => {
    while (!delivered.flat().some((change) => change.path === path)) await nextDelivery(5000);
    return delivered.flat().find((change) => change.path === path);
  };

  chmodSync(join(watched, 'conf.d', 'mode'), 0o666);
  assert.deepEqual((await reported(join(watched, 'conf.d', 'mode')))?.changed, ['mode']);

  writeFileSync(join(dir, 'keys', 'unwatched'), 'y');
  writeFileSync(join(dir, 'keys', 'authorized_keys'), 'ssh-ed25519 AAAA attacker');
  assert.equal((await reported(join(dir, 'keys', 'authorized_keys')))?.kind, 'fim.modified');

  mkdirSync(join(watched, 'late', 'deeper'), { recursive: true });
  await reported(join(watched, 'late', 'deeper'));
  writeFileSync(join(watched, 'late', 'deeper', 'dropped'), 'payload');
  assert.equal((await reported(join(watched, 'late', 'deeper', 'dropped')))?.kind, 'fim.added');

  const raw = Buffer.concat([Buffer.from(`${watched}/bad-`), Buffer.from([0xff])]);
  writeFileSync(raw, 'x');
  assert.equal((await reported(pathKey(raw)))?.kind, 'fim.added');
  assert.ok(!delivered.flat().some((change) => change.path.endsWith('unwatched')));
});
