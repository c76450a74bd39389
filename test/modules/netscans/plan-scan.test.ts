import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../src/platform/errors.ts';
import { NetScanConfigSchema, type NetScanConfig } from '../../../src/platform/netscan-config.ts';
import { planScan } from '../../../src/modules/netscans/plan-scan.ts';

function config(input: Record<string, unknown>): NetScanConfig {
  return NetScanConfigSchema.parse(input);
}

function refused(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('planScan', () => {
  test('an empty scope disables server scans with a clear error', () => {
    refused(
      () => planScan(config({}), { targets: ['127.0.0.1'] }),
      'bad_request',
      /disabled: set netscan\.scope/,
    );
  });

  test('ad-hoc targets must lie wholly inside the scope; the refusal names each one', () => {
    const scope = config({ scope: ['10.1.0.0/16', '2001:db8::/64'] });
    assert.deepEqual(
      planScan(scope, { targets: ['10.1.2.0/24', '10.1.0.5', '2001:db8::7', 'db.internal'] }).targets,
      ['10.1.2.0/24', '10.1.0.5', '2001:db8::7', 'db.internal'],
    );
    assert.throws(
      () => planScan(scope, { targets: ['10.1.0.1', '10.0.0.0/8', '192.168.1.1', '2001:db8:1::1'] }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.status, 400);
        assert.deepEqual(
          error.issues?.map((issue) => issue.message),
          [
            '10.0.0.0/8 is outside the scope',
            '192.168.1.1 is outside the scope',
            '2001:db8:1::1 is outside the scope',
          ],
        );
        return true;
      },
    );
  });

  test('a group is cut to the scope, never widened, and keeps its own ports and checks', () => {
    const cfg = config({
      scope: ['10.1.2.0/24', '10.9.0.1'],
      groups: [
        {
          name: 'office',
          targets: ['10.0.0.0/8', '10.1.2.7', '172.16.0.1', 'printer.lan'],
          ports: '22,80',
          checks: ['ssh'],
        },
        { name: 'elsewhere', targets: ['192.168.0.0/16'] },
      ],
    });
    assert.deepEqual(planScan(cfg, { group: 'office' }), {
      group: 'office',
      targets: ['10.1.2.0/24', '10.9.0.1', '10.1.2.7', 'printer.lan'],
      ports: '22,80',
      checks: ['ssh'],
      internetFacing: false,
    });
    refused(() => planScan(cfg, { group: 'elsewhere' }), 'bad_request', /no target of group elsewhere/);
    refused(() => planScan(cfg, { group: 'nope' }), 'not_found', /no scan group nope/);
  });

  test('a bad port list is refused when asked, not when the scan runs', () => {
    const cfg = config({
      scope: ['10.0.0.0/8'],
      groups: [{ name: 'g', targets: ['10.0.0.1'], ports: '80-22' }],
    });
    refused(() => planScan(cfg, { targets: ['10.0.0.1'], ports: '70000' }), 'bad_request', /70000/);
    refused(() => planScan(cfg, { group: 'g' }), 'bad_request', /backwards/);
  });

  test('more addresses than netscan.defaults.maxAddresses are refused', () => {
    const cfg = config({ scope: ['10.0.0.0/8'], defaults: { maxAddresses: 256 } });
    assert.equal(planScan(cfg, { targets: ['10.0.0.0/24'] }).targets.length, 1);
    refused(() => planScan(cfg, { targets: ['10.0.0.0/23'] }), 'bad_request', /512 addresses, more than/);
  });

  test('the config refuses bad ranges, schedules and duplicate groups', () => {
    for (const bad of [
      { scope: ['10.0.0.0/33'] },
      { exclude: ['not-an-ip'] },
      { scope: ['fe80::1%eth0'] },
      { groups: [{ name: 'a', targets: ['10.0.0.1'], schedule: 'every day' }] },
      {
        groups: [
          { name: 'a', targets: ['10.0.0.1'] },
          { name: 'a', targets: ['10.0.0.2'] },
        ],
      },
      { groups: [{ name: 'a', targets: ['10.0.0.1'], extra: true }] },
    ])
      assert.equal(NetScanConfigSchema.safeParse(bad).success, false, JSON.stringify(bad));
  });
});
