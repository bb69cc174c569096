import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectAccessible, launchBrowser, newPage } from '../support/browser.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { freePort } from '../support/ports.ts';

describeInBrowser('public pages in a browser', () => {
  let browser: Browser;
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    t = await testApp({ PUBLIC_URL: url });
    await t.app.listen({ host: '127.0.0.1', port });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('start page: accessible, with both ways to log in', async () => {
    const page = await newPage(browser);
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
    expect(await page.title()).toContain('Welkom bij Mijn Omgeving');
    expect(await page.getByRole('link', { name: 'Inloggen met DigiD' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).count()).toBe(1);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/start.png', fullPage: true });
  });

  it('start page in English, switched with the language link', async () => {
    const page = await newPage(browser);
    await page.goto(url);
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getByRole('link', { name: 'Log in with DigiD' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page);
  });

  it('404 and "U bent uitgelogd" pages are accessible', async () => {
    const page = await newPage(browser);
    const response = await page.goto(`${url}/bestaat-niet`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden');
    await expectAccessible(page);
    await page.goto(`${url}/uitgelogd?reden=verlopen`);
    expect(await page.getByText('U bent automatisch uitgelogd').count()).toBe(1);
    await expectAccessible(page);
  });

  it('the skip link is the first thing to tab to, and leads to the content', async () => {
    const page = await newPage(browser);
    await page.goto(url);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Ga direct naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});
