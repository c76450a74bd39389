/*
 * Red Hat's CVSS test vectors (vuln/cvss/redhat in the shared corpora), read in place: every
 * line of every file must score exactly as listed. v3 lines are `vector - (base, temporal,
 * environmental)`, v4.0 lines `vector - (score,)` or `vector - score`. No line is skipped; a line
 * that does not follow the format counts as a failure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CvssError } from '../../../src/modules/cvss/cvss-error.ts';
import { scoreCvss } from '../../../src/modules/cvss/score-cvss.ts';
import { corporaDir, needsCorpora } from '../../helpers/corpora.ts';

const dir = 'vuln/cvss/redhat';

const files: { file: string; lines: number }[] = [
  { file: 'vectors_simple3', lines: 2592 },
  { file: 'vectors_simple31', lines: 2592 },
  { file: 'vectors_calculator3', lines: 2 },
  { file: 'vectors_cvsslib3', lines: 29 },
  { file: 'vectors_simple4', lines: 1058 },
  { file: 'vectors_threat4', lines: 6 },
  { file: 'vectors_security4', lines: 54 },
  { file: 'vectors_supplemental4', lines: 576 },
];

/** Why a line fails, or undefined when its scores are the expected ones. */
function check(text: string): string | undefined {
  const parts = text.split(' - ');
  if (parts.length !== 2) return 'malformed line';
  const [vector = '', listed = ''] = parts;
  const bare = listed.startsWith('(') && listed.endsWith(')') ? listed.slice(1, -1) : listed;
  const expected = bare
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map(Number);
  if (expected.length === 0 || expected.some((value) => !Number.isFinite(value))) return 'malformed scores';
  let score;
  try {
    score = scoreCvss(vector);
  } catch (error) {
    return error instanceof CvssError ? `refused: ${error.message}` : `threw ${String(error)}`;
  }
  const actual =
    score.version === '4.0'
      ? [score.baseScore]
      : [score.baseScore, score.temporalScore, score.environmentalScore];
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? undefined
    : `scored ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

describe('CVSS conformance vectors (Red Hat cvss)', needsCorpora(dir), () => {
  for (const { file, lines: expectedLines } of files) {
    test(file, (t) => {
      const text = readFileSync(join(corporaDir() ?? '', dir, file), 'utf8');
      const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
      const failures = lines.flatMap((line, index) => {
        const failure = check(line);
        return failure === undefined ? [] : [`line ${index + 1} ${line}: ${failure}`];
      });
      t.diagnostic(`${file}: ${lines.length - failures.length}/${lines.length} vectors pass`);
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${lines.length} lines fail`);
      // A truncated or swapped file must not pass silently.
      assert.equal(lines.length, expectedLines);
    });
  }
});
