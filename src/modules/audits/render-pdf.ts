import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { BrowserType } from 'playwright-core';
import { AppError } from '../../platform/errors.ts';

/** Chromium takes a few hundred MB per page; reports are rendered one at a time. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * A report's HTML printed to PDF by headless Chromium, the browser Vigil's tests already drive:
 * no PDF library to trust, and the PDF is exactly the page an auditor sees. The page gets no
 * JavaScript and no network (reports are self-contained), and A4 with the report's own print
 * styles. 503 naming `audit.chromiumPath` when Chromium is not there.
 */
export async function renderPdf(html: string, chromiumPath: string): Promise<Buffer> {
  try {
    await access(chromiumPath, constants.X_OK);
  } catch {
    throw new AppError(
      'not_ready',
      `PDF reports need Chromium, and there is none at ${chromiumPath} (audit.chromiumPath); install it (Debian: apt install chromium) or download the HTML report and print it`,
    );
  }
  const run = queue.then(() => print(html, chromiumPath));
  queue = run.catch(() => undefined);
  return run;
}

async function print(html: string, chromiumPath: string): Promise<Buffer> {
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new AppError('not_ready', 'PDF reports need the playwright-core package, which is not installed');
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // --no-sandbox: Chromium refuses to start as root otherwise; the page has no script and no network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await browser.close();
  }
}
