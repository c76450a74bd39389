import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { builtinRulesDir } from '../../src/modules/detect/builtin-rules.ts';
import { detectLogs } from '../../src/modules/detect/detect-logs.ts';
import { createDetector } from '../../src/modules/sigma/create-detector.ts';
import { loadRules } from '../../src/modules/sigma/load-rules.ts';
import { corporaDir, needsCorpora } from '../helpers/corpora.ts';

const translated = fileURLToPath(new URL('./crowdsec-rules', import.meta.url));

/*
 * CrowdSec's hub tests, run through Vigil: each scenario is re-expressed as a Sigma
 * correlation over Vigil's own rules (test/conformance/crowdsec-rules), and the alerts must
 * be the overflows the test asserts: the same scenarios, as many times, for the same source.
 */
describe('CrowdSec scenario tests', needsCorpora('detect/crowdsec-tests'), () => {
  const root = join(corporaDir() ?? '', 'detect/crowdsec-tests');
  const cases = readdirSync(root).filter((name) => readdirSync(join(root, name)).includes('scenario.assert'));

  for (const name of cases) {
    test(name, async () => {
      const dir = join(root, name);
      const asserts = readFileSync(join(dir, 'scenario.assert'), 'utf8');
      const expectedCount = Number(/^len\(results\) == (\d+)$/m.exec(asserts)?.[1]);
      const scenarios = [...asserts.matchAll(/GetScenario\(\) == "crowdsecurity\/([^"]+)"/g)].map(
        (m) => m[1],
      );
      const sources = new Set([...asserts.matchAll(/Sources\["([^"]+)"\]\.IP ==/g)].map((m) => m[1]));
      const log = readdirSync(dir).find((file) => file.endsWith('.log'));
      assert.ok(log);
      const loaded = await loadRules([builtinRulesDir, translated]);
      assert.deepEqual(loaded.errors, []);
      const fired: { scenario: string; source: string | undefined }[] = [];
      await detectLogs([join(dir, log)], createDetector(loaded), {
        onFinding: (finding) => {
          const tag = finding.rule.tags.find((t) => t.startsWith('crowdsec.'));
          if (tag) fired.push({ scenario: tag.slice('crowdsec.'.length), source: finding.entities.srcIp });
        },
      });
      assert.equal(fired.length, expectedCount, JSON.stringify(fired));
      assert.deepEqual(fired.map((f) => f.scenario).sort(), [...scenarios].sort());
      for (const { source } of fired) assert.ok(source && sources.has(source), `source ${source}`);
    });
  }
});
