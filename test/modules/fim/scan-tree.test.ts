import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { diffStates } from '../../../src/modules/fim/diff-states.ts';
import { keyBytes, pathKey } from '../../../src/modules/fim/path-key.ts';
import { scanTree } from '../../../src/modules/fim/scan-tree.ts';
import { needs } from '../../helpers/requirements.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function tempTree(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a rescan reports exactly what was modified, added, removed and chmodded, with hashes', async (t) => {
  const dir = tempTree(t);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'edited'), 'old');
  writeFileSync(join(dir, 'doomed'), 'bye');
  writeFileSync(join(dir, 'perms'), 'same', { mode: 0o644 });
  const before = await scanTree([dir], { followSymlinks: false });
  assert.deepEqual([...before.keys()].sort(), [
    dir,
    `${dir}/doomed`,
    `${dir}/perms`,
    `${dir}/sub`,
    `${dir}/sub/edited`,
  ]);
  assert.equal(before.get(`${dir}/sub/edited`)?.sha256, sha256('old'));
  assert.equal(before.get(`${dir}/perms`)?.mode, '0644');
  assert.equal(before.get(dir)?.sha256, undefined);

  writeFileSync(join(dir, 'sub', 'edited'), 'new!');
  writeFileSync(join(dir, 'sub', 'fresh'), 'hello');
  unlinkSync(join(dir, 'doomed'));
  chmodSync(join(dir, 'perms'), 0o4755);
  const after = await scanTree([dir], { followSymlinks: false });

  const changes = diffStates(before, after);
  assert.deepEqual(
    changes.map(({ kind, path, changed }) => ({ kind, path, changed })),
    [
      { kind: 'fim.removed', path: `${dir}/doomed`, changed: [] },
      { kind: 'fim.modified', path: `${dir}/perms`, changed: ['mode'] },
      { kind: 'fim.modified', path: `${dir}/sub/edited`, changed: ['size', 'mtimeMs', 'sha256'] },
      { kind: 'fim.added', path: `${dir}/sub/fresh`, changed: [] },
    ],
  );
  const edited = changes.find((change) => change.path.endsWith('edited'));
  assert.equal(edited?.before?.sha256, sha256('old'));
  assert.equal(edited.after?.sha256, sha256('new!'));
  assert.equal(changes[1]?.after?.mode, '4755');
  assert.equal(changes[3]?.after?.sha256, sha256('hello'));
  assert.equal(changes[0]?.before?.sha256, sha256('bye'));
});

test('symlinks are recorded with their target, never followed', async (t) => {
  const dir = tempTree(t);
  const outside = tempTree(t);
  writeFileSync(join(outside, 'secret'), 'not ours');
  symlinkSync(outside, join(dir, 'to-dir'));
  symlinkSync(join(outside, 'secret'), join(dir, 'to-file'));
  symlinkSync('/nonexistent/target', join(dir, 'dangling'));
  const states = await scanTree([dir], { followSymlinks: false });
  assert.deepEqual([...states.keys()].sort(), [dir, `${dir}/dangling`, `${dir}/to-dir`, `${dir}/to-file`]);
  const link = states.get(`${dir}/to-file`);
  assert.equal(link?.type, 'symlink');
  assert.equal(link.linkTarget, join(outside, 'secret'));
  assert.equal(link.sha256, undefined);
  // A symlinked root is recorded as the link too.
  const root = await scanTree([join(dir, 'to-dir')], { followSymlinks: false });
  assert.deepEqual(
    [...root.values()].map((state) => state.type),
    ['symlink'],
  );
});

test('a FIFO is recorded as "other" without being opened', needs('mkfifo', 'FIFO test'), async (t) => {
  const dir = tempTree(t);
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  // Opening a FIFO for reading blocks until a writer appears: finishing proves it was not opened.
  const states = await scanTree([dir], { followSymlinks: false });
  assert.equal(states.get(`${dir}/pipe`)?.type, 'other');
  assert.equal(states.get(`${dir}/pipe`)?.sha256, undefined);
});

test('unreadable files and directories do not stop the scan', async (t) => {
  const dir = tempTree(t);
  writeFileSync(join(dir, 'locked'), 'x');
  chmodSync(join(dir, 'locked'), 0o000);
  mkdirSync(join(dir, 'closed'));
  writeFileSync(join(dir, 'closed', 'inside'), 'y');
  chmodSync(join(dir, 'closed'), 0o000);
  // As root these stay readable; as anyone else they are recorded without contents. Either way
  // the scan finishes and records the paths it could see.
  const states = await scanTree([dir], { followSymlinks: false, onWarning: () => undefined });
  assert.equal(states.get(`${dir}/locked`)?.mode, '0000');
  assert.equal(states.get(`${dir}/closed`)?.type, 'dir');
  chmodSync(join(dir, 'closed'), 0o755); // so the cleanup can remove it when not root
});

test('vanishing roots, ignores and maxFiles', async (t) => {
  const dir = tempTree(t);
  writeFileSync(join(dir, 'keep'), 'k');
  writeFileSync(join(dir, 'note.swp'), 's');
  mkdirSync(join(dir, 'cache'));
  writeFileSync(join(dir, 'cache', 'blob'), 'b');
  assert.equal((await scanTree([join(dir, 'missing')], { followSymlinks: false })).size, 0);
  const states = await scanTree([dir], { followSymlinks: false, ignore: ['*.swp', `${dir}/cache`, /keep$/] });
  assert.deepEqual([...states.keys()], [dir]);
  const warnings: string[] = [];
  const few = await scanTree([dir], {
    followSymlinks: false,
    maxFiles: 2,
    onWarning: (w) => warnings.push(w),
  });
  assert.equal(few.size, 2);
  assert.match(warnings.join('\n'), /maxFiles \(2\) reached/);
});

test('hostile names (newline, invalid UTF-8) get exact, reversible keys', async (t) => {
  const dir = tempTree(t);
  writeFileSync(join(dir, 'line\nbreak'), 'n');
  const raw = Buffer.concat([Buffer.from(`${dir}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.sh')]);
  writeFileSync(raw, 'evil');
  const states = await scanTree([dir], { followSymlinks: false });
  assert.equal(states.get(`${dir}/line\nbreak`)?.sha256, sha256('n'));
  const badKey = pathKey(raw);
  assert.match(badKey, /^base64:/);
  assert.deepEqual(keyBytes(badKey), raw);
  assert.equal(states.get(badKey)?.sha256, sha256('evil'));
});
