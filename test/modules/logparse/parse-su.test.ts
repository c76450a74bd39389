import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('su successes and failures in the formats of util-linux, shadow and Debian', () => {
  const cases: [string, string, string, string][] = [
    ['su: (to root) alice on pts/0', 'su.success', 'root', 'alice'],
    ['su: FAILED SU (to root) alice on pts/0', 'su.failed', 'root', 'alice'],
    ['su[812]: Successful su for root by alice', 'su.success', 'root', 'alice'],
    ['su[812]: FAILED su for postgres by bob', 'su.failed', 'postgres', 'bob'],
    ['su[812]: + pts/1 alice:root', 'su.success', 'root', 'alice'],
    ['su[812]: - pts/1 bob:root', 'su.failed', 'root', 'bob'],
  ];
  for (const [message, expected, target, caller] of cases) {
    const event = parse(`Feb 20 10:00:04 web1 ${message}`);
    assert.equal(event.metadata.event_code, expected, message);
    assert.equal(event.user?.name, target);
    assert.equal(event.actor?.user?.name, caller);
    assert.equal(event.status, expected === 'su.success' ? 'Success' : 'Failure');
  }
});
