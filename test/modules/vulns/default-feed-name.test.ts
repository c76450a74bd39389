import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultFeedName } from '../../../src/modules/vulns/default-feed-name.ts';
import { FeedName } from '../../../src/platform/vuln-config.ts';

test('default feed names keep different sources apart and are valid names', () => {
  const cases: [Parameters<typeof defaultFeedName>, string][] = [
    [['osv', '/feeds/Debian/all.zip'], 'osv-Debian'],
    [['osv', '/feeds/Ubuntu/all.zip'], 'osv-Ubuntu'],
    [['osv', './advisories/'], 'osv-advisories'],
    [['osv', '/srv/my feeds/GHSA export'], 'osv-GHSA-export'],
    [['debian-tracker', '/data/tracker.json'], 'debian-tracker'],
    [['debian-tracker', '/data/DSA/list'], 'debian-dsa'],
    [['debian-tracker', '/data/DLA/list'], 'debian-dla'],
    [['kev', '/data/known_exploited_vulnerabilities.json'], 'kev'],
    [['epss', '/data/epss_scores-current.csv.gz'], 'epss'],
  ];
  for (const [args, expected] of cases) {
    assert.equal(defaultFeedName(...args), expected, args.join(' '));
    assert.ok(FeedName.safeParse(expected).success);
  }
});
