import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { discoverHosts } from '../../../src/modules/netscan/discover-hosts.ts';
import { NetScanError } from '../../../src/modules/netscan/net-scan-error.ts';
import { resolveTargets } from '../../../src/modules/netscan/resolve-targets.ts';
import { scanTcpPorts } from '../../../src/modules/netscan/scan-tcp-ports.ts';
import { scanUdpPorts } from '../../../src/modules/netscan/scan-udp-ports.ts';
import { needsNetns } from '../firewall/netns.ts';
import { createScanNamespace, type ScanNamespace } from './scan-namespace.ts';

const outOfScope = (error: unknown) => error instanceof NetScanError && error.code === 'out-of-scope';

/**
 * The proof that a scan never leaves its scope: the target namespace counts, before anything else
 * sees them, every packet addressed to its out-of-scope addresses. Targets name both (a range
 * covering them, a name resolving to them); the whole pipeline runs; the counter stays at zero.
 */
describe(
  'a scan never touches an address outside its scope',
  needsNetns('nft counters in a namespace'),
  () => {
    let target: ScanNamespace;

    before(async () => {
      target = createScanNamespace('netscope', 232);
      await target.listen([22, 80]);
      target.nft(`table inet scantest {
      counter inside {}
      counter outside {}
      chain count {
        type filter hook prerouting priority -300; policy accept;
        ip daddr ${target.v4[0]} counter name inside
        ip6 daddr ${target.v6[0]} counter name inside
        ip daddr ${target.v4[1]} counter name outside
        ip6 daddr ${target.v6[1]} counter name outside
      }
    }`);
    });
    after(() => target.destroy());

    test('ranges and names partly outside the scope: only the in-scope addresses see packets', async () => {
      const resolve = (name: string) =>
        Promise.resolve(
          name === 'both.scan.test' ? [target.v4[0], target.v4[1], target.v6[0], target.v6[1]] : [],
        );
      for (const options of [
        { scope: [`${target.v4[0]}/32`, `${target.v6[0]}/128`], exclude: [] },
        // The same through an exclusion inside a wider scope.
        {
          scope: [`${target.subnet4}.0/24`, `${target.subnet6}:0/64`],
          exclude: [target.v4[1], target.v6[1]],
        },
      ]) {
        const resolved = await resolveTargets(
          [`${target.subnet4}.2/31`, 'both.scan.test', `${target.subnet6}:2/127`],
          { ...options, resolve },
        );
        assert.deepEqual(
          resolved.addresses.map((entry) => entry.address),
          [target.v4[0], target.v6[0]],
        );
        assert.ok(resolved.outOfScope.includes(target.v4[1]) && resolved.outOfScope.includes(target.v6[1]));
        const { inScope } = resolved;
        const addresses = resolved.addresses.map((entry) => entry.address);

        const hosts = await discoverHosts({ addresses, inScope, timeoutMs: 500 });
        assert.ok(hosts.every((host) => host.up));
        const tcp = await scanTcpPorts({
          addresses,
          ports: Array.from({ length: 1024 }, (_, i) => i + 1),
          inScope,
          // Split over a worker thread too, which checks its own copy of the scope before every connection.
          threads: 2,
        });
        assert.deepEqual(
          tcp.filter((r) => r.state === 'open').map((r) => `${r.address} ${r.port}`),
          [`${target.v4[0]} 22`, `${target.v4[0]} 80`, `${target.v6[0]} 22`, `${target.v6[0]} 80`],
        );
        const udp = await scanUdpPorts({ addresses, inScope, timeoutMs: 200, retries: 0 });
        assert.equal(udp.ports.length, 6);

        // Handed an out-of-scope address directly, each scanner refuses before sending anything.
        await assert.rejects(scanTcpPorts({ addresses: [target.v4[1]], ports: [22], inScope }), outOfScope);
        await assert.rejects(discoverHosts({ addresses: [target.v6[1]], inScope }), outOfScope);
        await assert.rejects(scanUdpPorts({ addresses: [target.v4[1]], ports: [53], inScope }), outOfScope);
        // A predicate that changes its mind mid-scan: the check right before connecting still holds.
        let asked = 0;
        await assert.rejects(
          scanTcpPorts({
            addresses: [target.v4[0], target.v4[1]],
            ports: [22, 80],
            inScope: (address) => address === target.v4[0] || asked++ === 0,
          }),
          outOfScope,
        );
      }
      // Anything late on the wire has arrived by now.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(target.counter('outside'), 0);
      assert.ok(target.counter('inside') > 4 * 1024, `${target.counter('inside')} packets in scope`);
    });
  },
);
