import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createEntryScanner, type ScannedEntry } from '../../src/agent/journal/entry-scanner.ts';
import { journalEvent } from '../../src/agent/journal/journal-event.ts';
import { parseCutValue } from '../../src/agent/journal/parse-cut-value.ts';

const cursor =
  's=6619f2a1d34f4403908ca39b7b7d8a30;i=1;b=0123456789abcdef0123456789abcdef;m=1;t=60a24181e4000;x=4c';

/** Scans `text` fed in pieces of `step` bytes, so that every token is split somewhere. */
function scan(text: string | Buffer, step: number, maxValueBytes = 1 << 20) {
  const problems: string[] = [];
  const scanner = createEntryScanner({
    maxValueBytes: () => maxValueBytes,
    onMalformed: (r) => problems.push(r),
  });
  const bytes = Buffer.from(text);
  const entries: ScannedEntry[] = [];
  for (let at = 0; at < bytes.length; at += step)
    entries.push(...scanner.push(bytes.subarray(at, at + step)));
  return { entries, problems };
}

const json = (entry: ScannedEntry) =>
  Object.fromEntries([...entry].map(([key, value]) => [key, JSON.parse(value.json.toString()) as unknown]));

test('entries are split into fields whatever the chunk boundaries', () => {
  const lines = [
    { __CURSOR: cursor, MESSAGE: 'a "quoted" \\ back\\slash, {braces} [brackets]\nnext', _PID: '1' },
    { __CURSOR: cursor, MESSAGE: [104, 105, 255], MULTI: ['a', [1, 2], null], EMPTY: null },
  ];
  const text = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
  for (const step of [1, 2, 3, 7, 64, 4096]) {
    const { entries, problems } = scan(text, step);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map(json), lines, `chunks of ${step}`);
  }
});

test('values past their limit are cut and flagged; lines that are not entries are skipped with a reason', () => {
  const long = 'x'.repeat(10_000);
  const text = `-- No entries --\n{"MESSAGE":"${long}","__CURSOR":"${cursor}"}\n{"A":1 2}\n{"__CURSOR":"${cursor}"}\n`;
  const { entries, problems } = scan(text, 100, 1000);
  assert.equal(entries.length, 2);
  const message = entries[0]?.get('MESSAGE');
  assert.equal(message?.cut, true);
  assert.equal(message.json.length, 1000);
  assert.equal(entries[0]?.get('__CURSOR')?.cut, false, 'the cursor after a huge message is kept whole');
  assert.deepEqual(problems, ['the line is not a JSON object', '"," or "}" was expected']);
});

test('the head of a cut value is parsed: complete elements, the start of a string, no partial number', () => {
  assert.equal(parseCutValue('"abc\\n\\u00e9\\u00'), 'abc\né');
  assert.equal(parseCutValue('"abc\\'), 'abc');
  assert.deepEqual(parseCutValue('[104,105,25'), [104, 105]);
  assert.deepEqual(parseCutValue('["one",[1,2],null,"tw'), ['one', [1, 2], null, 'tw']);
  assert.equal(parseCutValue('nu'), undefined);
});

test('an entry becomes a log event: id from the cursor, time from __REALTIME_TIMESTAMP, selected fields', () => {
  const line = JSON.stringify({
    __CURSOR: cursor,
    __REALTIME_TIMESTAMP: '1700000000123456',
    MESSAGE: 'Accepted publickey for root',
    SYSLOG_IDENTIFIER: 'sshd',
    _PID: '42',
    _CMDLINE: [115, 115, 104, 100, 0, 45, 68],
    NOT_SELECTED: 'x',
  });
  const [entry] = scan(`${line}\n`, 5).entries;
  assert.ok(entry);
  const converted = journalEvent(entry, 1024);
  assert.deepEqual(converted, {
    cursor,
    event: {
      id: `jd-${createHash('sha256').update(cursor).digest('hex').slice(0, 32)}`,
      time: '2023-11-14T22:13:20.123Z',
      kind: 'log',
      source: 'journald',
      data: {
        line: 'Accepted publickey for root',
        fields: { SYSLOG_IDENTIFIER: 'sshd', _PID: '42', _CMDLINE: 'sshd\u0000-D' },
      },
    },
  });
  assert.match(converted.event.id, /^[A-Za-z0-9_.:-]{8,128}$/);
});

test('a long message is cut at a character boundary and flagged; an entry without a cursor is refused', () => {
  const line = JSON.stringify({ __CURSOR: cursor, MESSAGE: 'é'.repeat(100) });
  const [entry] = scan(`${line}\n`, 4096).entries;
  assert.ok(entry);
  const data = journalEvent(entry, 51)?.event.data;
  assert.equal(data?.line, 'é'.repeat(25));
  assert.equal(data.truncated, true);
  const [bare] = scan('{"MESSAGE":"no cursor"}\n', 4096).entries;
  assert.ok(bare);
  assert.equal(journalEvent(bare, 1024), undefined);
});
