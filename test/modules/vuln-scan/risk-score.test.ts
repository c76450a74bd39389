import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { severities, type Severity } from '../../../src/protocol/finding.ts';
import { severityFromText } from '../../../src/modules/vuln-scan/feed-severity.ts';
import { riskScore, type RiskInput } from '../../../src/modules/vuln-scan/risk-score.ts';

const base: RiskInput = { cvss: null, severity: 'medium', epss: null, kev: false, fixAvailable: false };
const cvssSteps = Array.from({ length: 101 }, (_, i) => i / 10);
const epssSteps = [null, 0, 0.00001, 0.0004, 0.01, 0.1, 0.5, 0.97, 1];

/** The band each CVSS score rates as, v3 and v4 alike. */
function band(score: number): Severity {
  if (score === 0) return 'informational';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

describe('riskScore', () => {
  test('the examples of docs/vulnerability-risk.md', () => {
    const examples: [RiskInput, number][] = [
      [{ cvss: 9.8, severity: 'critical', epss: 0.94, kev: true, fixAvailable: true }, 98.35],
      [{ cvss: 9.8, severity: 'critical', epss: 0.0004, kev: false, fixAvailable: true }, 39.25],
      [{ cvss: 7.5, severity: 'high', epss: 0.02, kev: true, fixAvailable: false }, 75.3],
      [{ cvss: 7, severity: 'high', epss: null, kev: true, fixAvailable: false }, 73],
      [{ cvss: 8.9, severity: 'high', epss: 0.97, kev: false, fixAvailable: true }, 50.25],
      [{ cvss: null, severity: 'low', epss: null, kev: false, fixAvailable: false }, 12],
      [{ cvss: null, severity: 'medium', epss: null, kev: false, fixAvailable: true }, 22.05],
      [{ cvss: 0, severity: 'informational', epss: null, kev: false, fixAvailable: false }, 0],
      [{ cvss: 10, severity: 'critical', epss: 1, kev: true, fixAvailable: false }, 100],
      [{ cvss: 10, severity: 'critical', epss: 1, kev: true, fixAvailable: true }, 100],
    ];
    for (const [input, expected] of examples) assert.equal(riskScore(input), expected, JSON.stringify(input));
  });

  test('stays within 0–100 and never decreases as any one input grows', () => {
    for (const kev of [false, true]) {
      for (const fixAvailable of [false, true]) {
        for (const epss of epssSteps) {
          let previous = -1;
          for (const cvss of cvssSteps) {
            const risk = riskScore({ ...base, cvss, epss, kev, fixAvailable });
            assert.ok(risk >= 0 && risk <= 100, `${risk}`);
            assert.ok(risk >= previous, `cvss ${cvss}: ${risk} < ${previous}`);
            previous = risk;
          }
        }
        for (const cvss of cvssSteps) {
          let previous = -1;
          for (const epss of epssSteps) {
            const risk = riskScore({ ...base, cvss, epss, kev, fixAvailable });
            assert.ok(risk >= previous, `epss ${epss}: ${risk} < ${previous}`);
            previous = risk;
          }
          const input = { ...base, cvss, epss: 0.3, fixAvailable };
          assert.ok(riskScore({ ...input, kev: true }) > riskScore({ ...input, kev: false }));
          assert.ok(
            riskScore({ ...input, kev, fixAvailable: true }) >=
              riskScore({ ...input, kev, fixAvailable: false }),
          );
        }
      }
    }
    let previous = -1;
    for (const severity of severities) {
      const risk = riskScore({ ...base, severity });
      assert.ok(risk > previous, severity);
      previous = risk;
    }
  });

  test('a known-exploited vulnerability ranks above every unexploited one of its severity', () => {
    for (const exploited of cvssSteps) {
      const lowest = riskScore({ ...base, cvss: exploited, severity: band(exploited), kev: true, epss: 0 });
      for (const other of cvssSteps.filter((score) => band(score) === band(exploited))) {
        const highest = riskScore({ ...base, cvss: other, kev: false, epss: 1, fixAvailable: true });
        assert.ok(lowest > highest, `KEV ${exploited} (${lowest}) vs ${other} (${highest})`);
      }
    }
    for (const severity of severities) {
      assert.ok(
        riskScore({ ...base, severity, kev: true }) >
          riskScore({ ...base, severity, epss: 1, fixAvailable: true }),
      );
    }
  });

  test('a fix only breaks ties: it never lifts a finding past one that scores higher without it', () => {
    for (const cvss of cvssSteps) {
      for (const epss of epssSteps) {
        const without = riskScore({ ...base, cvss, epss });
        const fixed = riskScore({ ...base, cvss, epss, fixAvailable: true });
        assert.ok(fixed > without || fixed === 100);
        const next = riskScore({ ...base, cvss: Math.min(10, cvss + 0.1), epss });
        if (next > without) assert.ok(fixed < next, `${cvss}/${epss}: ${fixed} vs ${next}`);
      }
    }
  });

  test('no CVSS: the severity stands in with the score SARIF gives it', () => {
    assert.equal(riskScore({ ...base, severity: 'critical' }), riskScore({ ...base, cvss: 9.5 }));
    assert.equal(riskScore({ ...base, severity: 'high' }), riskScore({ ...base, cvss: 8 }));
    assert.equal(riskScore({ ...base, severity: 'informational' }), 0);
  });

  test('out-of-range inputs are clamped, not trusted', () => {
    assert.equal(riskScore({ ...base, cvss: 55, epss: 7, kev: true }), 100);
    assert.equal(riskScore({ ...base, cvss: -3, epss: -1 }), 0);
    assert.equal(riskScore({ ...base, cvss: Number.NaN, epss: Number.POSITIVE_INFINITY }), 0);
  });
});

describe('severityFromText', () => {
  test('tracker urgencies, Ubuntu priorities and advisory ratings', () => {
    const cases: [string | null, Severity | null][] = [
      ['unimportant', 'informational'],
      ['negligible', 'informational'],
      ['low', 'low'],
      ['low**', 'low'],
      ['medium*', 'medium'],
      ['High**', 'high'],
      [' critical ', 'critical'],
      ['MODERATE', 'medium'],
      ['important', 'high'],
      ['not yet assigned', null],
      ['untriaged', null],
      ['end-of-life', null],
      ['', null],
      ['**', null],
      [null, null],
      ['toString', null],
      ['__proto__', null],
      [`low${'*'.repeat(100_000)}`, null],
    ];
    for (const [text, expected] of cases) assert.equal(severityFromText(text), expected, String(text));
  });
});
