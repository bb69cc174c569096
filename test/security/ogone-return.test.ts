/**
 * Back from Ogone: a correctly signed return is believed only when it is this taak's payment —
 * its betaalkenmerk, its bedrag and EUR. Another payment under the same PSPID (a cent instead of
 * the leges, another currency) is signed by Ogone just as well and must not finish the taak.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { ogoneAccount, startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let browser: HttpBrowser;
const { suzanne } = objectenDemo.notable;
const uuid = suzanne.taak.ogonebetaling;

beforeAll(async () => {
  stack = await startStack();
  browser = await loginOverHttp(stack.url, { bsn: suzanne.bsn });
}, 60_000);
afterAll(() => stack?.close());

const taakData = () =>
  (stack.objecten.objects().find((o) => o.uuid === uuid) as { record: { data: { status: string; ogonebetaling: { bedrag: number; betaalkenmerk: string } } } })
    .record.data;

/** A return as Ogone sends it, signed with the account's SHA-OUT passphrase (these names sort the same in Ogone's list). */
function signedReturn(params: Record<string, string>): string {
  const text = Object.entries(params)
    .map(([name, value]) => [name.toUpperCase(), value] as const)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}${ogoneAccount.shaOut}`)
    .join('');
  const query = new URLSearchParams({ ...params, SHASIGN: createHash('sha512').update(text, 'utf8').digest('hex').toUpperCase() });
  return `${stack.url}/taken/${uuid}/betaling?${query}`;
}

describe('the Ogone return', () => {
  it('with a valid signature but another amount, another currency or no amount is treated as invalid; the taak stays open', async () => {
    const { betaalkenmerk, bedrag } = taakData().ogonebetaling;
    const paid = { orderID: betaalkenmerk, currency: 'EUR', amount: String(bedrag), STATUS: '9', PAYID: '3100000001', NCERROR: '0' };
    for (const change of [{ amount: '0.01' }, { amount: String(bedrag * 10) }, { currency: 'USD' }, { amount: '' }, { currency: '' }]) {
      const response = await browser.request(signedReturn({ ...paid, ...change }));
      expect(response.status, JSON.stringify(change)).toBe(303);
      expect(response.location, JSON.stringify(change)).toBe(`${stack.url}/taken/${uuid}?betaling=invalid#bevestiging`);
      expect(taakData().status).toBe('open');
    }
    expect(stack.voordeur.logs.some((line) => line.includes('"mismatch":"amount"'))).toBe(true);
    expect(stack.voordeur.logs.some((line) => line.includes('"mismatch":"currency"'))).toBe(true);

    const accepted = await browser.request(signedReturn(paid));
    expect(accepted.location).toBe(`${stack.url}/taken/${uuid}?betaling=betaald#bevestiging`);
    expect(taakData().status).toBe('afgerond');
  });
});
