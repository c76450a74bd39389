import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { NetScanList } from '../../src/protocol/netscan-api.ts';
import { defaultWebRoot, type RunningServer } from '../../src/server/start-server.ts';
import {
  collectConsoleErrors,
  launchChromium,
  noConsoleErrors,
  rowsShown,
  signIn,
} from '../helpers/browser.ts';
import { signedInUser } from '../helpers/hand-agent.ts';
import { generateCert, startSshd, type GeneratedCert, type SshdService } from '../helpers/net-services.ts';
import { needs } from '../helpers/requirements.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';
import { capture } from './vuln-fleet.ts';

/*
 * The Network page's audits against a real server whose scope is 127.0.0.1: its group `local`
 * covers a plain HTTP server this test runs (no security headers), an HTTPS one with a
 * self-signed certificate that is replaced between the two scans, an sshd that takes passwords,
 * the machine's own Redis on
 * 6379 (which answers PING without a password; only probed, never reconfigured), and a port that
 * is closed for the first scan and open for the second, so the second scan shows a new port.
 */

/** Every path gets the same small page, without a single security header. */
const plainPage: RequestListener = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html' });
  response.end('<html><head><title>Plain page</title></head><body>hello</body></html>');
};

/** The plain page over HTTP, or over HTTPS with `cert`. */
function startWeb(port = 0, cert?: GeneratedCert): Promise<Server> {
  const server =
    cert === undefined
      ? createServer(plainPage)
      : createTlsServer({ key: cert.keyPem, cert: cert.certPem }, plainPage);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const redisPort = 6379;

const requirements = {
  ...needs('/usr/sbin/sshd', 'the group holds a real sshd'),
  ...needs('redis-server', 'the group holds the machine’s Redis on 6379'),
  ...needs('chromium', 'browser tests drive the real UI'),
};

describe('Network scans in Chromium', requirements, () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let admin: ApiClient;
  let certDir: string;
  let web: Server;
  let secure: Server;
  let sshd: SshdService;
  let later: Server | undefined;
  let laterPort: number;

  const hash = (page: Page) => decodeURIComponent(new URL(page.url()).hash);

  const open = async (username: string, password: string, path: string, width = 1440) => {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, username, password, path);
    return { page, errors };
  };

  /** Presses Run scan, then waits until the scans list shows `done` finished scans. */
  const runScan = async (page: Page, queued: string, done: number) => {
    await page.getByRole('button', { name: 'Run scan' }).click();
    await page.getByRole('status').filter({ hasText: queued }).waitFor();
    const rows = page.getByTestId('net-scan-row');
    const deadline = Date.now() + 60_000;
    while ((await rows.getByTestId('scan-status').filter({ hasText: 'Done' }).count()) < done) {
      if (Date.now() > deadline) assert.fail(`the scans list did not come to ${done} done scans`);
      const failed = rows.filter({ hasText: 'Failed' });
      if ((await failed.count()) > 0) assert.fail(`a scan failed: ${await failed.first().textContent()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const runGroupScan = async (page: Page, done: number) => {
    await page.getByLabel('Scan', { exact: true }).selectOption('local');
    await runScan(page, 'Scan of group local queued', done);
  };

  before(async () => {
    assert.ok(existsSync(`${defaultWebRoot}/index.html`), 'run `npm run build:web` first (npm test does)');
    certDir = await mkdtemp(join(tmpdir(), 'vigil-netscan-ui-'));
    web = await startWeb();
    secure = await startWeb(0, await generateCert(certDir, { altNames: ['127.0.0.1', 'localhost'] }));
    sshd = await startSshd({ hostKeyTypes: ['ed25519'] });
    // A free port, closed for the first scan and open for the second.
    const probe = await startWeb();
    laterPort = portOf(probe);
    await closeServer(probe);
    const sqlite = testDialects[0];
    assert.ok(sqlite);
    testDb = await sqlite.create();
    server = await startTestServer(testDb, {
      netscan: {
        scope: ['127.0.0.1/32'],
        groups: [
          {
            name: 'local',
            targets: ['127.0.0.1'],
            ports: `${portOf(web)},${portOf(secure)},${sshd.port},${laterPort},${redisPort}`,
            checks: ['tls', 'ssh', 'http', 'exposure'],
          },
        ],
        defaults: { timeoutMs: 3000 },
      },
    });
    admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    await signedInUser(server, admin, 'auditor', 'auditor1');
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.close();
    await testDb.dispose();
    await closeServer(web);
    await closeServer(secure);
    await sshd.stop();
    if (later !== undefined) await closeServer(later);
    await rm(certDir, { recursive: true, force: true });
  });

  test('an admin runs the group twice: the scans, the new port, the exposure inventory, the findings and the host', async () => {
    const { page, errors } = await open('admin', adminPassword, '/overview');
    await page.getByTestId('nav-network-scans').click();
    await page.getByTestId('net-group-row').filter({ hasText: 'local' }).waitFor();
    assert.match(
      (await page.getByTestId('net-group-row').textContent()) ?? '',
      new RegExp(
        `local127\\.0\\.0\\.1${portOf(web)},${portOf(secure)},${sshd.port},${laterPort},${redisPort}tls, ssh, http, exposureon demandnever`,
      ),
    );

    // A typed target outside the scope is refused, and the form says which one.
    await page.getByLabel('Scan', { exact: true }).selectOption({ label: 'Targets I type' });
    await page.getByLabel('Targets').fill('127.0.0.1 10.9.9.9');
    await page.getByRole('button', { name: 'Run scan' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'outside netscan.scope' });
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /10\.9\.9\.9 is outside the scope/);
    assert.doesNotMatch((await refused.textContent()) ?? '', /127\.0\.0\.1 is outside/);
    await capture(page, 'network-scan-refused');

    await runGroupScan(page, 1);
    // Between the scans: a new web server, and the HTTPS one restarted with a new certificate.
    later = await startWeb(laterPort);
    const securePort = portOf(secure);
    await closeServer(secure);
    secure = await startWeb(securePort, await generateCert(certDir, { altNames: ['127.0.0.1'] }));
    await runGroupScan(page, 2);
    await rowsShown(page, 'net-scan-row', 2);
    const newest = page.getByTestId('net-scan-row').first();
    // Three web servers, sshd and Redis; Redis lets anyone in, no web server sends a security header.
    assert.equal(await newest.getByTestId('scan-open-ports').textContent(), '5');
    assert.match((await newest.textContent()) ?? '', /Done.*local.*127\.0\.0\.1.*1 \/ 1.*1 Critical/);
    await page.getByTestId('net-scan-chart').locator('canvas').waitFor();
    assert.match(
      (await page.getByTestId('net-scan-chart').getByRole('img').getAttribute('aria-label')) ?? '',
      /over the last 2 scans: the newest found 5 open services, 1 critical/,
    );
    await capture(page, 'network-scans');

    // The newest scan: its change against the first, its hosts and services, its findings.
    await newest.getByRole('link').first().click();
    await page.getByTestId('net-scan-summary').waitFor();
    assert.match(hash(page), /^#\/network\/scans\/[^/]+$/);
    assert.match((await page.getByTestId('net-scan-status').textContent()) ?? '', /Done/);
    await rowsShown(page, 'net-change-row', 2);
    const changes = page.getByTestId('net-change-row');
    assert.match(
      (await changes.filter({ hasText: 'New open port' }).textContent()) ?? '',
      new RegExp(`^New open port127\\.0\\.0\\.1:${laterPort}—http.*Medium$`),
    );
    assert.match(
      (await changes.filter({ hasText: 'Certificate changed' }).textContent()) ?? '',
      new RegExp(`^Certificate changed127\\.0\\.0\\.1:${portOf(secure)}[0-9A-F:]{23}…[0-9A-F:]{23}…Low$`),
    );
    const fingerprints = changes.getByTestId('fingerprint');
    const before = await fingerprints.nth(0).getAttribute('title');
    const now = await fingerprints.nth(1).getAttribute('title');
    assert.match(before ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.notEqual(before, now);
    await rowsShown(page, 'net-port-row', 5);
    const redisRow = page.getByTestId('net-port-row').filter({ hasText: String(redisPort) });
    assert.match((await redisRow.textContent()) ?? '', /redis.*No auth/);
    const webRow = page.getByTestId('net-port-row').filter({ hasText: String(portOf(web)) });
    assert.match((await webRow.textContent()) ?? '', /http/);
    const checks = await page.getByTestId('net-finding-check').allTextContents();
    assert.equal(checks[0], 'exposure.redis-no-auth', 'the worst finding first');
    assert.ok(checks.includes('http.header-missing-csp'), checks.join(' '));
    await capture(page, 'network-scan-detail');

    // The inventory: every endpoint seen open, with filters that land in the address.
    await page.getByTestId('nav-network-exposure').click();
    await rowsShown(page, 'net-exposure-row', 5);
    const redis = page.getByTestId('net-exposure-row').filter({ hasText: String(redisPort) });
    assert.equal(await redis.getByTestId('net-exposure-service').textContent(), 'redis');
    await redis.getByTestId('auth-none').waitFor();
    await page.getByLabel('Service').selectOption('http');
    await rowsShown(page, 'net-exposure-row', 3);
    assert.match(hash(page), /service=http/);
    await page.getByLabel('Port').fill(String(laterPort));
    await page.getByLabel('Port').press('Enter');
    await rowsShown(page, 'net-exposure-row', 1);
    assert.match(hash(page), new RegExp(`port=${laterPort}&service=http`));
    await page.reload();
    await rowsShown(page, 'net-exposure-row', 1);
    assert.equal(await page.getByLabel('Port').inputValue(), String(laterPort));
    await page.getByRole('button', { name: 'Reset' }).click();
    await rowsShown(page, 'net-exposure-row', 5);
    await capture(page, 'network-exposure');
    // An endpoint's findings count opens the findings of its address.
    await redis.getByRole('link', { name: /Critical/ }).click();
    await page.waitForURL(/#\/network\/findings\?address=127\.0\.0\.1$/);
    assert.equal(await page.getByLabel('Address').inputValue(), '127.0.0.1');

    // Findings: filtered by severity and check, a finding opens its evidence and fix in place.
    await page.getByTestId('nav-network-findings').click();
    await page.getByTestId('net-finding-row').first().waitFor();
    assert.equal(
      await page.getByTestId('stat-net-findings-critical').locator('.stat-value').textContent(),
      '1',
    );
    await page.getByLabel('Severity').selectOption('critical');
    await rowsShown(page, 'net-finding-row', 1);
    assert.match(hash(page), /severity=critical/);
    const critical = page.getByTestId('net-finding-row').first();
    await critical.getByRole('button', { name: 'Redis accepts commands without a password' }).click();
    const detail = page.getByTestId('net-finding-detail');
    assert.match((await detail.getByTestId('net-finding-remediation').textContent()) ?? '', /requirepass/);
    assert.notEqual(((await detail.getByTestId('net-finding-evidence').textContent()) ?? '').trim(), '');
    await capture(page, 'network-finding');
    await page.getByLabel('Severity').selectOption('');
    await page.getByLabel('Check').fill('http.header-missing-csp');
    await page.getByLabel('Check').press('Enter');
    await rowsShown(page, 'net-finding-row', 3);
    assert.match(hash(page), /check=http\.header-missing-csp/);

    // The changes against the first scan are findings too; acknowledging one changes its badge in
    // place, takes it off the open list and lands it under Acknowledged, where a reload still finds it.
    await page.getByLabel('Check').fill('netscan');
    await page.getByLabel('Check').press('Enter');
    await page.waitForURL(/check=netscan$/);
    const changeRow = page
      .getByTestId('net-finding-row')
      .filter({ has: page.getByTestId('net-finding-check').getByText('netscan.certificate-changed') });
    await changeRow.waitFor();
    assert.ok(
      (await page.getByTestId('net-finding-check').allTextContents()).includes('netscan.new-open-port'),
    );
    const openChanges = await page.getByTestId('net-finding-row').count();
    assert.equal(await changeRow.getByTestId('net-finding-status').textContent(), 'Open');
    await changeRow.getByRole('button', { name: 'Acknowledge' }).click();
    await changeRow.getByTestId('net-finding-status').filter({ hasText: 'Acknowledged' }).waitFor();
    assert.deepEqual((await changeRow.getByRole('button').allTextContents()).slice(1), ['Resolve', 'Reopen']);
    await capture(page, 'network-finding-acknowledged');
    await page.reload();
    await rowsShown(page, 'net-finding-row', openChanges - 1);
    await page.getByLabel('Status').selectOption('acknowledged');
    await rowsShown(page, 'net-finding-row', 1);
    assert.match(hash(page), /status=acknowledged/);
    await page.reload();
    await rowsShown(page, 'net-finding-row', 1);
    assert.equal(await changeRow.getByTestId('net-finding-status').textContent(), 'Acknowledged');

    // One host: its services, the HTTP audits of its newest scan, its findings and both scans.
    await page
      .getByTestId('net-finding-row')
      .first()
      .getByRole('link', { name: /^127\.0\.0\.1:/ })
      .click();
    await page.getByTestId('net-host-summary').waitFor();
    assert.match(hash(page), /^#\/network\/exposure\/127\.0\.0\.1$/);
    await rowsShown(page, 'net-exposure-row', 5);
    await rowsShown(page, 'net-history-row', 2);
    await rowsShown(page, 'http-summary', 3);
    await rowsShown(page, 'tls-summary', 1);
    await rowsShown(page, 'ssh-summary', 1);
    assert.match((await page.getByTestId('ssh-banner').textContent()) ?? '', /^SSH-2\.0-OpenSSH_/);
    assert.match((await page.getByTestId('ssh-auth-methods').textContent()) ?? '', /password/);
    // The fingerprint as `ssh-keygen -lf` prints it for the key the test's sshd holds.
    const blob = Buffer.from(sshd.hostKeys[0]?.publicKey.split(' ')[1] ?? '', 'base64');
    const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
    assert.equal(
      await page.getByTestId('ssh-key-fingerprints').textContent(),
      `ssh-ed25519 256 bits${fingerprint}`,
    );
    assert.match(
      (await page.getByTestId('tls-certificate').textContent()) ?? '',
      /issued by itself \(self-signed\)/,
    );
    assert.match(
      (await page.getByTestId('http-missing-headers').first().textContent()) ?? '',
      /content-security-policy/,
    );
    await capture(page, 'network-host');

    // An ad-hoc scan of one port with the HTTP checks only: it stands apart from the group's history.
    await page.getByTestId('nav-network-scans').click();
    await page.getByLabel('Scan', { exact: true }).selectOption({ label: 'Targets I type' });
    await page.getByLabel('Targets').fill('127.0.0.1');
    await page.getByLabel('Ports').fill(String(portOf(web)));
    for (const family of ['TLS', 'SSH', 'Exposure'])
      await page.getByRole('checkbox', { name: new RegExp(`^${family}`) }).uncheck();
    await capture(page, 'network-scan-ad-hoc');
    await runScan(page, 'Scan of 127.0.0.1 queued', 3);
    const adHoc = page.getByTestId('net-scan-row').first();
    assert.match((await adHoc.textContent()) ?? '', /Done.*ad hoc127\.0\.0\.1.*1 \/ 1/);
    assert.equal(await adHoc.getByTestId('scan-open-ports').textContent(), '1');
    await adHoc.getByRole('link').first().click();
    await rowsShown(page, 'net-port-row', 1);
    assert.equal(
      await page.getByTestId('net-scan-changes').count(),
      0,
      'nothing to compare an ad-hoc scan with',
    );
    const adHocChecks = await page.getByTestId('net-finding-check').allTextContents();
    assert.ok(
      adHocChecks.length > 0 && adHocChecks.every((check) => check.startsWith('http.')),
      adHocChecks.join(' '),
    );
    noConsoleErrors(errors.filter((error) => !/400/.test(error)));
    await page.close();

    const scans = await admin.request<NetScanList>('GET', '/api/network/scans');
    assert.equal(scans.body.total, 3, 'the refused scan was never queued');
    assert.deepEqual(
      scans.body.scans.map((scan) => scan.checks.join(',')),
      ['http', 'tls,ssh,http,exposure', 'tls,ssh,http,exposure'],
    );
  });

  test('auditors read scans, exposure and findings at 1366 px and get no way to start a scan', async () => {
    const { page, errors } = await open('auditor1', 'auditor-passphrase-42', '/network/scans', 1366);
    await rowsShown(page, 'net-scan-row', 3);
    assert.equal(await page.getByRole('button', { name: 'Run scan' }).count(), 0);
    assert.equal(await page.locator('#scan-what').count(), 0);
    // Strings, because test code is type-checked without the DOM library.
    const overflow = 'document.documentElement.scrollWidth > window.innerWidth';
    /** Whether a table is wider than its panel, which would hide its last columns. */
    const tableOverflows = (testId: string) =>
      page.evaluate(
        `(() => { const box = document.querySelector('[data-testid=${testId}]').parentElement; return box.scrollWidth > box.clientWidth; })()`,
      );
    assert.equal(await page.evaluate(overflow), false, 'no horizontal scrolling at 1366 px');
    assert.equal(await tableOverflows('net-scans'), false, 'the scans table fits at 1366 px');
    await capture(page, 'network-scans-auditor');
    await page
      .getByTestId('net-scan-row')
      .filter({ hasText: 'local' })
      .first()
      .getByRole('link')
      .first()
      .click();
    await rowsShown(page, 'net-port-row', 5);
    assert.equal(await page.evaluate(overflow), false, 'the scan fits at 1366 px');
    assert.equal(await tableOverflows('net-scan-hosts'), false, 'the hosts table fits at 1366 px');
    await capture(page, 'network-scan-detail-auditor');
    await page.getByTestId('nav-network-exposure').click();
    await rowsShown(page, 'net-exposure-row', 5);
    assert.equal(await tableOverflows('net-exposure'), false, 'the inventory fits at 1366 px');
    await page.getByTestId('nav-network-findings').click();
    await page.getByTestId('net-finding-row').first().waitFor();
    assert.equal(await tableOverflows('net-findings'), false, 'the findings fit at 1366 px');
    await page.getByLabel('Status').selectOption('all');
    await page.getByTestId('net-finding-status').filter({ hasText: 'Acknowledged' }).waitFor();
    assert.equal(
      await page.getByRole('button', { name: /^(Acknowledge|Resolve|Reopen)$/ }).count(),
      0,
      'auditors cannot change a finding',
    );
    await capture(page, 'network-findings-auditor');
    noConsoleErrors(errors);
    await page.close();
  });
});
