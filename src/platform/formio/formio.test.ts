/** Form.io forms of taken: parsing definitions, rendering, validating and a round trip, on the demo forms and on small definitions. */
import { renderToString } from 'preact-render-to-string';
import { type ComponentChildren, Fragment, h } from 'preact';
import { describe, expect, it } from 'vitest';
import { objectenDemo, type DemoContext } from '../../../simulators/data/objecten-demo.ts';
import { fieldId, htmlToParagraphs, parseForm, parseFormOnce, type FormModel, type InputModel, type TextInputModel } from './definition.ts';
import { formMessages, formTexts } from './messages.ts';
import { errorSummaryItems, FormFields } from './render.tsx';
import { initialValues, parseDate, parseNumber, validateSubmission, type FormError, type FormValues } from './validate.ts';

/** A message as HTML: on an English page the form's Dutch label in it is marked lang="nl". */
const markup = (message: ComponentChildren) => renderToString(h(Fragment, null, message));

// ---------------------------------------------------------------------------------------------
// Helpers

const ctx: DemoContext = {
  moment: () => '2025-01-01T00:00:00Z',
  document: (uuid) => `https://zgw.example/${uuid}`,
  object: (uuid) => `https://objecten.example/${uuid}`,
};
const demoDefinitions = objectenDemo.formulieren.map((formulier) => formulier.data(ctx).formDefinition);
const [bijstandDefinition, inkomenDefinition, unsupportedDefinition] = demoDefinitions;
const portaalformulier = (uuid: string) =>
  objectenDemo.taken.find((taak) => taak.uuid === uuid)!.data(ctx).portaalformulier as {
    data?: Record<string, unknown>;
    verzonden_data?: Record<string, unknown>;
  };

function formOf(definition: unknown): FormModel {
  const parsed = parseForm(definition);
  if (!parsed.supported) throw new Error(`unsupported: ${parsed.reasons.join('; ')}`);
  return parsed.form;
}

const define = (...components: Record<string, unknown>[]) => ({ display: 'form', components });
const reasonsOf = (definition: unknown) => {
  const parsed = parseForm(definition);
  return parsed.supported ? [] : parsed.reasons;
};

const textfield = (key: string, extra: Record<string, unknown> = {}) => ({ type: 'textfield', key, label: `Label ${key}`, input: true, ...extra });
const choices = [
  { label: 'Ja', value: 'ja' },
  { label: 'Nee', value: 'nee' },
];

function render(form: FormModel, values: FormValues = initialValues(form), errors: FormError[] = [], lang: 'nl' | 'en' = 'nl'): string {
  return renderToString(h(FormFields, { form, values, errors, lang, messages: formMessages(lang) }));
}

/** Attributes in a tag: a '>' inside quotes does not end it. */
const attributes = '(?:[^>"]|"[^"]*")*';

/** The opening tag of the element with this id. */
function tagWithId(html: string, id: string): string {
  const tag = new RegExp(`<[a-z]+\\b${attributes}\\sid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"${attributes}>`).exec(html)?.[0];
  if (!tag) throw new Error(`no element with id ${id}`);
  return tag;
}

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`).exec(tag);
  return match ? decode(match[1] ?? '') : undefined;
}

/** The text of an element, tags removed. */
function textOf(html: string, id: string): string {
  const start = html.indexOf(tagWithId(html, id));
  const name = /^<([a-z]+)/.exec(tagWithId(html, id))![1];
  const end = html.indexOf(`</${name}>`, start);
  return decode(html.slice(start, end).replace(/<[^>]*>/g, ''));
}

/** What a browser submits for the rendered form (urlencoded, as @fastify/formbody gives it). */
function submittedBody(html: string): Record<string, string | string[]> {
  const pairs: [string, string][] = [];
  for (const match of html.matchAll(new RegExp(`<(input|textarea|select)\\b(${attributes})>([\\s\\S]*?</\\1>)?`, 'g'))) {
    const [, element, attributeText, rest = ''] = match;
    const tag = ` ${attributeText} `;
    const name = attr(tag, 'name');
    if (name === undefined) continue;
    if (element === 'input') {
      const type = attr(tag, 'type');
      if ((type === 'radio' || type === 'checkbox') && attr(tag, 'checked') === undefined) continue;
      pairs.push([name, attr(tag, 'value') ?? '']);
    } else if (element === 'textarea') {
      pairs.push([name, decode(rest.replace(/<\/textarea>$/, ''))]);
    } else {
      const options = [...rest.matchAll(new RegExp(`<option\\b(${attributes})>`, 'g'))].map((option) => ` ${option[1]} `);
      const selected = options.find((option) => attr(option, 'selected') !== undefined) ?? options[0]!;
      pairs.push([name, attr(selected, 'value') ?? '']);
    }
  }
  const body: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const before = body[name];
    body[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return body;
}

// ---------------------------------------------------------------------------------------------

describe('parseForm', () => {
  it('reads the demo forms: bijstand and inkomen are supported, field by field', () => {
    const bijstand = formOf(bijstandDefinition);
    expect(bijstand.fields.map((field) => field.kind)).toEqual([
      'text',
      'textarea',
      'number',
      'number',
      'date',
      'email',
      'phone',
      'text',
      'select',
      'radio',
      'checkbox',
    ]);
    const [naam, toelichting, maandinkomen, , kapotSinds, email, telefoon, iban, woonsituatie, eerder, waarheid] = bijstand.fields as InputModel[];
    expect(naam).toMatchObject({
      key: 'naam',
      id: 'formio-naam',
      label: 'Naam',
      required: true,
      maxLength: 100,
      hidden: false,
      disabled: false,
      conditions: [],
    });
    expect(toelichting).toMatchObject({ kind: 'textarea', minLength: 10, maxLength: 1000, rows: 4 });
    expect(maandinkomen).toMatchObject({ kind: 'number', min: 0, max: 10000 });
    expect(kapotSinds).toMatchObject({ kind: 'date', required: true });
    expect(email).toMatchObject({ kind: 'email', autocomplete: 'email' });
    expect(telefoon).toMatchObject({ kind: 'phone', required: false, autocomplete: 'tel' });
    expect((iban as TextInputModel).pattern?.test('NL91ABNA0417164300')).toBe(true);
    expect(woonsituatie).toMatchObject({
      kind: 'select',
      options: [
        { value: 'huur', label: 'Huurwoning' },
        { value: 'koop', label: 'Koopwoning' },
        { value: 'inwonend', label: 'Inwonend' },
      ],
    });
    expect(eerder).toMatchObject({ kind: 'radio', options: choices.map(({ label, value }) => ({ label, value })) });
    expect(waarheid).toMatchObject({ kind: 'checkbox', required: true });

    const inkomen = formOf(inkomenDefinition);
    expect(inkomen.fields.map((field) => (field.kind === 'content' ? 'content' : `${field.kind}:${field.key}`))).toEqual([
      'number:brutoInkomen',
      'number:urenOpvang',
      'date:startOpvang',
      'select:soortOpvang',
      'textarea:opmerkingen',
    ]);
  });

  it('says why the demo mantelzorg form is not supported: an edit grid and a signature', () => {
    expect(reasonsOf(unsupportedDefinition)).toEqual([
      'editgrid "zorgmomenten": type "editgrid" is not supported',
      'signature "handtekening": type "signature" is not supported',
    ]);
  });

  it('flattens panels, fieldsets and columns, keeps their titles as headings and passes on their hidden and conditions; ignores buttons', () => {
    const form = formOf(
      define(
        { type: 'radio', key: 'partner', label: 'Heeft u een partner?', values: choices },
        {
          type: 'panel',
          key: 'partnerPanel',
          title: 'Uw <b>partner</b>',
          conditional: { show: true, when: 'partner', eq: 'ja' },
          components: [
            { type: 'columns', key: 'cols', columns: [{ components: [textfield('voornaam')] }, { components: [textfield('achternaam')] }] },
            { type: 'fieldset', key: 'fs', legend: 'Verborgen', hidden: true, components: [textfield('geheim')] },
          ],
        },
        { type: 'button', key: 'submit', label: 'Versturen', action: 'submit' },
      ),
    );
    const partner = { when: 'partner', eq: 'ja', show: true };
    expect(form.fields).toMatchObject([
      { key: 'partner', conditions: [] },
      { kind: 'content', heading: 'Uw partner', paragraphs: [], conditions: [partner], hidden: false },
      { key: 'voornaam', conditions: [partner], hidden: false },
      { key: 'achternaam', conditions: [partner] },
      { kind: 'content', heading: 'Verborgen', hidden: true },
      { key: 'geheim', hidden: true, conditions: [partner] },
    ]);
  });

  it('accepts what the Form.io builder writes for settings that are not set', () => {
    const form = formOf(
      define({
        type: 'number',
        key: 'aantal',
        label: 'Aantal',
        input: true,
        hidden: false,
        disabled: false,
        multiple: false,
        unique: false,
        logic: [],
        calculateValue: '',
        customConditional: '',
        customDefaultValue: '',
        defaultValue: null,
        conditional: { show: null, when: null, eq: '', json: '' },
        validate: { required: false, min: '', max: '5', custom: '', customPrivate: false, json: '', step: 'any', integer: '', customMessage: '' },
      }),
    );
    expect(form.fields[0]).toMatchObject({ kind: 'number', required: false, max: 5, conditions: [] });
    expect((form.fields[0] as { min?: number }).min).toBeUndefined();
  });

  it('takes description and tooltip as plain text, integers and decimal limits, date limits and the Form.io autocomplete', () => {
    const form = formOf(
      define(
        textfield('postcode', { description: 'Zoals <i>1234 AB</i>', tooltip: 'Staat op uw brief &amp; envelop', autocomplete: 'postal-code' }),
        { type: 'number', key: 'kinderen', label: 'Kinderen', validate: { integer: true } },
        { type: 'number', key: 'bedrag', label: 'Bedrag', decimalLimit: 2, allowNegative: false },
        { type: 'datetime', key: 'start', label: 'Start', enableTime: false, datePicker: { minDate: '2025-01-01T00:00:00+01:00', maxDate: '2025-12-31' } },
        { type: 'day', key: 'geboren', label: 'Geboortedatum' },
        {
          type: 'selectboxes',
          key: 'dagen',
          label: 'Dagen',
          values: [
            { label: 'Maandag', value: 'ma' },
            { label: 'Dinsdag', value: 'di' },
          ],
        },
      ),
    );
    expect(form.fields).toMatchObject([
      { kind: 'text', description: 'Zoals 1234 AB Staat op uw brief & envelop', autocomplete: 'postal-code' },
      { kind: 'number', decimals: 0 },
      { kind: 'number', decimals: 2, min: 0 },
      { kind: 'date', min: '2025-01-01', max: '2025-12-31' },
      { kind: 'date', key: 'geboren' },
      {
        kind: 'checkboxes',
        options: [
          { value: 'ma', label: 'Maandag' },
          { value: 'di', label: 'Dinsdag' },
        ],
      },
    ]);
  });

  it('turns content and htmlelement HTML into paragraphs of plain text', () => {
    expect(htmlToParagraphs('<p>Eerste &amp; <b>vet</b></p><script>alert(1)</script><p>Tweede<br>regel&nbsp;&#233;&#x20AC;</p><!-- x --><div> </div>')).toEqual(
      ['Eerste & vet', 'Tweede', 'regel é€'],
    );
    expect(htmlToParagraphs('a < b en c > d')).toEqual(['a < b en c > d']);
    const form = formOf(
      define(
        { type: 'content', key: 'uitleg', html: '<p>Lees dit <a href="javascript:alert(1)">goed</a>.</p><ul><li>Een</li><li>Twee</li></ul>', input: false },
        { type: 'htmlelement', key: 'kop', tag: 'h2', content: 'Uw gegevens' },
        { type: 'htmlelement', key: 'tekst', tag: 'p', content: 'Gewone tekst' },
        { type: 'content', key: 'leeg', html: '<p> </p>' },
        textfield('naam'),
      ),
    );
    expect(form.fields.slice(0, 3)).toEqual([
      { kind: 'content', paragraphs: ['Lees dit goed.', 'Een', 'Twee'], hidden: false, conditions: [] },
      { kind: 'content', heading: 'Uw gegevens', paragraphs: [], hidden: false, conditions: [] },
      { kind: 'content', paragraphs: ['Gewone tekst'], hidden: false, conditions: [] },
    ]);
    expect(form.fields).toHaveLength(4);
  });

  it('refuses what Voordeur cannot do, with a reason for each', () => {
    const cases: [Record<string, unknown>, string][] = [
      [textfield('a', { validate: { custom: 'valid = input === "x"' } }), 'textfield "a": custom JavaScript validation is not supported'],
      [textfield('a', { validate: { json: { '==': [1, 1] } } }), 'textfield "a": JSONLogic validation is not supported'],
      [textfield('a', { calculateValue: 'value = 1' }), 'textfield "a": a calculated value is not supported'],
      [textfield('a', { customDefaultValue: 'value = 1' }), 'textfield "a": a default value computed by JavaScript is not supported'],
      [textfield('a', { multiple: true }), 'textfield "a": multiple values is not supported'],
      [textfield('a', { logic: [{ name: 'x' }] }), 'textfield "a": field logic is not supported'],
      [textfield('a', { customConditional: 'show = true' }), 'textfield "a": a JavaScript condition is not supported'],
      [textfield('a', { conditional: { json: { '==': [1, 1] } } }), 'textfield "a": a JSONLogic condition is not supported'],
      [
        textfield('a', { conditional: { show: true, conjunction: 'all', conditions: [{ component: 'b', operator: 'isEqual', value: 'x' }] } }),
        'textfield "a": a condition with a list of conditions is not supported',
      ],
      [textfield('a', { inputMask: '9999 AA' }), 'textfield "a": an input mask is not supported'],
      [{ type: 'textarea', key: 'a', label: 'A', editor: 'ckeditor' }, 'textarea "a": a rich text editor is not supported'],
      [
        { type: 'select', key: 'a', label: 'A', dataSrc: 'url', data: { url: 'https://x', values: choices } },
        'select "a": options from "url" (only data.values) is not supported',
      ],
      [{ type: 'datetime', key: 'a', label: 'A', enableDate: false }, 'datetime "a": a time without a date is not supported'],
      [
        { type: 'datetime', key: 'a', label: 'A', enableTime: false, datePicker: { disableWeekends: true } },
        'datetime "a": datePicker.disableWeekends is not supported',
      ],
      [{ type: 'day', key: 'a', label: 'A', fields: { day: { hide: true } } }, 'day "a": a date without a day is not supported'],
      [{ type: 'checkbox', key: 'a', label: 'A', inputType: 'radio' }, 'checkbox "a": a checkbox as a radio button is not supported'],
      [{ type: 'file', key: 'a', label: 'A', storage: 'base64' }, 'file "a": files stored in the submission (storage base64) is not supported'],
      [{ type: 'file', key: 'a', label: 'A', image: true }, 'file "a": an image upload is not supported'],
      [{ type: 'file', key: 'a', label: 'A', fileMaxSize: 'groot' }, 'file "a": fileMaxSize is not a file size (such as "10MB")'],
      [{ type: 'container', key: 'a.b', label: 'A', components: [] }, 'container "a.b": key is not a safe key (letters, digits, "_" and "-")'],
      [{ type: 'signature', key: 'a', label: 'A' }, 'signature "a": type "signature" is not supported'],
      [{ type: 'datagrid', key: 'a', label: 'A', components: [] }, 'datagrid "a": type "datagrid" is not supported'],
      [{ type: 'address', key: 'a', label: 'A' }, 'address "a": type "address" is not supported'],
      [{ type: 'hidden', key: 'a', calculateValue: 'value = []' }, 'hidden "a": a calculated value is not supported'],
      [textfield('a', { validate: { pattern: '(' } }), 'textfield "a": validate.pattern is not a valid regular expression'],
      [textfield('a', { label: '' }), 'textfield "a": label a field needs a label'],
      [{ type: 'radio', key: 'a', label: 'A', values: [] }, 'radio "a": values needs at least one option'],
      [{ type: 'radio', key: 'a', label: 'A', values: [...choices, { label: 'Ja!', value: 'ja' }] }, 'radio "a": values has two options with the same value'],
      [{ type: 'select', key: 'a', label: 'A' }, 'select "a": data Invalid input: expected object, received undefined'],
      [textfield('a', { hidden: 'yes' }), 'textfield "a": hidden Invalid input: expected boolean, received string'],
      [textfield('a', { conditional: { when: 'x', eq: 'y' } }), 'textfield "a": conditional a conditional needs show: true or false'],
    ];
    for (const [component, reason] of cases) expect(reasonsOf(define(textfield('anders'), component)), reason).toEqual([reason]);
    expect(reasonsOf(define({ type: 'textfield', label: 'Geen key' }))[0]).toMatch(/^textfield: key /);
  });

  it('accepts only safe, unique keys; dots make nested data but a key cannot also be an object', () => {
    for (const key of ['__proto__', '_csrf', 'a..b', 'a.', '.a', 'a b', 'a.__proto__', 'naam<script>']) {
      expect(reasonsOf(define(textfield(key)))[0], key).toMatch(/key is not a safe key/);
    }
    expect(reasonsOf(define(textfield('a'), textfield('a')))).toEqual(['key "a" is used more than once']);
    expect(reasonsOf(define(textfield('adres'), textfield('adres.straat')))).toEqual(['key "adres" is both a field and the object of "adres.straat"']);
    expect(parseForm(define(textfield('adres.straat'), textfield('adres.huis-nummer'), textfield('1e_keuze'))).supported).toBe(true);
  });

  it('gives every key its own id, also with dashes', () => {
    expect(fieldId('naam')).toBe('formio-naam');
    expect(fieldId('adres.straat')).toBe('formio-adres.straat');
    expect(fieldId('a-error')).toBe('formio-a--error');
    expect(fieldId('a-error')).not.toBe(`${fieldId('a')}-error`);
  });

  it('accepts conditions on an earlier field with something that field can have, and nothing else', () => {
    const when = (key: string, eq: unknown, show: unknown = true) => ({ conditional: { show, when: key, eq } });
    const controllers = [
      { type: 'radio', key: 'keuze', label: 'Keuze', values: choices },
      { type: 'checkbox', key: 'akkoord', label: 'Akkoord' },
      textfield('tekst'),
    ];
    expect(
      parseForm(define(...controllers, textfield('b', when('keuze', 'ja')), textfield('c', when('akkoord', true, 'false')), textfield('d', when('tekst', 'x'))))
        .supported,
    ).toBe(true);
    expect(reasonsOf(define(...controllers, textfield('b', when('keuze', 'misschien'))))).toEqual([
      '"b": its condition compares "keuze" with "misschien", which is not one of its options',
    ]);
    expect(reasonsOf(define(...controllers, textfield('b', when('akkoord', 'ja'))))).toEqual([
      '"b": its condition compares checkbox "akkoord" with "ja" (only true or false)',
    ]);
    expect(reasonsOf(define(textfield('b', when('later', 'x')), textfield('later')))).toEqual([
      '"b": its condition refers to "later", which is not a field before it',
    ]);
    expect(reasonsOf(define(textfield('b', when('b', 'x'))))).toEqual(['"b": its condition refers to "b", which is not a field before it']);
    expect(reasonsOf(define(textfield('b', when('nergens', 'x'))))).toEqual(['"b": its condition refers to "nergens", which is not a field before it']);
  });

  it('refuses what is not a form definition, and a form without fields', () => {
    for (const definition of [null, 'form', [], {}, { display: 'form' }, { components: 'x' }]) {
      expect(reasonsOf(definition)[0], JSON.stringify(definition)).toBe('not a Form.io form definition');
    }
    expect(reasonsOf(define({ type: 'content', html: '<p>Alleen tekst</p>' }, { type: 'button', key: 'submit' }))).toEqual([
      'the form has no fields to fill in',
    ]);
    expect(reasonsOf(define({ key: 'x' }))).toEqual(['a component without a type']);
    expect(parseForm({ components: [textfield('a')] }).supported).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('FormFields', () => {
  const everything = formOf(
    define(
      textfield('naam', { validate: { required: true }, description: 'Zoals in uw <b>paspoort</b>', tooltip: 'Ook tussenvoegsels' }),
      { type: 'email', key: 'email', label: 'E-mailadres' },
      { type: 'phoneNumber', key: 'telefoon', label: 'Telefoonnummer' },
      { type: 'number', key: 'aantal', label: 'Aantal', validate: { integer: true } },
      { type: 'number', key: 'bedrag', label: 'Bedrag' },
      { type: 'datetime', key: 'datum', label: 'Datum', enableTime: false },
      { type: 'textarea', key: 'toelichting', label: 'Toelichting', rows: 5 },
      {
        type: 'select',
        key: 'woning',
        label: 'Woning',
        data: {
          values: [
            { label: 'Huur', value: 'huur' },
            { label: 'Koop', value: 'koop' },
          ],
        },
      },
      { type: 'radio', key: 'keuze', label: 'Keuze', values: choices, validate: { required: true } },
      {
        type: 'selectboxes',
        key: 'dagen',
        label: 'Dagen',
        values: [
          { label: 'Maandag', value: 'ma' },
          { label: 'Dinsdag', value: 'di' },
          { label: 'Woensdag', value: 'wo' },
        ],
      },
      { type: 'checkbox', key: 'akkoord', label: 'Ik ga akkoord', validate: { required: true } },
      { type: 'content', key: 'uitleg', html: '<p>Let <b>op</b>: <script>alert("x")</script>&lt;img src=x onerror=alert(1)&gt;</p>' },
    ),
  );

  it('renders text fields with a label tied to the input, the required marker in words, description and autocomplete', () => {
    const html = render(everything, { ...initialValues(everything), naam: 'Suzanne "Sue" <de Vries>' });
    const naam = tagWithId(html, 'formio-naam');
    expect(html).toContain('<label class="utrecht-form-label" for="formio-naam"><span lang="nl">Label naam</span> (verplicht)</label>');
    expect(attr(naam, 'name')).toBe('naam');
    expect(attr(naam, 'type')).toBe('text');
    expect(attr(naam, 'value')).toBe('Suzanne "Sue" <de Vries>');
    expect(attr(naam, 'aria-describedby')).toBe('formio-naam-description');
    expect(attr(naam, 'aria-invalid')).toBeUndefined();
    expect(textOf(html, 'formio-naam-description')).toBe('Zoals in uw paspoort Ook tussenvoegsels');
    expect(html).toContain('for="formio-email"><span lang="nl">E-mailadres</span></label>');

    expect(attr(tagWithId(html, 'formio-email'), 'type')).toBe('email');
    expect(attr(tagWithId(html, 'formio-email'), 'autocomplete')).toBe('email');
    expect(attr(tagWithId(html, 'formio-telefoon'), 'type')).toBe('tel');
    expect(attr(tagWithId(html, 'formio-telefoon'), 'autocomplete')).toBe('tel');
    expect(attr(tagWithId(html, 'formio-aantal'), 'inputmode')).toBe('numeric');
    expect(attr(tagWithId(html, 'formio-bedrag'), 'inputmode')).toBe('decimal');
    expect(attr(tagWithId(html, 'formio-bedrag'), 'type')).toBe('text');
    expect(attr(tagWithId(html, 'formio-datum'), 'type')).toBe('date');
  });

  it('renders a textarea and a select in the Utrecht pattern, with the value kept', () => {
    const html = render(everything, { ...initialValues(everything), toelichting: 'Regel 1\n<b>Regel 2</b>', woning: 'koop' });
    const textarea = tagWithId(html, 'formio-toelichting');
    expect(textarea).toMatch(/^<textarea class="utrecht-textarea utrecht-textarea--html-textarea"/);
    expect(attr(textarea, 'rows')).toBe('5');
    expect(attr(textarea, 'name')).toBe('toelichting');
    expect(html).toContain('>Regel 1\n&lt;b>Regel 2&lt;/b></textarea>');
    expect(html).toContain('for="formio-toelichting"><span lang="nl">Toelichting</span></label>');

    const select = tagWithId(html, 'formio-woning');
    expect(select).toMatch(/^<select class="utrecht-select utrecht-select--html-select"/);
    expect(html).toContain('for="formio-woning"><span lang="nl">Woning</span></label>');
    expect(html).toContain(
      '<option value>Maak een keuze</option><option value="huur" lang="nl">Huur</option><option value="koop" selected lang="nl">Koop</option>',
    );
    expect(render(everything)).toContain('<option value selected>Maak een keuze</option>');
  });

  it('renders radio buttons and checkboxes in a fieldset with a legend, each input inside its label', () => {
    const html = render(everything, { ...initialValues(everything), keuze: 'nee', dagen: ['ma', 'wo'] });
    expect(html).toContain(
      '<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"><span lang="nl">Keuze</span> (verplicht)</legend>',
    );
    expect(html).toContain('<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"><span lang="nl">Dagen</span></legend>');
    expect(html).toMatch(
      /<label class="utrecht-form-label utrecht-form-label--radio" for="formio-keuze-1"><input class="utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input" type="radio" id="formio-keuze-1" name="keuze" value="ja"\/><span lang="nl">Ja<\/span><\/label>/,
    );
    expect(attr(tagWithId(html, 'formio-keuze-2'), 'checked')).toBe('');
    expect(attr(tagWithId(html, 'formio-keuze-1'), 'checked')).toBeUndefined();
    expect(['formio-dagen-1', 'formio-dagen-2', 'formio-dagen-3'].map((id) => attr(tagWithId(html, id), 'checked') !== undefined)).toEqual([true, false, true]);
    expect(attr(tagWithId(html, 'formio-dagen-2'), 'name')).toBe('dagen');
    expect(attr(tagWithId(html, 'formio-dagen-2'), 'class')).toContain('utrecht-checkbox--html-input');

    const akkoord = tagWithId(html, 'formio-akkoord');
    expect(attr(akkoord, 'type')).toBe('checkbox');
    expect(attr(akkoord, 'value')).toBe('true');
    expect(attr(akkoord, 'checked')).toBeUndefined();
    expect(html).toMatch(/for="formio-akkoord"><input [^>]*\/><span lang="nl">Ik ga akkoord<\/span> \(verplicht\)<\/label>/);
    expect(attr(tagWithId(render(everything, { ...initialValues(everything), akkoord: 'true' }), 'formio-akkoord'), 'checked')).toBe('');
  });

  it('shows each error at its field: text, aria-invalid, aria-describedby, and the value as typed', () => {
    const errors: FormError[] = [
      { field: 'naam', code: 'required' },
      { field: 'email', code: 'email' },
      { field: 'toelichting', code: 'maxLength', params: { maxLength: 5, length: 9 } },
      { field: 'woning', code: 'required' },
      { field: 'keuze', code: 'required' },
      { field: 'dagen', code: 'option' },
      { field: 'akkoord', code: 'required' },
    ];
    const html = render(everything, { ...initialValues(everything), email: 'suzanne@', toelichting: 'te lang!!' }, errors);
    const email = tagWithId(html, 'formio-email');
    expect(attr(email, 'aria-invalid')).toBe('true');
    expect(attr(email, 'aria-describedby')).toBe('formio-email-error');
    expect(attr(email, 'value')).toBe('suzanne@');
    expect(attr(email, 'class')).toContain('utrecht-textbox--invalid');
    expect(textOf(html, 'formio-email-error')).toBe('Vul bij ‘E-mailadres’ een geldig e-mailadres in, zoals naam@voorbeeld.nl.');
    expect(attr(tagWithId(html, 'formio-naam'), 'aria-describedby')).toBe('formio-naam-description formio-naam-error');
    expect(textOf(html, 'formio-naam-error')).toBe('Vul ‘Label naam’ in.');
    expect(textOf(html, 'formio-toelichting-error')).toBe('Vul bij ‘Toelichting’ hoogstens 5 tekens in. U heeft er nu 9.');
    expect(attr(tagWithId(html, 'formio-toelichting'), 'aria-invalid')).toBe('true');
    expect(attr(tagWithId(html, 'formio-woning'), 'aria-invalid')).toBe('true');
    expect(attr(tagWithId(html, 'formio-woning'), 'class')).toContain('utrecht-select--invalid');

    expect(html).toMatch(/<fieldset class="utrecht-form-fieldset voordeur-fieldset utrecht-form-fieldset--invalid" aria-describedby="formio-keuze-error">/);
    expect(textOf(html, 'formio-keuze-error')).toBe('Kies bij ‘Keuze’ een antwoord.');
    expect(attr(tagWithId(html, 'formio-keuze-1'), 'aria-invalid')).toBe('true');
    expect(textOf(html, 'formio-dagen-error')).toBe('Kies bij ‘Dagen’ een van de antwoorden uit de lijst.');
    expect(attr(tagWithId(html, 'formio-akkoord'), 'aria-describedby')).toBe('formio-akkoord-error');
    expect(textOf(html, 'formio-akkoord-error')).toBe('Vink ‘Ik ga akkoord’ aan.');
  });

  it('gives the ErrorSummary its items in the order of the form, linking to the input or a group’s first option', () => {
    const errors: FormError[] = [
      { field: 'akkoord', code: 'required' },
      { field: 'keuze', code: 'required' },
      { field: 'naam', code: 'required' },
      { field: 'elders', code: 'required' },
    ];
    const items = errorSummaryItems(everything, errors, formMessages('en'));
    expect(items.map((item) => ({ ...item, message: markup(item.message) }))).toEqual([
      { field: 'formio-naam', message: 'Enter ‘<span lang="nl">Label naam</span>’.' },
      { field: 'formio-keuze-1', message: 'Choose an answer for ‘<span lang="nl">Keuze</span>’.' },
      { field: 'formio-akkoord', message: 'Tick ‘<span lang="nl">Ik ga akkoord</span>’.' },
    ]);
    const html = render(everything, initialValues(everything), errors);
    for (const item of items) expect(() => tagWithId(html, item.field)).not.toThrow();
  });

  it('renders content as plain text paragraphs, never as HTML', () => {
    const html = render(everything);
    expect(html).toContain('<div lang="nl"><p class="utrecht-paragraph">Let op: &lt;img src=x onerror=alert(1)></p></div>');
    expect(html).not.toMatch(/<script|<b>|<img/);
  });

  it('has unique ids, and every label and aria-describedby points at an element that is there', () => {
    const errors = everything.fields.flatMap((field) => (field.kind === 'content' ? [] : [{ field: field.key, code: 'required' as const }]));
    const html = render(everything, initialValues(everything), errors);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const references = [...html.matchAll(/\s(?:for|aria-describedby)="([^"]+)"/g)].flatMap((match) => match[1]!.split(' '));
    expect(references.length).toBeGreaterThan(20);
    for (const reference of references) expect(ids).toContain(reference);
    const inputs = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1]);
    const labelled = [...html.matchAll(/<label [^>]*for="([^"]+)"/g)].map((match) => match[1]);
    expect(inputs.sort()).toEqual(labelled.sort());
  });

  it('leaves out hidden fields; shows disabled ones read-only, without a name', () => {
    const form = formOf(
      define(
        textfield('zichtbaar'),
        textfield('verborgen', { hidden: true }),
        {
          type: 'select',
          key: 'woning',
          label: 'Woning',
          disabled: true,
          validate: { required: true },
          data: { values: [{ label: 'Huurwoning', value: 'huur' }] },
        },
        { type: 'checkbox', key: 'akkoord', label: 'Akkoord', disabled: true },
        { type: 'textarea', key: 'uitleg', label: 'Uitleg', disabled: true },
      ),
    );
    const html = render(form, initialValues(form, { verborgen: 'x', woning: 'huur', akkoord: true, uitleg: 'Regel 1\nRegel 2' }));
    expect(html).not.toContain('verborgen');
    const woning = tagWithId(html, 'formio-woning');
    expect(woning).toMatch(/^<input class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--read-only"/);
    expect(attr(woning, 'readonly')).toBe('');
    expect(attr(woning, 'name')).toBeUndefined();
    expect(attr(woning, 'value')).toBe('Huurwoning');
    expect(html).toContain('for="formio-woning"><span lang="nl">Woning</span></label>');
    expect(attr(tagWithId(html, 'formio-akkoord'), 'value')).toBe('Ja');
    expect(html).toContain('utrecht-textarea--read-only" id="formio-uitleg" readonly>Regel 1\nRegel 2</textarea>');
    expect(Object.keys(submittedBody(html))).toEqual(['zichtbaar']);
  });

  it('always shows conditional fields, with a line that says when they apply', () => {
    const form = formOf(
      define(
        { type: 'radio', key: 'partner', label: 'Heeft u een partner?', values: choices },
        { type: 'checkbox', key: 'akkoord', label: 'Ik wil post' },
        { type: 'selectboxes', key: 'dagen', label: 'Dagen', values: [{ label: 'Maandag', value: 'ma' }] },
        { type: 'number', key: 'aantal', label: 'Aantal' },
        textfield('naamPartner', { conditional: { show: true, when: 'partner', eq: 'ja' }, description: 'Voluit.' }),
        textfield('reden', { conditional: { show: 'false', when: 'partner', eq: 'ja' } }),
        textfield('adres', { conditional: { show: true, when: 'akkoord', eq: 'true' } }),
        textfield('waarom', { conditional: { show: true, when: 'akkoord', eq: false } }),
        textfield('tijd', { conditional: { show: true, when: 'dagen', eq: 'ma' } }),
        textfield('namen', { conditional: { show: true, when: 'aantal', eq: 2 } }),
        { type: 'content', key: 'info', html: 'Fijn!', conditional: { show: true, when: 'partner', eq: 'ja' } },
      ),
    );
    const nl = render(form);
    expect(textOf(nl, 'formio-naamPartner-description')).toBe('Voluit. Alleen als u bij ‘Heeft u een partner?’ kiest voor ‘Ja’.');
    expect(textOf(nl, 'formio-reden-description')).toBe('Alleen als u bij ‘Heeft u een partner?’ niet kiest voor ‘Ja’.');
    expect(textOf(nl, 'formio-adres-description')).toBe('Alleen als u ‘Ik wil post’ aanvinkt.');
    expect(textOf(nl, 'formio-waarom-description')).toBe('Alleen als u ‘Ik wil post’ niet aanvinkt.');
    expect(textOf(nl, 'formio-tijd-description')).toBe('Alleen als u bij ‘Dagen’ ‘Maandag’ aanvinkt.');
    expect(textOf(nl, 'formio-namen-description')).toBe('Alleen als u bij ‘Aantal’ ‘2’ invult.');
    expect(attr(tagWithId(nl, 'formio-naamPartner'), 'aria-describedby')).toBe('formio-naamPartner-description');
    expect(nl).toContain(
      '<p class="utrecht-paragraph utrecht-paragraph--small">Alleen als u bij ‘Heeft u een partner?’ kiest voor ‘Ja’.</p><div lang="nl"><p class="utrecht-paragraph">Fijn!</p></div>',
    );

    const en = render(form, initialValues(form), [], 'en');
    expect(textOf(en, 'formio-reden-description')).toBe('Only if you do not choose ‘Ja’ for ‘Heeft u een partner?’.');
    expect(textOf(en, 'formio-adres-description')).toBe('Only if you tick ‘Ik wil post’.');
    expect(textOf(en, 'formio-tijd-description')).toBe('Only if you tick ‘Maandag’ for ‘Dagen’.');
    expect(textOf(en, 'formio-namen-description')).toBe('Only if you enter ‘2’ for ‘Aantal’.');
    // The form's Dutch label and answer inside the English sentence are marked Dutch (in Dutch the sentence is one text, above).
    expect(en).toContain('Only if you do not choose ‘<span lang="nl">Ja</span>’ for ‘<span lang="nl">Heeft u een partner?</span>’.');
    expect(en).toContain('Only if you tick ‘<span lang="nl">Maandag</span>’ for ‘<span lang="nl">Dagen</span>’.');
  });

  it('speaks English when asked: the required marker, the select’s first option and the errors', () => {
    const html = render(everything, initialValues(everything), [{ field: 'naam', code: 'required' }], 'en');
    expect(html).toContain('for="formio-naam"><span lang="nl">Label naam</span> (required)</label>');
    expect(html).toContain('<option value selected>Choose an option</option>');
    expect(textOf(html, 'formio-naam-error')).toBe('Enter ‘Label naam’.');
    expect(html).toContain('Enter ‘<span lang="nl">Label naam</span>’.');
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateSubmission', () => {
  const check = (components: Record<string, unknown>[], body: Record<string, unknown>, prefill?: Record<string, unknown>) =>
    validateSubmission(formOf(define(...components)), body, prefill);
  const errorsOf = (components: Record<string, unknown>[], body: Record<string, unknown>) => {
    const result = check(components, body);
    return result.ok ? [] : result.errors;
  };
  const dataOf = (components: Record<string, unknown>[], body: Record<string, unknown>, prefill?: Record<string, unknown>) => {
    const result = check(components, body, prefill);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };

  it('reads numbers as Dutch people type them', () => {
    const cases: [string, number | undefined][] = [
      ['1450', 1450],
      ['1.450', 1450],
      ['1.450,50', 1450.5],
      ['1450,5', 1450.5],
      ['1450.50', 1450.5],
      ['1,5', 1.5],
      ['1.5', 1.5],
      ['€ 1.450.000,25', 1450000.25],
      ['-3', -3],
      ['1,450,000', 1450000],
      ['1,450.25', 1450.25],
      ['12 345', 12345],
      ['', undefined],
      ['1e5', undefined],
      ['12abc', undefined],
      ['1.45.0', undefined],
      ['1,2,3', undefined],
    ];
    for (const [input, expected] of cases) expect(parseNumber(input), input).toBe(expected);
  });

  it('reads dates from a date input and as typed in Dutch order, and only dates that exist', () => {
    expect(parseDate('2025-03-17')).toBe('2025-03-17');
    expect(parseDate('17-3-2025')).toBe('2025-03-17');
    expect(parseDate(' 17/03/2025 ')).toBe('2025-03-17');
    expect(parseDate('1.2.2024')).toBe('2024-02-01');
    expect(parseDate('29-2-2024')).toBe('2024-02-29');
    expect(parseDate('29-2-2025')).toBeUndefined();
    expect(parseDate('2025-13-01')).toBeUndefined();
    expect(parseDate('17 maart 2025')).toBeUndefined();
    expect(parseDate('03/17/25')).toBeUndefined();
  });

  it('turns every type into what Form.io submits', () => {
    const form = [
      textfield('naam'),
      { type: 'textarea', key: 'uitleg', label: 'Uitleg' },
      { type: 'email', key: 'email', label: 'E-mail' },
      { type: 'phoneNumber', key: 'telefoon', label: 'Telefoon' },
      { type: 'number', key: 'bedrag', label: 'Bedrag' },
      { type: 'datetime', key: 'datum', label: 'Datum', enableTime: false },
      { type: 'day', key: 'dag', label: 'Dag' },
      { type: 'select', key: 'woning', label: 'Woning', data: { values: [{ label: 'Huur', value: 'huur' }] } },
      { type: 'radio', key: 'keuze', label: 'Keuze', values: choices },
      {
        type: 'selectboxes',
        key: 'dagen',
        label: 'Dagen',
        values: [
          { label: 'Ma', value: 'ma' },
          { label: 'Di', value: 'di' },
        ],
      },
      { type: 'checkbox', key: 'akkoord', label: 'Akkoord' },
    ];
    expect(
      dataOf(form, {
        naam: '  Suzanne  ',
        uitleg: ' Regel 1\r\nRegel 2 ',
        email: ' suzanne@example.nl ',
        telefoon: '06-1234 5678',
        bedrag: '1.450,50',
        datum: '2025-01-06',
        dag: '6-1-2025',
        woning: 'huur',
        keuze: 'nee',
        dagen: ['di'],
        akkoord: 'true',
      }),
    ).toEqual({
      naam: 'Suzanne',
      uitleg: 'Regel 1\nRegel 2',
      email: 'suzanne@example.nl',
      telefoon: '0612345678',
      bedrag: 1450.5,
      datum: '2025-01-06',
      dag: '2025-01-06',
      woning: 'huur',
      keuze: 'nee',
      dagen: { ma: false, di: true },
      akkoord: true,
    });
    expect(dataOf(form, {})).toEqual({
      naam: '',
      uitleg: '',
      email: '',
      telefoon: '',
      bedrag: null,
      datum: '',
      dag: '',
      woning: '',
      keuze: '',
      dagen: { ma: false, di: false },
      akkoord: false,
    });
    expect(dataOf(form, { dagen: 'ma' })).toMatchObject({ dagen: { ma: true, di: false } });
  });

  it('requires what is required, in words that fit the kind of field', () => {
    const required = { validate: { required: true } };
    const form = [
      textfield('naam', required),
      { type: 'number', key: 'aantal', label: 'Aantal', ...required },
      { type: 'datetime', key: 'datum', label: 'Datum', enableTime: false, ...required },
      { type: 'select', key: 'woning', label: 'Woning', data: { values: choices }, ...required },
      { type: 'radio', key: 'keuze', label: 'Keuze', values: choices, ...required },
      { type: 'selectboxes', key: 'dagen', label: 'Dagen', values: choices, ...required },
      { type: 'checkbox', key: 'akkoord', label: 'Akkoord', ...required },
    ];
    const result = check(form, { naam: '   ', aantal: '', dagen: [], akkoord: 'false' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(['naam', 'aantal', 'datum', 'woning', 'keuze', 'dagen', 'akkoord'].map((field) => ({ field, code: 'required' })));
    const parsed = formOf(define(...form));
    const messages = formMessages('nl');
    expect(result.errors.map((error) => messages(error, parsed.fields.find((f) => f.kind !== 'content' && f.key === error.field) as InputModel))).toEqual([
      'Vul ‘Label naam’ in.',
      'Vul ‘Aantal’ in.',
      'Vul ‘Datum’ in.',
      'Kies bij ‘Woning’ een antwoord.',
      'Kies bij ‘Keuze’ een antwoord.',
      'Kies bij ‘Dagen’ minstens één antwoord.',
      'Vink ‘Akkoord’ aan.',
    ]);
  });

  it('checks lengths and patterns on the trimmed value', () => {
    const form = [textfield('code', { validate: { minLength: 3, maxLength: 5, pattern: '[A-Z]+' } })];
    expect(errorsOf(form, { code: ' AB ' })).toEqual([{ field: 'code', code: 'minLength', params: { minLength: 3, length: 2 } }]);
    expect(errorsOf(form, { code: 'ABCDEF' })).toEqual([{ field: 'code', code: 'maxLength', params: { maxLength: 5, length: 6 } }]);
    expect(errorsOf(form, { code: 'ABc' })).toEqual([{ field: 'code', code: 'pattern' }]);
    expect(errorsOf(form, { code: ' ABC ' })).toEqual([]);
    expect(errorsOf(form, { code: '' })).toEqual([]);
    // The pattern must match the whole value, also when it has alternatives.
    expect(errorsOf([textfield('p', { validate: { pattern: 'a|b' } })], { p: 'ab' })).toEqual([{ field: 'p', code: 'pattern' }]);
  });

  it('checks numbers: the notation, whole numbers, decimals, min and max', () => {
    const form = [
      { type: 'number', key: 'aantal', label: 'Aantal', validate: { min: 1, max: 15, integer: true } },
      { type: 'number', key: 'bedrag', label: 'Bedrag', decimalLimit: 2, allowNegative: false },
    ];
    expect(errorsOf(form, { aantal: 'twee', bedrag: '1' })).toEqual([{ field: 'aantal', code: 'number' }]);
    expect(errorsOf(form, { aantal: '2,5', bedrag: '1,255' })).toEqual([
      { field: 'aantal', code: 'number', params: { decimals: 0 } },
      { field: 'bedrag', code: 'number', params: { decimals: 2 } },
    ]);
    expect(errorsOf(form, { aantal: '0', bedrag: '-1' })).toEqual([
      { field: 'aantal', code: 'min', params: { min: 1 } },
      { field: 'bedrag', code: 'min', params: { min: 0 } },
    ]);
    expect(errorsOf(form, { aantal: '16', bedrag: '12,50' })).toEqual([{ field: 'aantal', code: 'max', params: { max: 15 } }]);
    expect(dataOf(form, { aantal: '15', bedrag: '1.250,75' })).toEqual({ aantal: 15, bedrag: 1250.75 });
  });

  it('checks dates, also against the date picker’s limits', () => {
    const form = [{ type: 'datetime', key: 'datum', label: 'Datum', enableTime: false, datePicker: { minDate: '2025-01-01', maxDate: '2025-12-31' } }];
    expect(errorsOf(form, { datum: '31-2-2025' })).toEqual([{ field: 'datum', code: 'date' }]);
    expect(errorsOf(form, { datum: '2024-12-31' })).toEqual([{ field: 'datum', code: 'min', params: { min: '2025-01-01' } }]);
    expect(errorsOf(form, { datum: '1-1-2026' })).toEqual([{ field: 'datum', code: 'max', params: { max: '2025-12-31' } }]);
    expect(dataOf(form, { datum: '1-1-2025' })).toEqual({ datum: '2025-01-01' });
  });

  it('checks e-mail addresses and phone numbers as people type them', () => {
    const form = [
      { type: 'email', key: 'email', label: 'E-mail' },
      { type: 'phoneNumber', key: 'telefoon', label: 'Telefoon', validate: { pattern: '(\\+31|0)[1-9][0-9]{8}' } },
    ];
    expect(errorsOf(form, { email: 'suzanne@example', telefoon: '12345' })).toEqual([
      { field: 'email', code: 'email' },
      { field: 'telefoon', code: 'phone' },
    ]);
    expect(errorsOf(form, { telefoon: '+44 7700 900123' })).toEqual([{ field: 'telefoon', code: 'pattern' }]);
    for (const telefoon of ['06 12345678', '06-12345678', '(010) 123 4567', '+31 6 1234 5678']) {
      expect(dataOf(form, { telefoon }).telefoon, telefoon).toBe(telefoon.replace(/[\s()-]/g, ''));
    }
  });

  it('accepts only the options of the form', () => {
    const form = [
      { type: 'select', key: 'woning', label: 'Woning', data: { values: choices } },
      { type: 'radio', key: 'keuze', label: 'Keuze', values: choices },
      { type: 'selectboxes', key: 'dagen', label: 'Dagen', values: choices },
    ];
    expect(errorsOf(form, { woning: 'kasteel', keuze: 'JA', dagen: ['ja', 'toString'] })).toEqual([
      { field: 'woning', code: 'option' },
      { field: 'keuze', code: 'option' },
      { field: 'dagen', code: 'option' },
    ]);
  });

  it('uses the definition’s customMessage for every error of that field', () => {
    const form = formOf(
      define(textfield('iban', { validate: { required: true, pattern: 'NL.*', customMessage: 'Vul een Nederlands IBAN in, zoals NL91ABNA0417164300.' } })),
    );
    for (const body of [{}, { iban: 'DE89' }]) {
      const result = validateSubmission(form, body);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(errorSummaryItems(form, result.errors, formMessages('en')).map((item) => ({ ...item, message: markup(item.message) }))).toEqual([
          { field: 'formio-iban', message: '<span lang="nl">Vul een Nederlands IBAN in, zoals NL91ABNA0417164300.</span>' },
        ]);
    }
  });

  it('makes nested objects of dotted keys, and reads nested prefill data', () => {
    const form = [textfield('adres.straat'), textfield('adres.huisnummer'), textfield('contact.telefoon.mobiel'), textfield('naam')];
    expect(dataOf(form, { 'adres.straat': 'Dorpsstraat', 'adres.huisnummer': '1', 'contact.telefoon.mobiel': '06', naam: 'S' })).toEqual({
      adres: { straat: 'Dorpsstraat', huisnummer: '1' },
      contact: { telefoon: { mobiel: '06' } },
      naam: 'S',
    });
    expect(initialValues(formOf(define(...form)), { adres: { straat: 'Dorpsstraat' }, 'adres.huisnummer': '2', naam: 'S' })).toEqual({
      'adres.straat': 'Dorpsstraat',
      'adres.huisnummer': '',
      'contact.telefoon.mobiel': '',
      naam: 'S',
    });
  });

  it('reads only the keys of the form from the body', () => {
    const body = JSON.parse('{"_csrf":"token","naam":"Suzanne","admin":"true","__proto__":{"polluted":true},"constructor":"x"}');
    const data = dataOf([textfield('naam'), textfield('constructor')], body);
    expect(data).toEqual({ naam: 'Suzanne', constructor: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(dataOf([textfield('toString')], {})).toEqual({ toString: '' });
    expect(dataOf([textfield('naam')], { naam: ['eerste', 'tweede'] })).toEqual({ naam: 'eerste' });
    expect(dataOf([textfield('naam')], { naam: { x: 1 } })).toEqual({ naam: '' });
  });

  it('neither validates nor submits hidden fields', () => {
    expect(dataOf([textfield('naam'), textfield('geheim', { hidden: true, validate: { required: true } })], { naam: 'S', geheim: 'x' })).toEqual({ naam: 'S' });
    expect(
      dataOf([{ type: 'panel', key: 'p', title: 'P', hidden: true, components: [textfield('geheim', { validate: { required: true } })] }, textfield('naam')], {
        geheim: 'x',
      }),
    ).toEqual({ naam: '' });
  });

  it('validates and submits a conditional field only when its condition holds, as Form.io evaluates it', () => {
    const form = [
      { type: 'radio', key: 'partner', label: 'Partner', values: choices },
      { type: 'checkbox', key: 'post', label: 'Post' },
      { type: 'selectboxes', key: 'dagen', label: 'Dagen', values: choices },
      { type: 'number', key: 'aantal', label: 'Aantal' },
      textfield('naamPartner', { validate: { required: true }, conditional: { show: true, when: 'partner', eq: 'ja' } }),
      textfield('zonderPartner', { validate: { required: true }, conditional: { show: false, when: 'partner', eq: 'ja' } }),
      textfield('adres', { validate: { required: true }, conditional: { show: true, when: 'post', eq: 'true' } }),
      textfield('dag', { conditional: { show: true, when: 'dagen', eq: 'nee' } }),
      textfield('namen', { conditional: { show: true, when: 'aantal', eq: '2' } }),
      // Depends on a conditional field: hidden when that one is.
      textfield('geboortedatumPartner', { validate: { required: true }, conditional: { show: false, when: 'naamPartner', eq: '' } }),
    ];
    expect(errorsOf(form, { partner: 'ja', post: 'true' })).toEqual([
      { field: 'naamPartner', code: 'required' },
      { field: 'adres', code: 'required' },
    ]);
    expect(
      dataOf(form, { partner: 'nee', zonderPartner: 'Alleen', naamPartner: 'genegeerd', dagen: ['nee'], dag: 'ma', aantal: '2', namen: 'A en B' }),
    ).toEqual({
      partner: 'nee',
      post: false,
      dagen: { ja: false, nee: true },
      aantal: 2,
      zonderPartner: 'Alleen',
      dag: 'ma',
      namen: 'A en B',
    });
    expect(dataOf(form, { partner: 'ja', naamPartner: 'Jan', geboortedatumPartner: '1-1-1980', zonderPartner: 'genegeerd' })).toEqual({
      partner: 'ja',
      post: false,
      dagen: { ja: false, nee: false },
      aantal: null,
      naamPartner: 'Jan',
      geboortedatumPartner: '1-1-1980',
    });
    expect(errorsOf(form, { partner: 'ja', naamPartner: 'Jan' })).toEqual([{ field: 'geboortedatumPartner', code: 'required' }]);
  });

  it('keeps disabled fields at their prefilled or default value, whatever the body says, without validating them', () => {
    const form = [
      textfield('bsn', { disabled: true, validate: { required: true, pattern: '[0-9]{9}' } }),
      textfield('gemeente', { disabled: true, defaultValue: 'Voorbeeldstad' }),
      { type: 'checkbox', key: 'akkoord', label: 'Akkoord', disabled: true, defaultValue: true },
      textfield('naam'),
    ];
    expect(dataOf(form, { bsn: '123', gemeente: 'Elders', akkoord: '', naam: 'S' }, { bsn: '999993653' })).toEqual({
      bsn: '999993653',
      gemeente: 'Voorbeeldstad',
      akkoord: true,
      naam: 'S',
    });
    expect(dataOf(form, { bsn: '999993653' })).toMatchObject({ bsn: '' });
  });

  it('gives back the values as typed, for all fields, when there are errors', () => {
    const result = check(
      [
        textfield('naam', { validate: { required: true } }),
        { type: 'number', key: 'bedrag', label: 'Bedrag' },
        { type: 'selectboxes', key: 'dagen', label: 'Dagen', values: choices },
      ],
      {
        naam: '  ',
        bedrag: ' 12,5x ',
        dagen: ['ja', 'nee'],
        _csrf: 'token',
      },
    );
    expect(result).toEqual({
      ok: false,
      values: { naam: '  ', bedrag: ' 12,5x ', dagen: ['ja', 'nee'] },
      errors: [
        { field: 'naam', code: 'required' },
        { field: 'bedrag', code: 'number' },
      ],
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('formMessages', () => {
  const field = (kind: InputModel['kind'], extra: Partial<InputModel> = {}) =>
    ({
      key: 'x',
      id: 'formio-x',
      label: 'Geboortedatum',
      required: true,
      disabled: false,
      hidden: false,
      conditions: [],
      kind,
      options: [],
      ...extra,
    }) as InputModel;
  const nl = formMessages('nl');
  const en = formMessages('en');

  it('has a message per error code in Dutch and English, with the label, numbers and dates as people read them', () => {
    const cases: [FormError, InputModel, string, string][] = [
      [{ field: 'x', code: 'required' }, field('date'), 'Vul ‘Geboortedatum’ in.', 'Enter ‘Geboortedatum’.'],
      [
        { field: 'x', code: 'minLength', params: { minLength: 10, length: 3 } },
        field('textarea'),
        'Vul bij ‘Geboortedatum’ minstens 10 tekens in. U heeft er nu 3.',
        'Enter at least 10 characters for ‘Geboortedatum’. You have entered 3.',
      ],
      [
        { field: 'x', code: 'maxLength', params: { maxLength: 5, length: 6 } },
        field('text'),
        'Vul bij ‘Geboortedatum’ hoogstens 5 tekens in. U heeft er nu 6.',
        'Enter at most 5 characters for ‘Geboortedatum’. You have entered 6.',
      ],
      [
        { field: 'x', code: 'pattern' },
        field('text'),
        'Controleer wat u bij ‘Geboortedatum’ heeft ingevuld. Het heeft niet de goede vorm.',
        'Check what you entered for ‘Geboortedatum’. It is not in the right format.',
      ],
      [
        { field: 'x', code: 'min', params: { min: 1000 } },
        field('number'),
        'Vul bij ‘Geboortedatum’ een getal in van 1.000 of meer.',
        'Enter a number of 1,000 or more for ‘Geboortedatum’.',
      ],
      [
        { field: 'x', code: 'max', params: { max: 2.5 } },
        field('number'),
        'Vul bij ‘Geboortedatum’ een getal in van 2,5 of minder.',
        'Enter a number of 2.5 or less for ‘Geboortedatum’.',
      ],
      [
        { field: 'x', code: 'min', params: { min: '2025-01-06' } },
        field('date'),
        'Vul bij ‘Geboortedatum’ een datum in op of na 6 januari 2025.',
        'Enter a date on or after 6 January 2025 for ‘Geboortedatum’.',
      ],
      [
        { field: 'x', code: 'max', params: { max: '2025-12-31' } },
        field('date'),
        'Vul bij ‘Geboortedatum’ een datum in op of voor 31 december 2025.',
        'Enter a date on or before 31 December 2025 for ‘Geboortedatum’.',
      ],
      [
        { field: 'x', code: 'number' },
        field('number'),
        'Vul bij ‘Geboortedatum’ een getal in, bijvoorbeeld 12 of 12,50.',
        'Enter a number for ‘Geboortedatum’, for example 12 or 12.50.',
      ],
      [
        { field: 'x', code: 'number', params: { decimals: 0 } },
        field('number'),
        'Vul bij ‘Geboortedatum’ een heel getal in, zonder komma.',
        'Enter a whole number for ‘Geboortedatum’.',
      ],
      [
        { field: 'x', code: 'number', params: { decimals: 2 } },
        field('number'),
        'Vul bij ‘Geboortedatum’ een getal in met hoogstens 2 cijfers achter de komma.',
        'Enter a number with at most 2 decimals for ‘Geboortedatum’.',
      ],
      [
        { field: 'x', code: 'date' },
        field('date'),
        'Vul bij ‘Geboortedatum’ een geldige datum in, bijvoorbeeld 17-3-2025.',
        'Enter a real date for ‘Geboortedatum’, for example 17-3-2025.',
      ],
      [
        { field: 'x', code: 'email' },
        field('email'),
        'Vul bij ‘Geboortedatum’ een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
        'Enter a valid email address for ‘Geboortedatum’, like name@example.com.',
      ],
      [
        { field: 'x', code: 'phone' },
        field('phone'),
        'Vul bij ‘Geboortedatum’ een geldig telefoonnummer in, zoals 06 12345678.',
        'Enter a valid phone number for ‘Geboortedatum’, like 06 12345678.',
      ],
      [
        { field: 'x', code: 'option' },
        field('radio'),
        'Kies bij ‘Geboortedatum’ een van de antwoorden uit de lijst.',
        'Choose one of the answers in the list for ‘Geboortedatum’.',
      ],
    ];
    for (const [error, model, dutch, english] of cases) {
      // Dutch: one string, all Dutch. English: the English sentence with the form's Dutch label marked.
      expect(nl(error, model)).toBe(dutch);
      expect(markup(en(error, model))).toBe(english.replace('‘Geboortedatum’', '‘<span lang="nl">Geboortedatum</span>’'));
    }
  });

  it('puts the definition’s customMessage first, and has the required marker in words', () => {
    expect(nl({ field: 'x', code: 'date' }, field('date', { customMessage: 'Vul uw geboortedatum in.' }))).toBe('Vul uw geboortedatum in.');
    expect(markup(en({ field: 'x', code: 'date' }, field('date', { customMessage: 'Vul uw geboortedatum in.' })))).toBe(
      '<span lang="nl">Vul uw geboortedatum in.</span>',
    );
    expect(formTexts('nl').required).toBe('(verplicht)');
    expect(formTexts('en').required).toBe('(required)');
  });
});

// ---------------------------------------------------------------------------------------------

describe('a round trip: prefill data → rendered form → what the browser submits → data', () => {
  it('gives back the prefill data unchanged when the person changes nothing', () => {
    const form = formOf(
      define(
        textfield('naam'),
        { type: 'textarea', key: 'uitleg', label: 'Uitleg' },
        { type: 'email', key: 'email', label: 'E-mail' },
        { type: 'phoneNumber', key: 'telefoon', label: 'Telefoon' },
        { type: 'number', key: 'bedrag', label: 'Bedrag' },
        { type: 'number', key: 'klein', label: 'Klein' },
        { type: 'datetime', key: 'datum', label: 'Datum', enableTime: false },
        {
          type: 'select',
          key: 'woning',
          label: 'Woning',
          data: {
            values: [
              { label: 'Huur', value: 'huur' },
              { label: 'Koop', value: 'koop' },
            ],
          },
        },
        { type: 'radio', key: 'keuze', label: 'Keuze', values: choices },
        {
          type: 'selectboxes',
          key: 'dagen',
          label: 'Dagen',
          values: [
            { label: 'Ma', value: 'ma' },
            { label: 'Di', value: 'di' },
          ],
        },
        { type: 'checkbox', key: 'akkoord', label: 'Akkoord' },
        { type: 'panel', key: 'p', title: 'Adres', components: [textfield('adres.straat'), textfield('adres.plaats', { disabled: true })] },
      ),
    );
    const prefill = {
      naam: 'Suzanne "Sue" de Vries & <co>',
      uitleg: 'Regel 1\nRegel 2',
      email: 'suzanne@example.nl',
      telefoon: '0612345678',
      bedrag: 1450.5,
      klein: 1.125,
      datum: '2025-01-06',
      woning: 'koop',
      keuze: 'nee',
      dagen: { ma: true, di: false },
      akkoord: true,
      adres: { straat: 'Dorpsstraat 1', plaats: 'Voorbeeldstad' },
    };
    const html = render(form, initialValues(form, prefill));
    const body = submittedBody(html);
    expect(Object.keys(body)).not.toContain('adres.plaats');
    expect(validateSubmission(form, body, prefill)).toEqual({ ok: true, data: prefill });
  });

  it('sends for the demo bijstand taak what the demo’s afgeronde taak shows as verzonden_data', () => {
    const form = formOf(bijstandDefinition);
    const open = portaalformulier(objectenDemo.notable.suzanne.taak.portaalformulier);
    const done = portaalformulier(objectenDemo.notable.suzanne.taakWithHistory);

    // The open taak is prefilled with naam, e-mail and personen; the person fills in the rest.
    const first = render(form, initialValues(form, open.data));
    expect(attr(tagWithId(first, 'formio-naam'), 'value')).toBe('Suzanne de Vries');
    expect(attr(tagWithId(first, 'formio-email'), 'value')).toBe('suzanne.devries@example.nl');
    expect(attr(tagWithId(first, 'formio-personen'), 'value')).toBe('2');
    const incomplete = validateSubmission(form, { ...submittedBody(first), _csrf: 'token' }, open.data);
    expect(incomplete.ok).toBe(false);
    if (incomplete.ok) return;
    expect(incomplete.errors.map((error) => error.field)).toEqual([
      'toelichting',
      'maandinkomen',
      'kapotSinds',
      'iban',
      'woonsituatie',
      'eerderAangevraagd',
      'naarWaarheid',
    ]);

    // Shown again with the errors and what was typed, then filled in as a person types.
    const again = render(form, incomplete.values, incomplete.errors);
    expect(attr(tagWithId(again, 'formio-naam'), 'value')).toBe('Suzanne de Vries');
    const typed = {
      ...submittedBody(again),
      toelichting: 'De oude wasmachine lekt en kan niet meer gerepareerd worden.',
      maandinkomen: '1.450',
      // The day as a person types it (Dutch order, no leading zeros): the demo's day, a month back.
      kapotSinds: (done.verzonden_data as { kapotSinds: string }).kapotSinds.split('-').reverse().map(Number).join('-'),
      telefoon: '06 1234 5678',
      iban: 'NL91ABNA0417164300',
      woonsituatie: 'huur',
      eerderAangevraagd: 'nee',
      naarWaarheid: 'true',
    };
    expect(validateSubmission(form, typed, open.data)).toEqual({ ok: true, data: done.verzonden_data });
  });
});

describe('parseFormOnce', () => {
  it('parses a definition object once, and gives the same answer as parseForm', () => {
    const definition = { display: 'form', components: [{ type: 'textfield', key: 'naam', label: 'Naam', input: true }] };
    const first = parseFormOnce(definition);
    expect(first).toEqual(parseForm(definition));
    expect(parseFormOnce(definition)).toBe(first);
    // Another object (another form, or the same form fetched again) is parsed on its own.
    expect(parseFormOnce({ ...definition, components: [] })).not.toBe(first);
    expect(parseFormOnce(null)).toEqual(parseForm(null));
  });
});
