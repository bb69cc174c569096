/**
 * The medewerkersportaal in Chromium, with and without JavaScript: a staff member logs in, finds
 * a person with a purpose (after a form error), sees the dossier; axe finds nothing on its pages
 * at 1280, 390 and 320 px and nothing scrolls sideways; the resident then sees the look in
 * "Wie heeft mijn gegevens gebruikt", in the same browser run.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import type { Identity } from '../../src/domain/identity.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { AanvraagStore } from '../../src/sources/voordeur/aanvragen.ts';
import { startStack, type Stack } from '../support/stack.ts';

const widths = [1280, 390, 320] as const;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describeInBrowser('the medewerkersportaal in a browser', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({}, {}, { aanvragen: true });
    browser = await launchBrowser();
    // Suzanne sent an aanvraag that has not reached the back office yet: the dossier lists it.
    const store = new AanvraagStore(stack.voordeur.database.db, new IdentityKeys(stack.voordeur.config.identityKeySecret));
    const identity: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999993653' } };
    const answers = { prefill: {}, data: {}, values: {}, prefilled: [] };
    const id = await store.createConcept(identity, { id: 'producttype-1', titel: 'Afvalpas aanvragen' }, answers);
    await store.submit(identity, id, 'zaken', answers, async () => {});
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function staffLogin(page: Page, naam: string) {
    await page.goto(`${stack.url}/medewerkers`);
    await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
    await page.getByRole('button', { name: `Inloggen als ${naam}` }).click();
    await page.waitForURL(`${stack.url}/medewerkers`);
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: log in, a form error, then the dossier; and the resident sees who looked and why`, {
      timeout: 120_000,
    }, async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      await staffLogin(page, 'Mirjam Bakker');
      await page.getByLabel('BSN of KvK-nummer').fill('999993653');
      await page.getByRole('button', { name: 'Gegevens bekijken' }).click();
      // No purpose: the error is in the summary and next to the choice, and focus can go there.
      expect(await page.getByRole('alert').filter({ hasText: 'Kies waarom u de gegevens nodig heeft.' }).count()).toBe(1);
      await page.getByRole('alert').getByRole('link', { name: 'Kies waarom u de gegevens nodig heeft.' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('doel');
      await page.getByLabel('Vraag van de inwoner aan de telefoon').check();
      await page.getByRole('button', { name: 'Gegevens bekijken' }).click();
      await page.waitForURL(/\/medewerkers\/dossier\//);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Gegevens van BSN 999993653');
      expect(await page.getByRole('heading', { name: 'Zaken', level: 2 }).count()).toBe(1);
      expect(await page.getByText('Bijzondere bijstand voor een wasmachine').count()).toBe(0);
      await page.getByRole('button', { name: 'Uitloggen' }).first().click();

      await loginAs(page, stack.url, 'Suzanne de Vries');
      await page.goto(`${stack.url}/gegevens/verwerkingen`);
      expect(await page.getByRole('cell', { name: 'Een medewerker (afdeling Klantcontactcentrum)' }).count()).toBeGreaterThan(0);
      expect(await page.getByRole('cell', { name: 'Omdat u belde met een vraag' }).count()).toBeGreaterThan(0);
      expect(await page.getByText('Mirjam').count()).toBe(0);
      await page.context().close();
    });
  }

  for (const width of widths) {
    it(`at ${width} px: axe finds nothing on the staff pages${width < 1280 ? ', and none scrolls sideways' : ''}`, { timeout: 120_000 }, async () => {
      const page = await newPage(browser, { viewport: { width, height: width === 1280 ? 800 : 700 } });
      const check = async (name: string) => {
        if (width < 1280) expect(await overflow(page), `${name} at ${width} px`).toBeLessThanOrEqual(0);
        await expectAccessible(page);
        await page.screenshot({ path: `test-results/medewerkers/${name}-${width}.png`, fullPage: true });
      };
      await page.goto(`${stack.url}/medewerkers`);
      await check('login');
      await staffLogin(page, 'Peter Smit');
      await check('search');
      await page.getByRole('button', { name: 'Gegevens bekijken' }).click();
      await check('search-errors');
      await page.getByLabel('BSN of KvK-nummer').fill('69599084');
      await page.getByLabel('Vestigingsnummer (niet verplicht)').fill('000038509504');
      await page.getByLabel('Vraag aan de balie').check();
      await page.getByRole('button', { name: 'Gegevens bekijken' }).click();
      await page.waitForURL(/\/medewerkers\/dossier\//);
      await check('dossier-bedrijf');
      await page.goto(`${stack.url}/medewerkers`);
      await page.getByLabel('BSN of KvK-nummer').fill('999993653');
      await page.getByLabel('Vraag aan de balie').check();
      await page.getByRole('button', { name: 'Gegevens bekijken' }).click();
      await page.waitForURL(/\/medewerkers\/dossier\//);
      expect(await page.getByText('Bijzondere bijstand voor een wasmachine').count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Aanvragen', level: 2 }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /Afvalpas aanvragen .* Nog niet bij de afdeling/ }).count()).toBe(1);
      await check('dossier-persoon');
      // One zaak on a page of its own, and the way back.
      await page.getByRole('link', { name: 'Bijzondere bijstand voor een wasmachine' }).click();
      await page.waitForURL(/\/bekijk\/zaken\/zaak\//);
      expect(await page.getByRole('heading', { level: 1, name: 'Bijzondere bijstand voor een wasmachine' }).count()).toBe(1);
      await check('dossier-zaak');
      await page.getByRole('link', { name: 'Terug naar alle gegevens' }).click();
      await page.waitForURL(/\/medewerkers\/dossier\/[\w-]+$/);
      await page.context().close();
    });
  }
});
