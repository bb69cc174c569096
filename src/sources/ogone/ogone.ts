/**
 * Ogone (Ingenico / Worldline "e-Commerce") hosted payment page, the portal's side: the form that
 * sends the resident to Ogone to pay an `ogonebetaling` taak, and the check of what Ogone sends
 * back on the return URL. No HTTP here: the browser posts the form and follows the redirect.
 *
 * The protocol, as relied on:
 * - The portal renders a form that POSTs to Ogone's orderstandard_utf8.asp (test:
 *   https://ogone.test.v-psp.com/ncol/test/orderstandard_utf8.asp, production:
 *   https://secure.ogone.com/ncol/prod/orderstandard_utf8.asp; the _utf8 page reads UTF-8), with
 *   PSPID, ORDERID, AMOUNT (in cents), CURRENCY, LANGUAGE, COM (order description), ACCEPTURL,
 *   DECLINEURL, EXCEPTIONURL, CANCELURL and SHASIGN.
 * - SHASIGN (SHA-IN): every parameter sent that has a value, name in UPPERCASE, sorted
 *   alphabetically, each written as `NAME=value` followed by the SHA-IN passphrase, all
 *   concatenated; hashed with the account's algorithm (SHA-1, SHA-256 or SHA-512) over the UTF-8
 *   bytes; hex in upper case. Empty parameters are left out; values are case-sensitive.
 * - Ogone redirects to ACCEPTURL (STATUS 9 or 5), DECLINEURL (2), EXCEPTIONURL (52, 92: result
 *   unknown) or CANCELURL (1) with feedback parameters in the query, in mixed case (e.g. `orderID`,
 *   `amount` in euros with a decimal point, `STATUS`, `PAYID`, `NCERROR`, `ACCEPTANCE`, `BRAND`,
 *   `CARDNO` masked, `TRXDATE` as MM/DD/YY) and SHASIGN (SHA-OUT): the same computation with the
 *   SHA-OUT passphrase, but only over the parameters in Ogone's SHA-OUT list, names upper-cased
 *   whatever case they came in. Where Ogone's list order and a plain sort differ (SCO_CATEGORY
 *   before SCORING), Ogone says to follow the list, so the list order is the sort order here.
 * - STATUS codes: 0 invalid or incomplete, 1 cancelled by customer, 2 authorisation refused,
 *   5 authorised, 9 payment requested, 41/46/50/51/55/91/99 waiting or processing, 52/92
 *   uncertain (authorisation or payment not known), 93 payment refused.
 *
 * Sources:
 * - Ingenico e-Commerce guide, "Security: pre-payment check" (payment-services.ingenico.com/int/en/
 *   ogone/support/guides/integration guides/e-commerce/security-pre-payment-check): the SHA-IN
 *   rules above and the worked example AMOUNT=1500, CURRENCY=EUR, LANGUAGE=en_US, ORDERID=1234,
 *   PSPID=MyPSPID, passphrase "Mysecretsig1875!?" (its SHA-1, SHA-256 and SHA-512 digests are
 *   the known answers in ogone.test.ts, as also used by the epdq Ruby gem's and Open Formulieren's
 *   tests).
 * - The SHA-OUT example of Ogone's e-Commerce Advanced guide (ACCEPTANCE=1234, AMOUNT=15,
 *   BRAND=VISA, CARDNO=xxxxxxxxxxxx1111, CURRENCY=EUR, NCERROR=0, ORDERID=12, PAYID=32100123,
 *   PM=CreditCard, STATUS=9 → SHA-1 B209960D…), as quoted in django-ogone's doctests.
 * - Ogone's SHA-OUT parameter list (shared.ecom-psp.com/v2/docs/guides/e-Commerce/SHA-OUT_params.txt),
 *   as copied by NL Portal (Ritense, payment module) and Open Inwoner.
 * - Open Formulieren (open-formulieren/open-forms, payments/contrib/ogone): endpoints, statuses,
 *   a real SHA-512 return of Ogone's test environment (orderID=202100031, STATUS=9, PAYID,
 *   NCERROR), and a recorded Ogone answer to a too-long ORDERID (HTTP 200, "Er is een fout
 *   opgetreden") next to an accepted "2024/OF-5HEBWV/84".
 * - NL Portal (nl-portal-backend-libraries, payment/OgonePaymentService): the fields a Dutch portal
 *   sends for a TaakV2 ogonebetaling, `orderID` in the return query.
 * - marlon-ogone (PHP): ORDERID at most 30 characters, COM at most 100, URLs at most 200, PSPID at
 *   most 30; a response is successful on STATUS 5 or 9. Odoo's payment_ogone tests: the return
 *   parameters in mixed case with `amount` as "1.95".
 * Choices: STATUS 5 counts as betaald (the resident's part is done; capturing an authorisation is
 * the municipality's back-office step), 52/92 as in-behandeling (the result is not known yet, the
 * resident must not pay again). ORDERID allows letters, digits, `-`, `_` and `/`.
 */
import { createHash } from 'node:crypto';
import { constantTimeEqual } from '../../platform/crypto.ts';

export type OgoneAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface OgoneAccount {
  /** The merchant's id at Ogone (also `ogonebetaling.pspid` of the taak). */
  pspid: string;
  /** SHA-IN passphrase ("Data and origin verification"). */
  shaIn: string;
  /** SHA-OUT passphrase ("Transaction feedback"). */
  shaOut: string;
  /** Hash algorithm of the account ("Global security parameters"). */
  algorithm: OgoneAlgorithm;
}

export type OgoneLanguage = 'nl_NL' | 'en_US';

export interface OgonePaymentInput {
  /** Ogone's ORDERID, e.g. the betaalkenmerk: 1–30 of A–Z a–z 0–9 - _ /. */
  orderId: string;
  /** In euros, at most two decimals (taakv2: multipleOf 0.01). */
  amountEuros: number;
  /** Shown on the payment page (COM), at most 100 characters. */
  description?: string;
  language: OgoneLanguage;
  acceptUrl: string;
  declineUrl: string;
  exceptionUrl: string;
  cancelUrl: string;
}

/** The form to render: POST to `action` with `fields` as hidden inputs. */
export interface OgoneForm {
  action: string;
  fields: Record<string, string>;
}

/** What a payment came to for the resident. In Dutch: it is the value of `?betaling=` in the taak's address the person returns to. */
export type OgoneOutcome = 'betaald' | 'in-behandeling' | 'geannuleerd' | 'geweigerd' | 'mislukt';

/** Why a correctly signed return is still not the taak's payment. */
export type OgoneMismatch = 'order' | 'amount' | 'currency';

export type OgoneReturn =
  | { valid: false; mismatch?: OgoneMismatch }
  | { valid: true; orderId: string; status: number; outcome: OgoneOutcome; payId?: string; amountEuros?: number; currency?: string };

/** What the portal asked to be paid: the taak's betaalkenmerk and bedrag, in euros (EUR, the only currency sent). */
export interface ExpectedPayment {
  orderId: string;
  amountEuros: number;
}

/** A payment request the portal cannot send: a programming or data error, not an outage. */
export class OgoneRequestError extends Error {
  constructor(message: string) {
    super(`Ogone: ${message}`);
    this.name = 'OgoneRequestError';
  }
}

const algorithms: readonly OgoneAlgorithm[] = ['sha1', 'sha256', 'sha512'];
const languages: readonly OgoneLanguage[] = ['nl_NL', 'en_US'];
const orderIdPattern = /^[A-Za-z0-9_/-]{1,30}$/;
const maxDescription = 100;
const maxUrl = 200;
/** Ogone's AMOUNT is at most 15 digits; this also keeps every step below exact. */
const maxCents = 999_999_999_999_999;

/**
 * Ogone's SHA-OUT parameter list, in Ogone's own order (which is the order of the string to hash).
 */
const shaOutParameters: readonly string[] = [
  'AAVADDRESS',
  'AAVCHECK',
  'AAVMAIL',
  'AAVNAME',
  'AAVPHONE',
  'AAVZIP',
  'ACCEPTANCE',
  'ALIAS',
  'AMOUNT',
  'BIC',
  'BIN',
  'BRAND',
  'CARDNO',
  'CCCTY',
  'CN',
  'COLLECTOR_BIC',
  'COLLECTOR_IBAN',
  'COMPLETIONID',
  'COMPLUS',
  'CREATION_STATUS',
  'CREDITDEBIT',
  'CURRENCY',
  'CVCCHECK',
  'DCC_COMMPERCENTAGE',
  'DCC_CONVAMOUNT',
  'DCC_CONVCCY',
  'DCC_EXCHRATE',
  'DCC_EXCHRATESOURCE',
  'DCC_EXCHRATETS',
  'DCC_INDICATOR',
  'DCC_MARGINPERCENTAGE',
  'DCC_VALIDHOURS',
  'DEVICEID',
  'DIGESTCARDNO',
  'ECI',
  'ED',
  'EMAIL',
  'ENCCARDNO',
  'FXAMOUNT',
  'FXCURRENCY',
  'IP',
  'IPCTY',
  'MANDATEID',
  'MOBILEMODE',
  'NBREMAILUSAGE',
  'NBRIPUSAGE',
  'NBRIPUSAGE_ALLTX',
  'NBRUSAGE',
  'NCERROR',
  'ORDERID',
  'PAYID',
  'PAYIDSUB',
  'PAYMENT_REFERENCE',
  'PM',
  'REQUESTCOMPLETIONID',
  'SCO_CATEGORY',
  'SCORING',
  'SEQUENCETYPE',
  'SIGNDATE',
  'STATUS',
  'SUBBRAND',
  'SUBSCRIPTION_ID',
  'TICKET',
  'TRXDATE',
  'VC',
];
const shaOutRank = new Map(shaOutParameters.map((name, index) => [name, index]));

/** What each STATUS means for the resident; anything not listed (after-sale statuses) is 'mislukt'. */
const outcomes = new Map<number, OgoneOutcome>([
  [9, 'betaald'],
  [5, 'betaald'],
  [41, 'in-behandeling'],
  [46, 'in-behandeling'],
  [50, 'in-behandeling'],
  [51, 'in-behandeling'],
  [52, 'in-behandeling'],
  [55, 'in-behandeling'],
  [91, 'in-behandeling'],
  [92, 'in-behandeling'],
  [99, 'in-behandeling'],
  [1, 'geannuleerd'],
  [2, 'geweigerd'],
  [93, 'geweigerd'],
  [0, 'mislukt'],
]);

export function outcomeOf(status: number): OgoneOutcome {
  return outcomes.get(status) ?? 'mislukt';
}

/**
 * An amount in euros as whole cents, exactly: 612.75 → 61275, 189.35 → 18935 (not 18934, as
 * `Math.trunc(189.35 * 100)` gives), 0.1 + 0.2 → 30. Throws for a third decimal (1.005), zero,
 * negative or non-finite amounts.
 */
export function amountInCents(amountEuros: number): number {
  if (!Number.isFinite(amountEuros) || amountEuros <= 0) throw new OgoneRequestError(`amount must be a positive number of euros, not ${amountEuros}`);
  if (amountEuros * 100 > maxCents) throw new OgoneRequestError(`amount ${amountEuros} is more than Ogone accepts`);
  // toFixed rounds the binary value to two decimals in decimal; a real cents amount only differs
  // from that by floating-point noise, an amount with a third decimal by far more.
  const fixed = amountEuros.toFixed(2);
  if (Math.abs(Number(fixed) - amountEuros) > 1e-9 * Math.max(1, amountEuros)) {
    throw new OgoneRequestError(`amount ${amountEuros} has more than two decimals`);
  }
  const [euros, cents] = fixed.split('.') as [string, string];
  return Number(euros) * 100 + Number(cents);
}

const hash = (text: string, algorithm: OgoneAlgorithm) => createHash(algorithm).update(text, 'utf8').digest('hex').toUpperCase();

/** SHA-IN: every parameter with a value, names upper-cased and sorted, `NAME=value<passphrase>`. */
export function shaInSignature(params: Record<string, string>, passphrase: string, algorithm: OgoneAlgorithm): string {
  const pairs = Object.entries(params)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => [name.toUpperCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hash(pairs.map(([name, value]) => `${name}=${value}${passphrase}`).join(''), algorithm);
}

/** SHA-OUT: only the parameters in Ogone's SHA-OUT list that have a value, in the list's order. */
function shaOutSignature(params: Map<string, string>, passphrase: string, algorithm: OgoneAlgorithm): string {
  const pairs = [...params].filter(([name, value]) => value !== '' && shaOutRank.has(name)).sort(([a], [b]) => shaOutRank.get(a)! - shaOutRank.get(b)!);
  return hash(pairs.map(([name, value]) => `${name}=${value}${passphrase}`).join(''), algorithm);
}

function checkAccount(account: OgoneAccount): void {
  if (!/^\S{1,30}$/.test(account.pspid)) throw new OgoneRequestError(`PSPID "${account.pspid}" must be 1 to 30 characters without spaces`);
  if (!algorithms.includes(account.algorithm)) throw new OgoneRequestError(`unknown hash algorithm "${account.algorithm}" for PSPID ${account.pspid}`);
  if (account.shaIn === '' || account.shaOut === '') throw new OgoneRequestError(`PSPID ${account.pspid} needs a SHA-IN and a SHA-OUT passphrase`);
}

function checkUrl(name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OgoneRequestError(`${name} "${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OgoneRequestError(`${name} must be an http(s) URL, not ${url.protocol}`);
  if (value.length > maxUrl) throw new OgoneRequestError(`${name} is ${value.length} characters; Ogone accepts at most ${maxUrl}`);
}

/** The fields of the form that sends the resident to Ogone's payment page, signed with SHA-IN. */
export function paymentRequest(account: OgoneAccount, input: OgonePaymentInput, actionUrl: string): OgoneForm {
  checkAccount(account);
  if (!orderIdPattern.test(input.orderId)) {
    throw new OgoneRequestError(`ORDERID "${input.orderId}" must be 1 to 30 characters: letters, digits, "-", "_" or "/"`);
  }
  if (!languages.includes(input.language)) throw new OgoneRequestError(`LANGUAGE must be one of ${languages.join(', ')}, not "${input.language}"`);
  const description = input.description?.trim() ?? '';
  if (description.length > maxDescription)
    throw new OgoneRequestError(`description is ${description.length} characters; Ogone accepts at most ${maxDescription}`);
  const urls = { ACCEPTURL: input.acceptUrl, DECLINEURL: input.declineUrl, EXCEPTIONURL: input.exceptionUrl, CANCELURL: input.cancelUrl };
  for (const [name, value] of Object.entries(urls)) checkUrl(name, value);
  checkUrl('the action URL', actionUrl);

  const fields: Record<string, string> = {
    PSPID: account.pspid,
    ORDERID: input.orderId,
    AMOUNT: String(amountInCents(input.amountEuros)),
    CURRENCY: 'EUR',
    LANGUAGE: input.language,
    ...(description !== '' ? { COM: description } : {}),
    ...urls,
  };
  fields.SHASIGN = shaInSignature(fields, account.shaIn, account.algorithm);
  return { action: actionUrl, fields };
}

/**
 * Checks the query Ogone redirected the resident back with. Names count whatever their case;
 * parameters outside the SHA-OUT list are ignored for the signature. A SHA-OUT or SHASIGN
 * parameter given twice (in any case) makes the return invalid: which one would count is ambiguous.
 */
export function verifyReturn(account: OgoneAccount, query: Record<string, string | string[] | undefined>): OgoneReturn {
  const invalid = { valid: false } as const;
  const params = new Map<string, string>();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const upper = name.toUpperCase();
    const counts = upper === 'SHASIGN' || shaOutRank.has(upper);
    if (Array.isArray(value) || params.has(upper)) {
      if (counts) return invalid;
      continue;
    }
    params.set(upper, value);
  }
  const given = params.get('SHASIGN');
  if (given === undefined || given === '') return invalid;
  if (!constantTimeEqual(shaOutSignature(params, account.shaOut, account.algorithm), given.toUpperCase())) return invalid;

  const orderId = params.get('ORDERID');
  const statusText = params.get('STATUS');
  if (orderId === undefined || orderId === '' || statusText === undefined || !/^\d{1,3}$/.test(statusText)) return invalid;
  const status = Number(statusText);
  const payId = params.get('PAYID');
  const amount = params.get('AMOUNT');
  const currency = params.get('CURRENCY');
  return {
    valid: true,
    orderId,
    status,
    outcome: outcomeOf(status),
    ...(payId ? { payId } : {}),
    ...(amount && /^\d{1,13}(\.\d{1,2})?$/.test(amount) ? { amountEuros: Number(amount) } : {}),
    ...(currency ? { currency } : {}),
  };
}

/**
 * Whether a signed return is the payment the portal asked for: the same ORDERID, AMOUNT and
 * CURRENCY. A valid signature only says Ogone sent it; another payment under the same PSPID (a
 * smaller amount, another currency, another order) is signed just as well. When money moved
 * (betaald, in-behandeling) AMOUNT and CURRENCY must be in the signed return — select them in
 * the back office's dynamic e-Commerce parameters; for other outcomes they must match when given.
 */
export function paymentMismatch(result: OgoneReturn & { valid: true }, expected: ExpectedPayment): OgoneMismatch | undefined {
  if (result.orderId !== expected.orderId) return 'order';
  const required = result.outcome === 'betaald' || result.outcome === 'in-behandeling';
  // Both have at most two decimals (the return's by its pattern, the taak's by its schema): rounding to cents is exact, and never throws.
  const cents = (euros: number) => Math.round(euros * 100);
  if (result.amountEuros === undefined ? required : cents(result.amountEuros) !== cents(expected.amountEuros)) return 'amount';
  if (result.currency === undefined ? required : result.currency.toUpperCase() !== 'EUR') return 'currency';
  return undefined;
}

/** The portal's Ogone accounts by PSPID, with the action URL they post to. */
export class OgonePayments {
  private readonly accounts: Map<string, OgoneAccount>;

  constructor(private readonly options: { actionUrl: string; accounts: OgoneAccount[] }) {
    checkUrl('the action URL', options.actionUrl);
    this.accounts = new Map();
    for (const account of options.accounts) {
      checkAccount(account);
      if (this.accounts.has(account.pspid)) throw new OgoneRequestError(`PSPID ${account.pspid} is configured twice`);
      this.accounts.set(account.pspid, account);
    }
  }

  /** Whether a taak's `ogonebetaling.pspid` can be paid here. */
  has(pspid: string): boolean {
    return this.accounts.has(pspid);
  }

  paymentRequest(pspid: string, input: OgonePaymentInput): OgoneForm {
    return paymentRequest(this.account(pspid), input, this.options.actionUrl);
  }

  /**
   * The return of a payment for this PSPID (the portal knows it from the taak; Ogone does not send
   * it back). With `expected`, a return for another order, amount or currency is invalid too.
   */
  verifyReturn(pspid: string, query: Record<string, string | string[] | undefined>, expected?: ExpectedPayment): OgoneReturn {
    const account = this.accounts.get(pspid);
    if (!account) return { valid: false };
    const result = verifyReturn(account, query);
    if (!result.valid || !expected) return result;
    const mismatch = paymentMismatch(result, expected);
    return mismatch ? { valid: false, mismatch } : result;
  }

  private account(pspid: string): OgoneAccount {
    const account = this.accounts.get(pspid);
    if (!account) throw new OgoneRequestError(`no account for PSPID "${pspid}"`);
    return account;
  }
}
