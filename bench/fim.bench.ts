import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scanTree } from '../src/modules/fim/scan-tree.ts';
import type { Benchmark } from './harness.ts';

const run = promisify(execFile);
const fileCount = 2000;

/**
 * 2,000 files, about 200 MB, shaped like a system tree: mostly small files, some medium ones
 * and a few large binaries, in 20 directories. Random bytes, so nothing compresses or dedups.
 */
function buildTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fim-bench-'));
  for (let i = 0; i < fileCount; i += 1) {
    const sub = join(dir, `d${i % 20}`);
    mkdirSync(sub, { recursive: true });
    const size = i % 100 === 0 ? 8 << 20 : i % 10 === 0 ? 128 << 10 : 1024 + ((i * 7919) % (15 << 10));
    writeFileSync(join(sub, `f${i}`), randomBytes(size));
  }
  // Otherwise writing back 200 MB of dirty pages competes with the first timed runs.
  execFileSync('sync');
  return dir;
}

/** Both read the same warm tree: the harness's warm-up pass fills the page cache. */
function onTree(name: string, op: (dir: string) => Promise<unknown>): Benchmark {
  return {
    name,
    iterations: 5,
    warmup: 1,
    setup() {
      const dir = buildTree();
      return Promise.resolve({
        op: () => op(dir),
        teardown: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      });
    },
  };
}

export const benchmarks: Benchmark[] = [
  onTree('fim baseline: scanTree, 2000 files / 200 MB (sha256 + metadata)', (dir) =>
    scanTree([dir], { followSymlinks: false }),
  ),
  onTree('fim peer: find -type f -print0 | xargs -0 sha256sum, same tree', (dir) =>
    run('sh', ['-c', 'find "$1" -type f -print0 | xargs -0 sha256sum > /dev/null', 'sh', dir]),
  ),
];
