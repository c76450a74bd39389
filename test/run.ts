/*
 * `npm test`: type check, lint, then every test/**\/*.test.ts file through
 * node's test runner (Node 20's --test does not expand globs). With CI=true a
 * skipped test fails the run, because CI must prove everything.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function step(title: string, command: string, args: string[]): void {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`✖ ${title} failed\n`);
    process.exit(result.status ?? 1);
  }
}

if (only.length === 0) {
  step('type check (tsc -b)', bin('tsc'), ['-b']);
  step('lint (eslint)', bin('eslint'), ['--max-warnings=0', '.']);
}

const files =
  only.length > 0
    ? only
    : readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.test.ts'))
        .map((file) => relative(root, join(root, 'test', file)))
        .sort();

mkdirSync(join(root, 'test-results'), { recursive: true });
const tapFile = join(root, 'test-results', 'results.tap');
process.stdout.write(`\n▶ ${files.length} test files\n`);
const run = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);

const tap = readFileSync(tapFile, 'utf8');
const skipped = Number(/^# skipped (\d+)$/m.exec(tap)?.[1] ?? 0);
if (process.env.CI === 'true' && skipped > 0) {
  process.stdout.write(`✖ ${skipped} test(s) skipped; CI=true requires every test to run\n`);
  process.exit(1);
}
process.exit(run.status ?? 1);
