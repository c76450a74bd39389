import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { importFeed } from '../../src/modules/vulns/import-feed.ts';
import { scanAgent } from '../../src/modules/vulns/scan-agent.ts';
import type { InstalledPackage, OsRelease } from '../../src/protocol/inventory.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { defaultWebRoot, type RunningServer } from '../../src/server/start-server.ts';
import { collectConsoleErrors, launchChromium, screenshot, signIn } from '../helpers/browser.ts';
import { enrollHandAgent, type HandAgent } from '../helpers/hand-agent.ts';
import { testDialects } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';
import { deb, inventory } from '../modules/vulns/harness.ts';

/*
 * What the Vulnerabilities and Patches console tests share: a small fleet with known
 * vulnerabilities, seeded through the real pieces (hosts enroll and send their inventory as
 * agents do, the feeds are files imported with the importer `vigil feeds import` uses, and the
 * matcher scans each host), and the console helpers at the end.
 *
 * web1 runs libssl3 from openssl 3.0.11-1~deb12u2, which DSA-9901-1 (CVE-2025-90001, critical,
 * in KEV with a due date long past) fixes in 3.0.15-1~deb12u1; web1 and db1 run bash 5.2.15-2,
 * whose CVE-2025-90002 the Debian tracker postpones (no fix yet). Three open findings in all.
 */

export const kevCve = 'CVE-2025-90001';
export const kevAdvisory = 'DSA-9901-1';
export const postponedCve = 'CVE-2025-90002';
export const fixedVersion = '3.0.15-1~deb12u1';
export const kevDueDate = '2025-02-11';

const bookworm: OsRelease = {
  id: 'debian',
  idLike: [],
  name: 'Debian GNU/Linux',
  prettyName: 'Debian GNU/Linux 12 (bookworm)',
  version: '12 (bookworm)',
  versionId: '12',
  versionCodename: 'bookworm',
};

const osvRecord = {
  schema_version: '1.6.0',
  id: kevAdvisory,
  aliases: [kevCve],
  summary: 'openssl: remote code execution in the TLS handshake',
  details: 'A crafted handshake message overflows a heap buffer.',
  modified: '2025-01-20T00:00:00Z',
  published: '2025-01-10T00:00:00Z',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'Debian:12', name: 'openssl' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: fixedVersion }] }],
    },
  ],
  database_specific: { source: 'https://security-tracker.debian.org/tracker/data/json' },
  references: [
    { type: 'ADVISORY', url: 'https://security-tracker.debian.org/tracker/DSA-9901-1' },
    { type: 'WEB', url: 'https://www.openssl.org/news/secadv/20250110.txt' },
  ],
};

const tracker = {
  bash: {
    [postponedCve]: {
      description: 'bash: an unquoted expansion in a rarely used builtin reads past a buffer.',
      scope: 'local',
      releases: {
        bookworm: {
          status: 'open',
          repositories: { bookworm: '5.2.15-2' },
          urgency: 'low',
          nodsa: 'Minor issue; can be fixed in a point release',
          nodsa_reason: 'postponed',
        },
      },
    },
  },
};

const kev = {
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2025.01.21',
  dateReleased: '2025-01-21T17:00:00.000Z',
  count: 1,
  vulnerabilities: [
    {
      cveID: kevCve,
      vendorProject: 'OpenSSL',
      product: 'OpenSSL',
      vulnerabilityName: 'OpenSSL Heap Buffer Overflow Vulnerability',
      dateAdded: '2025-01-21',
      shortDescription: 'A crafted handshake message overflows a heap buffer.',
      requiredAction: 'Apply updates per vendor instructions.',
      dueDate: kevDueDate,
      knownRansomwareCampaignUse: 'Known',
      notes: '',
    },
  ],
};

const epss = `#model_version:v2025.03.14,score_date:2025-01-21T00:00:00+0000
cve,epss,percentile
${kevCve},0.91234,0.99812
${postponedCve},0.00042,0.05120
`;

let sent = 0;

/** The host's inventory as its agent sends it: Debian 12 with these packages installed. */
export async function sendInventory(agent: HandAgent, packages: InstalledPackage[]): Promise<void> {
  const snapshot = inventory(agent.hostname, bookworm, packages, new Date());
  sent += 1;
  await agent.client.post('/api/agent/v1/events', {
    events: [
      {
        id: `inventory-${agent.hostname}-${sent}`,
        time: snapshot.collectedAt,
        kind: 'inventory',
        source: 'inventory',
        data: snapshot,
      },
    ],
  });
}

export interface VulnFleet {
  web1: HandAgent;
  db1: HandAgent;
}

async function seedVulnFleet(server: RunningServer, admin: ApiClient): Promise<VulnFleet> {
  const web1 = await enrollHandAgent(server, admin, 'web', 'web1');
  const db1 = await enrollHandAgent(server, admin, 'db', 'db1');
  const bash = deb('bash', '5.2.15-2');
  await sendInventory(web1, [deb('libssl3', '3.0.11-1~deb12u2', 'openssl'), bash]);
  await sendInventory(db1, [bash]);

  const dir = await mkdtemp(join(tmpdir(), 'vigil-vuln-feeds-'));
  try {
    await mkdir(join(dir, 'osv'));
    await writeFile(join(dir, 'osv', `${kevAdvisory}.json`), JSON.stringify(osvRecord));
    await writeFile(join(dir, 'tracker.json'), JSON.stringify(tracker));
    await writeFile(join(dir, 'kev.json'), JSON.stringify(kev));
    await writeFile(join(dir, 'epss.csv'), epss);
    for (const [file, name] of [
      ['osv', 'debian-osv'],
      ['tracker.json', 'debian-tracker'],
      ['kev.json', 'kev'],
      ['epss.csv', 'epss'],
    ] as const)
      await importFeed(server.deps, join(dir, file), { name, rescan: false });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await scanAgent(server.deps, web1.id);
  await scanAgent(server.deps, db1.id);
  return { web1, db1 };
}

// ---- the console, as both tests drive it ----

export interface VulnConsole {
  server: RunningServer;
  /** Signed in as admin. */
  admin: ApiClient;
  fleet: VulnFleet;
  /** A new 1100 px high page of `width`, signed in as `username` and at `path`, collecting console errors. */
  open(
    username: string,
    password: string,
    path: string,
    width?: number,
  ): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** A real server over a fresh SQLite database with the fleet seeded, and Chromium to look at it. */
export async function startVulnConsole(options: { clock?: Clock } = {}): Promise<VulnConsole> {
  assert.ok(existsSync(`${defaultWebRoot}/index.html`), 'run `npm run build:web` first (npm test does)');
  const sqlite = testDialects[0];
  assert.ok(sqlite);
  const testDb = await sqlite.create();
  const server = await startTestServer(testDb, {}, options);
  const admin = new ApiClient(server.url);
  await admin.login('admin', adminPassword);
  const fleet = await seedVulnFleet(server, admin);
  const browser: Browser = await launchChromium();
  return {
    server,
    admin,
    fleet,
    async open(username, password, path, width = 1440) {
      const page = await browser.newPage({ viewport: { width, height: 1100 } });
      const errors = collectConsoleErrors(page);
      await signIn(page, server.url, username, password, path);
      return { page, errors };
    },
    async close() {
      await browser.close();
      await server.close();
      await testDb.dispose();
    },
  };
}

/** Full-page screenshots from the top: the sidebar is fixed, so a scrolled page would show it mid-page. */
export async function capture(page: Page, name: string): Promise<void> {
  await page.mouse.move(720, 500);
  await page.mouse.wheel(0, -100_000);
  // Off the charts, whose tooltips would cover them in the picture.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(100);
  await screenshot(page, name);
}

/** The trimmed text of the first element with `testId`. */
export const testIdText = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
