/**
 * Mijn zaken as a resident uses it in Chromium: from the overzicht to the list, searching,
 * a zaak's timeline, downloading a document and adding one (with and without JavaScript);
 * axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const loginAsSuzanne = (page: Page, stack: Stack) => loginAs(page, stack.url, 'Suzanne de Vries');

const zaak103 = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000103')!;
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describeInBrowser('Mijn zaken in a browser', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ZAKEN_PAGE_SIZE: '5' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('from the overzicht to a zaak: list, search, timeline, documents', async () => {
    const page = await newPage(browser);
    await loginAsSuzanne(page, stack);
    await expect.poll(() => page.locator('section[data-feature="zaken"] .voordeur-card__count').textContent()).toBe('3 lopende zaken');
    await expectAccessible(page);

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn zaken' }).click();
    await page.waitForURL(`${stack.url}/zaken`);
    expect(await page.getByRole('heading', { level: 2, name: /Lopende zaken/ }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Lopende zaken' }).getByRole('row').count()).toBe(4); // header + 3
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/zaken.png', fullPage: true });

    await page.getByRole('navigation', { name: 'Paginering van afgeronde zaken' }).getByRole('link', { name: 'Volgende' }).click();
    await page.waitForURL(/afgerond=2/);
    await expectAccessible(page);

    await page.getByLabel('Zoeken in uw zaken').fill('Wilhelminastraat');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/zoek=Wilhelminastraat/);
    expect(await page.getByRole('table', { name: 'Lopende zaken' }).getByRole('row').count()).toBe(2);
    await page.getByRole('link', { name: 'Alle zaken tonen' }).click();

    await page.getByRole('link', { name: 'Verbouwing woning Kastanjelaan 12' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verbouwing woning Kastanjelaan 12');
    const current = page.locator('[aria-current="step"]');
    expect(await current.count()).toBe(1);
    expect(await current.textContent()).toContain('Hier zijn we nu');
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/zaak.png', fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Foto achtergevel/ }).click();
    expect((await download).suggestedFilename()).toBe('achtergevel.png');
  });

  it('shows what was wrong with a file that is not allowed, keeping what was typed', async () => {
    const page = await newPage(browser);
    await loginAsSuzanne(page, stack);
    await page.goto(`${stack.url}/zaken/demo/${zaak103.uuid}`);
    await page.getByLabel('Naam van het document').fill('Bankafschrift oktober');
    await page.getByLabel('Bestand').setInputFiles({ name: 'afschrift.txt', mimeType: 'text/plain', buffer: Buffer.from('geen pdf') });
    await page.getByRole('button', { name: 'Document toevoegen' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' }).count()).toBe(1);
    expect(await page.getByLabel('Naam van het document').inputValue()).toBe('Bankafschrift oktober');
    await page.getByRole('link', { name: /Dit soort bestand kunt u niet toevoegen/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('bestand');
    await expectAccessible(page);
  });

  it('adds a document without JavaScript', async () => {
    // (axe needs JavaScript in the page; these pages are checked with it in the tests above.)
    const page = await newPage(browser, { javaScriptEnabled: false });
    await loginAsSuzanne(page, stack);
    await page.goto(`${stack.url}/zaken/demo/${zaak103.uuid}`);
    await page.getByLabel('Naam van het document').fill('Bankafschrift november');
    await page.getByLabel('Bestand').setInputFiles({ name: 'afschrift.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Document toevoegen' }).click();
    await page.waitForURL(/document=toegevoegd/);
    expect(await page.getByRole('status').filter({ hasText: 'Uw document is toegevoegd aan de zaak.' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Bankafschrift november/ }).count()).toBe(1);
  });

  it('a zaak that is not yours is a plain 404 page', async () => {
    const page = await newPage(browser);
    await loginAsSuzanne(page, stack);
    const response = await page.goto(`${stack.url}/zaken/demo/${zgwDemo.notable.suzanneOnlyBelanghebbende}`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden');
    await expectAccessible(page);
  });
});
