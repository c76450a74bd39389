import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/server/start-server.ts';
import { defaultWebRoot } from '../../src/server/start-server.ts';
import { collectConsoleErrors, launchChromium, screenshot, signIn } from '../helpers/browser.ts';
import { needs } from '../helpers/requirements.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

const auditorPassword = 'auditor-passphrase-42';

describe('web console in Chromium', needs('chromium', 'browser tests drive the real UI'), () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync(`${defaultWebRoot}/index.html`), 'run `npm run build:web` first (npm test does)');
    const sqlite = testDialects[0];
    assert.ok(sqlite);
    testDb = await sqlite.create();
    server = await startTestServer(testDb);
    const admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    await admin.request('POST', '/api/users', {
      username: 'auditor1',
      role: 'auditor',
      password: auditorPassword,
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.close();
    await testDb.dispose();
  });

  test('an admin signs in through the login page and sees the overview with charts', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectConsoleErrors(page);
    await page.goto(server.url);
    await page.locator('#password').waitFor();
    await screenshot(page, 'login');
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('wrong-password-for-sure');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/wrong username or password/i).waitFor();
    await page.locator('#password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('app-shell').waitFor();
    assert.match((await page.getByTestId('current-user').textContent()) ?? '', /admin/i);
    await page.getByTestId('chart-logins').locator('canvas').waitFor();
    await page.getByTestId('chart-changes').locator('canvas').waitFor();
    const path = await screenshot(page, 'overview-1280');
    assert.ok(statSync(path).size > 10_000, 'the screenshot has content');
    for (const slug of [
      'alerts',
      'hosts',
      'audits',
      'vulnerabilities',
      'network',
      'identity',
      'training',
      'settings',
    ]) {
      assert.ok(await page.getByTestId(`nav-${slug}`).isVisible(), `nav-${slug} is visible`);
    }
    assert.deepEqual(
      errors.filter((e) => !/401/.test(e)),
      [],
      'no console errors, which would include CSP violations',
    );
    await page.close();
  });

  test('users, audit log and chain verification work from the UI', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server.url, 'admin', adminPassword);
    await page.getByTestId('nav-settings-users').click();
    await page.getByTestId('user-row').first().waitFor();
    assert.equal(await page.getByTestId('user-row').count(), 2);
    await screenshot(page, 'users');
    await page.getByTestId('nav-settings-audit').click();
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByTestId('audit-verify-result').waitFor();
    assert.match((await page.getByTestId('audit-verify-result').textContent()) ?? '', /intact|ok|verified/i);
    await screenshot(page, 'audit-log');
    await page.close();
  });

  test('an auditor sees no way to change users, and the layout fits a laptop screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.url, 'auditor1', auditorPassword);
    await page.getByTestId('nav-settings-users').click();
    await page.getByTestId('user-row').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /add user/i }).count(), 0);
    // A string, because test code is type-checked without the DOM library.
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(overflow, false, 'no horizontal scrolling at 1366 px');
    await screenshot(page, 'auditor-users-1366');
    await page.close();
  });
});
