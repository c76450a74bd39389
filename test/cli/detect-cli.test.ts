import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import { runTs } from '../helpers/run-ts.ts';

const cli = 'src/cli/main.ts';

interface OcsfFinding {
  class_uid: number;
  finding_info: { title: string; first_seen_time: number };
  src_endpoint?: { ip: string };
}
const dir = mkdtempSync(join(tmpdir(), 'vigil-detect-cli-'));
const lines = Array.from(
  { length: 6 },
  (_, i) =>
    `Feb 12 14:10:${String(20 + i)} web1 sshd[${100 + i}]: Failed password for root from 203.0.113.9 port ${40000 + i} ssh2`,
);
const authLog = join(dir, 'auth.log');
writeFileSync(authLog, `${lines.join('\n')}\n`);
writeFileSync(join(dir, 'auth.log.1.gz'), gzipSync(`${lines.join('\n')}\n`));
const quietLog = join(dir, 'quiet.log');
writeFileSync(
  quietLog,
  'Feb 12 14:10:20 web1 CRON[1]: pam_unix(cron:session): session closed for user root\n',
);

describe('vigil detect and vigil rules', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('finds the brute force, prints one OCSF finding per line and exits 1', async () => {
    const result = await runTs(cli, ['detect', '--format', 'jsonl', '--year', '2026', '--stats', authLog]);
    assert.equal(result.code, 1, result.stderr);
    const findings = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as OcsfFinding);
    const bruteForce = findings.find((f) => f.finding_info.title === 'SSH brute force from one source');
    assert.ok(bruteForce, result.stdout);
    assert.equal(bruteForce.class_uid, 2004);
    assert.equal(bruteForce.src_endpoint?.ip, '203.0.113.9');
    assert.equal(new Date(bruteForce.finding_info.first_seen_time).toISOString(), '2026-02-12T14:10:20.000Z');
    assert.match(result.stderr, /6 lines, 6 events, \d+ alerts in [\d.]+ s \([\d,]+ lines\/s\)/);
  });

  test('reads gzip and standard input; SARIF output is a SARIF 2.1.0 log; nothing found exits 0', async () => {
    const gz = await runTs(cli, [
      'detect',
      '--format',
      'sarif',
      '--year',
      '2026',
      join(dir, 'auth.log.1.gz'),
    ]);
    assert.equal(gz.code, 1, gz.stderr);
    const sarif = JSON.parse(gz.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok((sarif.runs[0]?.results.length ?? 0) > 0);
    const stdin = await runTs(cli, ['detect', '--year', '2026', '-'], { input: `${lines.join('\n')}\n` });
    assert.equal(stdin.code, 1);
    assert.match(stdin.stdout, /SSH brute force from one source\s+203\.0\.113\.9/);
    const quiet = await runTs(cli, ['detect', quietLog]);
    assert.equal(quiet.code, 0, quiet.stderr);
  });

  test('bad input is one line on stderr and exit 2', async () => {
    for (const args of [
      ['detect', join(dir, 'missing.log')],
      ['detect', '--format', 'xml', authLog],
      ['detect', '--year', '26', authLog],
      ['detect', '--no-builtin', authLog],
    ]) {
      const result = await runTs(cli, args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  });

  test('rules lint names the file and reason of a bad rule; rules test runs the built-in tests', async () => {
    const bad = join(dir, 'bad-rule.yml');
    writeFileSync(
      bad,
      'title: broken\nlogsource: {product: linux}\ndetection:\n  selection: {a: b}\n  condition: selection and\n',
    );
    const lint = await runTs(cli, ['rules', 'lint', bad]);
    assert.equal(lint.code, 1);
    assert.match(lint.stderr, /bad-rule\.yml/);
    const tests = await runTs(cli, ['rules', 'test', 'rules/builtin']);
    assert.equal(tests.code, 0, tests.stdout);
    assert.match(tests.stdout, /\d+ passed, 0 failed/);
  });

  test('notify test sends a test alert to a real webhook receiver', async () => {
    let received = '';
    const receiver = createServer((request, response) => {
      request.on('data', (chunk: Buffer) => (received += chunk.toString()));
      request.on('end', () => response.end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const config = join(dir, 'vigil.yml');
      writeFileSync(
        config,
        `dataDir: ${dir}\nnotify:\n  channels:\n    - name: soc\n      type: webhook\n      url: http://127.0.0.1:${port}/hook\n      secret: notify-test-secret-123\n`,
      );
      const result = await runTs(cli, ['--config', config, 'notify', 'test', 'soc']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(received, /"type":"test"/);
      const unknown = await runTs(cli, ['--config', config, 'notify', 'test', 'nope']);
      assert.equal(unknown.code, 2);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
