/**
 * Forms as back offices export them (test/fixtures/forms): an NL Portal information request
 * (containers, read-only prefilled fields, conditions inside a container and on a nested key,
 * portalFileUpload with several files) and an Open Formulieren form (bsn, postcode, iban,
 * currency, date, datetime, file with several files). Parse → render → validate → the data a
 * back office gets, and the messages a person reads.
 */
import { readFileSync } from 'node:fs';
import { type ComponentChildren, Fragment, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { hasFiles, parseForm, parseSize, type FileModel, type FormModel } from './definition.ts';
import { fileRules, inspectUpload, storeFiles, type UploadRules } from './files.ts';
import { formMessages } from './messages.ts';
import { errorSummaryItems, FormFields } from './render.tsx';
import { initialValues, parseBsn, parseDateTime, parseIban, parsePostcode, validateSubmission, type UploadedFile } from './validate.ts';

/** A message as HTML: on an English page the form's Dutch label in it is marked lang="nl". */
const markup = (message: ComponentChildren) => renderToString(h(Fragment, null, message));

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../test/fixtures/forms/${name}.json`, import.meta.url), 'utf8')) as unknown;

function formOf(definition: unknown): FormModel {
  const parsed = parseForm(definition);
  if (!parsed.supported) throw new Error(`unsupported: ${parsed.reasons.join('; ')}`);
  return parsed.form;
}

const uploads: UploadRules = { allowedTypes: ['pdf', 'jpg', 'jpeg', 'png', 'docx'], maxBytes: 10 * 1024 * 1024 };
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const file = (name: string, content = pdf): UploadedFile => ({ name, size: content.length, formaat: 'application/pdf', content });
const render = (form: FormModel, prefill: Record<string, unknown> = {}) =>
  renderToString(h(FormFields, { form, values: initialValues(form, prefill), errors: [], lang: 'nl', messages: formMessages('nl'), uploads, prefill }));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('an NL Portal information request', () => {
  const form = formOf(fixture('nl-portal-informatieverzoek'));
  const prefill = {
    toelichtingBehandelaar: 'Wij missen uw bankafschriften.',
    aanvrager: { naam: 'Lotte Jansen', adres: { straat: 'Stationsweg', huisnummer: '12', postcode: '1234 AB', woonplaats: 'Voorbeeldstad' } },
  };
  const valid = {
    'aanvrager.adres.straat': 'Stationsweg',
    'aanvrager.adres.huisnummer': '12',
    'aanvrager.adres.postcode': '1234 AB',
    'situatie.gewijzigd': 'ja',
    'situatie.toelichting': 'Ik woon nu samen.',
    akkoord: 'true',
  };
  const files = { bankafschriften: [file('oktober.pdf'), file('november.pdf')], bewijsWijziging: [file('huurcontract.pdf')] };

  it('is supported: containers give nested keys, a condition inside a container names the full key', () => {
    const keys = form.fields.flatMap((field) => ('key' in field ? [`${field.kind}:${field.key}`] : []));
    expect(keys).toEqual([
      'textarea:toelichtingBehandelaar',
      'text:aanvrager.naam',
      'text:aanvrager.adres.straat',
      'text:aanvrager.adres.huisnummer',
      'text:aanvrager.adres.postcode',
      'text:aanvrager.adres.woonplaats',
      'radio:situatie.gewijzigd',
      'textarea:situatie.toelichting',
      'file:bewijsWijziging',
      'file:bankafschriften',
      'checkbox:akkoord',
    ]);
    const conditionOf = (key: string) => form.fields.find((field) => 'key' in field && field.key === key)!.conditions;
    expect(conditionOf('situatie.toelichting')).toEqual([{ when: 'situatie.gewijzigd', eq: 'ja', show: true }]);
    expect(conditionOf('bewijsWijziging')).toEqual([{ when: 'situatie.gewijzigd', eq: 'ja', show: true }]);
    const upload = form.fields.find((field) => 'key' in field && field.key === 'bankafschriften') as FileModel;
    expect(upload).toMatchObject({ multiple: true, submitAs: 'urls', accept: [], informatieobjecttype: expect.stringContaining('/informatieobjecttypen/') });
  });

  it('renders dotted names, nested prefilled values read-only, and a file input for several files with what it takes', () => {
    const html = render(form, prefill);
    expect(html).toContain('name="aanvrager.adres.straat"');
    expect(html).toMatch(/<input[^>]*id="formio-aanvrager\.adres\.straat"[^>]*value="Stationsweg"/);
    // Read-only fields have no name: nothing of them is sent, their value comes from the prefill data.
    expect(html).toMatch(/<input[^>]*id="formio-aanvrager\.naam"[^>]*readonly[^>]*value="Lotte Jansen"/);
    expect(html).not.toContain('name="aanvrager.naam"');
    expect(html).toMatch(/<textarea[^>]*id="formio-toelichtingBehandelaar"[^>]*readonly/);
    expect(html).toMatch(/<input[^>]*name="bankafschriften"[^>]*type="file"[^>]*accept="\.pdf,\.jpg,\.jpeg,\.png,\.docx"[^>]*multiple/);
    expect(text(html)).toContain('U kunt meer bestanden tegelijk kiezen. Toegestaan: PDF, JPG, JPEG, PNG, DOCX. Hoogstens 10 MB per bestand.');
    expect(text(html)).toContain('Alleen als u bij ‘Is uw situatie veranderd sinds uw aanvraag?’ kiest voor ‘Ja’.');
  });

  it('refuses a missing required field in a container, with the message at the field and in the summary', () => {
    const submission = validateSubmission(form, { ...valid, 'aanvrager.adres.straat': '  ' }, prefill, files);
    expect(submission.ok).toBe(false);
    if (submission.ok) return;
    expect(submission.errors).toEqual([{ field: 'aanvrager.adres.straat', code: 'required' }]);
    expect(errorSummaryItems(form, submission.errors, formMessages('nl'))).toEqual([{ field: 'formio-aanvrager.adres.straat', message: 'Vul ‘Straat’ in.' }]);
    expect(errorSummaryItems(form, submission.errors, formMessages('en')).map((item) => ({ ...item, message: markup(item.message) }))).toEqual([
      { field: 'formio-aanvrager.adres.straat', message: 'Enter ‘<span lang="nl">Straat</span>’.' },
    ]);
    expect(submission.values['aanvrager.adres.huisnummer']).toBe('12'); // what was typed stays
  });

  it('asks for files where they are required, and only when their condition holds', () => {
    const none = validateSubmission(form, valid, prefill, {});
    expect(none.ok ? [] : none.errors).toEqual([
      { field: 'bewijsWijziging', code: 'required' },
      { field: 'bankafschriften', code: 'required' },
    ]);
    if (!none.ok)
      expect(formMessages('nl')(none.errors[1]!, form.fields.find((f) => 'key' in f && f.key === 'bankafschriften') as FileModel)).toBe(
        'Voeg bij ‘Een kopie van de bankafschriften van de afgelopen maand’ een bestand toe.',
      );
    const unchanged = validateSubmission(form, { ...valid, 'situatie.gewijzigd': 'nee' }, prefill, { bankafschriften: files.bankafschriften });
    expect(unchanged.ok).toBe(true);
  });

  it('submits nested data, disabled values from the prefill data, and the stored documents as a list of URLs', async () => {
    const submission = validateSubmission(form, { ...valid, 'aanvrager.naam': 'Iemand anders' }, prefill, files);
    if (!submission.ok) throw new Error(JSON.stringify(submission.errors));
    const stored: string[] = [];
    await storeFiles(form, submission.data, async (field, stored_) => {
      stored.push(`${field.key}/${stored_.name}`);
      return `https://documenten.example.nl/api/v1/enkelvoudiginformatieobjecten/${stored.length}`;
    });
    expect(stored).toEqual(['bewijsWijziging/huurcontract.pdf', 'bankafschriften/oktober.pdf', 'bankafschriften/november.pdf']);
    expect(submission.data).toEqual({
      toelichtingBehandelaar: 'Wij missen uw bankafschriften.',
      aanvrager: { naam: 'Lotte Jansen', adres: { straat: 'Stationsweg', huisnummer: '12', postcode: '1234 AB', woonplaats: 'Voorbeeldstad' } },
      situatie: { gewijzigd: 'ja', toelichting: 'Ik woon nu samen.' },
      bewijsWijziging: ['https://documenten.example.nl/api/v1/enkelvoudiginformatieobjecten/1'],
      bankafschriften: [
        'https://documenten.example.nl/api/v1/enkelvoudiginformatieobjecten/2',
        'https://documenten.example.nl/api/v1/enkelvoudiginformatieobjecten/3',
      ],
      akkoord: true,
    });
  });

  it('leaves out what does not apply: no toelichting and no files of a field whose condition does not hold', async () => {
    const submission = validateSubmission(form, { ...valid, 'situatie.gewijzigd': 'nee' }, prefill, files);
    if (!submission.ok) throw new Error(JSON.stringify(submission.errors));
    const stored: string[] = [];
    await storeFiles(form, submission.data, async (_, f) => {
      stored.push(f.name);
      return 'https://documenten.example.nl/x';
    });
    expect(stored).toEqual(['oktober.pdf', 'november.pdf']);
    expect(submission.data.situatie).toEqual({ gewijzigd: 'nee' });
    expect(submission.data).not.toHaveProperty('bewijsWijziging');
  });
});

describe('an Open Formulieren form', () => {
  const form = formOf(fixture('open-formulieren-terugbetaling'));
  const prefill = { bsn: '999993653' };
  const valid = {
    bsnPartner: '11122 2333',
    postcode: '1234ab',
    telefoonnummer: '06 12345678',
    email: 'suzanne@example.nl',
    bedrag: '1.250,5',
    betaaldOp: '2025-03-17',
    iban: 'nl91 abna 0417 1643 00',
    terugbellen: '2025-07-01T09:30',
    akkoord: 'true',
  };
  const files = { bewijsstukken: [file('bon.pdf')] };

  it('is supported, with the kinds its components stand for', () => {
    expect(form.fields.map((field) => field.kind)).toEqual([
      'content',
      'content',
      'bsn',
      'bsn',
      'postcode',
      'phone',
      'email',
      'currency',
      'date',
      'iban',
      'datetime',
      'file',
      'checkbox',
    ]);
    const upload = form.fields.find((field) => field.kind === 'file') as FileModel;
    expect(upload).toMatchObject({
      multiple: true,
      maxFiles: 3,
      maxBytes: 10 * 1024 * 1024,
      submitAs: 'files',
      accept: ['application/pdf', 'image/jpeg', 'image/png'],
    });
    expect(fileRules(upload, uploads)).toEqual({ extensions: ['pdf', 'jpg', 'jpeg', 'png'], maxBytes: 10 * 1024 * 1024 });
  });

  it('submits normalised values: BSN digits, postcode "1234 AB", IBAN without spaces, euros with cents, a date, a date-time with its offset', async () => {
    const submission = validateSubmission(form, { ...valid, bsn: '123' }, prefill, files);
    if (!submission.ok) throw new Error(JSON.stringify(submission.errors));
    await storeFiles(form, submission.data, async () => 'https://documenten.example.nl/api/v1/enkelvoudiginformatieobjecten/9');
    expect(submission.data).toEqual({
      bsn: '999993653', // disabled: from the prefill data, whatever was sent
      bsnPartner: '111222333',
      postcode: '1234 AB',
      telefoonnummer: '0612345678',
      email: 'suzanne@example.nl',
      bedrag: 1250.5,
      betaaldOp: '2025-03-17',
      iban: 'NL91ABNA0417164300',
      terugbellen: '2025-07-01T09:30:00+02:00',
      bewijsstukken: [
        {
          storage: 'url',
          name: 'bon.pdf',
          originalName: 'bon.pdf',
          url: 'https://documenten.example.nl/api/v1/enkelvoudiginformatieobjecten/9',
          size: pdf.length,
          type: 'application/pdf',
        },
      ],
      akkoord: true,
    });
  });

  it('says in plain Dutch what is wrong with a BSN, postcode, IBAN, amount, date-time and files', () => {
    const submission = validateSubmission(
      form,
      { ...valid, bsnPartner: '123456789', postcode: '0123 AB', iban: 'NL91ABNA0417164301', bedrag: '12,505', terugbellen: '31-2-2025 10:00' },
      prefill,
      { bewijsstukken: [file('a.pdf'), file('b.pdf'), file('c.pdf'), file('d.pdf')] },
    );
    if (submission.ok) throw new Error('expected errors');
    expect(errorSummaryItems(form, submission.errors, formMessages('nl')).map((item) => item.message)).toEqual([
      'Vul bij ‘BSN van uw partner’ een geldig burgerservicenummer (BSN) in. Dat zijn 9 cijfers. Controleer of u geen cijfer verkeerd heeft getypt.',
      'Vul bij ‘Postcode’ een geldige postcode in, zoals 1234 KL.',
      'Vul bij ‘Welk bedrag heeft u betaald?’ een getal in met hoogstens 2 cijfers achter de komma.',
      'Vul bij ‘IBAN’ een geldig IBAN in, zoals NL91 ABNA 0417 1643 00. Controleer of u geen cijfer verkeerd heeft getypt.',
      'Vul bij ‘Wanneer mogen wij u bellen?’ een geldige datum en tijd in, bijvoorbeeld 17-3-2025 14:30.',
      'Kies bij ‘Betaalbewijs’ hoogstens 3 bestanden. U heeft er nu 4.',
    ]);
    expect(submission.values.iban).toBe('NL91ABNA0417164301'); // typed, kept
  });

  it('says the same in English', () => {
    const submission = validateSubmission(form, { ...valid, postcode: '0123 AB', iban: 'NL91ABNA0417164301' }, prefill, {
      bewijsstukken: [{ ...file('x.exe'), problem: 'fileType', detail: 'PDF, JPG, PNG' }],
    });
    if (submission.ok) throw new Error('expected errors');
    expect(errorSummaryItems(form, submission.errors, formMessages('en')).map((item) => markup(item.message))).toEqual([
      'Enter a valid Dutch postcode for ‘<span lang="nl">Postcode</span>’, like 1234 KL.',
      'Enter a valid IBAN for ‘<span lang="nl">IBAN</span>’, like NL91 ABNA 0417 1643 00. Check that no digit is mistyped.',
      'The file ‘x.exe’ for ‘<span lang="nl">Betaalbewijs</span>’ cannot be sent here. Choose a file of type PDF, JPG, PNG.',
    ]);
    const html = renderToString(
      h(FormFields, { form, values: initialValues(form, prefill), errors: [], lang: 'en', messages: formMessages('en'), uploads, prefill }),
    );
    expect(text(html)).toContain('You can choose up to 3 files. Allowed: PDF, JPG, JPEG, PNG. At most 10 MB per file.');
    expect(text(html)).toContain('Date and time, for example 17-3-2025 14:30.');
  });

  it('checks min and max of an amount and of a date', () => {
    const submission = validateSubmission(form, { ...valid, bedrag: '0', betaaldOp: '2023-12-31' }, prefill, files);
    if (submission.ok) throw new Error('expected errors');
    expect(errorSummaryItems(form, submission.errors, formMessages('nl')).map((item) => item.message)).toEqual([
      'Vul bij ‘Welk bedrag heeft u betaald?’ een getal in van 0,01 of meer.',
      'Vul bij ‘Wanneer heeft u betaald?’ een datum in op of na 1 januari 2024.',
    ]);
  });

  it('renders a currency in Dutch notation, a datetime-local input, and the file rules of the definition', () => {
    const html = render(form, { bedrag: 12.5, terugbellen: '2025-01-10T08:15:00Z' });
    expect(html).toMatch(/<input[^>]*name="bedrag"[^>]*value="12,50"/);
    expect(html).toMatch(/<input[^>]*name="terugbellen"[^>]*type="datetime-local"[^>]*value="2025-01-10T09:15"/);
    expect(html).toMatch(/<input[^>]*name="bewijsstukken"[^>]*type="file"[^>]*accept="\.pdf,\.jpg,\.jpeg,\.png"[^>]*multiple/);
    expect(text(html)).toContain('U kunt hoogstens 3 bestanden kiezen. Toegestaan: PDF, JPG, JPEG, PNG. Hoogstens 10 MB per bestand.');
  });
});

describe('what the case worker decides through the prefill data', () => {
  // As NL Portal forms carry the case worker's choices: a hidden component and read-only fields.
  const form = formOf({
    display: 'form',
    components: [
      { key: 'informatieverzoek', type: 'hidden', input: true, label: 'Informatieverzoek', tableView: true },
      { key: 'soortWoning', type: 'textfield', input: true, label: 'Soort woning', disabled: true },
      {
        key: 'partnerID',
        type: 'portalFileUpload',
        input: true,
        label: 'Een kopie van het identiteitsbewijs van uw partner',
        multipleFiles: true,
        validate: { required: true },
        conditional: { show: true, when: 'informatieverzoek.partner', eq: 'true' },
      },
      {
        key: 'koopakte',
        type: 'portalFileUpload',
        input: true,
        label: 'De koopakte',
        validate: { required: true },
        conditional: { show: true, when: 'soortWoning', eq: 'koop' },
      },
      { key: 'opmerking', type: 'textarea', input: true, label: 'Opmerking' },
    ],
  });

  it('submits a hidden component’s value unchanged, whatever the browser sends', () => {
    const prefill = { informatieverzoek: { partner: true, toelichting: 'Graag binnen 2 weken.' }, soortWoning: 'huur' };
    const submission = validateSubmission(form, { informatieverzoek: 'iets anders', opmerking: 'Hier is het.' }, prefill, {
      partnerID: [file('paspoort.pdf')],
    });
    if (!submission.ok) throw new Error(JSON.stringify(submission.errors));
    expect(submission.data).toMatchObject({
      informatieverzoek: { partner: true, toelichting: 'Graag binnen 2 weken.' },
      soortWoning: 'huur',
      opmerking: 'Hier is het.',
    });
    expect(submission.data).not.toHaveProperty('koopakte');
  });

  it('shows only the fields the prefill data asks for, without a line about a condition the person cannot change', () => {
    // A dotted key in a condition on a hidden component is a path into its value: informatieverzoek.partner.
    expect(form.fields.find((field) => 'key' in field && field.key === 'partnerID')!.conditions[0]!.when).toBe('informatieverzoek.partner');
    const html = render(form, { informatieverzoek: { partner: true }, soortWoning: 'huur' });
    expect(html).toContain('name="partnerID"');
    expect(html).not.toContain('name="koopakte"');
    expect(html).not.toContain('name="informatieverzoek"');
    expect(text(html)).not.toContain('Alleen als');
    const koop = render(form, { informatieverzoek: { partner: false }, soortWoning: 'koop' });
    expect(koop).not.toContain('name="partnerID"');
    expect(koop).toContain('name="koopakte"');
  });
});

describe('dates from today (Open Formulieren’s future and past)', () => {
  const date = (key: string, openForms: Record<string, unknown>) => ({
    type: 'date',
    key,
    label: key === 'afspraak' ? 'Datum van de afspraak' : 'Geboortedatum',
    input: true,
    datePicker: { minDate: null, maxDate: null },
    openForms,
  });
  const form = formOf({
    display: 'form',
    components: [
      date('afspraak', { minDate: { mode: 'future', includeToday: false } }),
      date('geboortedatum', { maxDate: { mode: 'past', includeToday: true } }),
    ],
  });
  // 00:30 on 16 June in the Netherlands: still 15 June in UTC.
  const now = new Date('2025-06-15T22:30:00Z');

  it('takes "today" in Dutch time when the form is sent', () => {
    const ok = validateSubmission(form, { afspraak: '2025-06-17', geboortedatum: '2025-06-16' }, {}, {}, now);
    expect(ok.ok).toBe(true);
    const refused = validateSubmission(form, { afspraak: '2025-06-16', geboortedatum: '2025-06-17' }, {}, {}, now);
    if (refused.ok) throw new Error('expected errors');
    expect(errorSummaryItems(form, refused.errors, formMessages('nl')).map((item) => item.message)).toEqual([
      'Vul bij ‘Datum van de afspraak’ een datum in op of na 17 juni 2025.',
      'Vul bij ‘Geboortedatum’ een datum in op of voor 16 juni 2025.',
    ]);
  });

  it('refuses a limit relative to another field', () => {
    const parsed = parseForm({ display: 'form', components: [date('afspraak', { minDate: { mode: 'relativeToVariable', variable: 'start' } })] });
    expect(parsed.supported ? [] : parsed.reasons).toEqual(['date "afspraak": a first date relative to another field is not supported']);
  });
});

describe('Open Formulieren’s addressNL', () => {
  const address = (extra: Record<string, unknown> = {}) =>
    formOf({
      display: 'form',
      components: [
        {
          key: 'adres',
          type: 'addressNL',
          label: 'Uw adres',
          deriveAddress: true,
          validate: { required: true, plugins: [] },
          defaultValue: { postcode: '', houseLetter: '', houseNumber: '', houseNumberAddition: '' },
          openForms: { components: { postcode: { validate: { pattern: '' } }, city: { validate: { pattern: '' } } } },
          ...extra,
        },
      ],
    });

  it('asks for its parts under its label and submits them as Open Formulieren does', () => {
    const form = address();
    expect(text(render(form))).toContain('Uw adres');
    const submission = validateSubmission(form, {
      'adres.postcode': '1234ab',
      'adres.houseNumber': '12',
      'adres.houseLetter': 'a',
      'adres.houseNumberAddition': '',
      'adres.streetName': 'Stationsweg',
      'adres.city': 'Voorbeeldstad',
    });
    if (!submission.ok) throw new Error(JSON.stringify(submission.errors));
    expect(submission.data).toEqual({
      adres: { postcode: '1234 AB', houseNumber: '12', houseLetter: 'a', houseNumberAddition: '', streetName: 'Stationsweg', city: 'Voorbeeldstad' },
    });
  });

  it('is refused with a validation plugin, which only Open Formulieren can run', () => {
    const parsed = parseForm({
      display: 'form',
      components: [{ key: 'adres', type: 'addressNL', label: 'Adres', validate: { plugins: ['brk-zakelijk-gerechtigd'] } }],
    });
    expect(parsed.supported ? [] : parsed.reasons).toEqual(['addressNL "adres": validation by an Open Formulieren plugin is not supported']);
  });

  it('says what is wrong with a part', () => {
    const form = address({ deriveAddress: false });
    const submission = validateSubmission(form, { 'adres.postcode': '1234 AB', 'adres.houseNumber': '12b' });
    if (submission.ok) throw new Error('expected errors');
    expect(errorSummaryItems(form, submission.errors, formMessages('nl'))).toEqual([
      { field: 'formio-adres.houseNumber', message: 'Vul bij ‘Huisnummer’ alleen het nummer in, zoals 12.' },
    ]);
  });
});

describe('checkboxes with a number of choices', () => {
  it('asks for at least and at most so many ticks', () => {
    const values = ['a', 'b', 'c', 'd'].map((value) => ({ label: value.toUpperCase(), value }));
    const form = formOf({
      display: 'form',
      components: [{ key: 'keuzes', type: 'selectboxes', input: true, label: 'Keuzes', values, validate: { minSelectedCount: 2, maxSelectedCount: 3 } }],
    });
    const messages = (body: Record<string, unknown>) => {
      const submission = validateSubmission(form, body);
      return submission.ok ? [] : errorSummaryItems(form, submission.errors, formMessages('nl')).map((item) => item.message);
    };
    expect(messages({ keuzes: 'a' })).toEqual(['Kies bij ‘Keuzes’ minstens 2 antwoorden.']);
    expect(messages({ keuzes: ['a', 'b', 'c', 'd'] })).toEqual(['Kies bij ‘Keuzes’ hoogstens 3 antwoorden.']);
    expect(messages({ keuzes: ['a', 'c'] })).toEqual([]);
    expect(messages({})).toEqual([]); // not required: nothing ticked is fine
  });
});

describe('a time', () => {
  const form = formOf({
    display: 'form',
    components: [
      {
        key: 'tijd',
        type: 'time',
        input: true,
        label: 'Hoe laat?',
        inputType: 'text',
        format: 'HH:mm',
        validate: { required: true, minTime: '08:00', maxTime: '17:30' },
      },
      { key: 'formio', type: 'time', input: true, label: 'Andere tijd', dataFormat: 'HH:mm:ss' },
    ],
  });

  it('is a time input, submitted as HH:mm (HH:mm:ss with that dataFormat), between its limits', () => {
    expect(render(form, { tijd: '09:15' })).toMatch(/<input[^>]*name="tijd"[^>]*type="time"[^>]*value="09:15"/);
    const ok = validateSubmission(form, { tijd: '9.05', formio: '14:30' });
    expect(ok.ok && ok.data).toEqual({ tijd: '09:05', formio: '14:30:00' });
    const refused = validateSubmission(form, { tijd: '18:00', formio: '25:00' });
    if (refused.ok) throw new Error('expected errors');
    expect(errorSummaryItems(form, refused.errors, formMessages('nl')).map((item) => item.message)).toEqual([
      'Vul bij ‘Hoe laat?’ een tijd in van 17:30 of eerder.',
      'Vul bij ‘Andere tijd’ een geldige tijd in, bijvoorbeeld 14:30.',
    ]);
  });
});

describe('data in text', () => {
  it('fills in {{ data.<key> }} in content from the prefill data, and refuses code', () => {
    const form = formOf({
      display: 'form',
      components: [
        { key: 'html', type: 'htmlelement', tag: 'p', input: false, content: 'Uw zaak: {{ data.zaak.omschrijving }}. Uiterlijk {{data.termijn}}.' },
        { key: 'opmerking', type: 'textarea', input: true, label: 'Opmerking' },
      ],
    });
    expect(text(render(form, { zaak: { omschrijving: 'Parkeervergunning' }, termijn: '1 juli' }))).toContain('Uw zaak: Parkeervergunning. Uiterlijk 1 juli.');
    expect(text(render(form, {}))).toContain('Uw zaak: . Uiterlijk .');
    // As NL Portal writes it: code in the template.
    const code = parseForm({
      display: 'form',
      components: [
        { key: 'toelichting', type: 'htmlelement', tag: 'div', content: "<dt>{{ data.informatieverzoeken.at(-1).toelichting || '-' }}</dt>" },
        { key: 'a', type: 'textfield', label: 'Naam van {{ data.partner }}' },
      ],
    });
    expect(code.supported ? [] : code.reasons).toEqual([
      'htmlelement "toelichting": text with code in it ({{ data.informatieverzoeken.at(-1).toelichting || \'-\' }}) is not supported (only {{ data.<key> }})',
      'textfield "a": a label or description with {{ … }} is not supported (only the text of content can show data)',
    ]);
  });
});

describe('a wizard', () => {
  const page = (key: string, title: string, components: Record<string, unknown>[]) => ({ type: 'panel', key, title, input: false, components });
  const wizard = {
    display: 'wizard',
    components: [
      page('page1', 'Uw gegevens', [{ type: 'textfield', key: 'naam', label: 'Naam', input: true, validate: { required: true } }]),
      page('page2', 'Bewijsstukken', [{ type: 'file', key: 'bewijs', label: 'Bewijs', input: true, storage: 'url', multiple: true }]),
      { type: 'button', key: 'submit', label: 'Versturen', action: 'submit' },
    ],
  };

  it('shows its pages on one page, each a numbered step, and checks them all when sent', () => {
    const form = formOf(wizard);
    const html = render(form);
    expect(text(html)).toContain('Stap 1 van 2: Uw gegevens');
    expect(text(html)).toContain('Stap 2 van 2: Bewijsstukken');
    expect(html.indexOf('Stap 1 van 2')).toBeLessThan(html.indexOf('name="naam"'));
    expect(html.indexOf('name="naam"')).toBeLessThan(html.indexOf('Stap 2 van 2'));
    const submission = validateSubmission(form, {}, {}, {});
    expect(submission.ok ? [] : submission.errors).toEqual([{ field: 'naam', code: 'required' }]);
  });

  it('is refused with components outside its pages', () => {
    const parsed = parseForm({ ...wizard, components: [...wizard.components, { type: 'textfield', key: 'los', label: 'Los' }] });
    expect(parsed.supported ? [] : parsed.reasons).toEqual(['a wizard has components outside its pages (panels)']);
    const pdf = parseForm({ ...wizard, display: 'pdf' });
    expect(pdf.supported ? [] : pdf.reasons).toEqual(['display "pdf" is not supported (only "form" and "wizard")']);
  });
});

describe('uploaded files', () => {
  const form = formOf(fixture('open-formulieren-terugbetaling'));
  const field = form.fields.find((f) => f.kind === 'file') as FileModel;

  it('are typed by their content and stored under a safe name with the right extension', async () => {
    expect(await inspectUpload(field, uploads, { filename: '../scan.png', content: pdf, truncated: false }, 'nl')).toMatchObject({
      name: 'scan.pdf',
      formaat: 'application/pdf',
      size: pdf.length,
    });
    expect(await inspectUpload(field, uploads, { filename: 'foto.png', content: png, truncated: false }, 'nl')).toMatchObject({
      name: 'foto.png',
      formaat: 'image/png',
    });
  });

  it('are refused when the definition or Voordeur does not take their type, when too large or empty', async () => {
    const docx = { ...field, accept: ['.docx'] };
    const word = Buffer.from('504b0304', 'hex');
    expect(await inspectUpload(field, uploads, { filename: 'brief.docx', content: word, truncated: false }, 'nl')).toMatchObject({
      problem: 'fileType',
      detail: 'PDF, JPG, JPEG, PNG',
    });
    expect((await inspectUpload(docx, uploads, { filename: 'x.pdf', content: pdf, truncated: false }, 'nl')).problem).toBe('fileType');
    expect(await inspectUpload({ ...field, maxBytes: 20 }, uploads, { filename: 'x.pdf', content: pdf, truncated: false }, 'nl')).toMatchObject({
      problem: 'fileSize',
      detail: '20 bytes',
    });
    expect(await inspectUpload(field, uploads, { filename: 'x.pdf', content: pdf, truncated: true }, 'en')).toMatchObject({
      problem: 'fileSize',
      detail: '10 MB',
    });
    expect((await inspectUpload(field, uploads, { filename: 'x.pdf', content: Buffer.alloc(0), truncated: false }, 'nl')).problem).toBe('fileEmpty');
    const refused = validateSubmission(form, {}, {}, { bewijsstukken: [{ ...file('x.exe'), problem: 'fileType', detail: 'PDF, JPG' }] });
    const error = refused.ok ? undefined : refused.errors.find((e) => e.field === 'bewijsstukken');
    expect(error && formMessages('nl')(error, field)).toBe(
      'Het bestand ‘x.exe’ bij ‘Betaalbewijs’ kunt u hier niet versturen. Kies een bestand van het type PDF, JPG.',
    );
  });

  it('make a form multipart, and need a place to be kept, only when the person can choose them', () => {
    const upload = { key: 'bijlagen', type: 'portalFileUpload', label: 'Bijlagen', input: true, multipleFiles: true };
    expect(hasFiles(formOf({ display: 'form', components: [upload] }))).toBe(true);
    // Sent before, shown read-only: nothing to upload.
    expect(
      hasFiles(
        formOf({
          display: 'form',
          components: [
            { ...upload, disabled: true },
            { type: 'textfield', key: 'a', label: 'A' },
          ],
        }),
      ),
    ).toBe(false);
  });

  it('reads sizes as Form.io writes them', () => {
    expect([parseSize('10MB'), parseSize('500 KB'), parseSize('1GB'), parseSize('1,5 mb'), parseSize('groot')]).toEqual([
      10 * 1024 ** 2,
      500 * 1024,
      1024 ** 3,
      1.5 * 1024 ** 2,
      undefined,
    ]);
  });
});

describe('Dutch values', () => {
  it('postcodes', () => {
    expect(['1234ab', '1234 AB', ' 9999 zz ', '0123 AB', '1234 SS', '1234 A', '12345 AB'].map(parsePostcode)).toEqual([
      '1234 AB',
      '1234 AB',
      '9999 ZZ',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('IBANs, checked with mod 97', () => {
    expect(
      ['NL91ABNA0417164300', 'nl91 abna 0417 1643 00', 'DE89 3704 0044 0532 0130 00', 'NL91ABNA0417164301', 'NL91ABNA041716430', 'GB00'].map(parseIban),
    ).toEqual(['NL91ABNA0417164300', 'NL91ABNA0417164300', 'DE89370400440532013000', undefined, undefined, undefined]);
  });

  it('BSNs, with the elfproef', () => {
    expect(['999993653', '999 993 653', '11122.2333', '123456789', '12345678', '000000000'].map(parseBsn)).toEqual([
      '999993653',
      '999993653',
      '111222333',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('date-times in Dutch time, in winter and in summer, as ISO with the offset', () => {
    expect(
      ['2025-01-10T09:15', '17-3-2025 14:30', '2025-07-01 23:59', '2025-03-30T12:00', '2025-02-30T10:00', '2025-01-10T24:00', '2025-01-10'].map(parseDateTime),
    ).toEqual([
      '2025-01-10T09:15:00+01:00',
      '2025-03-17T14:30:00+01:00',
      '2025-07-01T23:59:00+02:00',
      '2025-03-30T12:00:00+02:00',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
