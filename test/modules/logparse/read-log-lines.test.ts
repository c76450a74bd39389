import assert from 'node:assert/strict';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLogLines, type LogLine } from '../../../src/modules/logparse/read-log-lines.ts';

const text = 'Dec 31 23:59:58 h sshd[1]: one\nJan  1 00:00:01 h sshd[1]: two\r\nthree';
const collect = async (lines: AsyncIterable<LogLine>) => {
  const out: LogLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

test('plain and gzip files stream the same lines, with the mtime as reference time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-logs-'));
  const plain = join(dir, 'auth.log');
  const gz = join(dir, 'auth.log.1.gz');
  writeFileSync(plain, text);
  writeFileSync(gz, gzipSync(text));
  const mtime = new Date('2026-01-01T00:00:02Z');
  utimesSync(gz, mtime, mtime);
  const fromPlain = await collect(readLogLines(plain));
  const fromGz = await collect(readLogLines(gz));
  assert.deepEqual(
    fromPlain.map((l) => l.line),
    ['Dec 31 23:59:58 h sshd[1]: one', 'Jan  1 00:00:01 h sshd[1]: two', 'three'],
  );
  assert.deepEqual(
    fromGz.map((l) => l.line),
    fromPlain.map((l) => l.line),
  );
  assert.equal(fromGz[0]?.source.referenceTime, mtime.getTime());
  assert.equal(fromGz[0].source.name, gz);
});

test('--year pins year-less lines to that year; "-" reads standard input', async () => {
  const lines = await collect(readLogLines('-', { year: 2019, stdin: Readable.from([text]) }));
  assert.equal(lines.length, 3);
  assert.equal(lines[0]?.source.name, '-');
  assert.equal(lines[0].source.referenceTime, Date.UTC(2019, 11, 31, 23, 59, 59));
});

test('a missing file rejects', async () => {
  await assert.rejects(collect(readLogLines('/nonexistent/vigil.log')), /ENOENT/);
});
