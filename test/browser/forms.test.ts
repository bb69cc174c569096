/**
 * Issue 17 §8 in Chromium: forms use the NL Design System controls — a checkbox drawn as
 * Utrecht's custom checkbox (its tick drawn by CSS alone, so also without JavaScript), a file chooser whose button looks
 * like Utrecht's secondary button — the error summary has the focus when a form comes back with
 * errors, with and without JavaScript, and the fields that ask for the person's own name, e-mail
 * address and phone number say so (autocomplete, WCAG 1.3.5). axe finds nothing on these pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectAccessible, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

/** The id of what has the keyboard focus. */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describeInBrowser('forms in the NL Design System pattern', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({}, {}, { aanvragen: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Starts the parking permit aanvraag; ends on its first step. */
  async function startAanvraag(page: Page) {
    await page.goto(`${stack.url}/aanvragen`);
    await page.getByRole('heading', { level: 4 }).getByRole('link', { name: 'Parkeervergunning voor bewoners' }).click();
    await page.getByRole('button', { name: 'Aanvragen' }).click();
    await page.waitForURL((url) => /^\/aanvragen\/formulier\/[0-9a-f-]{36}\/1$/.test(url.pathname));
  }

  for (const javaScript of [true, false]) {
    it(`${javaScript ? 'with' : 'without'} JavaScript the error summary has the focus when a form comes back with errors`, { timeout: 120_000 }, async () => {
      const page = await newPage(browser, { javaScriptEnabled: javaScript });
      await loginAs(page, stack.url, 'Jan Jansen');
      // A form answered on the POST itself (Mijn gegevens: a wrong e-mail address).
      await page.goto(`${stack.url}/gegevens/contact/email`);
      await page.getByLabel('Uw e-mailadres').fill('geen adres');
      await page.locator('main form button[type=submit]').first().click();
      await page.locator('#error-summary').waitFor();
      expect(await focusedId(page)).toBe('error-summary');
      if (javaScript) await expectAccessible(page);
      // A form step of an aanvraag.
      await startAanvraag(page);
      await page.locator('input[name="email"]').fill('geen adres');
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      await page.locator('#error-summary').waitFor();
      expect(await focusedId(page)).toBe('error-summary');
      // Its link takes the person to the field.
      await page.locator('#error-summary a').first().click();
      expect(await focusedId(page)).toBe('formio-email');
      await page.context().close();
    });
  }

  it('asks for the own name, e-mail address and phone number with autocomplete (WCAG 1.3.5)', { timeout: 120_000 }, async () => {
    const page = await newPage(browser);
    await loginAs(page, stack.url, 'Jan Jansen');
    await startAanvraag(page);
    const autocomplete = (name: string) => page.locator(`main [name="${name}"]`).getAttribute('autocomplete');
    expect([await autocomplete('naam'), await autocomplete('email'), await autocomplete('telefoon')]).toEqual(['name', 'email', 'tel']);
    await page.goto(`${stack.url}/gegevens/contact/email`);
    expect(await autocomplete('adres')).toBe('email');
    await page.goto(`${stack.url}/gegevens/contact/telefoonnummer`);
    expect(await autocomplete('adres')).toBe('tel');
    await page.context().close();
  });

  it('draws checkboxes and the file chooser as the NL Design System does (the tick by CSS alone)', { timeout: 120_000 }, async () => {
    const page = await newPage(browser);
    await loginAs(page, stack.url, 'Suzanne de Vries');
    // Mijn gegevens: the notification preferences are checkboxes.
    await page.goto(`${stack.url}/gegevens`);
    const checkbox = page.locator('main input[type=checkbox]').first();
    const look = () =>
      checkbox.evaluate((input) => {
        const style = getComputedStyle(input);
        return { appearance: style.appearance, image: style.backgroundImage !== 'none', border: style.borderTopStyle };
      });
    expect(await checkbox.getAttribute('class')).toContain('utrecht-checkbox--custom');
    await checkbox.uncheck();
    expect(await look()).toEqual({ appearance: 'none', image: false, border: 'solid' });
    await checkbox.check();
    expect(await look()).toEqual({ appearance: 'none', image: true, border: 'solid' }); // the tick, drawn by Utrecht's CSS
    await expectAccessible(page);
    await checkbox.locator('xpath=ancestor::form').screenshot({ path: 'test-results/forms/checkboxes.png' });

    // A zaak's upload form: the file chooser's button is a secondary button.
    await page.goto(`${stack.url}/zaken`);
    await page.locator('main table a').first().click();
    const file = page.locator('main input[type=file]');
    const button = await file.evaluate((input) => {
      const style = getComputedStyle(input, '::file-selector-button');
      return {
        background: style.backgroundColor,
        color: style.color,
        border: `${style.borderTopStyle} ${style.borderTopColor}`,
        cursor: style.cursor,
        font: style.fontWeight,
      };
    });
    const secondary = await page.evaluate(() => {
      const probe = document.createElement('button');
      probe.className = 'utrecht-button utrecht-button--secondary-action';
      document.body.append(probe);
      const style = getComputedStyle(probe);
      const found = {
        background: style.backgroundColor,
        color: style.color,
        border: `${style.borderTopStyle} ${style.borderTopColor}`,
        cursor: style.cursor,
        font: style.fontWeight,
      };
      probe.remove();
      return found;
    });
    expect(button).toEqual(secondary);
    await expectAccessible(page);
    await file.locator('xpath=ancestor::form').screenshot({ path: 'test-results/forms/file.png' });
    await page.context().close();
  });
});
