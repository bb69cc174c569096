/**
 * Issue 17 §2 and §3 in Chromium at 1280, 390 and 320 px: every main page and the public help
 * pages pass axe at all three widths and need no sideways scrolling at 390 and 320 px (WCAG
 * 1.4.10); below the breakpoint the navigation is a menu that opens and works without JavaScript;
 * tables become stacked rows that stay tables for assistive technology.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { openProductDemo } from '../../simulators/data/openproduct-demo.ts';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const zaak103 = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000103')!;
const publicPages = ['/', '/contact', '/privacy', '/cookies', '/toegankelijkheid'];
const widths = [1280, 390, 320] as const;
const heights: Record<(typeof widths)[number], number> = { 1280: 800, 390: 844, 320: 640 };

/** How much wider than the window the page is (0: no sideways scrolling). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describeInBrowser('mobile, reflow and the footer pages in a browser', () => {
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

  /** The logged-in pages, each reached as a person would (a bericht and a taak by their first link). */
  async function loggedInPages(page: Page): Promise<string[]> {
    await page.goto(`${stack.url}/berichten`);
    const bericht = await page.getByRole('table').first().getByRole('link').first().getAttribute('href');
    await page.goto(`${stack.url}/taken`);
    const taak = await page.getByRole('table').first().getByRole('link').first().getAttribute('href');
    return [
      '/overzicht',
      '/zaken',
      `/zaken/demo/${zaak103.uuid}`,
      '/taken',
      taak!,
      '/berichten',
      bericht!,
      '/producten',
      `/producten/${openProductDemo.notable.suzanne.parkeervergunning}`,
      '/gegevens',
      ...publicPages.slice(1),
    ];
  }

  for (const width of widths) {
    it(`at ${width} px: axe finds nothing${width < 1280 ? ', and no page scrolls sideways' : ''}, public and logged in`, { timeout: 240_000 }, async () => {
      const page = await newPage(browser, { viewport: { width, height: heights[width] } });
      for (const path of publicPages) {
        await page.goto(`${stack.url}${path}`);
        if (width < 1280) expect(await overflow(page), `${path} at ${width} px`).toBeLessThanOrEqual(0);
        await expectAccessible(page);
      }
      await page.screenshot({ path: `test-results/mobile/start-${width}.png`, fullPage: true });
      await loginAs(page, stack.url, 'Suzanne de Vries');
      for (const path of await loggedInPages(page)) {
        await page.goto(`${stack.url}${path}`);
        if (width < 1280) expect(await overflow(page), `${path} at ${width} px`).toBeLessThanOrEqual(0);
        await expectAccessible(page);
        const name = path === '/' ? 'start' : path.split('/').filter(Boolean).slice(0, 2).join('-');
        await page.screenshot({ path: `test-results/mobile/${name}-${width}.png`, fullPage: true });
      }
      await page.context().close();
    });
  }

  it('at 390 px the navigation is one menu that opens and leads on without JavaScript; at 1280 px it is the bar', { timeout: 120_000 }, async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await loginAs(page, stack.url, 'Suzanne de Vries');
    const menu = page.locator('summary', { hasText: 'Menu' }); // the <summary> of a <details>: a button to assistive technology
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await menu.isVisible()).toBe(true);
    expect(await nav.count()).toBe(0); // closed, and the bar is not displayed
    expect(await page.getByRole('button', { name: 'Uitloggen' }).count()).toBe(0);
    await menu.click();
    expect(await page.locator('details.voordeur-menu').getAttribute('open')).toBe('');
    expect(await nav.count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Overzicht' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('button', { name: 'Uitloggen' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'English' }).isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/mobile/menu-open-390.png' });
    await nav.getByRole('link', { name: 'Mijn zaken' }).click();
    await page.waitForURL(`${stack.url}/zaken`);
    await menu.click();
    expect(await nav.getByRole('link', { name: 'Mijn zaken' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: /Mijn berichten/ }).click();
    await page.waitForURL(`${stack.url}/berichten`);
    // Logging out from the menu, without JavaScript.
    await menu.click();
    await page.getByRole('banner').getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).click(); // at the identity provider
    await page.waitForURL(`${stack.url}/uitgelogd**`);

    const wide = await newPage(browser, { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    await loginAs(wide, stack.url, 'Suzanne de Vries');
    expect(await wide.locator('summary', { hasText: 'Menu' }).isVisible()).toBe(false);
    expect(await wide.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(1);
    expect(await wide.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn zaken' }).isVisible()).toBe(true);
    expect(await wide.getByRole('button', { name: 'Uitloggen' }).isVisible()).toBe(true);
    await page.context().close();
    await wide.context().close();
  });

  it('at 320 px Mijn zaken is stacked rows: status and date in view with their column name, still a table with headers', { timeout: 120_000 }, async () => {
    const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
    await loginAs(page, stack.url, 'Suzanne de Vries');
    await page.goto(`${stack.url}/zaken`);
    const table = page.getByRole('table', { name: 'Lopende zaken' });
    expect(await table.getByRole('row').count()).toBe(4); // header + 3, as on a wide screen
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Zaak', 'Soort zaak', 'Status', 'Laatste wijziging']);
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Bijzondere bijstand voor een wasmachine' }) });
    const status = row.getByRole('cell').nth(1);
    // Assistive technology reads the cell as it is (its column from the table's header), not the visible label twice.
    expect(await status.getAttribute('role')).toBe('cell');
    expect(await row.getByRole('cell', { name: 'Aanvullende informatie nodig', exact: true }).count()).toBe(1);
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point (the label is shown only on small screens)
    expect(await status.innerText()).toBe('Status: Aanvullende informatie nodig');
    const date = row.getByRole('cell').nth(2);
    // biome-ignore lint/performance/useDomNodeTextContent: as above
    expect(await date.innerText()).toMatch(/^Laatste wijziging: \d+ \w+ \d{4}$/);
    for (const cell of [status, date]) {
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
    }
    expect((await table.locator('thead').boundingBox())!.height).toBeLessThanOrEqual(1); // read, not shown

    // At 1280 px the same table is a table with its header row shown, and no labels in the cells.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect((await table.locator('thead').boundingBox())!.height).toBeGreaterThan(20);
    // biome-ignore lint/performance/useDomNodeTextContent: as above
    expect(await status.innerText()).toBe('Aanvullende informatie nodig');
    await page.context().close();
  });

  it('on a short page the footer ends the window: no white band under it (issue 17 §9)', { timeout: 60_000 }, async () => {
    for (const [width, height] of [
      [1280, 1000],
      [390, 844],
    ] as const) {
      const page = await newPage(browser, { viewport: { width, height } });
      await page.goto(`${stack.url}/uitgelogd`);
      const bottom = await page.evaluate(() => document.querySelector('footer')!.getBoundingClientRect().bottom);
      expect(bottom, `footer bottom at ${width}×${height}`).toBeGreaterThanOrEqual(height - 1);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('footer')!).backgroundImage)).toBe('none'); // one colour, the logo's
      await page.context().close();
    }
  });

  it('the footer links lead to their pages, in Dutch and in English', { timeout: 60_000 }, async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(stack.url);
    const footer = page.getByRole('contentinfo');
    for (const [link, heading] of [
      ['Contact', 'Contact'],
      ['Privacyverklaring', 'Privacyverklaring'],
      ['Cookieverklaring', 'Cookieverklaring'],
      ['Toegankelijkheidsverklaring', 'Toegankelijkheidsverklaring'],
    ]) {
      await footer.getByRole('link', { name: link, exact: true }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
    }
    expect(await footer.getByRole('link', { name: 'Bel 14 020' }).getAttribute('href')).toBe('tel:14020');
    expect(await footer.getByRole('link', { name: 'Website van Gemeente Voorbeeldstad' }).getAttribute('href')).toMatch(/^https:\/\//);
    await page.getByRole('link', { name: 'English' }).click();
    await footer.getByRole('link', { name: 'Accessibility statement', exact: true }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accessibility statement');
    await expectAccessible(page);
    await page.context().close();
  });
});
