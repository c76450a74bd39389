import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventField } from '../../../src/modules/sigma/event-field.ts';
import { LiteralSource } from '../../../src/modules/sigma/literal-prefilter.ts';
import { regexAnchor } from '../../../src/modules/sigma/regex-anchor.ts';
import { RE2JS } from 're2js';

test('the automaton finds exactly the literals a substring search finds', () => {
  const literals = [
    'he',
    'she',
    'his',
    'hers',
    '/tmp/',
    'tmp',
    'ä€',
    'a',
    'aa',
    'aaa',
    'ab',
    'b',
    'bab',
    '.git/',
    'tcp/',
  ];
  const source = new LiteralSource(0, eventField('prefilter-test'), true);
  const ids = literals.map((literal) => source.register(literal));
  assert.equal(source.register('he'), ids[0]);
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = 'aabhers/tmp.gitcä€';
  for (let round = 0; round < 2000; round++) {
    const text = Array.from(
      { length: Math.floor(random() * 30) },
      () => alphabet[Math.floor(random() * alphabet.length)],
    ).join('');
    const seen = new Float64Array(literals.length);
    assert.ok(source.scan(text, seen, round + 1));
    literals.forEach((literal, i) =>
      assert.equal(seen[ids[i] ?? -1] === round + 1, text.includes(literal), `${literal} in ${text}`),
    );
  }
});

test('a lowercased source folds case while scanning text as written, and lists each literal found once', () => {
  const literals = ['he', 'she', 'hers', 'ä€', 'i̇x', 'ας', 'tmp/', 'a'];
  const source = new LiteralSource(0, eventField('prefilter-fold-test'), true);
  const ids = literals.map((literal) => source.register(literal));
  let seed = 11;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = 'aAhHeEsSrR/tTmMpPäÄ€İxXΣΑ';
  for (let round = 0; round < 2000; round++) {
    const text = Array.from(
      { length: Math.floor(random() * 30) },
      () => alphabet[Math.floor(random() * alphabet.length)],
    ).join('');
    const seen = new Float64Array(literals.length);
    const found: number[] = [];
    assert.ok(source.scan(text, seen, round + 1, found));
    const lower = text.toLowerCase();
    const expected = literals
      .map((literal, i) => (lower.includes(literal) ? ids[i] : -1))
      .filter((id) => id !== -1);
    assert.deepEqual([...found].sort(), [...expected].sort(), text);
    literals.forEach((literal, i) =>
      assert.equal(seen[ids[i] ?? -1] === round + 1, lower.includes(literal), `${literal} in ${text}`),
    );
  }
});

test('short and long ASCII text, text over 16 KiB and text with other characters find the same literals, cased or folded', () => {
  const literals = ['ab', 'abab', 'bab', 'B/c', '/C', 'cc', 'a'];
  const folded = new LiteralSource(0, eventField('prefilter-ascii-folded'), true);
  const cased = new LiteralSource(1, eventField('prefilter-ascii-cased'), false);
  const foldedIds = literals.map((literal) => folded.register(literal.toLowerCase()));
  const casedIds = literals.map((literal) => cased.register(literal));
  let seed = 5;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const piece = (alphabet: string, length: number): string =>
    Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  for (let round = 0; round < 1500; round++) {
    const ascii = piece('aAbB/cC', 1 + Math.floor(random() * 20));
    const texts = [
      ascii,
      `${ascii}${'y'.repeat(130)}${ascii}`,
      `${'x'.repeat(16_400)}${ascii}`,
      `${ascii}ä`,
      `İ${ascii}`,
    ];
    for (const [at, text] of texts.entries()) {
      const mark = round * 5 + at + 1;
      const seenFolded = new Float64Array(literals.length);
      const seenCased = new Float64Array(literals.length);
      assert.ok(folded.scan(text, seenFolded, mark));
      assert.ok(cased.scan(text, seenCased, mark));
      const lower = text.toLowerCase();
      literals.forEach((literal, i) => {
        const where = `${literal} in ${text.slice(-30)}`;
        assert.equal(seenFolded[foldedIds[i] ?? -1] === mark, lower.includes(literal.toLowerCase()), where);
        assert.equal(seenCased[casedIds[i] ?? -1] === mark, text.includes(literal), where);
      });
    }
  }
});

test('a regex anchor is text every match contains, or nothing when unsure', () => {
  const cases: [string, string | undefined][] = [
    ['union(\\s|/\\*[^*]*\\*/)+(all(\\s|/\\*[^*]*\\*/)+)?select', 'select'],
    ['\\s-[FTd]\\s', '-'],
    ['-(W|R)\\s?(\\s|"|\')([0-9a-fA-F]{2}\\s?){2,20}(\\s|"|\')', '-'],
    ['(.){200,}', undefined],
    ['abc?d', 'ab'],
    ['ab+c', 'a'],
    ['abc{2}def', 'def'],
    ['a|bcdef', undefined],
    ['\\x41bc', undefined],
    ['(?s)abc', undefined],
    ['\\.git/', '.git/'],
    ['[]abc]xyz', 'xyz'],
    ['^/etc/passwd$', '/etc/passwd'],
    ['\\bon(error|load)\\s*=', 'on'],
  ];
  for (const [pattern, literal] of cases)
    assert.equal(regexAnchor(pattern, false)?.literal, literal, pattern);
  assert.deepEqual(regexAnchor('(?i)IPFS\\.io/', false), { literal: 'ipfs.io/', caseless: true });
  assert.deepEqual(regexAnchor('Select', true), { literal: 'select', caseless: true });
});

test('anchors hold on random texts: whenever the regex matches, the anchor is present', () => {
  const patterns = ['ab?c[d-f]+gh', 'x(y|z)+\\.w', 'q{2,3}rs*t', '(?i)Mi[xX]ed\\sCase', 'a.b\\/c'];
  let seed = 11;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = 'abcdefghqrstwxyz./ \\MXiedCs';
  for (const pattern of patterns) {
    const anchor = regexAnchor(pattern, false);
    assert.notEqual(anchor, undefined, pattern);
    const regex = RE2JS.compile(pattern);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 12 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
      const candidate = anchor?.caseless ? text.toLowerCase() : text;
      if (regex.test(text)) assert.ok(candidate.includes(anchor?.literal ?? ''), `${pattern} on ${text}`);
    }
  }
});
