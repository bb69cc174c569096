/**
 * The Ogone simulator driven over HTTP as a browser drives it, with the portal's own
 * paymentRequest (the form) and verifyReturn (the return URL): post the form, press a button on
 * the payment page, follow the 303 and check what comes back. Plus what Ogone refuses, what a
 * person sees on the page, tampering with the return, and the test handles.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { paymentRequest, shaInSignature, verifyReturn } from '../../src/sources/ogone/ogone.ts';
import type { OgoneAccount, OgonePaymentInput } from '../../src/sources/ogone/ogone.ts';
import { registerOgoneSimulator } from './index.ts';
import type { OgoneSimulator } from './index.ts';

const voorbeeldstad: OgoneAccount = { pspid: 'voorbeeldstad', shaIn: 'in-Geheim_2025!', shaOut: 'uit-Geheim&2025?', algorithm: 'sha512' };
const belastingen: OgoneAccount = { pspid: 'belastingen', shaIn: 'belasting-in', shaOut: 'belasting-uit', algorithm: 'sha256' };
const parkeren: OgoneAccount = { pspid: 'parkeren', shaIn: 'parkeer-in', shaOut: 'parkeer-uit', algorithm: 'sha1' };

const portal = 'https://mijn.voorbeeldstad.example/taken/901/betaling';
const payment = (orderId: string, change: Partial<OgonePaymentInput> = {}): OgonePaymentInput => ({
  orderId,
  amountEuros: 612.75,
  description: 'Leges omgevingsvergunning',
  language: 'nl_NL',
  acceptUrl: `${portal}?uitkomst=akkoord`,
  declineUrl: `${portal}?uitkomst=geweigerd`,
  exceptionUrl: `${portal}?uitkomst=onzeker`,
  cancelUrl: `${portal}?uitkomst=geannuleerd`,
  ...change,
});

let app: FastifyInstance;
let ogone: OgoneSimulator;
let orderNumber = 0;
/** A fresh ORDERID for each payment: Ogone refuses an order that was paid already. */
const nextOrderId = () => `LEGES-2025-${String(++orderNumber).padStart(6, '0')}`;

beforeAll(async () => {
  app = Fastify({ logger: false });
  // Another simulator on the same instance, as in the demo: must not see Ogone's hooks.
  app.get('/oidc/ping', async () => ({ pong: true }));
  ogone = await registerOgoneSimulator(app, { baseUrl: 'http://127.0.0.1:0', accounts: [voorbeeldstad, belastingen, parkeren] });
  await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());
afterEach(() => ogone.setFault('none'));

const origin = () => new URL(ogone.url).origin;
/** Text as a person reads it: tags gone, entities and no-break spaces resolved. */
const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

/** Posts the portal's form to Ogone, as the browser does. */
async function postForm(fields: Record<string, string>, action = ogone.url) {
  const response = await fetch(action, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

/** Presses the button with this label on the payment page: posts the page's form with the button's name and value. */
async function press(html: string, label: string) {
  const form = /<form[^>]*method="post"[^>]*action="([^"]+)"/.exec(html);
  const button = new RegExp(`<button[^>]*name="([^"]+)"[^>]*value="([^"]+)"[^>]*>${label.replace(/[()]/g, '\\$&')}</button>`).exec(html);
  if (!form || !button) throw new Error(`no form or no button "${label}" on the page`);
  return fetch(new URL(form[1]!.replace(/&amp;/g, '&'), origin()), {
    method: 'POST',
    body: new URLSearchParams({ [button[1]!]: button[2]! }),
    redirect: 'manual',
  });
}

/** The whole round trip for one button: form, page, button, redirect, and the portal's check. */
async function pay(account: OgoneAccount, label: string, input = payment(nextOrderId())) {
  const form = paymentRequest(account, input, ogone.url);
  const page = await postForm(form.fields, form.action);
  expect(page.status).toBe(200);
  const answer = await press(page.html, label);
  expect(answer.status).toBe(303);
  const location = new URL(answer.headers.get('location')!);
  const query = Object.fromEntries(location.searchParams);
  return { input, page, location, query, result: verifyReturn(account, query) };
}

describe('round trip with the portal’s paymentRequest and verifyReturn', () => {
  it('"Betalen": back on ACCEPTURL with STATUS 9, signed with SHA-OUT, betaald', async () => {
    const { input, location, query, result } = await pay(voorbeeldstad, 'Betalen');
    expect(`${location.origin}${location.pathname}`).toBe(portal);
    expect(location.searchParams.get('uitkomst')).toBe('akkoord');
    expect(query).toMatchObject({
      orderID: input.orderId,
      currency: 'EUR',
      amount: '612.75',
      STATUS: '9',
      NCERROR: '0',
      ACCEPTANCE: 'test123',
      BRAND: 'VISA',
      CARDNO: 'XXXXXXXXXXXX1111',
    });
    expect(query.TRXDATE).toMatch(/^\d{2}\/\d{2}\/\d{2}$/);
    expect(result).toEqual({ valid: true, orderId: input.orderId, status: 9, outcome: 'betaald', payId: query.PAYID, amountEuros: 612.75, currency: 'EUR' });
    expect(ogone.payments().at(-1)).toEqual({ orderId: input.orderId, pspid: 'voorbeeldstad', amountCents: 61275, status: 'paid', payId: query.PAYID });
  });

  it('"Betaling weigeren (test)": back on DECLINEURL with STATUS 2, geweigerd', async () => {
    const { input, location, query, result } = await pay(voorbeeldstad, 'Betaling weigeren (test)');
    expect(location.searchParams.get('uitkomst')).toBe('geweigerd');
    expect(query.ACCEPTANCE).toBe('');
    expect(result).toMatchObject({ valid: true, orderId: input.orderId, status: 2, outcome: 'geweigerd' });
    expect(ogone.payments().at(-1)).toMatchObject({ orderId: input.orderId, status: 'declined' });
  });

  it('"Annuleren": back on CANCELURL with STATUS 1, geannuleerd', async () => {
    const { input, location, result } = await pay(voorbeeldstad, 'Annuleren');
    expect(location.searchParams.get('uitkomst')).toBe('geannuleerd');
    expect(result).toMatchObject({ valid: true, orderId: input.orderId, status: 1, outcome: 'geannuleerd' });
    expect(ogone.payments().at(-1)).toMatchObject({ orderId: input.orderId, status: 'cancelled' });
  });

  it('after makeNextPaymentUncertain, "Betalen" ends once on EXCEPTIONURL with STATUS 52, in behandeling', async () => {
    ogone.makeNextPaymentUncertain();
    const uncertain = await pay(voorbeeldstad, 'Betalen');
    expect(uncertain.location.searchParams.get('uitkomst')).toBe('onzeker');
    expect(uncertain.result).toMatchObject({ valid: true, status: 52, outcome: 'in-behandeling' });
    expect(ogone.payments().at(-1)).toMatchObject({ status: 'uncertain' });

    const next = await pay(voorbeeldstad, 'Betalen');
    expect(next.result).toMatchObject({ valid: true, status: 9, outcome: 'betaald' });
  });

  it.each([
    ['SHA-1', parkeren],
    ['SHA-256', belastingen],
  ])('works the same for an account with %s', async (_name, account) => {
    const { result } = await pay(account, 'Betalen', payment(nextOrderId(), { amountEuros: 25 }));
    expect(result).toMatchObject({ valid: true, status: 9, outcome: 'betaald', amountEuros: 25 });
  });

  it('a button pressed twice does nothing the second time', async () => {
    const form = paymentRequest(voorbeeldstad, payment(nextOrderId()), ogone.url);
    const page = await postForm(form.fields);
    expect((await press(page.html, 'Annuleren')).status).toBe(303);
    const again = await press(page.html, 'Betalen');
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain('U heeft voor deze betaling al een keuze gemaakt.');
    expect(ogone.payments().at(-1)).toMatchObject({ status: 'cancelled' });
  });

  it('an order that was paid cannot be paid again', async () => {
    const { input } = await pay(voorbeeldstad, 'Betalen');
    const second = await postForm(paymentRequest(voorbeeldstad, input, ogone.url).fields);
    expect(second.status).toBe(200);
    expect(visibleText(second.html)).toContain('Er is een fout opgetreden. Probeer later opnieuw.');
    expect(second.html).not.toContain('value="betalen"');
  });

  it('without return URLs Ogone shows its own result page', async () => {
    const fields: Record<string, string> = { PSPID: 'voorbeeldstad', ORDERID: nextOrderId(), AMOUNT: '1500', CURRENCY: 'EUR' };
    fields.SHASIGN = shaInSignature(fields, voorbeeldstad.shaIn, voorbeeldstad.algorithm);
    const page = await postForm(fields);
    const answer = await press(page.html, 'Betalen');
    expect(answer.status).toBe(200);
    expect(visibleText(await answer.text())).toContain('Uw betaling is gelukt');
  });
});

describe('requests Ogone refuses: its error page with HTTP 200, recorded as refused', () => {
  it('a form changed after signing (the amount lowered)', async () => {
    const orderId = nextOrderId();
    const { fields } = paymentRequest(voorbeeldstad, payment(orderId), ogone.url);
    const page = await postForm({ ...fields, AMOUNT: '100' });
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('Er is een fout opgetreden. Probeer later opnieuw.');
    expect(text).toContain('unknown order/1/s');
    expect(page.html).not.toContain('value="betalen"');
    expect(ogone.payments().at(-1)).toEqual({ orderId, pspid: 'voorbeeldstad', amountCents: 100, status: 'refused', payId: null });
  });

  it('a form signed with another SHA-IN passphrase, or without SHASIGN', async () => {
    const wrong = paymentRequest({ ...voorbeeldstad, shaIn: 'niet-de-sleutel' }, payment(nextOrderId()), ogone.url);
    expect(visibleText((await postForm(wrong.fields)).html)).toContain('unknown order/1/s');
    const { SHASIGN: _omitted, ...unsigned } = paymentRequest(voorbeeldstad, payment(nextOrderId()), ogone.url).fields;
    expect(visibleText((await postForm(unsigned)).html)).toContain('unknown order/1/s');
    expect(
      ogone
        .payments()
        .slice(-2)
        .map((p) => p.status),
    ).toEqual(['refused', 'refused']);
  });

  it('an unknown PSPID', async () => {
    const orderId = nextOrderId();
    const form = paymentRequest({ ...voorbeeldstad, pspid: 'onbekend' }, payment(orderId), ogone.url);
    const page = await postForm(form.fields);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('Er is een fout opgetreden. Probeer later opnieuw.');
    expect(text).toContain('Onbekende PSPID "onbekend"');
    expect(ogone.payments().at(-1)).toEqual({ orderId, pspid: 'onbekend', amountCents: 61275, status: 'refused', payId: null });
  });

  it('an ORDERID over 30 characters, even when signed', async () => {
    const fields: Record<string, string> = {
      PSPID: 'voorbeeldstad',
      ORDERID: 'xyz2024/OF-123456/987654321THISISPROBABLYTOOLONG',
      AMOUNT: '1000',
      CURRENCY: 'EUR',
    };
    fields.SHASIGN = shaInSignature(fields, voorbeeldstad.shaIn, voorbeeldstad.algorithm);
    const page = await postForm(fields);
    expect(visibleText(page.html)).toContain('Er is een fout opgetreden');
    expect(ogone.payments().at(-1)).toMatchObject({ status: 'refused' });
  });
});

describe('the payment page', () => {
  async function pageFor(change: Partial<OgonePaymentInput>) {
    const form = paymentRequest(voorbeeldstad, payment(nextOrderId(), change), ogone.url);
    return (await postForm(form.fields)).html;
  }

  it('shows the amount in Dutch, the description and the order id, in Dutch, for the demo only, without scripts', async () => {
    const orderId = nextOrderId();
    const html = (await postForm(paymentRequest(voorbeeldstad, payment(orderId), ogone.url).fields)).html;
    const text = visibleText(html);
    expect(html).toContain('<html lang="nl">');
    expect(text).toContain('€ 612,75');
    expect(text).toContain('Leges omgevingsvergunning');
    expect(text).toContain(orderId);
    expect(text).toContain('Alleen voor de demo.');
    expect(html).not.toMatch(/<script/i);
    for (const label of ['Betalen', 'Betaling weigeren (test)', 'Annuleren']) expect(text).toContain(label);
  });

  it.each([
    [25, '€ 25,00'],
    [0.1 + 0.2, '€ 0,30'],
    [1234567.89, '€ 1.234.567,89'],
  ])('%s euro shows as %s', async (amountEuros, shown) => {
    expect(visibleText(await pageFor({ amountEuros }))).toContain(shown);
  });

  it('shows a description with HTML in it as text', async () => {
    const html = await pageFor({ description: '<script>alert("x")</script> & <b>vet</b>' });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>vet</b>');
    expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; &lt;b>vet&lt;/b>');
  });

  it('gets its CSS from the simulator', async () => {
    const html = await pageFor({});
    const href = /<link rel="stylesheet" href="([^"]*simulator\.css)"/.exec(html)![1]!;
    const css = await fetch(new URL(href, origin()));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });
});

describe('tampering with the return query', () => {
  it.each([
    ['the status of a refusal turned into 9', (q: Record<string, string>) => ({ ...q, STATUS: '9' })],
    ['the amount changed', (q: Record<string, string>) => ({ ...q, amount: '0.01' })],
    ['the order id changed', (q: Record<string, string>) => ({ ...q, orderID: 'LEGES-2025-999999' })],
    ['a card holder added', (q: Record<string, string>) => ({ ...q, CN: 'Mallory' })],
    ['the signature dropped', ({ SHASIGN: _dropped, ...q }: Record<string, string>) => q],
  ])('is detected: %s', async (_case, tamper) => {
    const { query, result } = await pay(voorbeeldstad, 'Betaling weigeren (test)');
    expect(result.valid).toBe(true);
    expect(verifyReturn(voorbeeldstad, tamper(query))).toEqual({ valid: false });
  });

  it('is detected when checked with another account’s SHA-OUT passphrase', async () => {
    const { query } = await pay(voorbeeldstad, 'Betalen');
    expect(verifyReturn({ ...voorbeeldstad, shaOut: belastingen.shaOut }, query)).toEqual({ valid: false });
  });
});

describe('handles', () => {
  it('url is the action URL with the port the app listens on', () => {
    expect(ogone.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/ogone\/ncol\/test\/orderstandard_utf8\.asp$/);
  });

  it('setFault("down"): the payment page answers 503, the rest of the app goes on; requests are counted', async () => {
    ogone.resetCounts();
    ogone.setFault('down');
    const down = await postForm(paymentRequest(voorbeeldstad, payment(nextOrderId()), ogone.url).fields);
    expect(down.status).toBe(503);
    expect((await fetch(`${origin()}/oidc/ping`)).status).toBe(200);
    ogone.setFault('none');
    const { page } = await pay(voorbeeldstad, 'Betalen');
    expect(page.status).toBe(200);
    // The 503, the form and the button; not /oidc/ping.
    expect(ogone.requestCount()).toBe(3);
    ogone.resetCounts();
    expect(ogone.requestCount()).toBe(0);
  });
});
