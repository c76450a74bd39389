import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { expandBraces, expandGlobs } from '../../src/agent/tail/expand-globs.ts';

const root = mkdtempSync(join(tmpdir(), 'vigil-globs-'));
after(() => rmSync(root, { recursive: true, force: true }));
for (const file of [
  'log/a.log',
  'log/b.log',
  'log/c.txt',
  'log/.hidden.log',
  'log/]odd.log',
  'log/nginx/access.log',
  'log/nginx/error.log',
  'log/nginx/old/access.log.1',
  'log/.cache/x.log',
]) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), '');
}
symlinkSync(join(root, 'log'), join(root, 'log', 'nginx', 'loop'));
const at = (...paths: string[]) => paths.map((path) => join(root, path));

test('wildcards stay within a segment and skip hidden names unless the pattern starts with a dot', async () => {
  assert.deepEqual(
    await expandGlobs([join(root, 'log/*.log')]),
    at('log/]odd.log', 'log/a.log', 'log/b.log'),
  );
  assert.deepEqual(await expandGlobs([join(root, 'log/.*.log')]), at('log/.hidden.log'));
  assert.deepEqual(await expandGlobs([join(root, 'log/?.*')]), at('log/a.log', 'log/b.log', 'log/c.txt'));
  assert.deepEqual(
    await expandGlobs([join(root, 'log/*/*.log')]),
    at('log/nginx/access.log', 'log/nginx/error.log'),
  );
});

test('sets, alternatives and ** work as in the shell; ** matches directories too and follows no symlink', async () => {
  assert.deepEqual(await expandGlobs([join(root, 'log/[ab].log')]), at('log/a.log', 'log/b.log'));
  assert.deepEqual(await expandGlobs([join(root, 'log/[!a]*.log')]), at('log/]odd.log', 'log/b.log'));
  assert.deepEqual(await expandGlobs([join(root, 'log/[]]odd.log')]), at('log/]odd.log'));
  assert.deepEqual(await expandGlobs([join(root, 'log/{a,c}.*')]), at('log/a.log', 'log/c.txt'));
  assert.deepEqual(
    await expandGlobs([join(root, 'log/**/access.log*')]),
    at('log/nginx/access.log', 'log/nginx/old/access.log.1'),
  );
  assert.deepEqual(
    await expandGlobs([join(root, 'log/nginx/**')]),
    at(
      'log/nginx/access.log',
      'log/nginx/error.log',
      'log/nginx/loop',
      'log/nginx/old',
      'log/nginx/old/access.log.1',
    ),
  );
});

test('literal paths are kept whether or not they exist; relative globs resolve against cwd; duplicates go', async () => {
  assert.deepEqual(
    await expandGlobs([join(root, 'log/missing.log'), join(root, 'log/a.log')]),
    at('log/a.log', 'log/missing.log'),
  );
  assert.deepEqual(await expandGlobs(['log/a.*', 'log/{a,a}.log'], root), at('log/a.log'));
  assert.deepEqual(await expandGlobs([join(root, 'nowhere/*.log')]), []);
});

test('braces expand nested alternatives and leave single-item braces alone', () => {
  assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']);
  assert.deepEqual(expandBraces('{x}{1,2}'), ['{x}1', '{x}2']);
  assert.deepEqual(expandBraces('plain'), ['plain']);
  assert.deepEqual(expandBraces('open{a,b'), ['open{a,b']);
});
