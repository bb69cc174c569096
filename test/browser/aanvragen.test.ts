/**
 * Aanvragen in Chromium, at 1280 and 390 px with JavaScript and at 390 px without: the catalogue, a
 * producttype, the form page by page with its prefill and an attachment, saving a concept and going
 * on with it, the summary, sending, the confirmation and the same confirmation in Mijn berichten;
 * with JavaScript axe finds nothing on any of these pages, and at 390 px none scrolls sideways. The back office
 * (the ZGW simulator's routing of productaanvragen) makes a zaak that shows in Mijn zaken.
 * Screenshots in test-results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const heights = { 1280: 800, 390: 844 } as const;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describeInBrowser('Aanvragen in a browser', () => {
  let browser: Browser;
  let stack: Stack;
  const file = 'test-results/aanvragen-leasecontract.pdf';
  beforeAll(async () => {
    stack = await startStack({}, {}, { aanvragen: true });
    browser = await launchBrowser();
    mkdirSync('test-results', { recursive: true });
    writeFileSync(file, pdf);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  // axe runs in the page, so it checks the pages with JavaScript; without it the same path must work.
  for (const [width, javaScript] of [
    [1280, true],
    [390, true],
    [390, false],
  ] as const) {
    it(`at ${width} px ${javaScript ? 'with JavaScript: from the catalogue to the confirmation, every page passing axe' : 'without JavaScript: from the catalogue to the confirmation'}`, {
      timeout: 180_000,
    }, async () => {
      const page = await newPage(browser, { viewport: { width, height: heights[width] }, javaScriptEnabled: javaScript });
      page.setDefaultTimeout(15_000);
      const check = async (name: string) => {
        if (!javaScript) return;
        await expectAccessible(page);
        if (width < 1280) expect(await overflow(page), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/aanvragen-${name}-${width}.png`, fullPage: true });
      };
      await loginAs(page, stack.url, 'Jan Jansen');
      if (width === 1280) await page.getByRole('navigation').getByRole('link', { name: 'Aanvragen' }).first().click();
      else await page.goto(`${stack.url}/aanvragen`);
      await page.waitForURL(`${stack.url}/aanvragen`);
      expect(await page.getByRole('heading', { level: 1, name: 'Aanvragen' }).count()).toBe(1);
      await check('catalogus');

      await page.getByRole('searchbox', { name: 'Zoeken' }).fill('parkeren');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.waitForURL(/zoek=parkeren/);
      await page.getByRole('heading', { level: 4 }).getByRole('link', { name: 'Parkeervergunning voor bewoners' }).click();
      expect(await page.getByText('Ongeveer 4 weken').count()).toBe(1);
      await check('producttype');

      await page.getByRole('button', { name: 'Aanvragen' }).click();
      await page.waitForURL((url) => /^\/aanvragen\/formulier\/[0-9a-f-]{36}\/1$/.test(url.pathname));
      const first = page.url().replace(/#.*/, '');
      // Prefilled from the BRP and the known e-mail address, and changeable.
      expect(await page.locator('input[name="email"]').inputValue()).toBe('jan.jansen@example.nl');
      expect(await page.locator('input[name="naam"]').inputValue()).toContain('Jan');
      await page.locator('input[name="adres"]').fill('Lindelaan 12');
      await page.locator('input[name="email"]').fill('geen adres');
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/1'));
      expect(await page.locator('#error-summary').count()).toBe(1);
      await check('fout');

      await page.locator('input[name="email"]').fill('jan@example.nl');
      await page.getByRole('button', { name: 'Opslaan en later verder' }).click();
      await page.waitForURL(/\/aanvragen\?bewaard=1/);
      expect(await page.getByRole('heading', { name: 'Nog niet verstuurd' }).count()).toBe(1);
      await check('concept');

      await page.getByRole('link', { name: 'Verder met Parkeervergunning voor bewoners' }).click();
      await page.waitForURL((url) => url.href.replace(/#.*/, '') === first);
      expect(await page.locator('input[name="adres"]').inputValue()).toBe('Lindelaan 12');
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/2'));
      await page.locator('input[name="kenteken"]').fill('AB-123-C');
      await page.getByRole('radio', { name: 'Van mijn werkgever (lease)' }).check();
      await check('stap2');
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/3'));
      await page.getByLabel('Kentekenbewijs of leasecontract').setInputFiles(file);
      await check('stap3');
      await page.getByRole('button', { name: 'Naar controleren' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/controleren'));
      expect(await page.getByText('AB-123-C').count()).toBe(1);
      expect(await page.getByText('aanvragen-leasecontract.pdf').count()).toBe(1);
      await check('controleren');

      await page.getByRole('button', { name: 'Versturen' }).click();
      await page.waitForURL(/\/aanvragen\/ontvangen\/[0-9a-f-]{36}/);
      expect(await page.getByRole('heading', { level: 1, name: 'Wij hebben uw aanvraag ontvangen: Parkeervergunning voor bewoners' }).count()).toBe(1);
      const kenmerk = (await page.locator('dd').first().textContent())!.trim();
      expect(kenmerk).toMatch(/^AV-[0-9A-F]{8}$/);
      await check('ontvangen');

      await page.getByRole('link', { name: 'Naar het bericht' }).click();
      await page.waitForURL(/\/berichten\/[0-9a-f-]{36}/);
      expect(await page.getByRole('heading', { level: 1, name: 'Ontvangstbevestiging: Parkeervergunning voor bewoners' }).count()).toBe(1);
      // The answers as a PDF: the bericht's bijlage.
      expect(await page.getByRole('link', { name: `Uw antwoorden ${kenmerk}` }).count()).toBe(1);
      await check('bericht');

      // The back office makes a zaak of it: it shows in Mijn zaken.
      let found = false;
      for (let attempt = 0; attempt < 30 && !found; attempt++) {
        await page.goto(`${stack.url}/zaken`);
        found = (await page.getByText(kenmerk).count()) > 0;
        if (!found) await page.waitForTimeout(500);
      }
      expect(found).toBe(true);
      await page.context().close();
    });
  }
});
