import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { requireSystemTool } from './system-tool';

/** Debian's Chromium; playwright-core ships no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Generous: the CI machine has 2 noisy cores and Chromium's first start is slow. */
export const BROWSER_TIMEOUT_MS = 20_000;

export function launchChromium(): Promise<Browser> {
  const executablePath = requireSystemTool(CHROMIUM_PATH, 'chromium');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** A fresh context that can reach only `allowedOrigin`: the tests must not depend on the internet. */
export async function loopbackContext(browser: Browser, allowedOrigin: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === allowedOrigin ? route.continue() : route.abort('blockedbyclient'),
  );
  return context;
}

/** Runs a browser scenario; on failure saves a full-page screenshot and names it in the error. */
export async function withScreenshotOnFailure<T>(page: Page, name: string, scenario: () => Promise<T>): Promise<T> {
  try {
    return await scenario();
  } catch (error) {
    const path = join(mkdtempSync(join(tmpdir(), 'swagger-ui-failure-')), `${name}.png`);
    const saved = await page.screenshot({ path, fullPage: true }).then(
      () => `screenshot: ${path}`,
      (screenshotError: unknown) => `no screenshot (${String(screenshotError)})`,
    );
    if (error instanceof Error) {
      error.message = `${error.message}\n${saved}`;
      error.stack = `${error.stack ?? ''}\n${saved}`;
    }
    throw error;
  }
}
