import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { discoverHosts } from '../../../src/modules/netscan/discover-hosts.ts';
import { scanTcpPorts } from '../../../src/modules/netscan/scan-tcp-ports.ts';
import { scanUdpPorts } from '../../../src/modules/netscan/scan-udp-ports.ts';
import type { PortResult } from '../../../src/protocol/netscan.ts';
import { needsNetns } from '../firewall/netns.ts';
import { createScanNamespace, type ScanNamespace } from './scan-namespace.ts';

const anywhere = () => true;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const byState = (results: PortResult[], state: PortResult['state']) =>
  results.filter((r) => r.state === state).map((r) => r.port);

/**
 * A host behind a default-drop nftables firewall in its own namespace: 22, 80 and 8080 allowed
 * to listeners, 113 rejected with a reset, everything else (31337's listener included) dropped.
 * ICMPv6 passes (neighbour discovery). The namespace's second IPv4 address is not firewalled: every port there is open or closed.
 */
describe(
  'TCP connect scan of a firewalled host in a network namespace',
  needsNetns('nft in a namespace'),
  () => {
    let target: ScanNamespace;
    let unreachable: string;

    before(async () => {
      target = createScanNamespace('netscan', 231);
      await target.listen([22, 80, 8080, 31337]);
      await target.serveUdp();
      target.nft(`table inet scantest {
      counter syn_7 {}
      counter syn_9 {}
      chain input {
        type filter hook input priority 0; policy drop;
        ct state established,related accept
        iif lo accept
        meta l4proto ipv6-icmp accept
        ip daddr ${target.v4[1]} accept
        tcp dport 7 counter name syn_7
        tcp dport 9 counter name syn_9
        tcp dport { 22, 80, 8080 } accept
        tcp dport 113 reject with tcp reset
      }
    }`);
      // An address whose route says unreachable: every connection fails at once with EHOSTUNREACH.
      unreachable = `198.18.${randomInt(1, 255)}.${randomInt(1, 255)}`;
      execFileSync('ip', ['route', 'add', 'unreachable', `${unreachable}/32`]);
    });
    after(() => {
      target.destroy();
      execFileSync('ip', ['route', 'del', 'unreachable', `${unreachable}/32`]);
    });

    test('open, closed and filtered, with every silent port tried 1 + retries times', async () => {
      let probes = 0;
      const results = await scanTcpPorts({
        addresses: [target.v4[0]],
        ports: [7, 9, 22, 80, 113, 443, 8080, 31337],
        inScope: anywhere,
        retries: 2,
        // Below the kernel's own 1 s SYN retransmission: each attempt is exactly one SYN on the wire.
        timing: { initialTimeoutMs: 300, minTimeoutMs: 300, maxTimeoutMs: 600 },
        onProgress: (_done, _total, attempts) => (probes = attempts),
      });
      assert.deepEqual(
        results.map((r) => `${r.port} ${r.state} ${r.reason}`),
        [
          '7 filtered no-response',
          '9 filtered no-response',
          '22 open syn-ack',
          '80 open syn-ack',
          '113 closed conn-refused',
          '443 filtered no-response',
          '8080 open syn-ack',
          '31337 filtered no-response',
        ],
      );
      assert.equal(target.counter('syn_7'), 3);
      assert.equal(target.counter('syn_9'), 3);
      assert.equal(probes, 4 + 4 * 3);
    });

    test('10,000 ports behind the default-drop firewall, well within nmap -T4 time', async () => {
      const started = performance.now();
      const results = await scanTcpPorts({
        addresses: [target.v4[0]],
        ports: range(1, 10_000),
        inScope: anywhere,
      });
      const elapsed = performance.now() - started;
      assert.deepEqual(byState(results, 'open'), [22, 80, 8080]);
      assert.deepEqual(byState(results, 'closed'), [113]);
      assert.equal(byState(results, 'filtered').length, 10_000 - 4);
      // nmap -sT -T4 takes over 20 s for the same ports on this setup (bench/netscan-ports.bench.ts).
      assert.ok(elapsed < 15_000, `${Math.round(elapsed)} ms`);
    });

    test('all 65,535 ports of the unfirewalled address: exactly the listeners open', async () => {
      const results = await scanTcpPorts({
        addresses: [target.v4[1]],
        ports: range(1, 65_535),
        inScope: anywhere,
      });
      assert.deepEqual(byState(results, 'open'), [22, 80, 8080, 31337]);
      assert.equal(byState(results, 'closed').length, 65_535 - 4);
    });

    test('IPv6 goes through the same firewall', async () => {
      const results = await scanTcpPorts({
        addresses: [target.v6[0]],
        ports: [7, 22, 113],
        inScope: anywhere,
        retries: 0,
        timing: { initialTimeoutMs: 300, minTimeoutMs: 300 },
      });
      assert.deepEqual(
        results.map((r) => `${r.address} ${r.port} ${r.state}`),
        [`${target.v6[0]} 7 filtered`, `${target.v6[0]} 22 open`, `${target.v6[0]} 113 closed`],
      );
    });

    test('an unreachable host is given up after a few attempts, not hammered', async () => {
      let probes = 0;
      const results = await scanTcpPorts({
        addresses: [unreachable, target.v4[1]],
        ports: range(1, 2000),
        inScope: anywhere,
        onProgress: (_done, _total, attempts) => (probes = attempts),
      });
      const lost = results.filter((r) => r.address === unreachable);
      assert.equal(lost.length, 2000);
      assert.ok(lost.every((r) => r.state === 'filtered' && r.reason === 'host-unreach'));
      // The reachable host got its 2,000; the unreachable one at most what was in flight when it was given up.
      assert.ok(probes < 2000 + 100, `${probes} attempts`);
      assert.deepEqual(
        byState(
          results.filter((r) => r.address === target.v4[1]),
          'open',
        ),
        [22, 80],
      );
    });

    test('discovery: the firewalled and the open address are up, an empty address is not', async () => {
      const empty = `${target.subnet4}.77`;
      const hosts = await discoverHosts({
        addresses: [target.v4[0], target.v4[1], empty],
        inScope: anywhere,
        timeoutMs: 500,
      });
      assert.deepEqual(
        hosts.map(({ address, up }) => ({ address, up })),
        [
          { address: target.v4[0], up: true },
          { address: target.v4[1], up: true },
          { address: empty, up: false },
        ],
      );
      assert.match(hosts[0]?.reason ?? '', /^tcp\/(80|22) syn-ack$/);
    });

    test('UDP: DNS, NTP and SNMP answer and are identified, no server is closed, the firewall is silence', async () => {
      const result = await scanUdpPorts({
        addresses: [target.v4[1], target.v4[0]],
        ports: [53, 123, 161, 1434],
        inScope: anywhere,
        timeoutMs: 300,
      });
      assert.deepEqual(
        result.ports.map((r) => `${r.address} ${r.port} ${r.state} ${r.reason}`),
        [
          `${target.v4[1]} 53 open udp-response`,
          `${target.v4[1]} 123 open udp-response`,
          `${target.v4[1]} 161 open udp-response`,
          `${target.v4[1]} 1434 closed port-unreach`,
          `${target.v4[0]} 53 filtered no-response`,
          `${target.v4[0]} 123 filtered no-response`,
          `${target.v4[0]} 161 filtered no-response`,
          `${target.v4[0]} 1434 filtered no-response`,
        ],
      );
      assert.deepEqual(
        result.services.map(({ port, service, method, auth, banner, details }) => ({
          port,
          service,
          method,
          auth,
          banner,
          details,
        })),
        [
          {
            port: 53,
            service: 'dns',
            method: 'probe',
            auth: undefined,
            banner: undefined,
            details: { rcode: 'refused', recursion: 'no' },
          },
          {
            port: 123,
            service: 'ntp',
            method: 'probe',
            auth: undefined,
            banner: undefined,
            details: { version: '4', stratum: '2' },
          },
          {
            port: 161,
            service: 'snmp',
            method: 'probe',
            auth: 'none',
            banner: 'Vigil test agent',
            details: { version: 'v2c', community: 'public', sysDescr: 'Vigil test agent' },
          },
        ],
      );
    });
  },
);
