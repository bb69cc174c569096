/**
 * "Overal uitloggen" (POST /uitloggen with overal=ja) ends the sessions of the person who logged
 * in, wherever they are, and no one else's: not those of the person a gemachtigde acts for, not
 * those of another gemachtigde, not those of colleagues who logged in with the same KvK number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formAction, type HttpBrowser, hiddenFields, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(() => stack?.close());

const loggedIn = async (browser: HttpBrowser) => (await browser.request(`${stack.url}/overzicht`)).status === 200;

/** Presses "Overal uitloggen" on Mijn gegevens, as the person would. */
async function logOutEverywhere(browser: HttpBrowser) {
  const page = await browser.request(`${stack.url}/gegevens`);
  const action = formAction(page.body, 'Overal uitloggen', page.url);
  const response = await browser.request(action, { form: { ...hiddenFields(page.body, action), overal: 'ja' } });
  expect(response.status).toBe(303);
}

async function sessions(logins: Record<string, TestLogin>) {
  const entries = await Promise.all(Object.entries(logins).map(async ([name, login]) => [name, await loginOverHttp(stack.url, login)] as const));
  return Object.fromEntries(entries);
}

async function stillLoggedIn(browsers: Record<string, HttpBrowser>) {
  const entries = await Promise.all(Object.entries(browsers).map(async ([name, browser]) => [name, await loggedIn(browser)] as const));
  return Object.fromEntries(entries);
}

describe('overal uitloggen', () => {
  it('a gemachtigde ends their own sessions (for anyone, and as themselves), never those of the person they act for', async () => {
    const browsers = await sessions({
      lotteForJan: { gemachtigde: '999990482', voor: '999990019' },
      lotteForJanElsewhere: { gemachtigde: '999990482', voor: '999990019' },
      lotteHerself: { bsn: '999990482' },
      jan: { bsn: '999990019' },
      suzanneForAnna: { gemachtigde: '999993653', voor: '999992570' },
    });
    await logOutEverywhere(browsers.lotteForJan!);
    expect(await stillLoggedIn(browsers)).toEqual({
      lotteForJan: false,
      lotteForJanElsewhere: false,
      lotteHerself: false,
      jan: true,
      suzanneForAnna: true,
    });
  });

  it('a person ends their own sessions, not those of the gemachtigde who acts for them', async () => {
    const browsers = await sessions({
      anna: { bsn: '999992570' },
      annaElsewhere: { bsn: '999992570' },
      suzanneForAnna: { gemachtigde: '999993653', voor: '999992570' },
      suzanneHerself: { bsn: '999993653' },
    });
    await logOutEverywhere(browsers.anna!);
    expect(await stillLoggedIn(browsers)).toEqual({ anna: false, annaElsewhere: false, suzanneForAnna: true, suzanneHerself: true });
  });

  it('with eHerkenning, only the session that asks ends: colleagues share the KvK number', async () => {
    const browsers = await sessions({
      me: { kvk: '69599084' },
      colleague: { kvk: '69599084' },
    });
    // The page offers no "Overal uitloggen" to a company (it would end only this session); sent anyway, it ends only this one.
    const page = await browsers.me!.request(`${stack.url}/gegevens`);
    expect(page.body).not.toContain('Overal uitloggen');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    expect((await browsers.me!.request(`${stack.url}/uitloggen`, { form: { _csrf: csrf, overal: 'ja' } })).status).toBe(303);
    expect(await stillLoggedIn(browsers)).toEqual({ me: false, colleague: true });
  });
});
