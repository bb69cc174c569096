/**
 * The portal's Ogone signing and return check against known answers: Ogone's own worked examples
 * (SHA-IN in three algorithms, SHA-OUT), a real return of Ogone's test environment, and strings
 * to hash written out by hand here — so the implementation's sorting and upper-casing are checked,
 * not repeated. Plus exact amounts in cents, the ORDERID rules, tampered returns and every STATUS.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OgonePayments, OgoneRequestError, amountInCents, outcomeOf, paymentRequest, shaInSignature, verifyReturn } from './ogone.ts';
import type { OgoneAccount, OgoneAlgorithm, OgonePaymentInput } from './ogone.ts';

const digest = (algorithm: OgoneAlgorithm, text: string) => createHash(algorithm).update(text, 'utf8').digest('hex').toUpperCase();

/** The passphrase of Ogone's documentation examples. */
const docPassphrase = 'Mysecretsig1875!?';

const account: OgoneAccount = { pspid: 'voorbeeldstad', shaIn: 'in-Geheim_2025!', shaOut: 'uit-Geheim&2025?', algorithm: 'sha512' };

const input: OgonePaymentInput = {
  orderId: 'LEGES-2025-000901',
  amountEuros: 612.75,
  description: 'Leges omgevingsvergunning',
  language: 'nl_NL',
  acceptUrl: 'https://mijn.voorbeeldstad.nl/taken/901/betaling?uitkomst=akkoord',
  declineUrl: 'https://mijn.voorbeeldstad.nl/taken/901/betaling?uitkomst=geweigerd',
  exceptionUrl: 'https://mijn.voorbeeldstad.nl/taken/901/betaling?uitkomst=onzeker',
  cancelUrl: 'https://mijn.voorbeeldstad.nl/taken/901/betaling?uitkomst=geannuleerd',
};
const actionUrl = 'https://ogone.test.v-psp.com/ncol/test/orderstandard_utf8.asp';

describe('SHA-IN: Ogone’s worked example (AMOUNT 1500, CURRENCY EUR, LANGUAGE en_US, ORDERID 1234, PSPID MyPSPID)', () => {
  // Ingenico e-Commerce guide, "Security: pre-payment check"; the same digests in the epdq gem's tests.
  const example = { PSPID: 'MyPSPID', ORDERID: '1234', LANGUAGE: 'en_US', CURRENCY: 'EUR', AMOUNT: '1500' };

  it.each([
    ['sha1', 'F4CC376CD7A834D997B91598FA747825A238BE0A'],
    ['sha256', 'E019359BAA3456AE5A986B6AABD22CF1B3E09438739E97F17A7F61DF5A11B30F'],
    ['sha512', 'D1CFE8833A297D0922E908B2B44934B09EE966EF1584DC0D696304E07BB58BA71973C2383C831D878D8A243BB7D7DFFFBE53CEE21955CDFEF44FE82E551F859D'],
  ] as const)('%s gives the documented digest', (algorithm, expected) => {
    expect(shaInSignature(example, docPassphrase, algorithm)).toBe(expected);
  });

  it('names count in upper case whatever case they are given in, and empty parameters are left out', () => {
    const mixed = { amount: '1500', Currency: 'EUR', pspid: 'MyPSPID', orderID: '1234', language: 'en_US', COM: '', TITLE: '' };
    expect(shaInSignature(mixed, docPassphrase, 'sha1')).toBe('F4CC376CD7A834D997B91598FA747825A238BE0A');
  });

  it('values are case-sensitive', () => {
    expect(shaInSignature({ ...example, PSPID: 'mypspid' }, docPassphrase, 'sha1')).not.toBe('F4CC376CD7A834D997B91598FA747825A238BE0A');
  });
});

describe('paymentRequest', () => {
  it('gives the form fields with SHA-IN over exactly the string Ogone describes', () => {
    const form = paymentRequest(account, input, actionUrl);
    const p = account.shaIn;
    const stringToHash =
      `ACCEPTURL=${input.acceptUrl}${p}AMOUNT=61275${p}CANCELURL=${input.cancelUrl}${p}COM=Leges omgevingsvergunning${p}` +
      `CURRENCY=EUR${p}DECLINEURL=${input.declineUrl}${p}EXCEPTIONURL=${input.exceptionUrl}${p}LANGUAGE=nl_NL${p}` +
      `ORDERID=LEGES-2025-000901${p}PSPID=voorbeeldstad${p}`;
    expect(form).toEqual({
      action: actionUrl,
      fields: {
        PSPID: 'voorbeeldstad',
        ORDERID: 'LEGES-2025-000901',
        AMOUNT: '61275',
        CURRENCY: 'EUR',
        LANGUAGE: 'nl_NL',
        COM: 'Leges omgevingsvergunning',
        ACCEPTURL: input.acceptUrl,
        DECLINEURL: input.declineUrl,
        EXCEPTIONURL: input.exceptionUrl,
        CANCELURL: input.cancelUrl,
        SHASIGN: digest('sha512', stringToHash),
      },
    });
  });

  it('hashes a description outside ASCII as UTF-8, and sends no COM without a description', () => {
    const p = account.shaIn;
    const withEuro = paymentRequest({ ...account, algorithm: 'sha256' }, { ...input, description: 'Leges – paspoort € 75,00' }, actionUrl);
    expect(withEuro.fields.SHASIGN).toBe(
      digest(
        'sha256',
        `ACCEPTURL=${input.acceptUrl}${p}AMOUNT=61275${p}CANCELURL=${input.cancelUrl}${p}COM=Leges – paspoort € 75,00${p}` +
          `CURRENCY=EUR${p}DECLINEURL=${input.declineUrl}${p}EXCEPTIONURL=${input.exceptionUrl}${p}LANGUAGE=nl_NL${p}` +
          `ORDERID=LEGES-2025-000901${p}PSPID=voorbeeldstad${p}`,
      ),
    );
    const { description: _none, ...withoutDescription } = input;
    const plain = paymentRequest(account, { ...withoutDescription, description: '   ' }, actionUrl);
    expect(plain.fields).not.toHaveProperty('COM');
    expect(plain.fields.SHASIGN).toBe(
      digest(
        'sha512',
        `ACCEPTURL=${input.acceptUrl}${p}AMOUNT=61275${p}CANCELURL=${input.cancelUrl}${p}CURRENCY=EUR${p}` +
          `DECLINEURL=${input.declineUrl}${p}EXCEPTIONURL=${input.exceptionUrl}${p}LANGUAGE=nl_NL${p}ORDERID=LEGES-2025-000901${p}PSPID=voorbeeldstad${p}`,
      ),
    );
  });

  it.each([
    ['31 characters', 'A'.repeat(31)],
    ['empty', ''],
    ['a space', 'LEGES 2025'],
    ['an ampersand', 'LEGES&2025'],
    ['a letter outside ASCII', 'LEGES-2025-é'],
  ])('refuses an ORDERID with %s, naming the rule', (_case, orderId) => {
    expect(() => paymentRequest(account, { ...input, orderId }, actionUrl)).toThrow(
      new OgoneRequestError(`ORDERID "${orderId}" must be 1 to 30 characters: letters, digits, "-", "_" or "/"`),
    );
  });

  it('accepts an ORDERID of 30 characters and one with slashes, as Ogone does', () => {
    expect(paymentRequest(account, { ...input, orderId: 'A'.repeat(30) }, actionUrl).fields.ORDERID).toHaveLength(30);
    expect(paymentRequest(account, { ...input, orderId: '2024/OF-5HEBWV/84' }, actionUrl).fields.ORDERID).toBe('2024/OF-5HEBWV/84');
  });

  it('refuses what Ogone would not take: a long description, a relative or long return URL, another language', () => {
    expect(() => paymentRequest(account, { ...input, description: 'x'.repeat(101) }, actionUrl)).toThrow(
      /description is 101 characters; Ogone accepts at most 100/,
    );
    expect(() => paymentRequest(account, { ...input, acceptUrl: '/taken/901' }, actionUrl)).toThrow(/ACCEPTURL "\/taken\/901" is not an absolute URL/);
    expect(() => paymentRequest(account, { ...input, cancelUrl: `https://example.nl/${'a'.repeat(190)}` }, actionUrl)).toThrow(/CANCELURL is 209 characters/);
    expect(() => paymentRequest(account, { ...input, language: 'de_DE' as 'nl_NL' }, actionUrl)).toThrow(/LANGUAGE must be one of nl_NL, en_US/);
  });
});

describe('amountInCents', () => {
  it.each([
    [612.75, 61275],
    [189.35, 18935], // 189.35 * 100 = 18934.999999999996
    [4.35, 435], // 434.99999999999994
    [19.99, 1999],
    [142.5, 14250],
    [25, 2500],
    [0.01, 1],
    [0.1 + 0.2, 30], // 0.30000000000000004
    [1234567.89, 123456789],
  ])('%s euro is %s cents', (euros, cents) => {
    expect(amountInCents(euros)).toBe(cents);
  });

  it.each([[1.005], [0.001], [0], [-5], [Number.NaN], [Number.POSITIVE_INFINITY], [1e14]])('refuses %s', (euros) => {
    expect(() => amountInCents(euros)).toThrow(OgoneRequestError);
  });

  it('says why a third decimal is refused', () => {
    expect(() => amountInCents(1.005)).toThrow('Ogone: amount 1.005 has more than two decimals');
  });
});

describe('verifyReturn: SHA-OUT', () => {
  const docAccount: OgoneAccount = { pspid: 'MyPSPID', shaIn: 'not-used', shaOut: docPassphrase, algorithm: 'sha1' };
  // Ogone's e-Commerce Advanced guide, SHA-OUT example, in the mixed case Ogone sends.
  const docReturn = {
    acceptance: '1234',
    amount: '15',
    BRAND: 'VISA',
    CARDNO: 'xxxxxxxxxxxx1111',
    currency: 'EUR',
    NCERROR: '0',
    orderID: '12',
    PAYID: '32100123',
    PM: 'CreditCard',
    STATUS: '9',
    SHASIGN: 'B209960D5703DD1047F95A0F97655FFE5AC8BD52',
  };

  it('accepts Ogone’s documented example, whatever the case of the names', () => {
    expect(verifyReturn(docAccount, docReturn)).toEqual({
      valid: true,
      orderId: '12',
      status: 9,
      outcome: 'betaald',
      payId: '32100123',
      amountEuros: 15,
      currency: 'EUR',
    });
  });

  it('accepts a real return of Ogone’s test environment (SHA-512; recorded by Open Formulieren)', () => {
    const real = {
      orderID: '202100031',
      STATUS: '9',
      PAYID: '3138700369',
      NCERROR: '0',
      SHASIGN: 'F21EC101D04FD8F43662F4C5BE87F5E3E1B08293B15D61DC9E779392F4D411B40471311BAF53B8C656E1FD4C770999C40B512D35CBDA46BE30C0B91BFB9F272B',
    };
    const realAccount: OgoneAccount = { pspid: 'maykinmedia', shaIn: 'not-used', shaOut: 'q8B4Pms_MJEUlRo_Icu&', algorithm: 'sha512' };
    expect(verifyReturn(realAccount, real)).toEqual({ valid: true, orderId: '202100031', status: 9, outcome: 'betaald', payId: '3138700369' });
  });

  it('ignores parameters outside the SHA-OUT list and empty ones', () => {
    expect(verifyReturn(docAccount, { ...docReturn, uitkomst: 'akkoord', SESSIONID: 'abc', TITLE: 'x', CN: '', ED: '' })).toMatchObject({
      valid: true,
      status: 9,
    });
  });

  it.each([
    ['the amount changed', { amount: '1' }],
    ['the status changed', { STATUS: '5' }],
    ['the order id changed', { orderID: '13' }],
    ['a listed parameter added', { CN: 'Mallory' }],
    ['a listed parameter removed', { BRAND: undefined }],
    ['the signature removed', { SHASIGN: undefined }],
    ['an empty signature', { SHASIGN: '' }],
    ['the status given twice', { STATUS: ['9', '9'] }],
    ['the status given twice in different case', { status: '2' }],
    ['the signature given twice', { SHASIGN: [docReturn.SHASIGN, docReturn.SHASIGN] }],
  ])('rejects a return with %s', (_case, change) => {
    expect(verifyReturn(docAccount, { ...docReturn, ...change })).toEqual({ valid: false });
  });

  it('rejects a return signed with another passphrase or algorithm', () => {
    expect(verifyReturn({ ...docAccount, shaOut: 'Mysecretsig1875!' }, docReturn)).toEqual({ valid: false });
    expect(verifyReturn({ ...docAccount, algorithm: 'sha256' }, docReturn)).toEqual({ valid: false });
  });

  it.each(['sha1', 'sha256', 'sha512'] as const)('checks %s returns, signed by hand', (algorithm) => {
    const p = account.shaOut;
    const query = {
      orderID: 'LEGES-2025-000901',
      currency: 'EUR',
      amount: '612.75',
      PM: 'CreditCard',
      ACCEPTANCE: 'test123',
      STATUS: '9',
      CARDNO: 'XXXXXXXXXXXX1111',
      TRXDATE: '03/14/25',
      PAYID: '3100000001',
      NCERROR: '0',
      BRAND: 'VISA',
      SHASIGN: digest(
        algorithm,
        `ACCEPTANCE=test123${p}AMOUNT=612.75${p}BRAND=VISA${p}CARDNO=XXXXXXXXXXXX1111${p}CURRENCY=EUR${p}NCERROR=0${p}` +
          `ORDERID=LEGES-2025-000901${p}PAYID=3100000001${p}PM=CreditCard${p}STATUS=9${p}TRXDATE=03/14/25${p}`,
      ),
    };
    expect(verifyReturn({ ...account, algorithm }, query)).toEqual({
      valid: true,
      orderId: 'LEGES-2025-000901',
      status: 9,
      outcome: 'betaald',
      payId: '3100000001',
      amountEuros: 612.75,
      currency: 'EUR',
    });
  });

  it('sorts SCO_CATEGORY before SCORING, as Ogone’s SHA-OUT list does', () => {
    const p = account.shaOut;
    const query = {
      orderID: '77',
      STATUS: '9',
      SCORING: '1',
      SCO_CATEGORY: 'G',
      SHASIGN: digest('sha512', `ORDERID=77${p}SCO_CATEGORY=G${p}SCORING=1${p}STATUS=9${p}`),
    };
    expect(verifyReturn(account, query)).toMatchObject({ valid: true, orderId: '77' });
  });

  it('needs an order id and a numeric status, even when signed', () => {
    const p = account.shaOut;
    expect(verifyReturn(account, { STATUS: '9', SHASIGN: digest('sha512', `STATUS=9${p}`) })).toEqual({ valid: false });
    expect(verifyReturn(account, { orderID: '1', STATUS: 'ok', SHASIGN: digest('sha512', `ORDERID=1${p}STATUS=ok${p}`) })).toEqual({ valid: false });
  });
});

describe('verifyReturn: each STATUS', () => {
  const signed = (status: number) => {
    const p = account.shaOut;
    return { orderID: 'LEGES-1', STATUS: String(status), PAYID: '42', SHASIGN: digest('sha512', `ORDERID=LEGES-1${p}PAYID=42${p}STATUS=${status}${p}`) };
  };

  it.each([
    [9, 'betaald'],
    [5, 'betaald'],
    [51, 'in-behandeling'],
    [91, 'in-behandeling'],
    [52, 'in-behandeling'],
    [92, 'in-behandeling'],
    [41, 'in-behandeling'],
    [46, 'in-behandeling'],
    [99, 'in-behandeling'],
    [1, 'geannuleerd'],
    [2, 'geweigerd'],
    [93, 'geweigerd'],
    [0, 'mislukt'],
    [8, 'mislukt'],
  ] as const)('STATUS %s is %s', (status, outcome) => {
    expect(verifyReturn(account, signed(status))).toEqual({ valid: true, orderId: 'LEGES-1', status, outcome, payId: '42' });
    expect(outcomeOf(status)).toBe(outcome);
  });
});

describe('OgonePayments', () => {
  const payments = new OgonePayments({
    actionUrl,
    accounts: [account, { ...account, pspid: 'belastingen', shaIn: 'b-in', shaOut: 'b-uit', algorithm: 'sha256' }],
  });

  it('signs with the account of the taak’s PSPID', () => {
    const form = payments.paymentRequest('belastingen', input);
    expect(form.action).toBe(actionUrl);
    expect(form.fields.PSPID).toBe('belastingen');
    expect(form.fields.SHASIGN).toMatch(/^[0-9A-F]{64}$/);
    expect(payments.has('belastingen')).toBe(true);
    expect(payments.has('onbekend')).toBe(false);
  });

  it('refuses an unknown PSPID when paying, and reads no return for it', () => {
    expect(() => payments.paymentRequest('onbekend', input)).toThrow('Ogone: no account for PSPID "onbekend"');
    expect(payments.verifyReturn('onbekend', { orderID: '1', STATUS: '9', SHASIGN: 'AA' })).toEqual({ valid: false });
  });

  it('checks a return with that PSPID’s SHA-OUT passphrase only', () => {
    const p = account.shaOut;
    const query = { orderID: 'LEGES-1', STATUS: '9', SHASIGN: digest('sha512', `ORDERID=LEGES-1${p}STATUS=9${p}`) };
    expect(payments.verifyReturn('voorbeeldstad', query)).toMatchObject({ valid: true });
    expect(payments.verifyReturn('belastingen', query)).toEqual({ valid: false });
  });

  it('refuses a configuration with a PSPID twice or without passphrases', () => {
    expect(() => new OgonePayments({ actionUrl, accounts: [account, account] })).toThrow('PSPID voorbeeldstad is configured twice');
    expect(() => new OgonePayments({ actionUrl, accounts: [{ ...account, shaOut: '' }] })).toThrow('needs a SHA-IN and a SHA-OUT passphrase');
  });
});

describe('OgonePayments.verifyReturn: the signed return must be the taak’s payment', () => {
  const payments = new OgonePayments({ actionUrl: 'https://ogone.example.nl/orderstandard_utf8.asp', accounts: [account] });
  const expected = { orderId: 'LEGES-2025-000901', amountEuros: 612.75 };
  /** A return signed with the account's SHA-OUT passphrase, in Ogone's mixed case. */
  function signed(params: Record<string, string>) {
    const upper = Object.entries(params).map(([name, value]) => [name.toUpperCase(), value] as const);
    const order = ['AMOUNT', 'CURRENCY', 'ORDERID', 'PAYID', 'STATUS'];
    const text = upper
      .filter(([, value]) => value !== '')
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([name, value]) => `${name}=${value}${account.shaOut}`)
      .join('');
    return { ...params, SHASIGN: digest(account.algorithm, text) };
  }
  const paid = { orderID: expected.orderId, amount: '612.75', currency: 'EUR', STATUS: '9', PAYID: '1' };

  it('accepts the amount and currency asked for, however Ogone writes the amount', () => {
    expect(payments.verifyReturn(account.pspid, signed(paid), expected)).toMatchObject({ valid: true, outcome: 'betaald' });
    expect(payments.verifyReturn(account.pspid, signed({ ...paid, amount: '25' }), { ...expected, amountEuros: 25 })).toMatchObject({ valid: true });
    expect(payments.verifyReturn(account.pspid, signed({ ...paid, amount: '142.5' }), { ...expected, amountEuros: 142.5 })).toMatchObject({ valid: true });
  });

  it.each([
    ['a smaller amount', { amount: '0.01' }, 'amount'],
    ['a larger amount', { amount: '6127.50' }, 'amount'],
    ['an amount of zero', { amount: '0' }, 'amount'],
    ['another currency', { currency: 'USD' }, 'currency'],
    ['another order', { orderID: 'LEGES-2025-000902' }, 'order'],
    ['no amount while paid', { amount: '' }, 'amount'],
    ['no currency while paid', { currency: '' }, 'currency'],
  ])('refuses a correctly signed return with %s', (_case, change, mismatch) => {
    expect(payments.verifyReturn(account.pspid, signed({ ...paid, ...change }), expected)).toEqual({ valid: false, mismatch });
  });

  it('lets a cancelled payment without an amount through (nothing is marked paid), but not one with another amount', () => {
    const cancelled = { orderID: expected.orderId, STATUS: '1' };
    expect(payments.verifyReturn(account.pspid, signed(cancelled), expected)).toMatchObject({ valid: true, outcome: 'geannuleerd' });
    expect(payments.verifyReturn(account.pspid, signed({ ...cancelled, amount: '1' }), expected)).toEqual({ valid: false, mismatch: 'amount' });
  });
});
