/*
 * Port scanning (issue 8): Vigil's TCP connect scan against Debian's nmap, in the same run, on a
 * host in a network namespace behind a veth pair (test/modules/netscan/scan-namespace.ts), so
 * nothing the machine itself listens on changes the answer between the two tools.
 *  - all 65,535 ports of a host with six listeners: `nmap -sT -p- -n -Pn`;
 *  - 10,000 ports of a host behind a default-drop nftables firewall letting three ports through:
 *    `nmap -sT -T4 -n -Pn -p 1-10000`.
 * Each iteration runs Vigil, then nmap, back to back, so both see the same machine load; the mean
 * is of the pair, the report has each tool's times, their ratio and whether they found the same.
 * The full range is large enough for worker threads (one per core by default); after nmap it also
 * runs on one thread and on two, to show what a worker buys at the load of the moment (the
 * 1-minute load average is printed per run).
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { scanTcpPorts } from '../src/modules/netscan/scan-tcp-ports.ts';
import { createScanNamespace, type ScanNamespace } from '../test/modules/netscan/scan-namespace.ts';
import { hasProgram } from '../test/helpers/requirements.ts';
import type { Benchmark } from './harness.ts';

const run = promisify(execFile);
const listeners = [22, 80, 443, 5432, 8080, 31337];

interface Tally {
  ms: number;
  open: number[];
  filtered: number;
}

/** Open ports and the filtered count from `nmap -oG -`. */
function parseGrepable(output: string): Omit<Tally, 'ms'> {
  const open = [...output.matchAll(/(\d+)\/open\/tcp/g)].map((match) => Number(match[1]));
  const listedFiltered = [...output.matchAll(/\d+\/filtered\/tcp/g)].length;
  const ignored = /Ignored State: filtered \((\d+)\)/.exec(output)?.[1];
  return { open, filtered: listedFiltered + Number(ignored ?? 0) };
}

function sideBySide(
  name: string,
  firewall: string | undefined,
  ports: [number, number],
  nmapArgs: string[],
  threadCounts: number[],
): Benchmark {
  return {
    name,
    iterations: threadCounts.length > 0 ? 3 : 2,
    warmup: 0,
    async setup() {
      const target: ScanNamespace = createScanNamespace('netbench', 233);
      await target.listen(listeners);
      if (firewall) target.nft(firewall);
      const address = target.v4[0];
      const vigil: Tally[] = [];
      const nmap: Tally[] = [];
      const forced = new Map<number, number[]>(threadCounts.map((count) => [count, []]));
      const loads: number[] = [];
      const portList = Array.from({ length: ports[1] - ports[0] + 1 }, (_, index) => ports[0] + index);
      return {
        op: async () => {
          const scan = (threads?: number) =>
            scanTcpPorts({ addresses: [address], ports: portList, inScope: (a) => a === address, threads });
          loads.push(loadavg()[0] ?? 0);
          let started = performance.now();
          const results = await scan();
          vigil.push({
            ms: performance.now() - started,
            open: results.filter((r) => r.state === 'open').map((r) => r.port),
            filtered: results.filter((r) => r.state === 'filtered').length,
          });
          started = performance.now();
          const { stdout } = await run('nmap', [...nmapArgs, '-oG', '-', address], {
            maxBuffer: 16 * 1024 * 1024,
          });
          nmap.push({ ms: performance.now() - started, ...parseGrepable(stdout) });
          for (const [count, times] of forced) {
            started = performance.now();
            await scan(count);
            times.push(performance.now() - started);
          }
        },
        teardown: () => {
          target.destroy();
          return Promise.resolve();
        },
        report: () => {
          const mean = (tallies: Tally[]) =>
            Math.round(tallies.reduce((sum, t) => sum + t.ms, 0) / tallies.length);
          const same = vigil.every(
            (v, index) =>
              v.open.join(',') === nmap[index]?.open.join(',') && v.filtered === nmap[index].filtered,
          );
          process.stdout.write(
            `${name}\n${vigil
              .map(
                (v, index) =>
                  `  run ${index + 1}: Vigil ${Math.round(v.ms)} ms (open ${v.open.join(',')}, ${v.filtered} filtered), ` +
                  `nmap ${Math.round(nmap[index]?.ms ?? 0)} ms (open ${nmap[index]?.open.join(',')}, ${nmap[index]?.filtered} filtered)` +
                  [...forced]
                    .map(
                      ([count, times]) => `, Vigil on ${count} thread(s) ${Math.round(times[index] ?? 0)} ms`,
                    )
                    .join('') +
                  `, load ${loads[index]?.toFixed(2)}`,
              )
              .join('\n')}\n`,
          );
          return {
            vigilMeanMs: mean(vigil),
            nmapMeanMs: mean(nmap),
            vigilToNmapRatio: Math.round((mean(vigil) / mean(nmap)) * 100) / 100,
            ...Object.fromEntries(
              [...forced].map(([count, times]) => [
                `vigil${count}ThreadsMeanMs`,
                Math.round(times.reduce((sum, ms) => sum + ms, 0) / times.length),
              ]),
            ),
            openPorts: vigil[0]?.open.length ?? 0,
            filteredPorts: vigil[0]?.filtered ?? 0,
            sameResult: same ? 1 : 0,
          };
        },
      };
    },
  };
}

const firewall = `table inet scantest {
  chain input {
    type filter hook input priority 0; policy drop;
    ct state established,related accept
    iif lo accept
    tcp dport { 22, 80, 8080 } accept
  }
}`;

const usable = process.getuid?.() === 0 && ['nmap', 'ip', 'nft'].every(hasProgram);

export const benchmarks: Benchmark[] = usable
  ? [
      sideBySide(
        'netscan ports: all 65,535 TCP ports, 6 listeners, Vigil scanTcpPorts then nmap -sT -p- -n -Pn',
        undefined,
        [1, 65_535],
        ['-sT', '-p-', '-n', '-Pn'],
        [1, 2],
      ),
      sideBySide(
        'netscan ports: 10,000 TCP ports behind default-drop nft, Vigil scanTcpPorts then nmap -sT -T4 -n -Pn',
        firewall,
        [1, 10_000],
        ['-sT', '-T4', '-n', '-Pn', '-p', '1-10000'],
        [],
      ),
    ]
  : [];
