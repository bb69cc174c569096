/**
 * Issue 17: the main pages look as they did, at 1280, 390 and 320 px — each compared with its
 * reference image in __screenshots__/ (see test/support/screenshots.ts; UPDATE_SCREENSHOTS=1 writes
 * them anew). A page that changes visibly (a colour, a heading, a layout) fails here until its
 * reference is updated on purpose.
 *
 * The pages must come out the same on every run and day: the clock of this process (Voordeur and
 * the simulators, whose demo data is dated relative to "now") is fixed at one moment, screenshots
 * are taken without animations and caret, and the text is in the font Debian's Chromium renders
 * the theme's sans-serif in (Liberation Sans, of fonts-liberation, which `apt-get install
 * chromium` brings along), which the test checks first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { describeInBrowser, launchBrowser, loginAs, newPage } from '../support/browser.ts';
import { compareWithReference } from '../support/screenshots.ts';
import { startStack, type Stack } from '../support/stack.ts';

/** A Tuesday morning in Amsterdam. In the future, so that cookies the identity simulator dates by this clock are not expired in the browser. */
const fixedNow = new Date('2031-03-11T09:30:00Z');
const zaak103 = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000103')!;
const widths = [1280, 390, 320] as const;
const heights: Record<(typeof widths)[number], number> = { 1280: 800, 390: 844, 320: 640 };

/** The fonts Chromium used for the text of the page's main heading (its platform font names). */
async function renderedFonts(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

describeInBrowser('the main pages look as their reference images', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: fixedNow });
    // PGlite follows this process's clock; PostgreSQL's now() would not (a login attempt it dates would be years old).
    stack = await startStack({}, {}, { aanvragen: true, pglite: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    vi.useRealTimers();
  });

  /** The pages, each reached as a person would (a bericht and a taak by their first link). */
  async function mainPages(page: Page): Promise<[string, string][]> {
    await page.goto(`${stack.url}/berichten`);
    const bericht = await page.getByRole('table').first().getByRole('link').first().getAttribute('href');
    await page.goto(`${stack.url}/taken`);
    const taak = await page.getByRole('table').first().getByRole('link').first().getAttribute('href');
    return [
      ['overzicht', '/overzicht'],
      ['zaken', '/zaken'],
      ['zaak', `/zaken/demo/${zaak103.uuid}`],
      ['taken', '/taken'],
      ['taak', taak!],
      ['berichten', '/berichten'],
      ['bericht', bericht!],
      ['gegevens', '/gegevens'],
      ['aanvragen', '/aanvragen'],
      ['producten', '/producten'],
      ['contact', '/contact'],
    ];
  }

  it('overzicht, zaken, a zaak, taken, a taak form, berichten, a bericht, gegevens, aanvragen, producten and contact at 1280, 390 and 320 px', {
    timeout: 300_000,
  }, async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await loginAs(page, stack.url, 'Suzanne de Vries');
    const fonts = await renderedFonts(page);
    expect(fonts, 'the references are made with Liberation Sans, the font `apt-get install chromium` brings on Debian (fonts-liberation)').toEqual([
      'Liberation Sans',
    ]);
    const problems: string[] = [];
    // The list pages come before the taak and the bericht that are opened from them (opening a bericht marks it read).
    for (const [name, path] of await mainPages(page)) {
      await page.goto(`${stack.url}${path}`);
      for (const width of widths) {
        await page.setViewportSize({ width, height: heights[width] });
        const image = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
        const problem = compareWithReference(`${name}-${width}`, image);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
