/**
 * Mijn taken and Mijn berichten as a resident uses them in Chromium: the inbox and a bericht
 * with its bijlage; archiving a bericht and putting it back, without JavaScript; a taak of each
 * soort (a page elsewhere, a form with an error and then sent,
 * a payment through the payment page), with and without JavaScript; axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const { suzanne } = objectenDemo.notable;

const loginAsSuzanne = (page: Page, stack: Stack) => loginAs(page, stack.url, 'Suzanne de Vries');

describeInBrowser('Mijn taken and Mijn berichten in a browser', () => {
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

  it('reads the inbox, filters it, opens a bericht and downloads its bijlage', async () => {
    const page = await newPage(browser);
    await loginAsSuzanne(page, stack);
    expect(await page.locator('section[data-feature="berichten"] .voordeur-card__count').textContent()).toBe('6 ongelezen berichten');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: /Mijn berichten \(6 ongelezen\)/ })
      .click();
    await page.waitForURL(`${stack.url}/berichten`);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/berichten.png', fullPage: true });

    await page.getByLabel('Welke berichten').selectOption('ongelezen');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL(/toon=ongelezen/);
    expect(await page.getByRole('table', { name: 'Ongelezen berichten' }).getByRole('row').count()).toBe(7); // header + 6
    await expectAccessible(page);

    await page.goto(`${stack.url}/berichten/${suzanne.berichtWithTwoBijlagen}`);
    expect(await page.getByRole('heading', { level: 2, name: 'Bijlagen' }).count()).toBe(1);
    await expectAccessible(page);
    const download = page.waitForEvent('download');
    await page.getByRole('region', { name: 'Bijlagen' }).getByRole('link').first().click();
    expect((await download).suggestedFilename().length).toBeGreaterThan(0);
  });

  it('archives a bericht and puts it back, without JavaScript; axe on each page of it', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await loginAsSuzanne(page, stack);
    const bericht = { name: /^Herinnering: verleng uw bezoekersvergunning/ };
    await page.goto(`${stack.url}/berichten/${suzanne.berichtTermijnVerstreken}`);
    expect(await page.getByRole('heading', { level: 2, name: 'Archief' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Archiveren' }).click();
    await page.waitForURL(/archief=gearchiveerd/);
    expect(await page.getByRole('status').filter({ hasText: 'Het bericht staat nu in uw archief.' }).count()).toBe(1);
    expect(await page.getByRole('link', bericht).count()).toBe(0);
    await page.getByRole('link', { name: 'Naar gearchiveerde berichten' }).click();
    expect(await page.getByRole('table', { name: 'Gearchiveerde berichten' }).getByRole('row').count()).toBe(2); // header + 1
    await page.getByRole('link', bericht).click();
    await page.getByRole('button', { name: 'Terugzetten bij mijn berichten' }).click();
    await page.waitForURL(/archief=teruggezet/);
    expect(await page.getByRole('status').filter({ hasText: 'Het bericht staat weer bij uw berichten.' }).count()).toBe(1);
    await page.goto(`${stack.url}/berichten`);
    expect(await page.getByRole('link', bericht).count()).toBe(1);

    // axe runs in the page: the same pages, with JavaScript.
    const checked = await newPage(browser);
    await loginAsSuzanne(checked, stack);
    await checked.goto(`${stack.url}/berichten/${suzanne.berichtTermijnVerstreken}`);
    await expectAccessible(checked);
    await checked.getByRole('button', { name: 'Archiveren' }).click();
    await checked.waitForURL(/archief=gearchiveerd/);
    await expectAccessible(checked);
    await checked.goto(`${stack.url}/berichten?toon=gearchiveerd`);
    await expectAccessible(checked);
    await checked.screenshot({ path: 'test-results/berichten-archief.png', fullPage: true });
    await checked.goto(`${stack.url}/berichten/${suzanne.berichtTermijnVerstreken}`);
    await expectAccessible(checked);
    await checked.getByRole('button', { name: 'Terugzetten bij mijn berichten' }).click();
    await checked.waitForURL(/archief=teruggezet/);
    await expectAccessible(checked);
  });

  it('sends a form taak: an error first, then the answers', async () => {
    const page = await newPage(browser);
    await loginAsSuzanne(page, stack);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn taken' }).click();
    await page.waitForURL(`${stack.url}/taken`);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/taken.png', fullPage: true });

    await page.goto(`${stack.url}/taken/${suzanne.taak.portaalformulier}`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Versturen' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' }).count()).toBe(1);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/taak-formulier-fouten.png', fullPage: true });

    await page.getByLabel(/Waarom heeft u een nieuwe wasmachine nodig/).fill('De oude wasmachine lekt en is niet meer te maken.');
    await page.getByLabel(/Netto maandinkomen/).fill('1450');
    await page.getByLabel(/Aantal personen/).fill('2');
    await page.getByLabel(/Sinds wanneer/).fill('2026-11-01');
    await page.getByLabel(/^E-mailadres/).fill('suzanne.devries@example.nl');
    await page.getByLabel(/^IBAN/).fill('NL91ABNA0417164300');
    await page.getByLabel(/^Woonsituatie/).selectOption('huur');
    await page.getByRole('radio', { name: 'Nee' }).check();
    await page.getByRole('checkbox', { name: /naar waarheid/ }).check();
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForURL(/verstuurd=1/);
    expect(await page.getByRole('status').filter({ hasText: 'Bedankt. Wij hebben uw formulier ontvangen.' }).count()).toBe(1);
  });

  it('pays a taak on the payment page and comes back, without JavaScript', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await loginAsSuzanne(page, stack);
    await page.goto(`${stack.url}/taken/${suzanne.taak.ogonebetaling}`);
    await page.getByRole('button', { name: 'Betalen' }).click();
    await page.waitForURL(/ogone/);
    await page.getByRole('button', { name: 'Betalen' }).click();
    await page.waitForURL(/betaling=betaald/);
    expect(await page.getByRole('status').filter({ hasText: 'Bedankt, uw betaling is gelukt.' }).count()).toBe(1);
  });

  it('checks the pages of a taak elsewhere and a payment for accessibility', async () => {
    const page = await newPage(browser);
    await loginAsSuzanne(page, stack);
    await page.goto(`${stack.url}/taken/${suzanne.taak.url}`);
    expect(await page.getByRole('link', { name: 'Naar de website' }).count()).toBe(1);
    await expectAccessible(page);
    await page.goto(`${stack.url}/taken/${objectenDemo.notable.bakkerij.openTaak}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden');
    await page.goto(`${stack.url}/taken/${suzanne.taak.ogonebetaling}?betaling=betaald`);
    expect(await page.getByText('Betaalkenmerk').count()).toBe(1);
    await expectAccessible(page);
    await page.goto(`${stack.url}/taken/${suzanne.taak.unsupportedForm}`);
    expect(await page.getByText('Dit formulier kunnen wij hier nu niet tonen.').count()).toBe(1);
    await expectAccessible(page);
  });
});
