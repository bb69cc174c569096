/**
 * Browser tests run in Debian's Chromium through playwright-core, and check every page with axe
 * (WCAG 2.2 AA). Without Chromium they are skipped on a developer's machine; in CI (CI=true) a
 * browser that cannot start fails the test.
 */
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(chromiumPath);
if (!available && !process.env.CI) console.warn(`Browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium).`);

/** describe() for browser tests: skipped only outside CI when Chromium is missing. */
export const describeInBrowser = available || process.env.CI ? describe : describe.skip;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', ...options });
  return context.newPage();
}

/** Asserts that axe finds no WCAG 2.x A/AA (incl. 2.2) violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Logs in through the identity simulator as the person or company on this button ("Inloggen als …"),
 * ending on the overzicht. Someone who may act for others is asked for whom first: they go on for themselves.
 */
export async function loginAs(page: Page, appUrl: string, who: string, method: 'DigiD' | 'eHerkenning' = 'DigiD'): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('link', { name: `Inloggen met ${method}` }).click();
  await page.getByRole('button', { name: `Inloggen als ${who}`, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/overzicht' || url.pathname === '/machtigingen');
  if (new URL(page.url()).pathname === '/machtigingen') {
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.waitForURL(`${appUrl}/overzicht#voor-wie`);
  }
}
