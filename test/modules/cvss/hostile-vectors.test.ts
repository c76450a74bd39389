/*
 * Vectors come from feeds and advisories: whatever arrives, scoreCvss either scores it or throws
 * CvssError 'cvss.invalid_vector' with a short message naming what is wrong, never anything else.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CvssError } from '../../../src/modules/cvss/cvss-error.ts';
import { cvssMetrics } from '../../../src/modules/cvss/cvss-metrics.ts';
import { scoreCvss } from '../../../src/modules/cvss/score-cvss.ts';

const v30 = 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const v40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

/** Asserts the vector is refused with the stable code and a message that contains `names`. */
function refused(vector: unknown, names: string): void {
  assert.throws(
    () => scoreCvss(vector as string),
    (error) => {
      assert.ok(error instanceof CvssError, `${String(error)} is not a CvssError`);
      assert.equal(error.code, 'cvss.invalid_vector');
      assert.ok(error.message.includes(names), `"${error.message}" should name ${names}`);
      assert.ok(error.message.length < 300, 'the message stays short');
      return true;
    },
    typeof vector === 'string' ? JSON.stringify(vector.slice(0, 80)) : typeof vector,
  );
}

describe('scoreCvss on hostile input', () => {
  test('empty, blank and non-string input', () => {
    refused('', 'empty');
    refused(' ', 'must start with CVSS:3.0/, CVSS:3.1/, CVSS:4.0/');
    for (const value of [null, undefined, 42, {}, ['CVSS:3.1/AV:N'], Symbol('cvss')]) {
      refused(value, 'not a string');
    }
    const hostile = {
      toString(): string {
        throw new Error('must not be called');
      },
    };
    refused(hostile, 'not a string');
  });

  test('huge input is refused by its length before any splitting, quickly', () => {
    for (const vector of [`${v31}/${'E:X/'.repeat(250_000)}`, `CVSS:3.1/${'A'.repeat(10_000_000)}`]) {
      const started = performance.now();
      refused(vector, 'longer than');
      assert.ok(performance.now() - started < 100, 'refused in under 100 ms');
    }
    // The longest valid vectors (every metric, longest values) still pass.
    const longest = (prefix: string, table: (typeof cvssMetrics)['4.0']): string =>
      [prefix, ...[...table.values].map(([metric, values]) => `${metric}:${values.at(-1) ?? ''}`)].join('/');
    assert.equal(scoreCvss(longest('CVSS:4.0', cvssMetrics['4.0'])).version, '4.0');
    assert.equal(scoreCvss(longest('CVSS:3.1', cvssMetrics['3.1'])).version, '3.1');
  });

  test('wrong or missing prefix', () => {
    for (const vector of [
      v31.slice('CVSS:3.1/'.length),
      v31.replace('CVSS:3.1', 'CVSS:2.0'),
      v31.replace('CVSS:3.1', 'CVSS:3.2'),
      v40.replace('CVSS:4.0', 'CVSS:4.1'),
      v31.replace('CVSS:3.1', 'CVSS:3'),
      v31.replace('CVSS:3.1', 'cvss:3.1'),
      v31.replace('CVSS:3.1/', 'CVSS:3.1'),
      v31.replace('CVSS:3.1', 'CVSS:3.1 '),
      `/${v31}`,
      ` ${v31}`,
      'AV:N/AC:L/Au:N/C:P/I:P/A:P',
      'CVSS:3.1',
    ]) {
      refused(vector, 'must start with');
    }
  });

  test('unknown metrics, including ones of another version and prototype names', () => {
    refused(`${v31}/XX:N`, 'unknown metric "XX"');
    refused(`${v31}/AT:N`, 'unknown metric "AT"');
    refused(`${v40}/MS:X`, 'unknown metric "MS"');
    refused(`${v40}/RL:X`, 'unknown metric "RL"');
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype']) {
      refused(`${v31}/${name}:X`, `unknown metric "${name}"`);
      refused(`${v40}/${name}:X`, `unknown metric "${name}"`);
    }
    refused(v31.toLowerCase().replace('cvss:3.1', 'CVSS:3.1'), 'unknown metric "av"');
    refused(`${v31}/${'Z'.repeat(100)}:X`, 'unknown metric "ZZZZ');
  });

  test('a metric stated twice, even with the same value or as X', () => {
    refused(`${v31}/AV:N`, 'metric AV appears twice');
    refused(`${v31}/E:X/E:X`, 'metric E appears twice');
    refused(`${v40}/VC:L`, 'metric VC appears twice');
    refused(`${v40}/MSI:S/MSI:X`, 'metric MSI appears twice');
  });

  test('values a metric does not allow', () => {
    refused(v31.replace('AV:N', 'AV:n'), 'metric AV has value "n"');
    refused(v31.replace('AV:N', 'AV:X'), 'metric AV has value "X"');
    refused(v31.replace('AV:N', 'AV:'), 'metric AV has value ""');
    refused(v31.replace('AV:N', 'AV:N:N'), 'metric AV has value "N:N"');
    refused(v31.replace('AV:N', 'AV'), 'metric AV has no value');
    refused(`${v31} `, 'metric A has value "H "');
    refused(`${v31}\n`, 'metric A has value "H\\n"');
    refused(`${v31}\u0000`, 'metric A has value "H\\u0000"');
    refused(`${v40}/SI:S`.replace('/SI:N', ''), 'metric SI has value "S"');
    refused(`${v40}/S:U`, 'metric S has value "U"');
    refused(`${v40}/U:clear`, 'metric U has value "clear"');
    refused(`${v40}/E:F`, 'metric E has value "F"');
  });

  test('empty metrics: trailing, doubled and lone slashes', () => {
    refused(`${v31}/`, 'empty metric');
    refused(v31.replace('/AC:L', '//AC:L'), 'empty metric');
    refused('CVSS:4.0/', 'empty metric');
    refused(`${v40}//`, 'empty metric');
  });

  test('every base metric is mandatory, in every version', () => {
    for (const vector of [v30, v31, v40]) {
      const [prefix = '', ...metrics] = vector.split('/');
      for (const dropped of metrics) {
        const metric = dropped.split(':')[0] ?? '';
        refused(
          [prefix, ...metrics.filter((other) => other !== dropped)].join('/'),
          `missing base metric ${metric}`,
        );
      }
      assert.ok(metrics.length === cvssMetrics[vector === v40 ? '4.0' : '3.1'].mandatory.length);
    }
    refused('CVSS:3.1/E:X', 'missing base metrics AV, AC, PR, UI, S, C, I, A');
  });

  test('mutated valid vectors either score or fail with CvssError, nothing else', () => {
    // A fixed linear congruential generator, so a failure reproduces.
    let seed = 7;
    const random = (below: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    const alphabet = 'CVS:3.14/0ANLPHXUMRSIEFOTWDYZaz_- \u0000é';
    const sources = [
      'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:C/CR:H/IR:H/AR:H/MAV:N/MAC:L/MPR:L/MUI:N/MS:C/MC:H/MI:H/MA:H',
      'CVSS:3.1/AV:L/AC:H/PR:H/UI:N/S:C/C:N/I:H/A:N/E:P/RL:U/RC:U/CR:H/IR:L/AR:H/MAV:L/MUI:R/MS:C/MC:N/MI:L/MA:N',
      'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:L/VA:N/SC:L/SI:H/SA:N/E:P/CR:M/IR:H/AR:L/MAV:A/MSI:S/MSA:X/S:P/U:Amber',
    ];
    let scored = 0;
    let refusedCount = 0;
    for (let round = 0; round < 20_000; round += 1) {
      let vector = sources[random(sources.length)] ?? '';
      for (let edits = 1 + random(3); edits > 0; edits -= 1) {
        const at = random(vector.length + 1);
        const kind = random(3);
        if (kind === 0) vector = vector.slice(0, at) + vector.slice(at + 1);
        else if (kind === 1)
          vector = vector.slice(0, at) + (alphabet[random(alphabet.length)] ?? '') + vector.slice(at);
        else {
          const parts = vector.split('/');
          const i = 1 + random(Math.max(parts.length - 1, 1));
          const j = 1 + random(Math.max(parts.length - 1, 1));
          [parts[i], parts[j]] = [parts[j] ?? '', parts[i] ?? ''];
          vector = parts.join('/');
        }
      }
      let score;
      try {
        score = scoreCvss(vector);
      } catch (error) {
        assert.ok(error instanceof CvssError, `${vector}: ${String(error)}`);
        assert.equal(error.code, 'cvss.invalid_vector');
        refusedCount += 1;
        continue;
      }
      scored += 1;
      for (const value of [score.baseScore, score.temporalScore, score.environmentalScore]) {
        if (value === undefined) continue;
        assert.ok(value >= 0 && value <= 10, `${vector}: ${value}`);
        assert.equal(value, Math.round(value * 10) / 10, `${vector}: ${value} has one decimal`);
      }
    }
    assert.ok(scored > 0 && refusedCount > 0, `scored ${scored}, refused ${refusedCount}`);
  });
});
