import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { jsonObjectEntries, type JsonEntry } from '../../../src/modules/vuln-feeds/json-object-entries.ts';

function chunked(text: string | Buffer, size: number): AsyncIterable<Buffer> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

async function entries(text: string | Buffer, size: number, depth = 2, parse = true): Promise<JsonEntry[]> {
  const found: JsonEntry[] = [];
  for await (const entry of jsonObjectEntries(chunked(text, size), {
    depth,
    parse,
    maxValueBytes: 250,
    origin: 'doc.json',
  }))
    found.push(entry);
  return found;
}

const tricky = {
  'p\u00e4ck "one"': {
    'CVE-1': {
      s: 'braces } ] { [ and "quotes" and \\ and \u2603 and \ud83d\ude00',
      n: [1, [2, { x: null }]],
    },
    'CVE-2': 'a string value with \\" inside',
    'CVE-3': -12.5e3,
    'CVE-4': true,
    'CVE-5': null,
    'CVE-6': [],
  },
  empty: {},
  flat: 'not an object',
  big: { 'CVE-7': 'x'.repeat(300) },
};

describe('jsonObjectEntries', () => {
  test('the same entries whatever the chunk boundaries, compact or indented, with a BOM', async () => {
    const expected: JsonEntry[] = [
      ...Object.entries(tricky['p\u00e4ck "one"']).map(([key, value]) => ({
        path: ['p\u00e4ck "one"', key],
        value,
        tooLarge: false,
      })),
      { path: ['flat'], value: 'not an object', tooLarge: false },
      { path: ['big', 'CVE-7'], value: undefined, tooLarge: true },
    ];
    for (const text of [
      JSON.stringify(tricky),
      JSON.stringify(tricky, null, '\t'),
      `\uFEFF${JSON.stringify(tricky, null, 2)}\r\n`,
    ]) {
      for (const size of [1, 2, 3, 7, 64, 1 << 16])
        assert.deepEqual(await entries(text, size), expected, `chunks of ${size}`);
    }
  });

  test('without parsing: only the paths, for a cheap first pass', async () => {
    const found = await entries(JSON.stringify(tricky), 5, 2, false);
    assert.deepEqual(
      found.map((entry) => [entry.path.join('/'), entry.value]),
      [
        ['p\u00e4ck "one"/CVE-1', undefined],
        ['p\u00e4ck "one"/CVE-2', undefined],
        ['p\u00e4ck "one"/CVE-3', undefined],
        ['p\u00e4ck "one"/CVE-4', undefined],
        ['p\u00e4ck "one"/CVE-5', undefined],
        ['p\u00e4ck "one"/CVE-6', undefined],
        ['flat', undefined],
        ['big/CVE-7', undefined],
      ],
    );
  });

  test('depth 1 yields whole objects', async () => {
    const found = await entries('{"a": {"b": 1}, "c": [1]}', 3, 1);
    assert.deepEqual(found, [
      { path: ['a'], value: { b: 1 }, tooLarge: false },
      { path: ['c'], value: [1], tooLarge: false },
    ]);
  });

  test('malformed documents throw feed.invalid with the byte offset', async () => {
    const cases: [string, RegExp][] = [
      ['', /unexpected end/],
      ['{"a": {"b": 1}', /unexpected end/],
      ['{"a": {"b": "unterminated}}', /unexpected end/],
      ['[1, 2]', /at byte 0: unexpected "\["/],
      ['{"a" {"b": 1}}', /at byte 5: unexpected "\{"/],
      ['{"a": {"b": 1,}}', /at byte 14: unexpected "}"/],
      ['{"a": {"b": 1}} x', /at byte 16: unexpected "x"/],
      ['{"a": {"b": @}}', /at byte 12: unexpected "@"/],
      ['{"a": {"b": [1,}}}', /malformed JSON in a \/ b/],
      ['{"a\\x": {}}', /malformed key/],
    ];
    for (const [text, message] of cases) {
      for (const size of [1, 4, 100]) {
        await assert.rejects(
          entries(text, size),
          (error) => isFeedError(error, 'feed.invalid') && message.test(error.reason),
          `${text} in chunks of ${size}`,
        );
      }
    }
  });
});
