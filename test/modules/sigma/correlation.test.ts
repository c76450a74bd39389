import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDetector } from '../../../src/modules/sigma/create-detector.ts';
import type { Finding } from '../../../src/protocol/finding.ts';
import type { SecurityEvent } from '../../../src/protocol/security-event.ts';
import { linuxEvent, rulesFrom, run, sshLoginRules } from './sigma-fixtures.ts';

const second = 1000;
const t0 = Date.UTC(2026, 1, 12, 14, 0, 0);

function auth(
  at: number,
  ip: string,
  user = 'root',
  status: 'Failure' | 'Success' = 'Failure',
): SecurityEvent {
  const message = `${status === 'Failure' ? 'Failed' : 'Accepted'} password for ${user} from ${ip} port 4242 ssh2`;
  return linuxEvent({
    class_uid: 3002,
    time: t0 + at * second,
    status,
    message,
    raw_data: `Feb 12 14:00:00 web1 sshd[1]: ${message}`,
    src_endpoint: { ip },
    user: { name: user },
    metadata: { product: { name: 'sshd' } },
    logsource: { product: 'linux', service: 'sshd' },
  });
}

const baseRules = sshLoginRules;

function correlation(body: string, extra = ''): string {
  return `${baseRules}---
title: correlated
id: 0e95725d-7320-415d-80f7-004da920fc11
level: high
tags: [attack.credential-access, attack.t1110.001, attack.g0016]
correlation:
${body
  .trim()
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
${extra}`;
}

const countRule = (condition: string, timespan = '60s', groupBy = '[SourceIp]'): string =>
  correlation(
    `type: event_count\nrules: [failed]\ngroup-by: ${groupBy}\ntimespan: ${timespan}\ncondition: ${condition}`,
  );

/** When (seconds after t0) each finding's last event was. */
const firedAt = (findings: readonly Finding[]): number[] =>
  findings.map((finding) => (finding.lastSeen - t0) / second);

describe('event_count', () => {
  test('fires once the window holds enough events, with the finding filled from the rule and events', () => {
    const findings = run(rulesFrom(countRule('{ gte: 3 }')), [
      auth(0, '1.2.3.4'),
      auth(10, '1.2.3.4'),
      auth(20, '1.2.3.4'),
    ]);
    assert.equal(findings.length, 1);
    const [finding] = findings as [Finding];
    assert.deepEqual(finding.rule, {
      id: '0e95725d-7320-415d-80f7-004da920fc11',
      title: 'correlated',
      severity: 'high',
      attack: ['credential-access', 'T1110.001'],
      tags: ['attack.credential-access', 'attack.t1110.001', 'attack.g0016'],
      type: 'correlation',
    });
    assert.deepEqual(finding.entities, { srcIp: '1.2.3.4', user: 'root', host: 'web1' });
    assert.deepEqual([finding.firstSeen, finding.lastSeen, finding.count], [t0, t0 + 20 * second, 3]);
    assert.equal(finding.evidence.length, 3);
  });

  test('the window is inclusive: events exactly timespan apart count together, a millisecond more does not', () => {
    const rules = rulesFrom(countRule('{ gte: 3 }'));
    assert.equal(run(rules, [auth(0, 'a'), auth(30, 'a'), auth(60, 'a')]).length, 1);
    assert.equal(run(rules, [auth(0, 'a'), auth(30, 'a'), auth(60.001, 'a')]).length, 0);
  });

  test('groups are separate; events without the group-by field do not count', () => {
    const rules = rulesFrom(countRule('{ gte: 2 }'));
    assert.equal(run(rules, [auth(0, 'a'), auth(1, 'b')]).length, 0);
    const noIp = { ...auth(1, 'a'), src_endpoint: undefined };
    assert.equal(run(rules, [auth(0, 'a'), noIp]).length, 0);
    const byTwo = rulesFrom(countRule('{ gte: 2 }', '60s', '[SourceIp, user.name]'));
    assert.equal(run(byTwo, [auth(0, 'a', 'x'), auth(1, 'a', 'y')]).length, 0);
    assert.equal(run(byTwo, [auth(0, 'a', 'x'), auth(1, 'a', 'x')]).length, 1);
  });

  test('after firing a group is silent until its window slides past the firing; later counts add up every event since', () => {
    const attack = Array.from({ length: 20 }, (_, i) => auth(i * 10, 'a'));
    const findings = run(rulesFrom(countRule('{ gte: 3 }')), attack);
    // Fires at 20 s, silent through 80 s, fires again at 90 s (the window 30..90 holds 7), then 160 s.
    assert.deepEqual(firedAt(findings), [20, 90, 160]);
    assert.deepEqual(
      findings.map((finding) => finding.count),
      [3, 7, 7],
    );
    assert.equal(findings[1]?.firstSeen, t0 + 30 * second);
  });

  test('gt is a rising condition too', () => {
    assert.deepEqual(
      firedAt(run(rulesFrom(countRule('{ gt: 2 }')), [auth(0, 'a'), auth(1, 'a'), auth(2, 'a')])),
      [2],
    );
  });

  test('lt is decided when the window ends: fewer than N events in the timespan after the first', () => {
    const rules = rulesFrom(countRule('{ lt: 3 }'));
    const detector = createDetector(rules);
    assert.deepEqual(detector.process(auth(0, 'quiet')), []);
    assert.deepEqual(detector.process(auth(30, 'quiet')), []);
    assert.deepEqual(detector.process(auth(0, 'busy')), []);
    for (const at of [10, 20]) detector.process(auth(at, 'busy'));
    // The windows end at 60 s; the next event after that closes them.
    const closed = detector.process(auth(61, 'other'));
    assert.deepEqual(
      closed.map((finding) => [finding.entities.srcIp, finding.count]),
      [['quiet', 2]],
    );
    assert.deepEqual(
      detector.flush(Infinity).map((finding) => finding.entities.srcIp),
      ['other'],
    );
  });

  test('a range (gt and lte) and eq are decided at the window end', () => {
    const burst = (n: number): SecurityEvent[] => Array.from({ length: n }, (_, i) => auth(i, `ip${n}`));
    const range = rulesFrom(countRule('{ gt: 2, lte: 4 }'));
    assert.deepEqual(
      run(range, [...burst(2), ...burst(3), ...burst(4), ...burst(5)])
        .map((f) => f.count)
        .sort(),
      [3, 4],
    );
    const exactly = rulesFrom(countRule('{ eq: 2 }'));
    assert.deepEqual(
      run(exactly, [...burst(2), ...burst(3)]).map((f) => f.count),
      [2],
    );
  });

  test('small disorder is tolerated; an event older than the window is ignored', () => {
    const rules = rulesFrom(countRule('{ gte: 3 }'));
    assert.equal(run(rules, [auth(10, 'a'), auth(5, 'a'), auth(12, 'a')]).length, 1);
    assert.equal(run(rules, [auth(100, 'a'), auth(10, 'a'), auth(101, 'a')]).length, 0);
  });
});

describe('value_count', () => {
  const spraying = (condition: string): string =>
    correlation(
      `type: value_count\nrules: [failed]\ngroup-by: [SourceIp]\ntimespan: 60s\ncondition: ${condition}`,
    );

  test('counts distinct values of the field in the window', () => {
    const rules = rulesFrom(spraying('{ field: TargetUserName, gte: 3 }'));
    const same = [auth(0, 'a', 'root'), auth(1, 'a', 'root'), auth(2, 'a', 'root')];
    assert.equal(run(rules, same).length, 0);
    const findings = run(rules, [
      auth(0, 'a', 'root'),
      auth(1, 'a', 'admin'),
      auth(2, 'a', 'root'),
      auth(3, 'a', 'oracle'),
    ]);
    assert.deepEqual(
      findings.map((finding) => [finding.count, finding.entities]),
      [[3, { srcIp: 'a', host: 'web1' }]],
    );
    assert.equal(run(rules, [auth(0, 'a', 'x'), auth(1, 'a', 'y'), auth(61, 'a', 'z')]).length, 0);
  });

  test('a value seen again is counted at its latest time', () => {
    const rules = rulesFrom(spraying('{ field: TargetUserName, gte: 3 }'));
    assert.equal(
      run(rules, [auth(0, 'a', 'x'), auth(1, 'a', 'y'), auth(59, 'a', 'x'), auth(100, 'a', 'z')]).length,
      0,
    );
    assert.equal(
      run(rules, [auth(0, 'a', 'x'), auth(50, 'a', 'y'), auth(59, 'a', 'x'), auth(100, 'a', 'z')]).length,
      1,
    );
  });

  test('lte at the window end', () => {
    const rules = rulesFrom(spraying('{ field: TargetUserName, lte: 1 }'));
    assert.deepEqual(
      run(rules, [auth(0, 'a', 'x'), auth(1, 'a', 'x'), auth(0, 'b', 'x'), auth(1, 'b', 'y')]).map(
        (f) => f.entities.srcIp,
      ),
      ['a'],
    );
  });
});

describe('temporal and temporal_ordered', () => {
  const temporal = (type: string, rules = '[failed, success]', extra = ''): string =>
    correlation(`type: ${type}\nrules: ${rules}\ngroup-by: [SourceIp]\ntimespan: 60s${extra}`);

  test('temporal: every referenced rule within the timespan, in any order', () => {
    const rules = rulesFrom(temporal('temporal'));
    assert.equal(run(rules, [auth(0, 'a', 'x', 'Success'), auth(30, 'a')]).length, 1);
    assert.equal(run(rules, [auth(0, 'a'), auth(30, 'a')]).length, 0);
    assert.equal(run(rules, [auth(0, 'a', 'x', 'Success'), auth(61, 'a')]).length, 0);
    assert.equal(run(rules, [auth(0, 'a', 'x', 'Success'), auth(30, 'b')]).length, 0);
  });

  test('temporal_ordered: the rules in the order given', () => {
    const rules = rulesFrom(temporal('temporal_ordered'));
    const [finding, ...rest] = run(rules, [auth(0, 'a'), auth(10, 'a'), auth(30, 'a', 'root', 'Success')]);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      [finding?.count, finding?.evidence.length, finding?.firstSeen],
      [2, 2, t0 + 10 * second],
    );
    assert.equal(run(rules, [auth(0, 'a', 'x', 'Success'), auth(30, 'a')]).length, 0);
    assert.equal(run(rules, [auth(0, 'a'), auth(61, 'a', 'x', 'Success')]).length, 0);
  });

  test('a condition below the rule count asks for that many (ordered: the longest in-order prefix)', () => {
    const three = '[failed, success, failed_root]';
    const withRoot = `${baseRules}---
title: root failure
name: failed_root
logsource: { product: linux, service: sshd }
detection:
  selection: { status: Failure, user.name: root }
  condition: selection
`;
    const rules = (type: string): ReturnType<typeof rulesFrom> =>
      rulesFrom(temporal(type, three, '\ncondition: { gte: 2 }').replace(baseRules, withRoot));
    assert.equal(run(rules('temporal'), [auth(0, 'a', 'bob'), auth(5, 'a', 'bob', 'Success')]).length, 1);
    assert.equal(
      run(rules('temporal_ordered'), [auth(0, 'a', 'bob', 'Success'), auth(5, 'a', 'bob')]).length,
      0,
    );
  });

  test('one event matching two referenced rules does not make an ordered chain on its own', () => {
    const alsoFailed = `${baseRules}---
title: any login
name: any
logsource: { product: linux, service: sshd }
detection:
  selection: { class_uid: 3002 }
  condition: selection
`;
    const rules = rulesFrom(temporal('temporal_ordered', '[failed, any]').replace(baseRules, alsoFailed));
    assert.equal(run(rules, [auth(0, 'a')]).length, 0);
    assert.equal(run(rules, [auth(0, 'a'), auth(1, 'a')]).length, 1);
  });

  test("chained: brute force (an event_count) then a success, the spec's example shape", () => {
    const text = `${baseRules}---
title: brute force
name: brute_force
correlation:
  type: event_count
  rules: [failed]
  group-by: [SourceIp]
  timespan: 10m
  condition: { gte: 3 }
---
title: success after brute force
correlation:
  type: temporal_ordered
  rules: [brute_force, success]
  group-by: [SourceIp]
  timespan: 1h
generate: true
level: critical
`;
    const findings = run(rulesFrom(text), [
      auth(0, 'a'),
      auth(1, 'a'),
      auth(2, 'a'),
      auth(100, 'a', 'root', 'Success'),
    ]);
    // generate: true lets the referenced rules alert on their own as well.
    assert.deepEqual(
      findings.map((finding) => [finding.rule.title, finding.count, finding.evidence.length]),
      [
        ['brute force', 3, 3],
        ['successful login', 1, 1],
        ['success after brute force', 4, 4],
      ],
    );
  });

  test('aliases group different fields of different rules', () => {
    const text = `${baseRules}---
title: user then address
correlation:
  type: temporal
  rules: [failed, success]
  group-by: [who]
  timespan: 60s
  aliases:
    who:
      failed: SubjectUserName
      success: SourceIp
`;
    const failedAsUser = { ...auth(0, 'x', '10.0.0.1'), actor: { user: { name: '10.0.0.1' } } };
    assert.equal(run(rulesFrom(text), [failedAsUser, auth(5, '10.0.0.1', 'bob', 'Success')]).length, 1);
    assert.equal(run(rulesFrom(text), [failedAsUser, auth(5, '10.0.0.2', 'bob', 'Success')]).length, 0);
  });
});

describe('value_sum and value_avg', () => {
  const bytes = (at: number, ip: string, length: number): SecurityEvent =>
    linuxEvent({
      time: t0 + at * second,
      src_endpoint: { ip },
      http_response: { code: 200, length },
      logsource: { category: 'webserver' },
    });
  const web = (type: string, condition: string): string => `title: served
name: served
logsource: { category: webserver }
detection:
  selection: { sc-status: 200 }
  condition: selection
---
title: big transfer
correlation:
  type: ${type}
  rules: [served]
  group-by: [c-ip]
  timespan: 1h
  condition: ${condition}
`;

  test('value_sum fires once the sum passes the bound, within one window', () => {
    const findings = run(rulesFrom(web('value_sum', '{ field: sc-bytes, gt: 1000 }')), [
      bytes(0, 'a', 600),
      bytes(1, 'a', 600),
      bytes(2, 'a', 600),
    ]);
    assert.deepEqual(
      findings.map((finding) => [firedAt([finding])[0], finding.count]),
      [[1, 2]],
    );
  });

  test('value_avg is decided when the window ends', () => {
    const rules = rulesFrom(web('value_avg', '{ field: sc-bytes, gt: 500 }'));
    // a: 1000 then 10 averages 505 only when the window is complete; b averages 450.
    const findings = run(rules, [
      bytes(0, 'a', 1000),
      bytes(1, 'a', 10),
      bytes(0, 'b', 600),
      bytes(5, 'b', 300),
    ]);
    assert.deepEqual(
      findings.map((finding) => [finding.entities.srcIp, finding.count, finding.lastSeen - t0]),
      [['a', 2, 1000]],
    );
  });
});

describe('state', () => {
  test('snapshot and restore mid-window: a restart does not reset the count', () => {
    const rules = rulesFrom(countRule('{ gte: 5 }', '10m'));
    const before = createDetector(rules);
    for (let i = 0; i < 3; i++) before.process(auth(i * 10, 'a'));
    const saved = JSON.parse(JSON.stringify(before.snapshot())) as unknown;
    const after = createDetector(rulesFrom(countRule('{ gte: 5 }', '10m')));
    after.restore(saved);
    assert.deepEqual(after.process(auth(40, 'a')), []);
    const [finding] = after.process(auth(50, 'a'));
    assert.deepEqual([finding?.count, finding?.evidence.length, finding?.firstSeen], [5, 5, t0]);
  });

  test('restored windows and silences keep working, for every correlation type', () => {
    const types = [
      countRule('{ gte: 2 }'),
      countRule('{ lt: 5 }'),
      correlation(
        'type: value_count\nrules: [failed]\ngroup-by: [SourceIp]\ntimespan: 60s\ncondition: { field: TargetUserName, gte: 2 }',
      ),
      correlation('type: temporal\nrules: [failed, success]\ngroup-by: [SourceIp]\ntimespan: 60s'),
      correlation('type: temporal_ordered\nrules: [failed, success]\ngroup-by: [SourceIp]\ntimespan: 60s'),
    ];
    const events = [
      auth(0, 'a', 'x'),
      auth(10, 'a', 'y'),
      auth(20, 'a', 'z', 'Success'),
      auth(30, 'a', 'w'),
      auth(40, 'a', 'v', 'Success'),
      auth(200, 'b'),
    ];
    for (const text of types) {
      const straight = run(rulesFrom(text), events);
      for (let cut = 1; cut < events.length; cut++) {
        const first = createDetector(rulesFrom(text));
        const findings = events.slice(0, cut).flatMap((event) => first.process(event));
        const second = createDetector(rulesFrom(text));
        second.restore(JSON.parse(JSON.stringify(first.snapshot())) as unknown);
        findings.push(
          ...events.slice(cut).flatMap((event) => second.process(event)),
          ...second.flush(Infinity),
        );
        assert.deepEqual(
          findings,
          straight,
          `${text.split('type: ')[1]?.split('\n')[0] ?? ''} cut at ${cut}`,
        );
      }
    }
  });

  test('state of a changed rule, and anything not a snapshot, is dropped', () => {
    const before = createDetector(rulesFrom(countRule('{ gte: 3 }')));
    before.process(auth(0, 'a'));
    before.process(auth(1, 'a'));
    const changed = createDetector(rulesFrom(countRule('{ gte: 3 }', '2m')));
    changed.restore(before.snapshot());
    assert.deepEqual(changed.process(auth(2, 'a')), []);
    for (const junk of [
      null,
      'x',
      { version: 2 },
      { version: 1, now: 1, correlations: [{ key: 'k', fingerprint: 'f', groups: 'bad' }] },
    ]) {
      const detector = createDetector(rulesFrom(countRule('{ gte: 3 }')));
      detector.restore(junk);
      assert.equal(detector.stats().groups, 0);
    }
  });

  test('state stays bounded under a million distinct groups', () => {
    const rules = rulesFrom(countRule('{ gte: 3 }', '1h'));
    const detector = createDetector({ ...rules, maxGroupsPerCorrelation: 10_000 });
    const event = auth(0, '');
    for (let i = 0; i < 1_000_000; i++) {
      event.time = t0 + i;
      event.src_endpoint = { ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
      detector.process(event);
    }
    assert.deepEqual(detector.stats(), { groups: 10_000, evictedGroups: 990_000 });
    assert.ok(JSON.stringify(detector.snapshot()).length < 50_000_000);
  });

  test('groups expire once their window has passed', () => {
    const detector = createDetector(rulesFrom(countRule('{ gte: 3 }')));
    for (let i = 0; i < 100; i++) detector.process(auth(i, `ip${i}`));
    assert.equal(detector.stats().groups, 61);
    detector.flush(t0 + 1000 * second);
    assert.equal(detector.stats().groups, 0);
  });
});
