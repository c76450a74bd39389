import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { versionComparer } from '../../../src/modules/vuln/compare-versions.ts';
import { VersionError } from '../../../src/modules/vuln/version-error.ts';
import { isAffected } from '../../../src/modules/vuln-match/is-affected.ts';
import { evaluateAffected, prepareAffected } from '../../../src/modules/vuln-match/prepare-affected.ts';
import type { AdvisoryAffected, OsvEvent, OsvRange, TrackerState } from '../../../src/protocol/vuln.ts';

function entry(
  ecosystem: string,
  ranges: OsvRange[],
  versions: string[] = [],
  tracker?: TrackerState,
): AdvisoryAffected {
  return { ecosystem, name: 'pkg', ranges, versions, ...(tracker === undefined ? {} : { tracker }) };
}

const semver = (...events: OsvEvent[]): OsvRange => ({ type: 'SEMVER', events });
const eco = (...events: OsvEvent[]): OsvRange => ({ type: 'ECOSYSTEM', events });

/** Asserts which versions the entry affects, in its ecosystem's order. */
function expectAffected(affected: AdvisoryAffected, yes: string[], no: string[]): void {
  const compare = versionComparer(affected.ecosystem);
  for (const version of yes)
    assert.equal(isAffected(version, affected, compare), true, `${version} affected`);
  for (const version of no)
    assert.equal(isAffected(version, affected, compare), false, `${version} not affected`);
}

describe('isAffected: the OSV schema examples', () => {
  test('unfixed: introduced "0" affects every version', () => {
    expectAffected(
      entry('npm', [semver({ introduced: '0' })]),
      ['0.0.0', '0.0.1-alpha', '1.0.0', '99.0.0'],
      [],
    );
  });

  test('fixed: everything before 1.0.2', () => {
    expectAffected(
      entry('npm', [semver({ introduced: '0' }, { fixed: '1.0.2' })]),
      ['0.0.1', '1.0.1', '1.0.2-rc.1'],
      ['1.0.2', '1.0.3', '2.0.0'],
    );
  });

  test('multiple ranges in one events list: [1.0.0, 1.0.2) and [3.0.0, 3.2.5)', () => {
    const events: OsvEvent[] = [
      { introduced: '1.0.0' },
      { fixed: '1.0.2' },
      { introduced: '3.0.0' },
      { fixed: '3.2.5' },
    ];
    const yes = ['1.0.0', '1.0.1', '3.0.0', '3.2.4'];
    const no = ['0.9.9', '1.0.2', '2.9.9', '3.2.5', '4.0.0'];
    expectAffected(entry('npm', [semver(...events)]), yes, no);
    // The schema only recommends sorted events: any order means the same.
    expectAffected(entry('npm', [semver(...[...events].reverse())]), yes, no);
    expectAffected(entry('npm', [semver(events[3]!, events[0]!, events[2]!, events[1]!)]), yes, no);
  });

  test('several ranges: affected when any one includes the version', () => {
    const affected = entry('npm', [
      semver({ introduced: '1.0.0' }, { fixed: '1.0.2' }),
      semver({ introduced: '3.0.0' }, { fixed: '3.2.5' }),
    ]);
    expectAffected(affected, ['1.0.1', '3.1.0'], ['1.0.2', '2.0.0', '3.2.5']);
  });

  test('last_affected includes its version, fixed excludes it', () => {
    expectAffected(
      entry('PyPI', [eco({ introduced: '0' }, { last_affected: '2.1.214' })]),
      ['0.1', '2.1.214'],
      ['2.1.215', '3.0'],
    );
    expectAffected(
      entry('npm', [semver({ introduced: '0' }, { fixed: '2.1.214' })]),
      ['2.1.213'],
      ['2.1.214', '2.1.215'],
    );
  });

  test('limit: versions at or above every limit are outside; "*" is infinity; several limits widen', () => {
    expectAffected(
      entry('Debian:12', [eco({ introduced: '1.0-1' }, { limit: '2.0-1' })]),
      ['1.0-1', '1.5-1'],
      ['0.9-1', '2.0-1', '2.5-1'],
    );
    expectAffected(
      entry('Debian:12', [eco({ introduced: '1.0-1' }, { limit: '*' })]),
      ['1.0-1', '99-1'],
      ['0.9-1'],
    );
    expectAffected(
      entry('Debian:12', [eco({ introduced: '1.0-1' }, { limit: '1.5-1' }, { limit: '3.0-1' })]),
      ['1.0-1', '2.5-1'],
      ['3.0-1', '3.5-1'],
    );
    // A limit cuts the range but does not fix: the evaluation still needs an introduced event.
    expectAffected(entry('Debian:12', [eco({ limit: '3.0-1' })]), [], ['1.0-1']);
  });
});

describe('isAffected: edge cases', () => {
  test('the ecosystem order decides ECOSYSTEM ranges (dpkg epochs and tildes)', () => {
    expectAffected(
      entry('Debian:12', [eco({ introduced: '0' }, { fixed: '1:1.2-1' })]),
      ['1.9-1', '1:1.1-9', '1:1.2-1~deb12u1'],
      ['1:1.2-1', '1:1.2-1+deb12u1', '2:0.1-1'],
    );
    expectAffected(
      entry('Alpine:v3.19', [eco({ introduced: '0' }, { fixed: '10.6.8-r0' })]),
      ['10.6.7-r9', '10.6.8_rc1-r0'],
      ['10.6.8-r0', '10.6.8-r1', '10.11.1-r0'],
    );
  });

  test('a SEMVER range in a Debian record compares with SemVer 2.0, not dpkg', () => {
    // SemVer: 1.0.0-rc1 is a pre-release, before 1.0.0. dpkg: revision rc1 comes after 1.0.0.
    expectAffected(
      entry('Debian:12', [semver({ introduced: '0' }, { fixed: '1.0.0' })]),
      ['1.0.0-rc1'],
      ['1.0.0'],
    );
    expectAffected(entry('Debian:12', [eco({ introduced: '0' }, { fixed: '1.0.0' })]), [], ['1.0.0-rc1']);
    // SemVer numbers compare by value, not as text.
    expectAffected(
      entry('Debian:12', [semver({ introduced: '1.2.0' }, { fixed: '1.10.0' })]),
      ['1.9.0'],
      ['1.10.0'],
    );
  });

  test('the versions list: an exact listed version is affected, even outside every range', () => {
    const affected = entry('Ubuntu:22.04:LTS', [eco({ introduced: '2.0-1' })], ['1.0-1', '1.1-1']);
    expectAffected(affected, ['1.0-1', '1.1-1', '2.0-1', '3.0-1'], ['1.0-2', '1.2-1']);
    // The schema compares listed versions with ==, so another spelling of 1.0-1 is not listed.
    expectAffected(entry('Debian:12', [], ['1.0-1']), ['1.0-1'], ['1.0-01', '0:1.0-1']);
  });

  test('GIT ranges cannot be evaluated on package versions: only the versions list counts', () => {
    const git: OsvRange = {
      type: 'GIT',
      events: [
        { introduced: 'eefe8ec3f1f90d0e684890e810f3f21e8500a4cd' },
        { last_affected: '8d8242f545e9cec3e6d0d2e3f5bde8be1c659735' },
      ],
    };
    expectAffected(entry('Debian:12', [git]), [], ['1.0-1', 'eefe8ec3f1f90d0e684890e810f3f21e8500a4cd']);
    expectAffected(entry('Debian:12', [git], ['1.2-3']), ['1.2-3'], ['1.2-4']);
  });

  test('an ecosystem without a version order: ECOSYSTEM ranges are ignored, versions and SEMVER ranges count', () => {
    const affected = entry(
      'Maven',
      [eco({ introduced: '0' }, { fixed: '2.5' }), semver({ introduced: '3.0.0' }, { fixed: '3.1.0' })],
      ['2.4'],
    );
    const prepared = prepareAffected(affected, null);
    const says = (version: string): string => evaluateAffected(version, prepared).kind;
    assert.equal(says('2.4'), 'affected');
    assert.equal(says('2.3'), 'clear');
    assert.equal(says('3.0.5'), 'affected');
    assert.equal(says('3.1.0'), 'clear');
  });

  test('equal versions: [x, x) is empty; introduced x with last_affected x is exactly x', () => {
    expectAffected(
      entry('npm', [semver({ fixed: '1.0.0' }, { introduced: '1.0.0' })]),
      [],
      ['0.9.0', '1.0.0', '1.1.0'],
    );
    expectAffected(
      entry('npm', [semver({ last_affected: '1.0.0' }, { introduced: '1.0.0' })]),
      ['1.0.0'],
      ['0.9.0', '1.0.1'],
    );
  });

  test('a range without an introduced event affects nothing', () => {
    expectAffected(entry('npm', [semver({ fixed: '1.0.0' })]), [], ['0.1.0', '1.0.0']);
    expectAffected(entry('npm', [semver()]), [], ['0.1.0']);
  });

  test('a tracker state decides, whatever the ranges say', () => {
    const ranges = [eco({ introduced: '0' })];
    const tracker = (state: TrackerState): AdvisoryAffected => entry('Debian:12', ranges, [], state);
    expectAffected(tracker({ state: 'not-affected', reason: 'Vulnerable code not present' }), [], ['1.0-1']);
    expectAffected(
      tracker({ state: 'fixed', fixed: '1.2-3+deb12u1' }),
      ['1.2-3'],
      ['1.2-3+deb12u1', '1.3-1'],
    );
    for (const state of ['unfixed', 'no-dsa', 'postponed', 'ignored', 'end-of-life'] as const) {
      expectAffected(entry('Debian:12', [], [], { state }), ['0.1-1', '99-1'], []);
    }
    // A fixed state without a version says too little: the ranges decide.
    expectAffected(
      entry('Debian:12', [eco({ introduced: '0' }, { fixed: '2.0-1' })], [], { state: 'fixed' }),
      ['1.0-1'],
      ['2.0-1'],
    );
  });

  test('the fixed version: the next fix above the installed version, none when a range has none', () => {
    const fixOf = (affected: AdvisoryAffected, version: string): unknown => {
      const verdict = evaluateAffected(
        version,
        prepareAffected(affected, versionComparer(affected.ecosystem)),
      );
      return verdict.kind === 'affected' ? [verdict.fixState, verdict.fixed] : verdict.kind;
    };
    const two = entry('npm', [
      semver({ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }),
    ]);
    assert.deepEqual(fixOf(two, '1.0.1'), ['fixed', '1.0.2']);
    assert.deepEqual(fixOf(two, '3.1.0'), ['fixed', '3.2.5']);
    assert.deepEqual(fixOf(two, '2.0.0'), 'clear');
    const lastAffected = entry('PyPI', [eco({ introduced: '0' }, { last_affected: '2.1' })]);
    assert.deepEqual(fixOf(lastAffected, '2.0'), ['unfixed', null]);
    const overlapping = entry('npm', [
      semver({ introduced: '0' }, { fixed: '2.0.0' }),
      semver({ introduced: '1.0.0' }),
    ]);
    assert.deepEqual(fixOf(overlapping, '1.5.0'), ['unfixed', null]);
    const listedOnly = entry('Debian:12', [eco({ introduced: '0' }, { fixed: '1.0-1' })], ['1.5-1']);
    assert.deepEqual(fixOf(listedOnly, '1.5-1'), ['unfixed', null]);
  });

  test("throws the order's VersionError for a version it refuses, in the package or the advisory", () => {
    const compare = versionComparer('Debian:12');
    const isVersionError = (error: unknown): boolean => error instanceof VersionError;
    const good = entry('Debian:12', [eco({ introduced: '0' }, { fixed: '1.0-1' })]);
    assert.throws(() => isAffected('1.0-', good, compare), isVersionError);
    assert.throws(() => isAffected('', good, compare), isVersionError);
    const bad = entry('Debian:12', [eco({ introduced: '0' }, { fixed: '1.0 -1' })]);
    assert.throws(() => isAffected('0.9-1', bad, compare), isVersionError);
    const badTracker = entry('Debian:12', [], [], { state: 'fixed', fixed: ':1' });
    assert.throws(() => isAffected('0.9-1', badTracker, compare), isVersionError);
  });
});
