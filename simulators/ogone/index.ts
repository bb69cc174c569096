/**
 * The Ogone simulator: Ogone's (Ingenico / Worldline) e-Commerce hosted payment page, for paying
 * `ogonebetaling` taken in the demo and the tests. The portal's form posts to
 * `${baseUrl}/ogone/ncol/test/orderstandard_utf8.asp` (the path of Ogone's test environment);
 * the simulator checks PSPID and SHA-IN, shows the amount, description and order id, and offers
 * "Betalen", "Betaling weigeren (test)" and "Annuleren". Each answers 303 to the matching return
 * URL with Ogone's feedback parameters and SHA-OUT:
 *
 *   Betalen                    ACCEPTURL     STATUS 9  (or EXCEPTIONURL, STATUS 52, once after makeNextPaymentUncertain)
 *   Betaling weigeren (test)   DECLINEURL    STATUS 2
 *   Annuleren                  CANCELURL     STATUS 1
 *
 * A request Ogone would not accept (unknown PSPID, wrong or missing SHASIGN, no ORDERID or one over
 * 30 characters, an AMOUNT that is not whole cents, another currency than EUR, an order already
 * paid) gets Ogone's error page with HTTP 200, as Ogone answers, and is recorded as refused.
 *
 * The feedback parameters come in Ogone's mixed case (`orderID`, `currency`, `amount` in euros as
 * "612.75", then STATUS, PAYID, NCERROR, ACCEPTANCE, BRAND, PM, CARDNO masked, ED, TRXDATE as
 * MM/DD/YY, IP), with empty ones sent empty, as in the returns recorded by Odoo's and Open
 * Formulieren's tests. The NCERROR values of a refusal or an uncertain payment are illustrative:
 * the portal does not interpret them. The protocol and its sources: src/sources/ogone/ogone.ts.
 *
 * Everything lives in its own Fastify scope under `${baseUrl}/ogone`, with its CSS under
 * `/ogone/static/`. Tests get the payments, a 'down' fault, a request counter and
 * makeNextPaymentUncertain().
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BaseUrl } from '../shared/base-url.ts';
import { Faults } from '../shared/faults.ts';
import { registerSimulatorAssets } from '../shared/page.tsx';
import { sign, type Algorithm } from './signing.ts';
import { messagePage, ogoneErrorPage, paymentPage, resultPage } from './views.tsx';

/** An Ogone merchant account (the same shape as the portal's OgoneAccount). */
export interface OgoneSimulatorAccount {
  pspid: string;
  shaIn: string;
  shaOut: string;
  algorithm: Algorithm;
}

export interface OgoneSimulatorOptions {
  /** Public base URL where `app` listens, e.g. http://127.0.0.1:3001; the pages are under
   *  `${baseUrl}/ogone`. With port 0 (tests) the port is the one the app listens on. */
  baseUrl: string;
  accounts: OgoneSimulatorAccount[];
}

/** 'open': the payment page was shown, no button pressed yet; 'refused': Ogone did not accept the request. */
export type SimulatedPaymentStatus = 'open' | 'paid' | 'declined' | 'cancelled' | 'uncertain' | 'refused';

export interface SimulatedPayment {
  orderId: string;
  pspid: string;
  /** null when the request had no AMOUNT in whole cents. */
  amountCents: number | null;
  status: SimulatedPaymentStatus;
  /** Ogone's PAYID; null for a refused request. */
  payId: string | null;
}

export interface OgoneSimulator {
  /** The action URL the portal's form posts to: `${base}/ogone/ncol/test/orderstandard_utf8.asp`
   *  (a getter: with port 0 complete once the app listens). */
  readonly url: string;
  /** Every payment request received, oldest first. */
  payments(): SimulatedPayment[];
  /** The next "Betalen" ends in EXCEPTIONURL with STATUS 52 (authorisation not known). */
  makeNextPaymentUncertain(): void;
  /** 'down': every page answers 503 (a gateway's HTML page); 'none': normal. */
  setFault(fault: 'none' | 'down'): void;
  /** Requests to the payment pages since the last reset (not the CSS). */
  requestCount(): number;
  resetCounts(): void;
}

interface StoredPayment extends SimulatedPayment {
  id: string;
  description: string;
  returnUrls: { accept?: string; decline?: string; exception?: string; cancel?: string };
}

type Outcome = 'paid' | 'declined' | 'cancelled' | 'uncertain';

const gatewayPage =
  '<!DOCTYPE html><html lang="en"><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>';

const entryPath = '/ncol/test/orderstandard_utf8.asp';
const maxOrderId = 30;

/** Ogone's feedback for each outcome: STATUS, and the values that differ per outcome. */
const feedbackValues: Record<Outcome, { status: string; pm: string; acceptance: string; cardno: string; ed: string; ncerror: string; brand: string }> = {
  paid: { status: '9', pm: 'CreditCard', acceptance: 'test123', cardno: 'XXXXXXXXXXXX1111', ed: '1230', ncerror: '0', brand: 'VISA' },
  declined: { status: '2', pm: 'CreditCard', acceptance: '', cardno: 'XXXXXXXXXXXX0002', ed: '1230', ncerror: '30001001', brand: 'VISA' },
  cancelled: { status: '1', pm: '', acceptance: '', cardno: '', ed: '', ncerror: '', brand: '' },
  uncertain: { status: '52', pm: 'CreditCard', acceptance: '', cardno: 'XXXXXXXXXXXX1111', ed: '1230', ncerror: '20002001', brand: 'VISA' },
};

/** "612.75", "25", "142.5": the amount in euros as Ogone writes it in the feedback. */
const feedbackAmount = (cents: number) => {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
};

/** MM/DD/YY in Amsterdam. */
function trxDate(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', year: '2-digit', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('month')}/${part('day')}/${part('year')}`;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkOptions(options: OgoneSimulatorOptions): void {
  const seen = new Set<string>();
  for (const account of options.accounts) {
    if (account.pspid === '' || seen.has(account.pspid)) throw new Error(`Ogone simulator: PSPID "${account.pspid}" is empty or configured twice`);
    if (!['sha1', 'sha256', 'sha512'].includes(account.algorithm)) throw new Error(`Ogone simulator: unknown algorithm ${account.algorithm}`);
    seen.add(account.pspid);
  }
}

export async function registerOgoneSimulator(app: FastifyInstance, options: OgoneSimulatorOptions): Promise<OgoneSimulator> {
  checkOptions(options);
  const base = BaseUrl.of(app, options.baseUrl);
  const prefix = `${base.path}/ogone`;
  const accounts = new Map(options.accounts.map((a) => [a.pspid, a]));
  const stored: StoredPayment[] = [];
  let nextPayId = 3_100_000_001;
  let uncertainNext = false;
  const faults = new Faults<'down'>();

  const sendPage = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

  /** Records a request Ogone does not accept and answers with its error page (HTTP 200). */
  function refuse(reply: FastifyReply, fields: Map<string, string>, reason: string, code?: string) {
    const amount = fields.get('AMOUNT') ?? '';
    stored.push({
      id: randomUUID(),
      orderId: fields.get('ORDERID') ?? '',
      pspid: fields.get('PSPID') ?? '',
      amountCents: /^\d{1,15}$/.test(amount) ? Number(amount) : null,
      status: 'refused',
      payId: null,
      description: fields.get('COM') ?? '',
      returnUrls: {},
    });
    return sendPage(reply, 200, ogoneErrorPage({ assetsPrefix: prefix, orderId: fields.get('ORDERID'), reason, ...(code ? { code } : {}) }));
  }

  async function paymentRequest(request: FastifyRequest, reply: FastifyReply) {
    const raw = (request.method === 'POST' ? request.body : request.query) as Record<string, string | string[]> | undefined;
    const fields = new Map<string, string>();
    for (const [name, value] of Object.entries(raw ?? {})) {
      const upper = name.toUpperCase();
      if (Array.isArray(value) || fields.has(upper)) {
        return refuse(reply, fields, `De parameter ${upper} is meer dan eens meegestuurd.`);
      }
      fields.set(upper, value);
    }

    const account = accounts.get(fields.get('PSPID') ?? '');
    if (!account) return refuse(reply, fields, `Onbekende PSPID "${fields.get('PSPID') ?? ''}".`);
    const shasign = fields.get('SHASIGN') ?? '';
    if (shasign === '' || !sameSignature(sign(fields, account.shaIn, account.algorithm), shasign)) {
      return refuse(reply, fields, 'De SHA-handtekening (SHASIGN) past niet bij de parameters en de SHA-IN-sleutel van deze PSPID.', 'unknown order/1/s');
    }
    const orderId = fields.get('ORDERID') ?? '';
    if (orderId === '' || orderId.length > maxOrderId) return refuse(reply, fields, `ORDERID moet 1 tot ${maxOrderId} tekens hebben.`);
    const amount = fields.get('AMOUNT') ?? '';
    if (!/^[1-9]\d{0,14}$/.test(amount)) return refuse(reply, fields, `AMOUNT "${amount}" is geen bedrag in hele centen.`);
    if (fields.get('CURRENCY') !== 'EUR') return refuse(reply, fields, 'De simulator kent alleen CURRENCY EUR.');
    if (stored.some((p) => p.pspid === account.pspid && p.orderId === orderId && (p.status === 'paid' || p.status === 'uncertain'))) {
      return refuse(reply, fields, `Bestelling ${orderId} is al betaald.`);
    }

    const payment: StoredPayment = {
      id: randomUUID(),
      orderId,
      pspid: account.pspid,
      amountCents: Number(amount),
      status: 'open',
      payId: String(nextPayId++),
      description: fields.get('COM') ?? '',
      returnUrls: {
        accept: fields.get('ACCEPTURL'),
        decline: fields.get('DECLINEURL'),
        exception: fields.get('EXCEPTIONURL'),
        cancel: fields.get('CANCELURL'),
      },
    };
    stored.push(payment);
    return sendPage(
      reply,
      200,
      paymentPage({
        assetsPrefix: prefix,
        action: `${prefix}/ncol/test/betaling/${payment.id}`,
        payment: { pspid: payment.pspid, orderId, amountCents: payment.amountCents!, description: payment.description },
      }),
    );
  }

  /** The feedback parameters in Ogone's order and case, signed with SHA-OUT. */
  function feedback(payment: StoredPayment, outcome: Outcome, ip: string): [string, string][] {
    const v = feedbackValues[outcome];
    const params: [string, string][] = [
      ['orderID', payment.orderId],
      ['currency', 'EUR'],
      ['amount', feedbackAmount(payment.amountCents!)],
      ['PM', v.pm],
      ['ACCEPTANCE', v.acceptance],
      ['STATUS', v.status],
      ['CARDNO', v.cardno],
      ['ED', v.ed],
      ['TRXDATE', trxDate(new Date())],
      ['PAYID', payment.payId!],
      ['NCERROR', v.ncerror],
      ['BRAND', v.brand],
      ['IP', ip],
    ];
    const account = accounts.get(payment.pspid)!;
    params.push(['SHASIGN', sign(params, account.shaOut, account.algorithm)]);
    return params;
  }

  async function choose(request: FastifyRequest, reply: FastifyReply) {
    const { id } = request.params as { id: string };
    const payment = stored.find((p) => p.id === id && p.status !== 'refused');
    if (!payment)
      return sendPage(
        reply,
        404,
        messagePage({
          assetsPrefix: prefix,
          title: 'Betaling niet gevonden',
          message: 'Deze betaling bestaat niet (meer). Ga terug naar de website en begin opnieuw.',
        }),
      );
    if (payment.status !== 'open') {
      return sendPage(
        reply,
        409,
        messagePage({
          assetsPrefix: prefix,
          title: 'Betaling al afgerond',
          message: 'U heeft voor deze betaling al een keuze gemaakt. Ga terug naar de website.',
        }),
      );
    }
    const actie = (request.body as Record<string, unknown> | undefined)?.actie;
    let outcome: Outcome;
    if (actie === 'betalen') {
      outcome = uncertainNext ? 'uncertain' : 'paid';
      uncertainNext = false;
    } else if (actie === 'weigeren') outcome = 'declined';
    else if (actie === 'annuleren') outcome = 'cancelled';
    else
      return sendPage(
        reply,
        400,
        messagePage({ assetsPrefix: prefix, title: 'Onbekende keuze', message: 'Kies Betalen, Betaling weigeren (test) of Annuleren.' }),
      );
    payment.status = outcome;

    const target = {
      paid: payment.returnUrls.accept,
      declined: payment.returnUrls.decline,
      cancelled: payment.returnUrls.cancel,
      uncertain: payment.returnUrls.exception,
    }[outcome];
    let url: URL | undefined;
    try {
      url = target ? new URL(target) : undefined;
    } catch {
      url = undefined;
    }
    // Without a (usable) return URL Ogone shows its own result page.
    if (!url) return sendPage(reply, 200, resultPage({ assetsPrefix: prefix, outcome, orderId: payment.orderId }));
    for (const [name, value] of feedback(payment, outcome, request.ip)) url.searchParams.append(name, value);
    return reply.header('cache-control', 'no-store').redirect(url.href, 303);
  }

  await app.register(
    async (scope) => {
      await scope.register(formbody);
      registerSimulatorAssets(scope, '');

      scope.addHook('onRequest', async (request, reply) => {
        if (request.url.startsWith(`${prefix}/static/`)) return undefined;
        faults.counted();
        if (faults.fault === 'down') return reply.code(503).type('text/html; charset=utf-8').send(gatewayPage);
        return undefined;
      });

      scope.route({ method: ['GET', 'POST'], url: entryPath, handler: paymentRequest });
      scope.post('/ncol/test/betaling/:id', choose);
    },
    { prefix },
  );

  return {
    get url() {
      return `${base.href}/ogone${entryPath}`;
    },
    payments: () => stored.map(({ orderId, pspid, amountCents, status, payId }) => ({ orderId, pspid, amountCents, status, payId })),
    makeNextPaymentUncertain: () => {
      uncertainNext = true;
    },
    setFault: (next) => faults.setFault(next),
    requestCount: () => faults.requestCount(),
    resetCounts: () => faults.resetCounts(),
  };
}
