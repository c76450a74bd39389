import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readLockfile } from '../../../src/modules/vuln-scan/read-lockfile.ts';
import { packagePurl } from '../../../src/modules/vuln-scan/package-purl.ts';
import { hostEcosystem } from '../../../src/modules/vuln-match/host-ecosystem.ts';
import { PatchApplyParams } from '../../../src/protocol/patch-api.ts';

const work = mkdtempSync(join(tmpdir(), 'vigil-lockfiles-'));
after(() => rmSync(work, { recursive: true, force: true }));

function write(dir: string, name: string, content: unknown): string {
  mkdirSync(join(work, dir), { recursive: true });
  const path = join(work, dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function pins(path: string): Promise<string[]> {
  const lockfile = await readLockfile(path);
  for (const pkg of lockfile.packages) {
    assert.equal(pkg.file, path);
    assert.equal(pkg.source, pkg.name);
    assert.equal(pkg.sourceVersion, pkg.version);
    assert.equal(pkg.architecture, '');
    assert.equal(pkg.status, 'installed');
  }
  return lockfile.packages.map((pkg) => `${pkg.manager}:${pkg.name}@${pkg.version}`).sort();
}

const expectedNpm = ['npm:@babel/core@7.20.0', 'npm:debug@2.6.9', 'npm:debug@4.3.4', 'npm:ms@2.1.2'];

describe('lockfiles', () => {
  for (const version of [2, 3]) {
    test(`package-lock.json v${version}: packages map, nested paths, no root or link entries`, async () => {
      const path = write(`v${version}`, 'package-lock.json', {
        name: 'app',
        lockfileVersion: version,
        packages: {
          '': { name: 'app', version: '1.0.0' },
          'node_modules/@babel/core': { version: '7.20.0' },
          'node_modules/debug': { version: '4.3.4' },
          'node_modules/ms': { version: '2.1.2' },
          'node_modules/express/node_modules/debug': { version: '2.6.9' },
          'node_modules/local-lib': { resolved: 'packages/lib', link: true },
          'packages/lib': { version: '0.0.1' },
        },
      });
      assert.deepEqual(await pins(path), expectedNpm);
    });
  }

  test('npm-shrinkwrap.json v1: the nested dependencies tree; URL versions left out', async () => {
    const path = write('v1', 'npm-shrinkwrap.json', {
      lockfileVersion: 1,
      dependencies: {
        '@babel/core': { version: '7.20.0' },
        debug: { version: '4.3.4', dependencies: { ms: { version: '2.1.2' } } },
        express: {
          version: 'github:expressjs/express#abc',
          dependencies: { debug: { version: '2.6.9' } },
        },
      },
    });
    assert.deepEqual(await pins(path), expectedNpm);
  });

  test('Pipfile.lock: default and develop, == versions only', async () => {
    const path = write('pipenv', 'Pipfile.lock', {
      _meta: { hash: { sha256: 'x' } },
      default: {
        requests: { hashes: ['sha256:00'], version: '==2.30.0' },
        mine: { editable: true, path: '.' },
      },
      develop: { pytest: { version: '==7.4.0' } },
    });
    assert.deepEqual(await pins(path), ['pypi:pytest@7.4.0', 'pypi:requests@2.30.0']);
  });

  test('requirements.txt: exact pins with extras, markers, hashes and comments; the rest skipped by line', async () => {
    const path = write(
      'pip',
      'requirements.txt',
      [
        '# pinned',
        'requests[socks]==2.30.0 ; python_version >= "3.8"  # comment',
        'urllib3==2.0.4 \\',
        '    --hash=sha256:00 \\',
        '    --hash=sha256:11',
        'flask>=2.0',
        'Django == 4.2.1',
        'six==1.*',
        '-r other.txt',
        '',
      ].join('\r\n'),
    );
    const lockfile = await readLockfile(path);
    assert.deepEqual(await pins(path), ['pypi:Django@4.2.1', 'pypi:requests@2.30.0', 'pypi:urllib3@2.0.4']);
    assert.deepEqual(lockfile.skipped, [
      `${path}:6: flask>=2.0 is not pinned with ==`,
      `${path}:8: six==1.* is not pinned with ==`,
      `${path}:9: -r other.txt is not pinned with ==`,
    ]);
  });

  test('hostile or broken input: one-line errors', async () => {
    let deep: Record<string, unknown> = { version: '1.0.0' };
    for (let i = 0; i < 100; i++) deep = { version: '1.0.0', dependencies: { [`d${i}`]: deep } };
    const cases: [string, RegExp][] = [
      [write('bad', 'package-lock.json', '{"lockfileVersion":'), /package-lock\.json: not JSON/],
      [write('bad2', 'package-lock.json', { lockfileVersion: 9 }), /unsupported lockfileVersion 9/],
      [
        write('bad3', 'package-lock.json', { lockfileVersion: 1, dependencies: deep.dependencies }),
        /nested deeper than 64/,
      ],
      [write('bad4', 'Pipfile.lock', []), /Pipfile\.lock: not a JSON object/],
      [write('bad5', 'yarn.lock', ''), /not a known lockfile name/],
      [join(work, 'nope', 'requirements.txt'), /cannot read it/],
    ];
    for (const [path, message] of cases) {
      await assert.rejects(readLockfile(path), (error: Error) => {
        assert.match(error.message, message);
        assert.equal(error.message.includes('\n'), false);
        return true;
      });
    }
    // Long lines of near-misses parse in linear time.
    const long = write('long', 'requirements.txt', `${'a'.repeat(1_000_000)}=${'='.repeat(1_000_000)}\n`);
    const started = Date.now();
    assert.equal((await readLockfile(long)).packages.length, 0);
    assert.ok(Date.now() - started < 2000);
  });

  test('ecosystems, purls, and patching refuses them', () => {
    assert.equal(hostEcosystem(null, 'npm'), 'npm');
    assert.equal(hostEcosystem(null, 'pypi'), 'PyPI');
    const pkg = { source: '', sourceVersion: '', ecosystem: 'npm' };
    assert.equal(
      packagePurl({ ...pkg, manager: 'npm', name: '@babel/core', version: '7.20.0' }),
      'pkg:npm/%40babel/core@7.20.0',
    );
    assert.equal(
      packagePurl({ ...pkg, manager: 'pypi', name: 'Zope_Interface', version: '6.0', ecosystem: 'PyPI' }),
      'pkg:pypi/zope-interface@6.0',
    );
    const refused = PatchApplyParams.safeParse({
      manager: 'npm',
      packages: [{ name: 'ms', version: '2.1.3' }],
    });
    assert.equal(refused.success, false);
    assert.match(
      refused.error.issues[0]?.message ?? '',
      /patching drives dpkg, apk and rpm packages only, not npm/,
    );
  });
});
