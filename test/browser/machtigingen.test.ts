/**
 * Issue 17 §1 and §5 in Chromium at 1280, 390 and 320 px: someone who may act for another switches
 * for whom they act with the keyboard only — from the banner on every page, on "Voor wie regelt u
 * dit?", back to where they were — and the overzicht (a dashboard of cards) and the pages on the
 * way pass axe and need no sideways scrolling.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const widths = [1280, 390, 320] as const;
const heights: Record<(typeof widths)[number], number> = { 1280: 800, 390: 844, 320: 640 };

/** How much wider than the window the page is (0: no sideways scrolling). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
/** The text of what has the keyboard focus (of a radio button: its label). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const label = active instanceof HTMLInputElement ? active.labels?.[0] : active;
    return (label?.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

/** Presses Tab until the element with this text has the focus (as someone with a keyboard would); fails when it never does. */
async function tabTo(page: Page, text: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === text) return;
  }
  throw new Error(`"${text}" never got the focus`);
}

async function checkPage(page: Page, width: number, name: string) {
  expect(await overflow(page), `${name} at ${width} px`).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await page.screenshot({ path: `test-results/machtigingen/${name}-${width}.png`, fullPage: true });
}

describeInBrowser('choosing for whom one acts, with the keyboard only', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  for (const width of widths) {
    it(`at ${width} px: from the overzicht to Jan Jansen and back, by keyboard; axe finds nothing, nothing scrolls sideways`, {
      timeout: 120_000,
    }, async () => {
      const page = await newPage(browser, { viewport: { width, height: heights[width] } });
      // Lotte may act for her father: logging in asks for whom, herself chosen; she goes on for herself.
      await loginAs(page, stack.url, 'Lotte Jansen');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Lotte Jansen');
      expect(await page.getByRole('note').filter({ hasText: 'U regelt dit voor' }).textContent()).toContain('U regelt dit voor uzelf.');
      await checkPage(page, width, 'overzicht-zelf');

      // From the banner, by keyboard, to "Voor wie regelt u dit?".
      await tabTo(page, 'Kies voor wie u dit regelt');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${stack.url}/machtigingen?terug=%2Foverzicht`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Voor wie regelt u dit?');
      expect(await page.getByRole('table', { name: 'Uw machtigingen' }).getByRole('row').count()).toBe(2);
      await checkPage(page, width, 'kiezen');

      // Into the radio group (on the one chosen now), the arrow key to Jan Jansen, Tab to Verder, Enter.
      await tabTo(page, 'Mijzelf (Lotte Jansen)');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('radio', { name: 'Jan Jansen' }).isChecked()).toBe(true);
      await tabTo(page, 'Verder', 5);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/overzicht');

      // Every page now says for whom, and greets who logged in.
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Lotte Jansen');
      expect(await page.getByRole('note').filter({ hasText: 'U regelt dit voor' }).textContent()).toContain('U regelt dit voor Jan Jansen.');
      expect(await page.getByText('Hier ziet u wat Gemeente Voorbeeldstad voor Jan Jansen doet.').count()).toBe(1);
      expect(await page.locator('.voordeur-card').count()).toBeGreaterThan(0);
      await checkPage(page, width, 'overzicht-jan');
      await page.goto(`${stack.url}/zaken`);
      expect(await page.getByText('Gladheid op de stoep Lindelaan').count()).toBeGreaterThan(0);
      expect(await page.getByRole('note').filter({ hasText: 'U regelt dit voor' }).textContent()).toContain('U regelt dit voor Jan Jansen.');
      await checkPage(page, width, 'zaken-jan');

      // And back to herself, without logging out: the page she came from.
      await tabTo(page, 'Kies voor wie u dit regelt');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${stack.url}/machtigingen?terug=%2Fzaken`);
      await tabTo(page, 'Jan Jansen');
      await page.keyboard.press('ArrowUp');
      expect(await page.getByRole('radio', { name: 'Mijzelf (Lotte Jansen)' }).isChecked()).toBe(true);
      await tabTo(page, 'Verder', 5);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/zaken');
      expect(await page.getByRole('note').filter({ hasText: 'U regelt dit voor' }).textContent()).toContain('U regelt dit voor uzelf.');
      expect(await page.getByText('Gladheid op de stoep Lindelaan').count()).toBe(0);
      await page.context().close();
    });
  }

  it('the overzicht of someone with nothing yet passes axe and does not scroll sideways at 320 px', async () => {
    const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
    await loginAs(page, stack.url, 'Anna Bakker');
    expect(await page.getByRole('heading', { level: 2, name: 'U heeft nog niets bij ons' }).count()).toBe(1);
    await checkPage(page, 320, 'overzicht-leeg');
    await page.context().close();
  });
});
