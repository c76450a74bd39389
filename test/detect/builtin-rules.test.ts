import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { plantedAttacks, writeAccessLog, writeAuthLog } from '../../bench/log-generator.ts';
import { builtinRulesDir } from '../../src/modules/detect/builtin-rules.ts';
import { detectLogs } from '../../src/modules/detect/detect-logs.ts';
import { runRuleTests } from '../../src/modules/detect/run-rule-tests.ts';
import { createDetector } from '../../src/modules/sigma/create-detector.ts';
import { loadRules } from '../../src/modules/sigma/load-rules.ts';
import type { Finding } from '../../src/protocol/finding.ts';

test('every built-in rule is valid Sigma, maps to ATT&CK and passes its embedded tests', async () => {
  const loaded = await loadRules([builtinRulesDir]);
  assert.deepEqual(loaded.errors, []);
  assert.deepEqual(loaded.unsupported, []);
  for (const rule of [...loaded.rules, ...loaded.correlations].filter((r) => r.standalone)) {
    assert.ok(
      rule.tags.some((tag) => /^attack\.t\d{4}/.test(tag)),
      `${rule.title} names an ATT&CK technique`,
    );
  }
  const results = await runRuleTests([builtinRulesDir], loaded);
  assert.ok(results.length >= 50, `${results.length} tests`);
  assert.deepEqual(
    results.filter((r) => !r.passed),
    [],
  );
});

test('a realistic day of logs: every planted attack is found, ordinary admin work raises nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-realistic-'));
  try {
    const start = Date.UTC(2026, 1, 12);
    await writeAuthLog(join(dir, 'auth.log'), 40_000, start);
    await writeAccessLog(join(dir, 'access.log'), 40_000, start);
    const findings: Finding[] = [];
    await detectLogs(
      [join(dir, 'auth.log'), join(dir, 'access.log')],
      createDetector(await loadRules([builtinRulesDir])),
      {
        year: 2026,
        onFinding: (finding) => findings.push(finding),
      },
    );
    const sources = (title: string) =>
      new Set(findings.filter((f) => f.rule.title === title).map((f) => f.entities.srcIp ?? f.entities.user));
    for (const ip of plantedAttacks.bruteForceSources)
      assert.ok(sources('SSH brute force from one source').has(ip), ip);
    assert.ok(sources('SSH user name enumeration from one source').has(plantedAttacks.enumerationSources[0]));
    assert.ok(sources('SSH password spraying from one source').has(plantedAttacks.sprayingSources[0]));
    assert.ok(sources('Distributed SSH brute force on one account').has(plantedAttacks.distributedTarget));
    assert.ok(sources('Low-and-slow SSH brute force from one source').has(plantedAttacks.slowSources[0]));
    assert.ok(
      sources('SSH login from an address that was brute forcing').has(plantedAttacks.compromisedSource),
    );
    const web = new Map([
      ['sqli', 'SQL injection attempt in a web request'],
      ['xss', 'Cross-site scripting attempt in a web request'],
      ['traversal', 'Path traversal attempt in a web request'],
      ['log4shell', 'Log4Shell (CVE-2021-44228) JNDI lookup probe'],
      ['scanner', 'Web vulnerability scanner by its user agent'],
    ]);
    for (const { source, kind } of plantedAttacks.webAttackers)
      assert.ok(sources(web.get(kind) ?? '').has(source), kind);

    const attackers = new Set([
      ...plantedAttacks.bruteForceSources,
      ...plantedAttacks.enumerationSources,
      ...plantedAttacks.sprayingSources,
      ...plantedAttacks.slowSources,
      plantedAttacks.compromisedSource,
      ...plantedAttacks.webAttackers.map((a) => a.source),
    ]);
    const falseAlarms = findings.filter(
      (f) =>
        !(f.entities.srcIp && attackers.has(f.entities.srcIp)) &&
        f.entities.user !== plantedAttacks.distributedTarget,
    );
    assert.deepEqual(
      falseAlarms.map((f) => `${f.rule.title} ${JSON.stringify(f.entities)}`),
      [],
      'office logins, sudo by admins, cron and browsing raise no alert',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
