import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileIgnore } from '../../../src/modules/fim/compile-ignore.ts';
import { diffStates } from '../../../src/modules/fim/diff-states.ts';
import type { FileState } from '../../../src/modules/fim/file-state.ts';
import { FileStates } from '../../../src/modules/fim/file-states.ts';
import { fimEvent } from '../../../src/modules/fim/fim-event.ts';
import { AgentEvent } from '../../../src/protocol/agents.ts';

const file: FileState = {
  type: 'file',
  size: 3,
  mode: '0644',
  uid: 0,
  gid: 0,
  mtimeMs: 1000.5,
  ctimeMs: 1000.5,
  inode: '42',
  sha256: 'a'.repeat(64),
};
const dir: FileState = { ...file, type: 'dir', size: 4096, mode: '0755', sha256: undefined };

test('a directory whose entries changed is not itself reported; a chown is', () => {
  const before = FileStates.from([['/d', dir]]);
  assert.deepEqual(diffStates(before, FileStates.from([['/d', { ...dir, size: 8192, mtimeMs: 2000 }]])), []);
  assert.deepEqual(
    diffStates(before, FileStates.from([['/d', { ...dir, uid: 1000 }]])).map((change) => change.changed),
    [['uid']],
  );
});

test('event ids are deterministic per change and differ between changes', () => {
  const modified = {
    kind: 'fim.modified' as const,
    path: '/etc/x',
    before: file,
    after: { ...file, mode: '0600', ctimeMs: 2000 },
    changed: ['mode'],
  };
  const event = fimEvent(modified, '2026-01-01T00:00:00.000Z');
  assert.equal(AgentEvent.parse(event).id, fimEvent({ ...modified }, '2026-02-02T00:00:00.000Z').id);
  // The same mode flipped back later: same fields, different ctime, so a different event.
  const again = { ...modified, after: { ...modified.after, ctimeMs: 3000 } };
  assert.notEqual(fimEvent(again, event.time).id, event.id);
  assert.notEqual(fimEvent({ ...modified, path: '/etc/y' }, event.time).id, event.id);
});

test('hostile names are data: JSON-encoded, shown with U+FFFD in the source', () => {
  const key = `base64:${Buffer.from([0x2f, 0x78, 0xff, 0x0a]).toString('base64')}`;
  const event = fimEvent(
    { kind: 'fim.added', path: key, after: file, changed: [] },
    '2026-01-01T00:00:00.000Z',
  );
  assert.equal(event.source, '/x\uFFFD\n');
  assert.equal((JSON.parse(JSON.stringify(event)) as AgentEvent).data.path, key);
});

test('ignore patterns: basename globs, path globs covering subtrees, regexes', () => {
  const ignored = compileIgnore(['*.swp', '/etc/cups/certs', '/var/*/tmp', /\.bak$/]);
  assert.ok(ignored('/etc/.passwd.swp'));
  assert.ok(ignored('/etc/cups/certs'));
  assert.ok(ignored('/etc/cups/certs/0'));
  assert.ok(!ignored('/etc/cups/certsX'));
  assert.ok(ignored('/var/a/tmp/x'));
  assert.ok(!ignored('/var/a/b/tmp'));
  assert.ok(ignored('/etc/shadow.bak'));
  assert.ok(!ignored('/etc/shadow'));
});
