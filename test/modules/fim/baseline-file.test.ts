import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadBaseline, saveBaseline } from '../../../src/modules/fim/baseline-file.ts';
import type { FileState } from '../../../src/modules/fim/file-state.ts';
import { FileStates } from '../../../src/modules/fim/file-states.ts';

const file: FileState = {
  type: 'file',
  size: 3,
  mode: '0644',
  uid: 0,
  gid: 0,
  mtimeMs: 1700000000123.456,
  ctimeMs: 1700000000123.457,
  inode: '18446744073709551615',
  sha256: 'a'.repeat(64),
};
const link: FileState = { ...file, type: 'symlink', sha256: undefined, linkTarget: '/t\narget\t"q"' };
const dir: FileState = {
  type: 'dir',
  size: 4096,
  mode: '0755',
  uid: 0,
  gid: 0,
  mtimeMs: 1,
  ctimeMs: 2,
  inode: '7',
};

function tempDir(t: { after(fn: () => void): void }): string {
  const temp = mkdtempSync(join(tmpdir(), 'vigil-fim-baseline-'));
  t.after(() => rmSync(temp, { recursive: true, force: true }));
  return temp;
}

test('states round-trip through the packed form and the file, one line per path', async (t) => {
  const path = join(tempDir(t), 'baseline.json');
  const { sha256: _none, ...linkWithoutHash } = link;
  const states = FileStates.from([
    ['/etc/x', file],
    ['/etc/line\nbreak', link],
    ['/etc', dir],
  ]);
  assert.deepEqual(states.get('/etc/line\nbreak'), linkWithoutHash);
  assert.deepEqual([...states.directories()], ['/etc']);
  await saveBaseline(path, states);
  assert.equal(readFileSync(path, 'utf8').split('\n').length, 5, 'header, three entries, final newline');
  const loaded = await loadBaseline(path);
  assert.ok(loaded);
  assert.deepEqual([...loaded], [...states]);
  assert.ok(loaded.sameAs(states, '/etc/x'));
  assert.ok(!loaded.sameAs(FileStates.from([['/etc/x', { ...file, ctimeMs: 5 }]]), '/etc/x'));
  assert.equal(await loadBaseline(join(tempDir(t), 'missing.json')), undefined);
});

test('a version 1 baseline is still read; a damaged one throws', async (t) => {
  const temp = tempDir(t);
  const v1 = join(temp, 'v1.json');
  writeFileSync(
    v1,
    JSON.stringify({
      version: 1,
      states: [
        ['/etc/x', file],
        ['/etc', dir],
      ],
    }),
  );
  const loaded = await loadBaseline(v1);
  assert.deepEqual(loaded?.get('/etc/x'), file);
  assert.deepEqual(loaded.get('/etc'), dir);

  for (const damaged of [
    '',
    '{"version":3}\n',
    '{"version":2}\n["/etc/x","file"]\n',
    '{"version":2}\n["/etc/x","file",3,"0644",0,0,1,2,"9",null,null]\n{"trunc',
    JSON.stringify({ version: 1, states: [['/x', { type: 'file' }]] }),
  ]) {
    const path = join(temp, 'damaged.json');
    writeFileSync(path, damaged);
    await assert.rejects(loadBaseline(path), /is not a FIM baseline/, JSON.stringify(damaged));
  }
});
