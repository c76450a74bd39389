import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ScaPolicy, ScaPolicyRun } from '../../../src/protocol/sca.ts';
import { createLocalHost } from '../../../src/modules/sca/create-local-host.ts';
import { loadPolicyFile } from '../../../src/modules/sca/load-policy.ts';
import { runPolicy } from '../../../src/modules/sca/run-policy.ts';
import { corporaDir, needsCorpora } from '../../helpers/corpora.ts';

const subdir = 'audit/wazuh-sca';

/** The stock policies, read in place from the shared corpora (never copied into the repo). */
const files = [
  'cis_debian12.yml',
  'cis_ubuntu22-04.yml',
  'sca_distro_independent_linux.yml',
  'v4-format/cis_debian12.yml',
] as const;

/**
 * Rules of the stock files that are malformed as written (Wazuh cannot evaluate them either):
 * 33257 has a `c:` rule with two `->` parts, 33192 `n:root_unlock_time >= 60` and 33195
 * `n:… < 0` have no `compare`. Any other unparsable rule is a parser regression.
 */
const malformed: Record<(typeof files)[number], number[]> = {
  'cis_debian12.yml': [33257],
  'cis_ubuntu22-04.yml': [],
  'sca_distro_independent_linux.yml': [],
  'v4-format/cis_debian12.yml': [33192, 33195, 33257],
};

test(
  'the stock Wazuh policies load, run on this host with evidence, and 4.x agrees with 5.x on Debian 12',
  { ...needsCorpora(subdir), timeout: 120_000 },
  async (t) => {
    const dir = join(corporaDir() ?? '', subdir);
    const policies = new Map<string, ScaPolicy>();
    for (const file of files) policies.set(file, await loadPolicyFile(join(dir, file)));
    assert.equal(policies.get('v4-format/cis_debian12.yml')?.format, '4.x');
    for (const file of files.slice(0, 3)) assert.equal(policies.get(file)?.format, '5.x', file);

    // One host for all: its lookups (sshd -T, dpkg-query, …) are cached, so each runs once.
    const host = createLocalHost();
    const started = performance.now();
    const runs = new Map<string, ScaPolicyRun>(
      await Promise.all(
        files.map(async (file) => [file, await runPolicy(policies.get(file) as ScaPolicy, host)] as const),
      ),
    );
    t.diagnostic(`ran ${files.length} policies in ${Math.round(performance.now() - started)} ms`);

    for (const file of files) {
      const policy = policies.get(file) as ScaPolicy;
      const run = runs.get(file) as ScaPolicyRun;
      t.diagnostic(`${file}: applicable ${run.applicable}, ${JSON.stringify(run.counts)}`);
      assert.equal(run.results.length, policy.checks.length, file);
      for (const result of run.results) {
        const where = `${file} check ${result.checkId}`;
        assert.ok(['passed', 'failed', 'not_applicable'].includes(result.result), where);
        if (result.result === 'not_applicable') assert.ok(result.reason, `${where}: reason`);
        if (!run.applicable) continue;
        assert.equal(result.rules.length, policy.checks.find((c) => c.id === result.checkId)?.rules.length);
        for (const rule of result.rules) assert.ok(rule.evidence.trim() !== '', `${where}: ${rule.rule}`);
      }
      for (const rule of run.requirements) assert.ok(rule.evidence.trim() !== '', `${file}: ${rule.rule}`);
      const unparsable = run.results
        .filter((result) => result.rules.some((rule) => rule.evidence.startsWith('invalid rule:')))
        .map((result) => result.checkId);
      assert.deepEqual(unparsable, malformed[file], `${file}: checks with a malformed rule`);
    }

    const v5 = runs.get('cis_debian12.yml') as ScaPolicyRun;
    const v4 = runs.get('v4-format/cis_debian12.yml') as ScaPolicyRun;
    assert.equal(v5.applicable, v4.applicable);
    const fromV5 = new Map(v5.results.map((result) => [result.checkId, result.result]));
    const differing = v4.results
      .filter((result) => fromV5.get(result.checkId) !== result.result)
      .map((result) => `${result.checkId} (4.x ${result.result}, 5.x ${fromV5.get(result.checkId)})`);
    t.diagnostic(
      `Debian 12, 4.x vs 5.x: ${differing.length} of ${v4.results.length} differ: ${differing.join(', ')}`,
    );
    assert.ok(
      differing.length <= v4.results.length * 0.1,
      `4.x and 5.x differ on more than 10% of checks: ${differing.join(', ')}`,
    );
  },
);
