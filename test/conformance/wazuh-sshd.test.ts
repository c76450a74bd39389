/*
 * Wazuh's sshd rule tests (ruleset/testing sshd.ini): every `log N pass = LINE` must become the
 * kind of event its rule names, every `log N fail` line must not. Wazuh rule ids map to Vigil
 * event codes through `wazuhRuleCodes` below (documented in docs/detection.md "Conformance");
 * frequency rules (5712, 5719, 5763) map to the code of the events they count.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseLine } from '../../src/modules/logparse/parse-line.ts';
import { corporaDir, needsCorpora } from '../helpers/corpora.ts';

const wazuhRuleCodes: Readonly<Record<string, string>> = {
  '5701': 'sshd.bad_protocol',
  '5702': 'sshd.reverse_mapping',
  '5706': 'sshd.no_identification',
  '5710': 'sshd.invalid_user',
  '5712': 'sshd.invalid_user',
  '5716': 'sshd.auth_failed',
  '5718': 'sshd.user_not_allowed',
  '5719': 'sshd.user_not_allowed',
  '5722': 'sshd.preauth_close',
  '5739': 'sshd.config_error',
  '5740': 'sshd.connection_reset',
  '5741': 'sshd.channel_error',
  '5742': 'sshd.channel_error',
  '5743': 'sshd.channel_error',
  '5744': 'sshd.channel_error',
  '5745': 'sshd.socket_error',
  '5746': 'sshd.socket_error',
  '5747': 'sshd.protocol_error',
  '5748': 'sshd.protocol_error',
  '5749': 'sshd.protocol_error',
  '5752': 'sshd.negotiation_failed',
  '5753': 'sshd.negotiation_failed',
  '5754': 'pam.session_failed',
  '5755': 'sshd.bad_key_permissions',
  '5756': 'sshd.subsystem_failed',
  '5757': 'sshd.reverse_mapping',
  '5758': 'sshd.max_auth_exceeded',
  '5760': 'sshd.auth_failed',
  '5761': 'sshd.connection_closed',
  '5762': 'sshd.preauth_close',
  '5763': 'sshd.auth_failed',
};

/**
 * Lines Vigil deliberately classifies differently (docs/detection.md): "Postponed … for invalid
 * user", "Disconnected from invalid user" and "Disconnecting invalid user" repeat an attempt
 * sshd already logged as "Invalid user …"; counting them again would inflate brute-force counts.
 */
const knownDifferences = 3;

interface Case {
  name: string;
  rule: string;
  logs: { line: string; pass: boolean }[];
}

function readCases(text: string): Case[] {
  const cases: Case[] = [];
  let current: Case | undefined;
  for (const line of text.split('\n')) {
    const section = /^\[(.*)\]\s*$/.exec(line);
    if (section) cases.push((current = { name: section[1] ?? '', rule: '', logs: [] }));
    const log = /^log \d+ (pass|fail) = (.*)$/.exec(line);
    if (log && current) current.logs.push({ line: log[2] ?? '', pass: log[1] === 'pass' });
    const rule = /^rule = (\d+)/.exec(line);
    if (rule && current) current.rule = rule[1] ?? '';
  }
  return cases;
}

describe('Wazuh sshd rule tests', needsCorpora('detect/wazuh-tests/sshd.ini'), () => {
  test('every case is classified as the same kind of event', () => {
    const text = readFileSync(join(corporaDir() ?? '', 'detect/wazuh-tests/sshd.ini'), 'utf8');
    const source = { name: 'sshd.ini', referenceTime: Date.parse('2026-01-01T00:00:00Z') };
    let checked = 0;
    const misses: string[] = [];
    for (const { name, rule, logs } of readCases(text)) {
      const expected = wazuhRuleCodes[rule];
      assert.ok(
        expected !== undefined,
        `Wazuh rule ${rule} (${name}) has no Vigil event code in wazuhRuleCodes`,
      );
      for (const { line, pass } of logs) {
        checked++;
        const code = parseLine(line, source).metadata.event_code;
        if ((code === expected) !== pass)
          misses.push(`[${name}] rule ${rule} ${pass ? 'pass' : 'fail'}: got ${code ?? 'none'}\n    ${line}`);
      }
    }
    const rate = `${checked - misses.length}/${checked} (${((100 * (checked - misses.length)) / checked).toFixed(1)}%)`;
    process.stdout.write(`wazuh-sshd: ${rate}\n${misses.map((m) => `  ${m}\n`).join('')}`);
    assert.ok(checked > 0);
    // Known, deliberate differences are listed in docs/detection.md; anything new fails here.
    assert.ok(
      misses.length <= knownDifferences,
      `${misses.length} misses, expected at most ${knownDifferences}`,
    );
  });
});
