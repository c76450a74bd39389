import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './run-ts.ts';

export const chromiumPath = '/usr/bin/chromium';
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/** Debian's Chromium, headless, with the flags this sandbox needs (no network, no sandbox as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collects console errors, which include Content-Security-Policy violations. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Signs in through the login form (which lands on the overview), then opens `path` if given. */
export async function signIn(
  page: Page,
  url: string,
  username: string,
  password: string,
  path?: string,
): Promise<void> {
  await page.goto(url);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('app-shell').waitFor();
  if (path !== undefined) await page.goto(`${url}/#${path}`);
}

/** Waits until exactly `n` elements carry `testId` (a string predicate would be eval, which the CSP forbids). */
export async function rowsShown(page: Page, testId: string, n: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await page.getByTestId(testId).count()) !== n) {
    if (Date.now() > deadline) assert.fail(`the list did not come to ${n} ${testId} rows`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The console asks who is signed in before anyone is: that 401 is expected, nothing else is. */
export function noConsoleErrors(errors: string[]): void {
  assert.deepEqual(
    errors.filter((e) => !/401/.test(e)),
    [],
    'no console errors, which would include CSP violations',
  );
}
