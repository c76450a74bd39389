import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderPolicy } from '../../../src/modules/firewall/render-policy.ts';
import { FirewallPolicy, type FirewallPolicyInput } from '../../../src/protocol/firewall-policy.ts';

const parse = (input: FirewallPolicyInput) => FirewallPolicy.parse(input);
const issues = (input: unknown) => {
  const parsed = FirewallPolicy.safeParse(input);
  assert.equal(parsed.success, false);
  return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('firewall policy schema and rendering', () => {
  test('defaults: inbound drop with loopback, replies, ICMPv6 essentials and ping; no outbound chain', () => {
    const text = renderPolicy(parse({ name: 'minimal' }));
    assert.match(text, /^table inet vigil \{\n\tchain policy_input \{/);
    assert.match(text, /policy drop;/);
    for (const rule of ['iif "lo" accept', 'ct state established,related accept', 'nd-neighbor-solicit'])
      assert.ok(text.includes(rule), rule);
    assert.match(text, /icmp type echo-request accept/);
    assert.doesNotMatch(text, /policy_output|log prefix/);
  });

  test('ports are merged into disjoint ranges and nested sources collapse into the outer one', () => {
    const text = renderPolicy(
      parse({
        name: 'merge',
        inbound: {
          allow: [
            {
              name: 'web',
              ports: [443, 80, '8000-8100', 8080, 81],
              sources: ['10.1.0.0/16', '10.0.0.0/8', '::ffff:192.0.2.7', 'fd00::/8', 'fd12::1'],
            },
          ],
        },
      }),
    );
    assert.ok(text.includes('ip saddr { 10.0.0.0/8, 192.0.2.7 } tcp dport { 80-81, 443, 8000-8100 } accept'));
    assert.ok(text.includes('ip6 saddr fd00::/8 tcp dport { 80-81, 443, 8000-8100 } accept'));
  });

  test('outbound rules, drop logging and per-source rate limits for both families', () => {
    const text = renderPolicy(
      parse({
        name: 'full',
        inbound: {
          logDrops: true,
          allow: [{ name: 'ssh', ports: [22], rateLimit: { rate: '10/minute', burst: 4 } }],
        },
        outbound: { default: 'drop', allow: [{ name: 'vigil', ports: [8443], destinations: ['10.0.0.1'] }] },
      }),
    );
    assert.ok(
      text.includes('set policy_in0_v4 {\n\t\ttype ipv4_addr\n\t\tsize 65535\n\t\tflags dynamic,timeout'),
    );
    assert.ok(text.includes('update @policy_in0_v6 { ip6 saddr limit rate over 10/minute burst 4 packets }'));
    assert.ok(text.includes('log prefix "vigil-drop-in: "'));
    assert.ok(text.includes('ip daddr 10.0.0.1 tcp dport 8443 accept comment "vigil"'));
    assert.match(text, /chain policy_output \{\n\t\ttype filter hook output priority filter; policy drop;/);
  });

  test('hostile or wrong input never reaches a ruleset', () => {
    assert.deepEqual(issues({ name: 'x"; flush ruleset' }), [
      'name: letters, digits, ".", "_" and "-", at most 64',
    ]);
    assert.ok(
      issues({
        name: 'p',
        inbound: { allow: [{ name: 'a', ports: [22], sources: ['1.2.3.4 } ; flush ruleset'] }] },
      }).length > 0,
    );
    assert.ok(issues({ name: 'p', inbound: { allow: [{ name: 'a b', ports: [22] }] } }).length > 0);
    assert.ok(issues({ name: 'p', inbound: { allow: [{ name: 'a', ports: ['100-20'] }] } }).length > 0);
    assert.ok(issues({ name: 'p', inbound: { allow: [{ name: 'a', ports: [70000] }] } }).length > 0);
    assert.ok(
      issues({
        name: 'p',
        inbound: { allow: [{ name: 'a', ports: [1], rateLimit: { rate: '1/fortnight' } }] },
      }).length > 0,
    );
    assert.deepEqual(issues({ name: 'p', inbound: { default: 'accept', logDrops: true } }), [
      'inbound.logDrops: logDrops needs default: drop',
    ]);
    assert.deepEqual(
      issues({
        name: 'p',
        inbound: {
          allow: [
            { name: 'a', ports: [1] },
            { name: 'a', ports: [2] },
          ],
        },
      }),
      ['inbound.allow.1.name: rule names must be unique within a direction'],
    );
    assert.ok(issues({ name: 'p', inbound: { allow: [], extra: true } }).length > 0);
  });
});
