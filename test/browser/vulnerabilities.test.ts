import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { noConsoleErrors, rowsShown } from '../helpers/browser.ts';
import { signedInUser } from '../helpers/hand-agent.ts';
import { needs } from '../helpers/requirements.ts';
import { adminPassword } from '../helpers/test-server.ts';
import {
  capture,
  fixedVersion,
  kevAdvisory,
  kevCve,
  postponedCve,
  startVulnConsole,
  type VulnConsole,
  testIdText,
} from './vuln-fleet.ts';

/*
 * The Vulnerabilities console against a real server: hosts enrolled and inventoried as agents
 * do, feeds imported with the real importer, findings made by the real matcher (vuln-fleet.ts).
 */
describe('Vulnerabilities in Chromium', needs('chromium', 'browser tests drive the real UI'), () => {
  let vulnConsole: VulnConsole;
  /** The server's clock runs with real time, ahead by this much once the test moves it. */
  let ahead = 0;

  const openPage = (username: string, password: string, path: string, width?: number) =>
    vulnConsole.open(username, password, path, width);

  const text = testIdText;

  const stat = (page: Page, name: string) =>
    page.getByTestId(`stat-${name}`).locator('.stat-value').textContent();

  /** The vulnerability ids of the finding rows shown, top to bottom. */
  const shownIds = (page: Page) =>
    page.getByTestId('vuln-finding-row').getByTestId('vuln-id').allTextContents();

  /** Whether the findings table is wider than its panel, which would hide its last columns. */
  const tableOverflows =
    "(() => { const box = document.querySelector('[data-testid=vuln-findings]').parentElement; return box.scrollWidth > box.clientWidth; })()";

  const hash = (page: Page) => decodeURIComponent(new URL(page.url()).hash);

  before(async () => {
    vulnConsole = await startVulnConsole({ clock: { now: () => new Date(Date.now() + ahead) } });
  });

  after(() => vulnConsole.close());

  test('findings by risk with KEV, EPSS and fix state; filters in the address; hosts, packages, trend, feeds and a finding', async () => {
    const { page, errors } = await openPage('admin', adminPassword, '/vulnerabilities');
    await rowsShown(page, 'vuln-finding-row', 3);

    // The headline: three open, one critical and known exploited, one with a fix, one past due.
    assert.equal(await stat(page, 'vulns-open'), '3');
    assert.equal(await stat(page, 'vulns-critical'), '1');
    assert.equal(await stat(page, 'vulns-kev'), '1');
    assert.equal(await stat(page, 'vulns-fix'), '1 / 2');
    assert.equal(await stat(page, 'vulns-overdue'), '1');
    await page.getByTestId('vuln-trend').locator('canvas').waitFor();
    assert.match(
      (await page.getByTestId('vuln-trend').getByRole('img').getAttribute('aria-label')) ?? '',
      /Open findings over the last 30 days: 3 open on .*, 1 critical, 0 high\./,
    );
    // Fresh feeds: no warning, each feed listed.
    assert.equal(await page.getByTestId('stale-feeds').count(), 0);
    await rowsShown(page, 'vuln-feed-row', 4);
    assert.deepEqual(await page.getByTestId('feed-state').allTextContents(), [
      'Fresh',
      'Fresh',
      'Fresh',
      'Fresh',
    ]);

    // Riskiest first: the known-exploited openssl hole with a fix, then the postponed bash one on both hosts.
    assert.deepEqual(await shownIds(page), [kevCve, postponedCve, postponedCve]);
    const kevRow = page.getByTestId('vuln-finding-row').first();
    assert.equal(await kevRow.getByTestId('vuln-aliases').textContent(), kevAdvisory);
    assert.match(
      (await kevRow.getByTestId('kev-badge').textContent()) ?? '',
      /^KEVdue Feb 11, 2025ransomware$/,
    );
    assert.equal(await kevRow.getByTestId('fix-state').textContent(), 'Fix available');
    assert.match(
      (await kevRow.textContent()) ?? '',
      new RegExp(`3\\.0\\.11-1~deb12u2 → ${fixedVersion.replaceAll('.', '\\.')}`),
    );
    assert.match((await kevRow.textContent()) ?? '', /CVSS 3\.1 9\.8/);
    assert.match((await kevRow.textContent()) ?? '', /91\.23%99th percentile/);
    assert.match((await kevRow.getByTestId('due').textContent()) ?? '', /Feb 11, 2025.*Overdue/);
    const bashRow = page.getByTestId('vuln-finding-row').nth(1);
    assert.match((await bashRow.getByTestId('fix-state').textContent()) ?? '', /^No fix yet/);
    assert.equal(
      await bashRow.getByTestId('fix-reason').textContent(),
      'Fix postponed: Minor issue; can be fixed in a point release',
    );
    assert.equal(await bashRow.getByTestId('kev-badge').count(), 0);
    // Only findings with a fix can be chosen for a patch plan.
    assert.equal(await kevRow.getByRole('checkbox').isEnabled(), true);
    assert.equal(await bashRow.getByRole('checkbox').isEnabled(), false);
    assert.equal(await page.evaluate(tableOverflows), false, 'the findings table fits at 1440 px');
    await capture(page, 'vulnerabilities');

    // Filters apply at once and land in the address.
    await page.getByLabel('Known exploited (KEV) only').check();
    await rowsShown(page, 'vuln-finding-row', 1);
    assert.match(hash(page), /kev=true/);
    await page.getByLabel('Known exploited (KEV) only').uncheck();
    await page.getByLabel('Fix', { exact: true }).selectOption('none');
    await rowsShown(page, 'vuln-finding-row', 2);
    assert.deepEqual(await shownIds(page), [postponedCve, postponedCve]);
    await page.getByLabel('Host', { exact: true }).selectOption({ label: 'db1' });
    await rowsShown(page, 'vuln-finding-row', 1);
    assert.match(hash(page), new RegExp(`fix=none&host=${vulnConsole.fleet.db1.id}`));
    // A reload keeps them: they are read back from the address.
    await page.reload();
    await rowsShown(page, 'vuln-finding-row', 1);
    assert.equal(await page.getByLabel('Fix', { exact: true }).inputValue(), 'none');
    assert.equal(await page.getByRole('row').filter({ hasText: 'db1' }).count(), 1);
    // The export links carry the same filters.
    const csv = await page.getByTestId('export-csv').getAttribute('href');
    assert.match(
      csv ?? '',
      new RegExp(`^/api/vulnerabilities/export\\?format=csv&.*fix=none.*agentId=${vulnConsole.fleet.db1.id}`),
    );
    const exported = await page.request.get(`${vulnConsole.server.url}${csv ?? ''}`);
    assert.equal(exported.status(), 200);
    const rows = (await exported.text()).trim().split('\n');
    assert.equal(rows.length, 2, 'a header and the one finding');
    assert.match(rows[1] ?? '', new RegExp(postponedCve));
    // Typed text applies on Enter; Reset clears every filter.
    await page.getByRole('button', { name: 'Reset' }).click();
    await rowsShown(page, 'vuln-finding-row', 3);
    await page.getByLabel('CVE or advisory').fill('CVE-2025-90001');
    await page.getByLabel('CVE or advisory').press('Enter');
    await rowsShown(page, 'vuln-finding-row', 1);
    assert.match(hash(page), /q=CVE-2025-90001/);
    await page.getByLabel('Severity').selectOption('high');
    await rowsShown(page, 'vuln-finding-row', 1);
    await page.getByLabel('CVE or advisory').fill('');
    await page.getByLabel('CVE or advisory').press('Enter');
    await rowsShown(page, 'vuln-finding-row', 1);
    await page.getByLabel('Severity').selectOption('');
    await rowsShown(page, 'vuln-finding-row', 3);

    // By host: the riskiest host first; a host opens the list filtered to it.
    await page.getByTestId('vuln-view-hosts').click();
    await rowsShown(page, 'vuln-host-row', 2);
    assert.deepEqual(await page.getByTestId('vuln-host-row').locator('td:first-child').allTextContents(), [
      'web1',
      'db1',
    ]);
    assert.match(hash(page), /view=hosts/);
    await page.getByTestId('vuln-host-row').first().getByRole('link', { name: 'web1' }).click();
    await rowsShown(page, 'vuln-finding-row', 2);
    assert.match(hash(page), new RegExp(`host=${vulnConsole.fleet.web1.id}`));
    assert.doesNotMatch(hash(page), /view=/);
    // By package: libssl3 (source openssl) carries the fixable finding.
    await page.getByTestId('vuln-view-packages').click();
    await rowsShown(page, 'vuln-package-row', 2);
    assert.match(await text(page, 'vuln-package-row'), /libssl3source openssl/);
    await capture(page, 'vulnerabilities-packages');

    // One finding: everything known of it, the references as links.
    await page.goto(`${vulnConsole.server.url}/#/vulnerabilities`);
    await rowsShown(page, 'vuln-finding-row', 3);
    await page.getByTestId('vuln-finding-row').first().getByRole('link', { name: kevCve }).click();
    await page.getByTestId('finding-summary').waitFor();
    assert.match(hash(page), /^#\/vulnerabilities\/finding\/[0-9a-f]+$/);
    assert.equal(await text(page, 'finding-id'), kevCve);
    assert.equal(await text(page, 'finding-advisories'), kevAdvisory);
    assert.match(await text(page, 'finding-package'), /libssl3 \(dpkg\)/);
    assert.equal(await text(page, 'finding-versions'), `3.0.11-1~deb12u2 → ${fixedVersion}`);
    assert.match(await text(page, 'finding-fix-state'), /^Fix available\./);
    assert.match(
      await text(page, 'finding-kev'),
      /KEV.*due Feb 11, 2025.*ransomware.*added to the catalog Jan 21, 2025/,
    );
    assert.match(await text(page, 'finding-scores'), /9\.8 \(critical\), version 3\.1CVSS:3\.1\/AV:N/);
    assert.match(await text(page, 'finding-due'), /Overdue/);
    assert.equal(
      await page.getByTestId('finding-references').getByRole('link').first().getAttribute('href'),
      'https://security-tracker.debian.org/tracker/DSA-9901-1',
    );
    await page.getByRole('button', { name: 'Plan patch' }).waitFor();
    await capture(page, 'vulnerability-finding');

    // An address for a finding that does not exist says so.
    await page.goto(`${vulnConsole.server.url}/#/vulnerabilities/finding/no-such-finding`);
    await page.getByText('No such finding').waitFor();
    noConsoleErrors(errors.filter((error) => !/404/.test(error)));
    await page.close();
  });

  test('auditors read findings but get no button that plans, rescans or chooses', async () => {
    await signedInUser(vulnConsole.server, vulnConsole.admin, 'auditor', 'auditor1');
    const { page, errors } = await openPage('auditor1', 'auditor-passphrase-42', '/vulnerabilities', 1366);
    await rowsShown(page, 'vuln-finding-row', 3);
    assert.equal(await page.getByRole('button', { name: /^Plan patch/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Rescan' }).count(), 0);
    assert.equal(await page.getByTestId('vuln-finding-row').getByRole('checkbox').count(), 0);
    // A string, because test code is type-checked without the DOM library.
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(overflow, false, 'no horizontal scrolling at 1366 px');
    assert.equal(await page.evaluate(tableOverflows), false, 'the findings table fits at 1366 px');
    await capture(page, 'vulnerabilities-auditor');
    noConsoleErrors(errors);
    await page.close();
  });

  test('feeds older than vuln.staleAfterHours raise a warning above the findings', async () => {
    // The server's clock, which decides staleness; the browser still says when each was imported in its own time.
    ahead = 49 * 3_600_000;
    const { page, errors } = await openPage('admin', adminPassword, '/vulnerabilities');
    await page.getByTestId('stale-feeds').waitFor();
    assert.match(
      await text(page, 'stale-feeds'),
      /^4 feeds are out of date: debian-osv \(imported [^)]*\), debian-tracker .*Findings may miss advisories published since/,
    );
    assert.deepEqual(await page.getByTestId('feed-state').allTextContents(), [
      'Stale',
      'Stale',
      'Stale',
      'Stale',
    ]);
    await capture(page, 'vulnerabilities-stale-feeds');
    noConsoleErrors(errors);
    await page.close();
  });
});
