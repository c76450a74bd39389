import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { ScaCheckResult, ScaPolicyRun } from '../../src/protocol/sca.ts';
import { repoRoot, runTs } from '../helpers/run-ts.ts';

const cli = 'src/cli/main.ts';
const fixtureRoot = join(repoRoot, 'test/fixtures/sca/root');
const fixturePolicy = join(repoRoot, 'test/fixtures/sca/fixture-5x.yml');
const dir = mkdtempSync(join(tmpdir(), 'vigil-audit-cli-'));

/** A small policy whose evidence carries hostile text, for the escaping checks. */
const hostileRoot = join(dir, 'root');
const hostilePolicy = join(dir, 'hostile.yml');
writeFileSync(
  hostilePolicy,
  `policy: { id: hostile, name: "Hostile evidence", description: "x" }
checks:
  - id: 1
    name: "Banner must not mention scripts"
    severity: high
    remediation: "Remove the \`<script>\` line"
    compliance: { pci_dss: ["2.2"] }
    condition: none
    rules: ['f:/etc/motd -> r:script']
  - id: 2
    name: "motd exists"
    condition: all
    rules: ['f:/etc/motd']
`,
);

describe('vigil audit host', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('table output: one line per check, a summary per policy, exit 1 when a check failed', async () => {
    const result = await runTs(cli, ['audit', 'host', '--policy', fixturePolicy, '--root', fixtureRoot]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^RESULT\s+SEVERITY\s+POLICY\s+ID\s+CHECK$/m);
    assert.match(result.stdout, /^passed\s+medium\s+vigil_fixture_5x\s+1001\s+f: an existing file$/m);
    assert.match(
      result.stdout,
      /^vigil_fixture_5x: score [\d.]+% — \d+ passed, \d+ failed, \d+ not applicable in [\d.]+ s$/m,
    );
  });

  test('json and jsonl carry every check with its rules and evidence', async () => {
    const json = await runTs(cli, [
      'audit',
      'host',
      '--policy',
      fixturePolicy,
      '--root',
      fixtureRoot,
      '--format',
      'json',
    ]);
    const runs = JSON.parse(json.stdout) as ScaPolicyRun[];
    assert.equal(runs.length, 1);
    const run = runs[0] as ScaPolicyRun;
    assert.equal(run.policyId, 'vigil_fixture_5x');
    assert.equal(run.results.length, run.counts.passed + run.counts.failed + run.counts.not_applicable);
    assert.ok(run.results.every((result) => result.rules.every((rule) => rule.evidence !== '')));

    const jsonl = await runTs(cli, [
      'audit',
      'host',
      '--policy',
      fixturePolicy,
      '--root',
      fixtureRoot,
      '--format',
      'jsonl',
    ]);
    const lines = jsonl.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ScaCheckResult);
    assert.deepEqual(
      lines.map((line) => [line.checkId, line.result]),
      run.results.map((result) => [result.checkId, result.result]),
    );
  });

  test('sarif: failed checks as results, located at the evidence file and line', async () => {
    const result = await runTs(cli, [
      'audit',
      'host',
      '--policy',
      fixturePolicy,
      '--root',
      fixtureRoot,
      '--format',
      'sarif',
    ]);
    const sarif = JSON.parse(result.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
          }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'vigil-audit');
    assert.ok(run.results.length > 0);
    assert.ok(run.results.every((item) => item.ruleId.startsWith('vigil_fixture_5x/')));
    assert.ok(
      run.results.some((item) =>
        item.locations.some((location) => location.physicalLocation.region !== undefined),
      ),
    );
  });

  test('html: a report an auditor can read, with host content escaped, written with mode 0600', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(hostileRoot, 'etc'), { recursive: true });
    writeFileSync(join(hostileRoot, 'etc/motd'), 'Welcome <script>alert(1)</script>\n');
    const output = join(dir, 'report.html');
    const result = await runTs(cli, [
      'audit',
      'host',
      '--policy',
      hostilePolicy,
      '--root',
      hostileRoot,
      '--format',
      'html',
      '--output',
      output,
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(statSync(output).mode & 0o777, 0o600);
    const page = readFileSync(output, 'utf8');
    for (const heading of [
      'Policies',
      'Failed checks by severity',
      'By compliance framework',
      'Waivers',
      'Not applicable',
      'Passed',
    ])
      assert.ok(page.includes(`>${heading}</h2>`), heading);
    assert.match(page, /Banner must not mention scripts/);
    assert.ok(page.includes('Welcome &#60;script&#62;alert(1)&#60;/script&#62;'));
    assert.ok(!page.includes('<script>alert(1)'));
    assert.ok(
      page.includes('<code>&#60;script&#62;</code>'),
      'backticks in remediation become code, escaped',
    );
    assert.match(page, /PCI DSS: 2\.2/);
    assert.doesNotMatch(page, /<script/);
  });

  test('bad input exits 2 with one line', async () => {
    const badYaml = join(dir, 'bad.yml');
    writeFileSync(badYaml, 'policy:\n  id: x\n  name: y\n');
    for (const args of [
      ['--policy', badYaml],
      ['--policy', join(dir, 'missing.yml')],
      ['--root', join(dir, 'no-such-dir')],
      ['--format', 'pdf'],
    ]) {
      const result = await runTs(cli, ['audit', 'host', ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /^vigil: /);
    }
  });

  test('without --policy the built-in company baseline runs', async () => {
    const result = await runTs(cli, ['audit', 'host', '--root', fixtureRoot, '--format', 'json']);
    const runs = JSON.parse(result.stdout) as ScaPolicyRun[];
    assert.deepEqual(
      runs.map((run) => run.policyId),
      ['vigil_linux_baseline'],
    );
    assert.equal(runs[0]?.results.length, 20);
  });
});
