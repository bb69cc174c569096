/**
 * A taak with a form as NL Portal writes it (containers, read-only prefilled fields, conditions,
 * portalFileUpload with several files) in Chromium: shown as a form, refused with the error at the
 * field and in the summary, then sent with two files chosen at once; axe on every page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const { lotte } = objectenDemo.notable;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describeInBrowser('A form as NL Portal writes it, in a browser', () => {
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

  it('shows the information request as a form, refuses a missing street, then sends two files at once', async () => {
    const page = await newPage(browser);
    await loginAs(page, stack.url, 'Lotte Jansen');
    await page.goto(`${stack.url}/taken/${lotte.informatieverzoek}`);
    expect(await page.getByText('Dit formulier kunnen wij hier nu niet tonen.').count()).toBe(0);
    expect(await page.getByLabel('Woonplaats').inputValue()).toBe('Voorbeeldstad');
    expect(await page.getByLabel('Woonplaats').getAttribute('readonly')).not.toBeNull();
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/taak-nl-portal-formulier.png', fullPage: true });

    await page.getByLabel(/^Straat/).fill('');
    await page.getByRole('radio', { name: 'Nee' }).check();
    await page.getByRole('checkbox', { name: /naar waarheid/ }).check();
    await page.getByLabel(/bankafschriften/).setInputFiles([
      { name: 'oktober.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'november.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await page.getByRole('button', { name: 'Versturen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' });
    expect(await summary.count()).toBe(1);
    expect(await summary.getByRole('link', { name: 'Vul ‘Straat’ in.' }).count()).toBe(1);
    expect(await page.getByLabel(/^Straat/).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await page.getByLabel(/^Straat/).fill('Stationsweg');
    await page.getByRole('radio', { name: 'Nee' }).check();
    await page.getByRole('checkbox', { name: /naar waarheid/ }).check();
    // Files are not kept when the form comes back with an error: chosen again.
    await page.getByLabel(/bankafschriften/).setInputFiles([
      { name: 'oktober.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'november.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForURL(/verstuurd=1/);
    expect(await page.getByRole('status').filter({ hasText: 'Bedankt. Wij hebben uw formulier ontvangen.' }).count()).toBe(1);
    await expectAccessible(page);

    const taak = stack.objecten.objects().find((o) => o.uuid === lotte.informatieverzoek) as {
      record: { data: { portaalformulier: { verzonden_data: Record<string, unknown> } } };
    };
    const sent = taak.record.data.portaalformulier.verzonden_data;
    expect(sent.aanvrager).toEqual({
      naam: 'Lotte Jansen',
      adres: { straat: 'Stationsweg', huisnummer: '12', postcode: '1234 AB', woonplaats: 'Voorbeeldstad' },
    });
    expect(sent.bankafschriften).toHaveLength(2);
  });
});
