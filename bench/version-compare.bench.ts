/*
 * Version comparisons per second, per scheme, over the versions of the conformance vectors in
 * the shared corpora (vuln/versions): every "a op b" pair of the files named below, compared
 * through the ecosystem's compare function. The strings are made by JSON.parse, as versions from
 * feeds and inventories are (strings split out of one big file are slower to index in V8).
 * An op compares every pair, repeated to at least 100,000 comparisons. The report gives
 * comparisons per second by wall clock and by this process's CPU time (the standard machine is
 * shared, so the wall figure understates), and "cold": the first pass over the pairs in the
 * process, unoptimized code and, for SemVer and PEP 440, parsing every version into the parse
 * cache (parse-cache.ts) included.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { versionComparer } from '../src/modules/vuln/compare-versions.ts';
import { corporaDir } from '../test/helpers/corpora.ts';
import type { Benchmark } from './harness.ts';

const sets: { scheme: string; ecosystem: string; files: string[] }[] = [
  {
    scheme: 'dpkg',
    ecosystem: 'Debian',
    files: [
      'osv-scalibr/debian-versions-generated.txt',
      'osv-scalibr/debian-versions.txt',
      'dpkg/dpkg-version-cases.txt',
      'apt/apt-compareversion-cases.txt',
    ],
  },
  {
    scheme: 'rpm',
    ecosystem: 'Red Hat',
    files: ['osv-scalibr/redhat-versions.txt', 'rpm/rpmvercmp-cases.txt'],
  },
  {
    scheme: 'apk',
    ecosystem: 'Alpine',
    files: [
      'osv-scalibr/alpine-versions-generated.txt',
      'osv-scalibr/alpine-versions.txt',
      'apk/version.data',
    ],
  },
  { scheme: 'semver', ecosystem: 'npm', files: ['osv-scalibr/semver-versions.txt'] },
  {
    scheme: 'pep440',
    ecosystem: 'PyPI',
    files: ['osv-scalibr/pypi-versions-generated.txt', 'osv-scalibr/pypi-versions.txt'],
  },
];

/** The version pairs of a vector file: "a op b" or "a b result" lines, comments and validity lines left out. */
function pairsOf(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const line of text.split('\n')) {
    const fields = line.split('#')[0]?.trim().split(/\s+/) ?? [];
    if (fields.length !== 3 || line.startsWith('//')) continue;
    const [a = '', middle = '', last = ''] = fields;
    if (['<', '=', '>'].includes(middle)) pairs.push([a, last]);
    else if (['-1', '0', '1'].includes(last)) pairs.push([a, middle]);
  }
  return pairs;
}

function rate(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

function bench(set: (typeof sets)[number]): Benchmark {
  const dir = join(corporaDir() ?? '', 'vuln', 'versions');
  const pairs = existsSync(dir)
    ? set.files.flatMap((file) => pairsOf(readFileSync(join(dir, file), 'utf8')))
    : [];
  return {
    name: `version compare: ${set.scheme} (${set.ecosystem}), ${pairs.length} pairs`,
    iterations: 10,
    warmup: 3,
    setup() {
      if (pairs.length === 0) throw new Error(`vuln/versions not found under ${dir} (set VIGIL_CORPORA)`);
      const left: string[] = JSON.parse(JSON.stringify(pairs.map(([a]) => a))) as string[];
      const right: string[] = JSON.parse(JSON.stringify(pairs.map(([, b]) => b))) as string[];
      const compare = versionComparer(set.ecosystem);
      const repeat = Math.ceil(100_000 / pairs.length);
      let sink = 0;
      const pass = (): void => {
        for (let i = 0; i < left.length; i += 1) sink += compare(left[i] ?? '', right[i] ?? '');
      };
      const cpuMs = (): number => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      };
      let started = performance.now();
      let cpuStarted = cpuMs();
      pass();
      const cold = { wall: performance.now() - started, cpu: cpuMs() - cpuStarted };
      const runs: { wall: number; cpu: number }[] = [];
      return Promise.resolve({
        op: () => {
          started = performance.now();
          cpuStarted = cpuMs();
          for (let r = 0; r < repeat; r += 1) pass();
          runs.push({ wall: performance.now() - started, cpu: cpuMs() - cpuStarted });
          return Promise.resolve(sink);
        },
        report: () => {
          const timed = runs.slice(-10);
          const wall = timed.reduce((sum, run) => sum + run.wall, 0);
          const cpu = timed.reduce((sum, run) => sum + run.cpu, 0);
          const count = timed.length * repeat * pairs.length;
          return {
            comparisonsPerOp: repeat * pairs.length,
            comparisonsPerSecondWall: rate(count, wall),
            comparisonsPerSecondCpu: rate(count, cpu),
            coldComparisonsPerSecondWall: rate(pairs.length, cold.wall),
            coldComparisonsPerSecondCpu: rate(pairs.length, cold.cpu),
          };
        },
      });
    },
  };
}

/*
 * The peer: apt's own comparison (libapt-pkg, C++) through python3-apt's apt_pkg.version_compare,
 * over the same dpkg pairs, timed inside the Python process so interpreter start-up is left out.
 * The Python call overhead is part of the figure; it is the fastest in-process peer this machine has.
 */
const aptPeer = `
import apt_pkg, json, sys, time
apt_pkg.init()
pairs = json.load(sys.stdin)
repeat = max(1, -(-100000 // len(pairs)))
compare = apt_pkg.version_compare
runs = []
for _ in range(13):
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for a, b in pairs:
            compare(a, b)
    runs.append((time.perf_counter() - wall, time.process_time() - cpu))
timed = runs[3:]
count = repeat * len(pairs) * len(timed)
print(json.dumps({"wall": count / sum(r[0] for r in timed), "cpu": count / sum(r[1] for r in timed)}))
`;

function aptPeerBench(): Benchmark {
  const set = sets[0];
  const dir = join(corporaDir() ?? '', 'vuln', 'versions');
  return {
    name: 'version compare: dpkg peer, libapt-pkg via python3-apt',
    iterations: 1,
    warmup: 0,
    setup() {
      if (!set || !existsSync(dir))
        throw new Error(`vuln/versions not found under ${dir} (set VIGIL_CORPORA)`);
      const pairs = set.files.flatMap((file) => pairsOf(readFileSync(join(dir, file), 'utf8')));
      let figures: { wall: number; cpu: number } = { wall: 0, cpu: 0 };
      return Promise.resolve({
        op: () => {
          // /usr/bin/python3: the distribution's Python, where python3-apt is installed.
          const out = execFileSync('/usr/bin/python3', ['-c', aptPeer], { input: JSON.stringify(pairs) });
          figures = JSON.parse(out.toString()) as { wall: number; cpu: number };
          return Promise.resolve(figures);
        },
        report: () => ({
          comparisonsPerSecondWall: Math.round(figures.wall),
          comparisonsPerSecondCpu: Math.round(figures.cpu),
        }),
      });
    },
  };
}

export const benchmarks: Benchmark[] = [...sets.map(bench), aptPeerBench()];
