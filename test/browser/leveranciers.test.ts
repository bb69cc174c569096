/**
 * The leveranciersportaal in Chromium: staff of a connected organisation log in through its own
 * login (the simulator's "leverancier" page) and go through its pages — the overview after berichten
 * were pushed, berichten not opened (with a form error), the webhook (with a failed delivery),
 * the keys and client certificates (each with a form error; mutual TLS is on), the retention (a change asked to confirm, a form error) and the
 * documentation. Axe finds nothing at 1280 and 390 px, and
 * nothing scrolls sideways at 320 px. Also without JavaScript.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientAssertion, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { parseCertificaat } from '../../src/features/organisaties/certificaat.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { describeInBrowser, expectAccessible, launchBrowser, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const id = 'bsgw-voorbeeldregio';

describeInBrowser('the leveranciersportaal in a browser', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    // Behind a proxy with mutual TLS: the keys page has the organisation's client certificates too.
    stack = await startStack({ TRUST_PROXY: 'true', ORGANISATIE_API_CLIENT_CERT_HEADER: 'X-SSL-Client-Cert' });
    browser = await launchBrowser();
    const key = await organisatieKey('bsgw-sleutel-2027-met-een-lange-naam');
    const organisaties = new Organisaties(stack.voordeur.database.db);
    await organisaties.save({ id, naam: 'Belastingsamenwerking Voorbeeldregio', jwks: key.jwks });
    const api = `${stack.url}/api/v1`;
    const token = (await requestToken(api, await clientAssertion(key, id, `${api}/token`))).body.access_token;
    const registered = parseCertificaat(readFileSync(new URL('../fixtures/certificaten/organisatie-a.pem', import.meta.url), 'utf8'), new Date());
    if (!registered.ok) throw new Error('fixture certificate unreadable');
    await organisaties.addCertificaat(id, registered.certificaat);
    const old = new Date(Date.now() - 9 * 24 * 60 * 60 * 1000).toISOString();
    await fetch(`${api}/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        berichten: [
          {
            berichtId: 'AANSLAG-GEMEENTELIJKE-BELASTINGEN-2027-0012345',
            ontvanger: { bsn: '999993653' },
            onderwerp: 'Aanslag 2027',
            tekst: 'Tekst.',
            publicatiedatum: old,
          },
          { berichtId: 'FOUT', ontvanger: { bsn: '123456789' }, onderwerp: 'Fout', tekst: 'Tekst.' },
        ],
      }),
    });
    await stack.voordeur.notificaties.queue.add([
      {
        queue: 'organisatie.webhook',
        payload: {
          organisatieId: id,
          type: 'bericht.geopend',
          berichtId: 'AANSLAG-GEMEENTELIJKE-BELASTINGEN-2027-0012345',
          tijdstip: new Date().toISOString(),
        },
        maxAttempts: 1,
      },
    ]);
    // No webhook set: the job finds none and is done; mark one failed as a delivery that never arrived would be.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await stack.voordeur.database.db
      .updateTable('jobs')
      .set({ state: 'failed', attempts: 16, last_error: 'webhook: HTTP 503' })
      .where('queue', '=', 'organisatie.webhook')
      .execute();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function login(page: Page) {
    await page.goto(`${stack.url}/leveranciers`);
    await page.getByRole('link', { name: 'Inloggen als leverancier' }).click();
    await page.getByRole('button', { name: 'Inloggen als Jan Dekker' }).click();
    await page.waitForURL(`${stack.url}/leveranciers`);
  }

  it('without JavaScript: the pages, a form error, and a key that is refused', { timeout: 120_000 }, async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await login(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overzicht');
    await page.getByRole('navigation', { name: 'Menu van het leveranciersportaal' }).getByRole('link', { name: 'Niet geopend' }).click();
    expect(await page.getByRole('cell', { name: 'Aanslag 2027' }).count()).toBe(1);
    await page.getByLabel('Aantal dagen na de publicatiedatum').fill('0');
    await page.getByRole('button', { name: 'Tonen' }).click();
    expect(await page.getByRole('alert').getByRole('link', { name: 'Vul een heel getal in van 1 tot en met 365.' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Sleutels' }).click();
    await page.getByLabel('Publieke sleutel').fill('-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----');
    await page.getByRole('button', { name: 'Sleutel toevoegen' }).click();
    expect(await page.getByRole('alert').getByText('Dit is een privésleutel.').count()).toBe(1);
    expect(await page.getByLabel('Publieke sleutel').inputValue()).toBe('');
    await page.getByLabel('Certificaat', { exact: true }).fill(readFileSync(new URL('../fixtures/certificaten/organisatie-b.pem', import.meta.url), 'utf8'));
    await page.getByRole('button', { name: 'Certificaat toevoegen' }).click();
    expect(await page.getByRole('status').getByText('Het certificaat is toegevoegd.').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Uw certificaten' }).getByRole('row').count()).toBe(3);
    // A term shorter than a bericht already sent is old: asked first, and "Nee" changes nothing.
    await page.getByRole('link', { name: 'Bewaartermijn' }).click();
    await page.getByLabel('Bewaren (aantal dagen)').fill('5');
    await page.getByRole('button', { name: 'Termijn opslaan' }).click();
    expect(
      await page.getByRole('alert').getByText('Met deze wijziging is 1 bericht dat u al stuurde ouder dan zijn bewaartermijn.', { exact: false }).count(),
    ).toBe(1);
    await page.getByRole('link', { name: 'Nee, niets wijzigen' }).click();
    expect(await page.getByText('Wij bewaren uw berichten zonder einddatum.').count()).toBe(1);
    await page.context().close();
  });

  for (const width of [1280, 390, 320] as const) {
    it(`at ${width} px: ${width === 320 ? 'nothing scrolls sideways' : 'axe finds nothing'} on the portal's pages`, { timeout: 300_000 }, async () => {
      const page = await newPage(browser, { viewport: { width, height: width === 1280 ? 800 : 700 } });
      const check = async (name: string) => {
        if (width === 320) expect(await overflow(page), `${name} at ${width} px`).toBeLessThanOrEqual(0);
        else await expectAccessible(page);
        await page.screenshot({ path: `test-results/leveranciers/${name}-${width}.png`, fullPage: true });
      };
      await page.goto(`${stack.url}/leveranciers`);
      await check('login');
      await login(page);
      await check('overzicht');
      await page.goto(`${stack.url}/leveranciers/berichten`);
      await check('berichten');
      await page.goto(`${stack.url}/leveranciers/berichten?dagen=nul`);
      await check('berichten-fout');
      await page.goto(`${stack.url}/leveranciers/webhook`);
      expect(await page.getByRole('button', { name: /Opnieuw proberen/ }).count()).toBe(1);
      await check('webhook');
      await page.goto(`${stack.url}/leveranciers/sleutels`);
      await check('sleutels');
      await page.getByLabel('Publieke sleutel').fill('geen sleutel');
      await page.getByRole('button', { name: 'Sleutel toevoegen' }).click();
      await check('sleutels-fout');
      await page.getByLabel('Certificaat', { exact: true }).fill('geen certificaat');
      await page.getByRole('button', { name: 'Certificaat toevoegen' }).click();
      expect(await page.getByRole('alert').getByRole('link', { name: 'Dit is geen certificaat dat we kunnen lezen.', exact: false }).count()).toBe(1);
      await check('certificaat-fout');
      await page.goto(`${stack.url}/leveranciers/bewaartermijn`);
      await check('bewaartermijn');
      await page.getByLabel('Bewaren (aantal dagen)').fill('5');
      await page.getByRole('button', { name: 'Termijn opslaan' }).click();
      await check('bewaartermijn-bevestigen');
      await page.getByLabel('Soort bericht (berichtType)').fill('Aanslag');
      await page.getByRole('button', { name: 'Termijn opslaan' }).click();
      await check('bewaartermijn-fout');
      await page.goto(`${stack.url}/leveranciers/documentatie`);
      await check('documentatie');
      await page.context().close();
    });
  }
});
