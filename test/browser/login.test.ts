/**
 * Logging in and out as a person would, in Chromium, through the DigiD/eHerkenning simulator:
 * every page on the way is checked with axe.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, loginAs, expectAccessible, launchBrowser, newPage } from '../support/browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

describeInBrowser('logging in and out in a browser', () => {
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

  it('DigiD: pick a test person, see the overzicht, switch language, log out everywhere', { timeout: 90_000 }, async () => {
    const page = await newPage(browser);
    await page.goto(stack.url);
    await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Inloggen met DigiD');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Inloggen als Suzanne de Vries', exact: true }).click();
    // She is Anna Bakker's bewindvoerder: she is asked for whom she acts, herself chosen.
    await page.waitForURL(`${stack.url}/machtigingen?terug=%2Foverzicht`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.waitForURL(`${stack.url}/overzicht#voor-wie`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Suzanne de Vries');
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Overzicht' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('button', { name: 'Uitloggen' }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/overzicht.png' });

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${stack.url}/overzicht`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome, Suzanne de Vries');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Nederlands' }).click();

    // Uitloggen ends the session here and at the identity provider.
    await page.getByRole('banner').getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL((url) => url.href.startsWith(stack.issuer));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(`${stack.url}/uitgelogd**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('U bent uitgelogd');
    await expectAccessible(page);
    const back = await page.goto(`${stack.url}/overzicht`);
    expect(back?.url()).toBe(`${stack.url}/?terug=%2Foverzicht`);

    // Logging in again asks for a person again: the provider's session ended too.
    await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
    expect(await page.getByRole('button', { name: 'Inloggen als Suzanne de Vries', exact: true }).count()).toBe(1);
  });

  it('DigiD: an invalid BSN gets a Dutch error next to the field and in a summary', async () => {
    const page = await newPage(browser);
    await page.goto(`${stack.url}/inloggen/digid`);
    await page.getByLabel('Burgerservicenummer (BSN)').fill('123456789');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Dit is geen geldig BSN');
    expect(await page.getByLabel('Burgerservicenummer (BSN)').inputValue()).toBe('123456789');
    await expectAccessible(page);
    // A valid typed BSN logs in; with no name from the provider the page names the last digits.
    await page.getByLabel('Burgerservicenummer (BSN)').fill('999998456');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.waitForURL(`${stack.url}/overzicht`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, BSN eindigend op 8456');
  });

  it('DigiD Machtigen: every page says who acts for whom', async () => {
    const page = await newPage(browser);
    await loginAs(page, stack.url, 'Lotte Jansen voor Jan Jansen');
    // Greets who logged in, and says for whom she acts.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Lotte Jansen');
    expect(await page.getByRole('note').filter({ hasText: 'U regelt dit voor' }).textContent()).toContain('U regelt dit voor Jan Jansen.');
    expect(await page.getByText('Ingelogd als Lotte Jansen', { exact: true }).filter({ visible: true }).count()).toBe(1); // also in the small-screen menu, not displayed here
    await expectAccessible(page);
    await page.goto(`${stack.url}/bestaat-niet`);
    expect(await page.getByText('U regelt dit voor Jan Jansen.').count()).toBe(1);
    await expectAccessible(page);
  });

  it('eHerkenning: log in for one vestiging of a company', async () => {
    const page = await newPage(browser);
    await page.goto(stack.url);
    await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('eHerkenning');
    await expectAccessible(page);
    await page.getByRole('button', { name: /Inloggen voor vestiging .*000038509520/ }).click();
    await page.waitForURL(`${stack.url}/overzicht`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Bakkerij Van den Berg B.V., vestiging 000038509520');
    // The header says for which vestiging.
    expect(await page.getByText('Ingelogd als Bakkerij Van den Berg B.V., vestiging 000038509520', { exact: true }).filter({ visible: true }).count()).toBe(1); // also in the small-screen menu, not displayed here
    await expectAccessible(page);
    const session = await stack.voordeur.database.db.selectFrom('sessions').select('identity').execute();
    expect(JSON.stringify(session)).toContain('"vestigingsnummer":"000038509520"');
  });

  it('works the same without JavaScript: log in, overzicht, log out', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await loginAs(page, stack.url, 'Fatima El Amrani');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom, Fatima El Amrani');
    await page.getByRole('banner').getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(`${stack.url}/uitgelogd**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('U bent uitgelogd');
  });
});

describeInBrowser('idle logout in a browser (timeout shortened to 6 s, warning 4 s before)', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ SESSION_IDLE_TIMEOUT_SECONDS: '6', SESSION_IDLE_WARNING_SECONDS: '4' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('warns before the end, "Ingelogd blijven" keeps the session, and doing nothing logs out', async () => {
    const page = await newPage(browser);
    await loginAs(page, stack.url, 'Suzanne de Vries');
    const dialog = page.getByRole('dialog', { name: 'U wordt bijna uitgelogd' });
    await dialog.waitFor({ state: 'visible', timeout: 5000 });
    expect(await dialog.getByRole('button', { name: 'Ingelogd blijven' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Ingelogd blijven' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // More than the original 6 s after the page loaded: still logged in thanks to the click.
    await page.waitForTimeout(3000);
    expect((await page.request.get(`${stack.url}/overzicht`, { maxRedirects: 0 })).status()).toBe(200);
    // Now do nothing: the warning comes back and then the person is logged out.
    await page.waitForURL(`${stack.url}/uitgelogd?reden=verlopen`, { timeout: 15_000 });
    expect(await page.getByText('U bent automatisch uitgelogd').count()).toBe(1);
  });

  it('without JavaScript, the next request after the end shows "U bent uitgelogd"', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await loginAs(page, stack.url, 'Jan Jansen');
    await page.waitForTimeout(6500);
    await page.getByRole('link', { name: 'Overzicht' }).first().click();
    await page.waitForURL(`${stack.url}/uitgelogd?reden=verlopen`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('U bent uitgelogd');
    expect(await page.getByText('U bent automatisch uitgelogd').count()).toBe(1);
  });
});
