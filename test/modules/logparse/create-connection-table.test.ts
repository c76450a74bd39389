import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createConnectionTable,
  type TableEntry,
} from '../../../src/modules/logparse/create-connection-table.ts';

interface Entry extends TableEntry<Entry> {
  name: string;
}
const entry = (host: string, pid: number): Entry => ({
  host,
  pid,
  older: undefined,
  newer: undefined,
  name: `${host}/${pid}`,
});
const names = (table: ReturnType<typeof createConnectionTable<Entry>>) =>
  [...table.entries()].map((e) => e.name);

test('entries by host and pid, least recently seen first', () => {
  const table = createConnectionTable<Entry>();
  for (const e of [entry('a', 1), entry('b', 1), entry('a', 2)]) table.add(e);
  assert.equal(table.get('b', 1)?.name, 'b/1');
  assert.equal(table.get('b', 2), undefined);
  const first = table.get('a', 1);
  assert.ok(first);
  table.touch(first);
  assert.deepEqual(names(table), ['b/1', 'a/2', 'a/1']);
  assert.equal(table.oldest?.name, 'b/1');
  table.remove(table.oldest);
  assert.equal(table.get('b', 1), undefined);
  assert.equal(table.size, 2);
  assert.deepEqual(names(table), ['a/2', 'a/1']);
  table.clear();
  assert.equal(table.size, 0);
  assert.deepEqual(names(table), []);
});

test('removing an entry that was replaced leaves its successor in place', () => {
  const table = createConnectionTable<Entry>();
  const old = entry('h', 7);
  table.add(old);
  table.remove(old);
  const next = entry('h', 7);
  table.add(next);
  table.remove(old);
  assert.equal(table.get('h', 7), next);
  assert.equal(table.size, 1);
});
