import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cvssSeverity } from '../../../src/modules/cvss/cvss-severity.ts';
import { scoreCvss } from '../../../src/modules/cvss/score-cvss.ts';

// Expected scores not from the corpus come from Red Hat's cvss library's algorithms (the corpus's
// origin), or are equalities that the specifications state.

describe('scoreCvss', () => {
  test('v3 vectors get base, temporal and environmental scores and the base severity', () => {
    assert.deepEqual(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), {
      version: '3.1',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      baseScore: 9.8,
      temporalScore: 9.8,
      environmentalScore: 9.8,
      severity: 'critical',
    });
    const lowered = scoreCvss('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/MAV:L/CR:L');
    assert.deepEqual(
      [lowered.baseScore, lowered.temporalScore, lowered.environmentalScore, lowered.severity],
      [9.8, 7.8, 6.5, 'critical'],
    );
  });

  test('a v4.0 vector has one score, threat and environmental metrics included', () => {
    const base = scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
    assert.deepEqual(base, {
      version: '4.0',
      vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      baseScore: 9.3,
      severity: 'critical',
    });
    assert.equal(scoreCvss(`${base.vector}/E:U`).baseScore, 8.1);
    assert.equal(scoreCvss(`${base.vector}/E:U/MAV:L/CR:L/IR:L`).baseScore, 5.9);
  });

  test('metrics may come in any order', () => {
    assert.deepEqual(
      { ...scoreCvss('CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X'), vector: '' },
      { ...scoreCvss('CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F/RL:X'), vector: '' },
    );
    const vector = 'CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:H/VI:L/VA:N/SC:L/SI:L/SA:N/E:P/CR:M/MAV:A/MSI:S';
    const [prefix = '', ...metrics] = vector.split('/');
    assert.equal(scoreCvss([prefix, ...metrics.reverse()].join('/')).baseScore, scoreCvss(vector).baseScore);
  });

  test('X (Not Defined) means the same as leaving a metric out, and supplemental metrics never score', () => {
    const v3 = 'CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:H/A:N';
    assert.deepEqual(
      {
        ...scoreCvss(`${v3}/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X`),
        vector: '',
      },
      { ...scoreCvss(v3), vector: '' },
    );
    const v4 = 'CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:P/VC:L/VI:H/VA:N/SC:H/SI:N/SA:L';
    const score = scoreCvss(v4).baseScore;
    assert.equal(scoreCvss(`${v4}/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MSI:X`).baseScore, score);
    // Not Defined threat and requirements score as the worst case.
    assert.equal(scoreCvss(`${v4}/E:A/CR:H/IR:H/AR:H`).baseScore, score);
    assert.equal(scoreCvss(`${v4}/S:P/AU:Y/R:I/V:C/RE:H/U:Red`).baseScore, score);
  });

  test('v3 rounds up exactly: 5.0 × 0.92 is 4.6, although floats make it 4.6000000000000005', () => {
    for (const version of ['3.0', '3.1']) {
      const score = scoreCvss(`CVSS:${version}/AV:P/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:H/RC:U`);
      assert.deepEqual([score.baseScore, score.temporalScore], [5, 4.6], version);
    }
  });

  test('v4.0 rounds half up exactly: a score of exactly 5.95 is 6.0', () => {
    // FIRST's calculator rounds the float 5.949999… here and shows 5.9; Red Hat's adds an epsilon.
    const vector =
      'CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:P/VC:L/VI:N/VA:L/SC:N/SI:H/SA:L/IR:M/AR:M/MAV:N/MPR:N/MVC:H/MVI:N/MSI:L';
    assert.equal(scoreCvss(vector).baseScore, 6);
  });

  test('no impact scores 0.0, severity none', () => {
    assert.deepEqual(
      [scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N').baseScore, 'none'],
      [0, cvssSeverity(0)],
    );
    const v4 = scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N');
    assert.deepEqual([v4.baseScore, v4.severity], [0, 'none']);
  });
});

describe('cvssSeverity', () => {
  test('follows the qualitative rating scale at every boundary', () => {
    const cases: [number, string][] = [
      [0, 'none'],
      [0.1, 'low'],
      [3.9, 'low'],
      [4, 'medium'],
      [6.9, 'medium'],
      [7, 'high'],
      [8.9, 'high'],
      [9, 'critical'],
      [10, 'critical'],
    ];
    for (const [score, severity] of cases) assert.equal(cvssSeverity(score), severity, String(score));
  });
});
