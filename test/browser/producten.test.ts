/**
 * Mijn producten in Chromium at 1280 and 390 px: the list with the notice for the parkeervergunning
 * that ends in three weeks, one product (usage, its zaak, documents, Verlengen), Verlengen leading
 * to the aanvraag of its producttype with the kenteken filled in, and a company's list; axe finds
 * nothing on any of them, and at 390 px (and 320 px for Verlengen) no page scrolls sideways (the
 * list is the stacked table of the other lists). Screenshots in test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openProductDemo } from '../../simulators/data/openproduct-demo.ts';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const { suzanne, bakkerij } = openProductDemo.notable;
const heights = { 1280: 800, 390: 844 } as const;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describeInBrowser('Mijn producten in a browser', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    // With the Aanvragen catalogue: Verlengen starts the aanvraag of the producttype.
    stack = await startStack({}, {}, { aanvragen: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  for (const width of [1280, 390] as const) {
    it(`at ${width} px: the list, one product and a company's list pass axe${width < 1280 ? ' and need no sideways scrolling' : ''}`, {
      timeout: 120_000,
    }, async () => {
      const page = await newPage(browser, { viewport: { width, height: heights[width] } });
      await loginAs(page, stack.url, 'Suzanne de Vries');
      // The overzicht has a card for the products.
      expect(await page.locator('section[data-feature="producten"]').getByRole('heading', { name: 'Mijn producten' }).count()).toBe(1);
      await expectAccessible(page);

      await page.goto(`${stack.url}/producten`);
      expect(await page.getByRole('heading', { level: 1, name: 'Mijn producten' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Eén product is bijna niet meer geldig' }).count()).toBe(1);
      expect(await page.getByRole('table', { name: 'Uw producten' }).getByRole('row').count()).toBe(5); // header + 4
      await expectAccessible(page);
      if (width < 1280) expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/producten-${width}.png`, fullPage: true });

      await page.getByRole('table').getByRole('link', { name: 'Parkeervergunning Wilhelminastraat' }).click();
      await page.waitForURL(`${stack.url}/producten/${suzanne.parkeervergunning}`);
      expect(await page.getByRole('link', { name: 'Verlengen' }).count()).toBe(1);
      expect(await page.getByRole('heading', { level: 2, name: 'Verbruik' }).count()).toBe(1);
      await expectAccessible(page);
      if (width < 1280) expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/product-${width}.png`, fullPage: true });

      // Verlengen: the aanvraag of its producttype, naming the product; then the form with its kenteken.
      await page.getByRole('link', { name: 'Verlengen' }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/aanvragen/') && url.searchParams.get('verlengen') === suzanne.parkeervergunning);
      expect(await page.getByRole('heading', { level: 1, name: 'Parkeervergunning voor bewoners' }).count()).toBe(1);
      expect(await page.getByText('U verlengt Parkeervergunning Wilhelminastraat').count()).toBe(1);
      await expectAccessible(page);
      if (width < 1280) expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/verlengen-start-${width}.png`, fullPage: true });
      await page.getByRole('button', { name: 'Verlenging aanvragen' }).click();
      await page.waitForURL(/\/aanvragen\/formulier\/[0-9a-f-]{36}\/1(#.*)?$/);
      const email = page.getByLabel('E-mailadres');
      if (!(await email.inputValue())) await email.fill('suzanne@example.nl');
      await page.getByRole('button', { name: 'Volgende' }).click();
      await page.waitForURL(/\/2(#.*)?$/);
      expect(await page.getByLabel('Kenteken').inputValue()).toBe('XX-123-X');
      await expectAccessible(page);
      if (width < 1280) {
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await page.setViewportSize({ width: 320, height: 640 });
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await page.setViewportSize({ width, height: heights[width] });
      }
      await page.screenshot({ path: `test-results/verlengen-formulier-${width}.png`, fullPage: true });
      await page.context().close();

      const company = await newPage(browser, { viewport: { width, height: heights[width] } });
      await loginAs(company, stack.url, 'Bakkerij Van den Berg B.V.', 'eHerkenning');
      await company.goto(`${stack.url}/producten`);
      expect(await company.getByRole('table').getByRole('link', { name: 'Terrasvergunning Marktstraat' }).count()).toBe(1);
      await expectAccessible(company);
      await company.goto(`${stack.url}/producten/${bakkerij.terrasvergunning}`);
      await expectAccessible(company);
      if (width < 1280) expect(await overflow(company)).toBeLessThanOrEqual(0);
      await company.context().close();
    });
  }
});
