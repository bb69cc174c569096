/**
 * Issue 17 §6 and §7 in Chromium: "Wie heeft mijn gegevens gebruikt" at 390 px (axe, including
 * scrollable-region-focusable, and the table reachable with the keyboard); a late zaak and the
 * Mijn zaken filters; and a zaak and a bericht printed: without navigation, forms and footer.
 */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoUuid, zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const zaak102 = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000102')!;
/** A page of Suzanne's without JavaScript: logged in with it (the login uses it), then the session in a context without. */
async function withoutJavaScript(browser: Browser, stack: Stack, width: number): Promise<Page> {
  const login = await newPage(browser);
  await loginAs(login, stack.url, 'Suzanne de Vries');
  const storageState = await login.context().storageState();
  await login.context().close();
  return newPage(browser, { viewport: { width, height: 800 }, javaScriptEnabled: false, storageState });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describeInBrowser('Wie heeft mijn gegevens gebruikt, late zaken and printing, in a browser', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    mkdirSync('test-results/print-and-log', { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  for (const width of [390, 1280]) {
    it(`at ${width} px the processing log passes axe (its table a focusable region), filters by period without JavaScript, and does not scroll sideways`, {
      timeout: 120_000,
    }, async () => {
      const page = await newPage(browser, { viewport: { width, height: 800 } });
      await loginAs(page, stack.url, 'Suzanne de Vries');
      await page.goto(`${stack.url}/gegevens`);
      await page.goto(`${stack.url}/gegevens`);
      await page.goto(`${stack.url}/gegevens/verwerkingen`);
      const region = page.getByRole('region', { name: 'Gebruik van uw gegevens, nieuwste eerst' });
      expect(await region.count()).toBe(1);
      expect(await page.getByText(/Bekeken: uw gegevens uit de Basisregistratie Personen \(BRP\) \(\d+ keer\)/).count()).toBe(1);
      const scrollable = await new AxeBuilder({ page }).withRules(['scrollable-region-focusable']).analyze();
      expect(scrollable.violations).toEqual([]);
      await expectAccessible(page);
      if (width < 1280) expect(await overflow(page)).toBeLessThanOrEqual(0);
      // The region is reached with Tab, after the form's button.
      await page.getByRole('button', { name: 'Toon' }).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Gebruik van uw gegevens, nieuwste eerst');
      await page.screenshot({ path: `test-results/print-and-log/verwerkingen-${width}.png`, fullPage: true });

      // A period in the GET form, without JavaScript; a day that is no day is an error in the summary.
      const plain = await withoutJavaScript(browser, stack, width);
      await plain.goto(`${stack.url}/gegevens/verwerkingen`);
      await plain.getByLabel('Periode', { exact: true }).selectOption('maand');
      await plain.getByRole('button', { name: 'Toon' }).click();
      await plain.waitForURL(/periode=maand/);
      expect(await plain.getByRole('region', { name: 'Gebruik van uw gegevens, nieuwste eerst' }).count()).toBe(1);
      await plain.context().close();
      await page.goto(`${stack.url}/gegevens/verwerkingen?periode=zelf&van=2026-13-40`);
      expect(await page.getByRole('alert').filter({ hasText: 'Vul een datum in zoals 28-11-2026.' }).count()).toBe(1);
      await expectAccessible(page);
      await page.context().close();
    });
  }

  it('at 390 px Mijn zaken flags the late zaak and filters without JavaScript; the zaak page says what to do; axe finds nothing', {
    timeout: 120_000,
  }, async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 800 } });
    await loginAs(page, stack.url, 'Suzanne de Vries');
    await page.goto(`${stack.url}/zaken`);
    expect(await page.getByText(/^Te laat: uiterlijk klaar was/).count()).toBe(1);
    await expectAccessible(page);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/print-and-log/zaken-390.png', fullPage: true });
    const plain = await withoutJavaScript(browser, stack, 390);
    await plain.goto(`${stack.url}/zaken`);
    await plain.getByLabel('Welke zaken').selectOption('lopend');
    await plain.getByLabel('Volgorde').selectOption('oud');
    await plain.getByRole('button', { name: 'Zoeken' }).click();
    await plain.waitForURL(/toon=lopend.*volgorde=oud/);
    expect(await plain.getByRole('heading', { name: /Afgeronde zaken/ }).count()).toBe(0);
    await plain.context().close();
    await page.getByRole('link', { name: zaak102.omschrijving }).click();
    expect(await page.getByText(/Gemeente Voorbeeldstad is te laat\./).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Stel uw vraag' }).getAttribute('href')).toBe(`/vraag?zaak=demo%2F${zaak102.uuid}`);
    await expectAccessible(page);
    await page.context().close();
  });

  it('prints a zaak and a bericht without navigation, forms and footer', { timeout: 120_000 }, async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await loginAs(page, stack.url, 'Suzanne de Vries');
    for (const [name, path, heading] of [
      ['zaak', `/zaken/demo/${zaak102.uuid}`, zaak102.omschrijving],
      ['bericht', `/berichten/${demoUuid('f1', 0, 103)}`, 'Betaal de leges voor uw omgevingsvergunning'],
    ] as const) {
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${stack.url}${path}`);
      expect(await page.locator('footer').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      for (const hidden of ['footer', 'nav', 'form', '.voordeur-demo-banner', '.voordeur-header__tools']) {
        const visible = await page
          .locator(hidden)
          .evaluateAll((nodes) => nodes.filter((n) => (n as HTMLElement).offsetParent !== null || n.getClientRects().length > 0).length);
        expect(visible, `${hidden} printed on the ${name}`).toBe(0);
      }
      // The way back is for the screen.
      expect(await page.getByRole('link', { name: /^Terug naar/ }).isVisible()).toBe(false);
      await page.screenshot({ path: `test-results/print-and-log/${name}-print.png`, fullPage: true });
      const pdf = await page.pdf({ format: 'A4', path: `test-results/print-and-log/${name}.pdf` });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // The zaak's content is printed: the late notice, the timeline and the documents.
    await page.goto(`${stack.url}/zaken/demo/${zaak102.uuid}`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByText(/is te laat\./).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Hoe ver is uw zaak?' }).isVisible()).toBe(true);
    // Adding a document is for the screen.
    expect(await page.getByRole('heading', { name: 'Document toevoegen' }).isVisible()).toBe(false);
    await page.context().close();
  });
});
