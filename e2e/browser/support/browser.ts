import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { root } from '../../support/processes.js';

/** Debian's Chromium: `npx playwright install` cannot download a browser here (`make browser` installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(root, 'docs/screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run \`make browser\` (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const ARTIFACTS = path.join(root, 'e2e/.artifacts');

/**
 * A laptop-sized page (1440×900). The page's console and errors go to
 * e2e/.artifacts/browser-console.log for post-mortems.
 */
export async function laptopPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  // Well under the test's own timeout, so a missing element fails with Playwright's explanation.
  page.setDefaultTimeout(10_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = path.join(ARTIFACTS, 'browser-console.log');
  page.on('console', (message) => appendFileSync(log, `[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => appendFileSync(log, `[pageerror] ${error.stack ?? error.message}\n`));
  page.on('requestfailed', (request) => appendFileSync(log, `[requestfailed] ${request.url()} ${request.failure()?.errorText ?? ''}\n`));
  return page;
}

/** docs/screenshots/<name>.png: what a laptop screen shows (the viewport, not the whole page). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}
