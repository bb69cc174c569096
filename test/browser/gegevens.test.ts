/**
 * Mijn gegevens as people use it in Chromium: a resident's page with BRP data, contact details
 * and contactmomenten; adding an e-mail address with the code from the Notify simulator's
 * mailbox; choosing notifications; removing a number; a company's page; axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const login = (page: Page, stack: Stack, who: string, method?: 'DigiD' | 'eHerkenning') => loginAs(page, stack.url, who, method);

async function openGegevens(page: Page, stack: Stack) {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn gegevens' }).click();
  await page.waitForURL(`${stack.url}/gegevens`);
}

describeInBrowser('Mijn gegevens in a browser', () => {
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

  it('a resident sees their BRP data, contact details and contactmomenten, and who used their data', async () => {
    const page = await newPage(browser);
    await login(page, stack, 'Suzanne de Vries');
    await openGegevens(page, stack);
    expect(await page.getByRole('heading', { level: 2, name: 'Persoonsgegevens' }).count()).toBe(1);
    expect(await page.getByText('suzanne.devries@example.nl').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Uw contact met ons' }).getByRole('row').count()).toBe(4);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/gegevens.png', fullPage: true });

    await page.getByRole('link', { name: 'Vraag over de verbouwing aan de Kastanjelaan 12' }).click();
    expect(await page.getByRole('heading', { level: 2, name: 'Ons antwoord' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Bekijk de zaak' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verbouwing woning Kastanjelaan 12');

    await page.goto(`${stack.url}/gegevens`);
    await page.getByRole('link', { name: 'Wie heeft mijn gegevens gebruikt?' }).click();
    expect(await page.getByRole('cell', { name: /Bekeken: uw gegevens uit de Basisregistratie Personen/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
  });

  it('a resident without contact details adds an e-mail address with the code from the mailbox', async () => {
    const page = await newPage(browser);
    await login(page, stack, 'Anna Bakker');
    await openGegevens(page, stack);
    await page.getByRole('link', { name: 'E-mailadres toevoegen' }).click();
    await expectAccessible(page);

    await page.getByLabel('Uw e-mailadres').fill('anna@voorbeeld');
    await page.getByRole('button', { name: 'Code sturen' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('link', { name: /Dit is geen geldig e-mailadres/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('adres');

    await page.getByLabel('Uw e-mailadres').fill('anna.bakker@example.nl');
    await page.getByRole('button', { name: 'Code sturen' }).click();
    await page.waitForURL(/\/gegevens\/contact\/bevestigen\//);
    await expectAccessible(page);

    // Anna reads her mail: the Notify simulator's mailbox, as in the demo.
    const mailbox = await newPage(browser);
    await mailbox.goto(`${stack.notify.url}/mailbox`);
    const mail = await mailbox
      .getByText(/Uw code is \d{6}/)
      .first()
      .textContent();
    const code = /\d{6}/.exec(mail!)![0];

    await page.getByLabel('Code').fill('000000' === code ? '111111' : '000000');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    expect(await page.getByText('Deze code klopt niet. U kunt het nog 4 keer proberen.').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.waitForURL(/opgeslagen=email/);
    expect(await page.getByRole('status').filter({ hasText: 'Uw e-mailadres is opgeslagen.' }).count()).toBe(1);
    expect(await page.getByText('anna.bakker@example.nl').count()).toBe(1);
  });

  it('chooses notifications, and is told first to add a number for SMS', async () => {
    const page = await newPage(browser);
    await login(page, stack, 'Jan Jansen');
    await openGegevens(page, stack);
    await page.getByRole('group', { name: 'Per sms' }).getByLabel('Als er iets verandert in een van mijn zaken').check();
    await page.getByRole('button', { name: 'Keuzes opslaan' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'U heeft nog geen bevestigd mobiel nummer' }).count()).toBe(1);
    await expectAccessible(page);
  });

  it('removes a mobile number after asking, without JavaScript', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await login(page, stack, 'Lotte Jansen');
    await page.goto(`${stack.url}/gegevens`);
    await page.getByRole('link', { name: 'Mobiel nummer verwijderen' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Weet u zeker dat u dit wilt verwijderen?');
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await page.waitForURL(/opgeslagen=verwijderd/);
    expect(await page.getByRole('link', { name: 'Mobiel nummer toevoegen' }).count()).toBe(1);
  });

  it('a company sees its KvK data', async () => {
    const page = await newPage(browser);
    await login(page, stack, 'Bakkerij Van den Berg B.V.', 'eHerkenning');
    await openGegevens(page, stack);
    expect(await page.getByRole('heading', { level: 2, name: 'Bedrijfsgegevens' }).count()).toBe(1);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/gegevens-bedrijf.png', fullPage: true });
  });
});
