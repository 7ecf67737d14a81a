import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium: the tests never download a browser of their own. */
export const CHROMIUM = '/usr/bin/chromium';
const DOCS = join(__dirname, '..', '..', '..', 'docs');

export interface Browser {
  page: Page;
  /** Script errors and console errors (a content security policy violation among them) the page met. */
  problems: string[];
}

/**
 * Chromium with a fresh profile for the test file that calls it, as a browser whose languages are
 * `locale`; one page at 1280 x 900.
 */
export function useBrowser(locale: string): Browser {
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  const browser: Browser = { page: undefined as unknown as Page, problems: [] };
  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      locale,
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    browser.page = context.pages()[0] ?? (await context.newPage());
    browser.page.on('pageerror', (error) => browser.problems.push(`page error: ${error.message}`));
    browser.page.on('console', (message) => {
      // Chromium logs every API error answer (a refused form's 422, a 404 about a contact gone) as a failed
      // resource; the page handles those. Anything else is a problem.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource: the server responded with a status of')) {
        browser.problems.push(`console: ${message.text()}`);
      }
    });
  });
  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });
  return browser;
}

/** The text of what the element is described by (`aria-describedby`): where a field's error is shown. */
export async function description(field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).allTextContents()));
  return texts.flat().join(' ').trim();
}

/**
 * Keeps a screenshot under docs/ for the README and the docs pages, when asked with UPDATE_SCREENSHOTS=1 (`npm run
 * screenshots`), so that an ordinary test run leaves the work tree as it was.
 */
export async function keepScreenshot(target: Page | Locator, name: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  const path = join(DOCS, name);
  if ('goto' in target) await target.screenshot({ path, fullPage: true, animations: 'disabled' });
  else await target.screenshot({ path, animations: 'disabled' });
}
