import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import type { SecurityEvent } from '../../protocol/security-event.ts';
import { createLogParser } from '../logparse/create-log-parser.ts';
import { createDetector } from '../sigma/create-detector.ts';
import type { LoadedRules } from '../sigma/load-rules.ts';
import { MatchContext } from '../sigma/match-context.ts';
import { readRuleSources } from '../sigma/read-rule-sources.ts';
import { fimSecurityEvent } from './fim-security-event.ts';

/**
 * A rule's embedded test (the custom `tests` attribute, which Sigma allows): log lines, or FIM
 * changes, and how many times the rule must fire on them.
 */
const RuleTest = z.strictObject({
  name: z.string(),
  lines: z.string().optional(),
  fim: z.array(z.record(z.string(), z.unknown())).optional(),
  /** Year for the lines' year-less timestamps; default 2026, so tests do not age. */
  year: z.number().int().optional(),
  expect: z.number().int().min(0),
});
type RuleTest = z.infer<typeof RuleTest>;

export interface RuleTestResult {
  file: string;
  ruleId: string;
  test: string;
  expected: number;
  actual: number;
  passed: boolean;
  error?: string;
}

/** Runs the embedded tests of every rule file under `paths`, with all of `loaded` in play. */
export async function runRuleTests(paths: readonly string[], loaded: LoadedRules): Promise<RuleTestResult[]> {
  const { sources } = await readRuleSources(paths);
  const results: RuleTestResult[] = [];
  for (const source of sources) {
    for (const document of parseAllDocuments(await readFile(source.file, 'utf8'))) {
      const body = document.toJS() as { id?: unknown; tests?: unknown } | null;
      if (!body || typeof body.id !== 'string' || !Array.isArray(body.tests)) continue;
      for (const [index, raw] of body.tests.entries()) {
        const test = RuleTest.safeParse(raw);
        if (!test.success) {
          const problem = test.error.issues[0];
          results.push({
            file: source.file,
            ruleId: body.id,
            test: `tests[${index}]`,
            expected: 0,
            actual: 0,
            passed: false,
            error: `malformed test: ${problem?.path.join('.') ?? ''} ${problem?.message ?? ''}`.trim(),
          });
          continue;
        }
        const actual = firings(body.id, test.data, loaded);
        const { name, expect } = test.data;
        results.push({
          file: source.file,
          ruleId: body.id,
          test: name,
          expected: expect,
          actual,
          passed: actual === expect,
        });
      }
    }
  }
  return results;
}

/**
 * How often the rule fires on the test's events. A rule only correlations refer to never alerts
 * on its own, so detection rules are asked directly whether each event matches.
 */
function firings(ruleId: string, test: RuleTest, loaded: LoadedRules): number {
  const events = testEvents(test);
  const rule = loaded.rules.find((candidate) => candidate.id === ruleId);
  if (rule) {
    const first = events[0];
    if (!first) return 0;
    const context = new MatchContext(first);
    return events.filter((event) => {
      context.begin(event);
      return rule.matches(context);
    }).length;
  }
  const detector = createDetector(loaded);
  const findings = [...events.flatMap((event) => detector.process(event)), ...detector.flush(Infinity)];
  return findings.filter((finding) => finding.rule.id === ruleId).length;
}

function testEvents(test: RuleTest): SecurityEvent[] {
  const referenceTime = Date.UTC(test.year ?? 2026, 11, 31, 23, 59, 59);
  const time = Date.UTC(test.year ?? 2026, 1, 12);
  const fim = (test.fim ?? []).flatMap((change) => fimSecurityEvent(change, { time }) ?? []);
  const parser = createLogParser();
  const lines = (test.lines ?? '').split('\n').filter((line) => line.trim() !== '');
  const parsed = lines.flatMap((line) => parser.push(line, { name: 'test', referenceTime }));
  return [...fim, ...parsed, ...parser.flush()];
}
