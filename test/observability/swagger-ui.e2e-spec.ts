import { Browser, BrowserContext, Page } from 'playwright-core';
import { RunningApp, startApp } from '../support/app-harness';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { BROWSER_TIMEOUT_MS, launchChromium, loopbackContext, withScreenshotOnFailure } from './support/browser';

const API_KEY = 'swagger-ui-key-31337';
const GENERATED = 'kubectl get pods -n default';
const REQUEST_BODY = JSON.stringify({ query: 'list pods in default', execute: false });

// Starting Chromium and rendering Swagger UI can take a while on a loaded CI machine.
jest.setTimeout(90_000);

describe('Swagger UI at /docs, in a real browser', () => {
  let llm: ScriptedLlmServer;
  let sut: RunningApp;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    llm = await startScriptedLlmServer({ respond: () => GENERATED });
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, API_AUTH_KEY: API_KEY });
    browser = await launchChromium();
    context = await loopbackContext(browser, sut.url);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await llm?.close();
  });

  it('authorizes with the API key and runs POST /kubectl-command with "Try it out"', async () => {
    await withScreenshotOnFailure(page, 'try-it-out', async () => {
      await page.goto(`${sut.url}/docs`);

      await page.locator('.scheme-container button.authorize').click();
      const dialog = page.locator('.dialog-ux .modal-ux');
      await dialog.waitFor();
      await dialog.locator('.auth-container').filter({ hasText: 'api-key' }).locator('input').fill(API_KEY);
      await dialog.locator('button.modal-btn.authorize').click();
      await dialog.locator('button.modal-btn', { hasText: 'Logout' }).waitFor();
      await dialog.locator('button.btn-done').click();
      await dialog.waitFor({ state: 'detached' });

      const operation = page.locator('.opblock.opblock-post').filter({ has: page.locator('[data-path="/kubectl-command"]') });
      await operation.locator('.opblock-summary-control').click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('textarea.body-param__text').fill(REQUEST_BODY);
      await operation.locator('button.execute').click();

      const liveResponse = operation.locator('.live-responses-table .response').first();
      await liveResponse.waitFor({ timeout: BROWSER_TIMEOUT_MS });
      const status = (await liveResponse.locator('.response-col_status').textContent())?.trim();
      const body = await liveResponse.locator('.response-col_description pre').first().textContent();

      expect(status).toBe('200');
      expect(body).toContain(`"kubectl_command": "${GENERATED}"`);
      expect(await operation.locator('.curl-command, .curl').first().textContent()).toContain(`X-API-Key: ${API_KEY}`);
      expect(llm.callCount).toBe(1);
      expect(llm.calls[0].userMessage).toContain('list pods in default');
    });
  });
});
