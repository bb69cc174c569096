/**
 * "Stel een vraag" in Chromium, without JavaScript and at 1280, 390 and 320 px: from a zaak's page
 * to the form with that zaak chosen, the error summary of an empty form, and the
 * ontvangstbevestiging after sending, and the same confirmation as a bericht in Mijn berichten with
 * the question as a PDF; axe finds nothing on any of them, and on small screens no page scrolls
 * sideways.
 * Screenshots in test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const parkeren = zgwDemo.notable.search.zaak; // Suzanne's "Parkeervergunning Wilhelminastraat"
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describeInBrowser('Stel een vraag in a browser', () => {
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

  /** From a zaak's page to the form, its errors and the ontvangstbevestiging; `checked` runs at each page. */
  async function askAboutZaak(page: Page, label: string, checked: (name: string) => Promise<void>) {
    await loginAs(page, stack.url, 'Suzanne de Vries');
    await page.goto(`${stack.url}/zaken/demo/${parkeren}`);
    await page.getByRole('link', { name: 'Stel een vraag over deze zaak' }).click();
    await page.waitForURL(/\/vraag\?zaak=/);
    expect(await page.getByRole('heading', { level: 1, name: 'Stel een vraag' }).count()).toBe(1);
    expect(await page.getByLabel('Gaat uw vraag over een van uw zaken?').inputValue()).toBe(`demo/${parkeren}`);
    await checked('formulier');

    await page.getByRole('button', { name: 'Vraag versturen' }).click();
    await page.waitForURL(/\/vraag#error-summary/);
    expect(await page.getByRole('alert').getByRole('link', { name: 'Vul het onderwerp van uw vraag in.' }).count()).toBe(1);
    expect(await page.getByRole('alert').getByRole('link', { name: 'Schrijf uw vraag op.' }).count()).toBe(1);
    // The zaak stays chosen.
    expect(await page.getByLabel('Gaat uw vraag over een van uw zaken?').inputValue()).toBe(`demo/${parkeren}`);
    await checked('fout');

    await page.getByLabel('Onderwerp').fill(label);
    await page.getByLabel('Uw vraag', { exact: true }).fill('Wanneer is mijn parkeervergunning klaar?');
    await page.getByRole('button', { name: 'Vraag versturen' }).click();
    await page.waitForURL(/\/vraag\/ontvangen\//);
    expect(await page.getByRole('heading', { level: 1, name: 'Wij hebben uw vraag ontvangen' }).count()).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'Uw vraag is verstuurd.' }).count()).toBe(1);
    expect(await page.getByText(/^VR-[0-9A-F]{8}$/).count()).toBe(1);
    await checked('ontvangen');
    const receipt = page.url();

    // The same confirmation in Mijn berichten, listed there, with the question as a PDF.
    await page.getByRole('link', { name: 'Naar het bericht' }).click();
    await page.waitForURL(/\/berichten\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1, name: `Ontvangstbevestiging van uw vraag: ${label}` }).count()).toBe(1);
    expect(await page.getByText(/Uw kenmerk is VR-[0-9A-F]{8}\./).count()).toBe(1);
    expect(await page.getByRole('link', { name: /^Uw vraag VR-[0-9A-F]{8}/ }).count()).toBe(1);
    await checked('bericht');
    await page.getByRole('link', { name: 'Terug naar Mijn berichten' }).click();
    expect(await page.getByRole('link', { name: `Ontvangstbevestiging van uw vraag: ${label}` }).count()).toBe(1);

    await page.goto(receipt);
    await page.getByRole('link', { name: 'Bekijk uw contact met ons in Mijn gegevens' }).click();
    expect(await page.getByRole('link', { name: label }).count()).toBe(1);
    await page.context().close();
  }

  it('works without JavaScript: plain forms, the errors and the confirmation', { timeout: 120_000 }, async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    await askAboutZaak(page, 'Vraag zonder JavaScript', async () => {});
  });

  for (const width of [1280, 390, 320] as const) {
    it(`at ${width} px: the form, its errors and the ontvangstbevestiging pass axe${width < 1280 ? ' and need no sideways scrolling' : ''}`, {
      timeout: 120_000,
    }, async () => {
      const page = await newPage(browser, { viewport: { width, height: 800 } });
      await askAboutZaak(page, `Vraag op ${width} px`, async (name) => {
        await expectAccessible(page);
        if (width < 1280) expect(await overflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/vraag-${name}-${width}.png`, fullPage: true });
      });
    });
  }
});
