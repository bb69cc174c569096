/**
 * The demo world of the Objecten simulator (Objects API 2.7.0): taken (TaakV2), berichten
 * (Bericht) and the Form.io form definitions that portaalformulier-taken point at, for the test
 * persons and companies of ./test-identities.ts, plus objects of two people who are not test
 * persons (Karel de Boer 111222333 and Marieke Visser 123456782, as in ./zgw-demo.ts), which a
 * logged-in person must never see.
 *
 * UUIDs say what they are: `demoUuid(kind, 0, number)` with kind f0 taak, f1 bericht,
 * f2 formulier (f3 is a taak's verwerker_taak_id), and a number that follows the owner's zaken in
 * ./zgw-demo.ts (Suzanne 1xx, Jan 20x, Lotte 21x, Pieter 22x, Fatima 23x, Bakkerij 30x,
 * Fietsenmaker 32x, other people 9xx): Suzanne's overdue taak is f0000000-0000-4000-8000-000000000104.
 * Dates are days before (or after) "now", the simulator's `now` option.
 *
 * Who has what (taak: number soort status, "→ 103" = koppeling with ZAAK-000103 of the same owner;
 * bericht: number and what is special about it):
 * | owner                                 | taken                                          | berichten                                             |
 * |---------------------------------------|------------------------------------------------|-------------------------------------------------------|
 * | Suzanne de Vries 999993653            | 101 url open                                   | 101–115 published, 6 unread (102 103 104 107 108 114) |
 * |                                       | 102 portaalformulier open → 103                | 116 publicatiedatum in 3 days: not to be shown yet    |
 * |                                       | 103 ogonebetaling open → 102                   | bijlagen: 101 105 106 107, 110 (two)                  |
 * |                                       | 104 url open, verloopdatum 3 days ago → 101    | a termijn: 102 103 114, 113 (passed)                  |
 * |                                       | 105 portaalformulier open, unsupported form,   | 107 text with a URL, line breaks and HTML             |
 * |                                       |     no verloopdatum                            | 108 onderwerp "Uw aanvraag, deel 2__vervolg"          |
 * |                                       | 106 portaalformulier afgerond → 103 (2 records)| 109 onderwerp "Uw aanvraag, deel 2"                   |
 * |                                       | 107 ogonebetaling afgerond → 105 (2 records)   |                                                       |
 * | Jan Jansen 999990019                  | 201 url open → 202                             | 201 unread, bijlage; 202                              |
 * | Lotte Jansen 999990482                | 212 portaalformulier open → 211 (NL Portal form)| 211 unread                                            |
 * | Pieter van den Berg 999995571         | –                                              | 221 unread, termijn                                   |
 * | Fatima El Amrani 999991772            | 231 portaalformulier open → 231                | 231 unread, termijn                                   |
 * | Anna Bakker 999992570                 | –                                              | –                                                     |
 * | Bakkerij Van den Berg, KvK 69599084   | 301 ogonebetaling open → 301                   | 301 unread, bijlage; 302                              |
 * |                                       | 302 url afgerond → 301                         |                                                       |
 * | De Snelle Spaak, KvK 68750110         | 321 url open → 321                             | 321 unread                                            |
 * | Stichting Buurtkracht, KvK 90001745   | –                                              | –                                                     |
 * | Karel de Boer 111222333 (other)       | 901 ogonebetaling open → 901                   | 901 unread, bijlage                                   |
 * | Marieke Visser 123456782 (other)      | 902 url open → 902                             | 902 "Uw aanvraag, deel 2", as Suzanne's 109           |
 * Formulieren (FormIO objects, in the same Objects API): 1 aanvullende gegevens bijzondere bijstand
 * (every field type: text, textarea, number, date, e-mail, phone, select, radio, checkbox; with
 * required, min/max, minLength/maxLength and pattern), 2 inkomen kinderopvang, 3 a form the portal
 * cannot show (a wizard with an edit grid and a signature), 4 an NL Portal information request
 * (containers, prefilled read-only fields, conditions on nested keys, portalFileUpload).
 *
 * Notes on the schemas. A portaalformulier-taak names its form in `formulier` ({soort: "url",
 * value: the URL of a formulier object}); `data` holds prefill values and `verzonden_data` what was
 * sent. The Bericht schema requires every field, also handelingsperspectief and
 * einddatumHandelingstermijn: a bericht that asks nothing has "informatie ontvangen" and an empty
 * einddatumHandelingstermijn; one without a zaak has an empty referentie. Bijlagen are URLs of
 * documents in the ZGW simulator's Documenten API. The ZGW demo has no documents outside zaken, so
 * each bijlage is a document of a zaak of the same person or company. An ogonebetaling bedrag must
 * pass `multipleOf: 0.01`, which python-jsonschema (and Ajv) check by float division: 612.8 fails,
 * 612.75 passes.
 */
import { aanvraagForms, aanvraagFormUuid, demoProducttypen, producttypeData, producttypeUuid } from './aanvragen-demo.ts';
import { demoUuid, demoZaken } from './zgw-demo.ts';

export type DemoObjectKind = 'taak' | 'bericht' | 'formulier' | 'producttype' | 'parkeervergunning';

/** Turns the demo's relative dates and references into real values when the simulator starts. */
export interface DemoContext {
  /** ISO 8601 date-time `days` from now (negative: before now), to the second, in UTC. */
  moment(days: number): string;
  /** URL of a document (enkelvoudiginformatieobject) in the ZGW simulator. */
  document(uuid: string): string;
  /** URL of an object in this Objects API. */
  object(uuid: string): string;
}

export type DemoData = (ctx: DemoContext) => Record<string, unknown>;

export interface DemoOwner {
  type: 'bsn' | 'kvk';
  value: string;
}

export interface DemoObject {
  uuid: string;
  kind: DemoObjectKind;
  /** Whose it is (null for a formulier). */
  owner: DemoOwner | null;
  /** The (latest) record starts and was registered this many days before now. */
  daysAgo: number;
  data: DemoData;
  /** Earlier records, oldest first: the object's history. */
  earlier?: { daysAgo: number; data: DemoData }[];
  /** Zaken (UUIDs in ./zgw-demo.ts) the latest record refers to (record.references). */
  zaken?: string[];
}

const gemeente = 'gemeente-voorbeeldstad';
const bsn = (value: string): DemoOwner => ({ type: 'bsn', value });
const kvk = (value: string): DemoOwner => ({ type: 'kvk', value });

const suzanne = bsn('999993653');
const jan = bsn('999990019');
const lotte = bsn('999990482');
const pieter = bsn('999995571');
const fatima = bsn('999991772');
const bakkerij = kvk('69599084');
const fietsenmaker = kvk('68750110');
const karel = bsn('111222333');
const marieke = bsn('123456782');

const zaakUuid = (number: number) => demoUuid('a0', 0, number);
const zaakId = (number: number) => `ZAAK-${String(number).padStart(6, '0')}`;

/** A document of a demo zaak, by its position in that zaak (1-based); fails early if there is none. */
function documentOf(zaakNumber: number, position: number): string {
  const zaak = demoZaken.find((z) => z.uuid === zaakUuid(zaakNumber));
  const document = zaak?.documenten[position - 1];
  if (!document) throw new Error(`objecten-demo: ZAAK-${zaakNumber} has no document ${position}`);
  return document.uuid;
}

// ---------------------------------------------------------------------------------------------
// Formulieren: Form.io definitions

const formUuid = (n: number) => demoUuid('f2', 0, n);

const submit = { type: 'button', key: 'submit', label: 'Versturen', action: 'submit', input: true, disableOnInvalid: true };

const bijstandForm = {
  display: 'form',
  title: 'Aanvullende gegevens bijzondere bijstand',
  components: [
    { type: 'textfield', key: 'naam', label: 'Naam', input: true, validate: { required: true, maxLength: 100 }, autocomplete: 'name' },
    {
      type: 'textarea',
      key: 'toelichting',
      label: 'Waarom heeft u een nieuwe wasmachine nodig?',
      input: true,
      rows: 4,
      validate: { required: true, minLength: 10, maxLength: 1000 },
    },
    { type: 'number', key: 'maandinkomen', label: 'Netto maandinkomen in euro', input: true, validate: { required: true, min: 0, max: 10000 } },
    { type: 'number', key: 'personen', label: 'Aantal personen in uw huishouden', input: true, validate: { required: true, min: 1, max: 15 } },
    {
      type: 'datetime',
      key: 'kapotSinds',
      label: 'Sinds wanneer is de wasmachine kapot?',
      input: true,
      enableTime: false,
      format: 'yyyy-MM-dd',
      validate: { required: true },
    },
    { type: 'email', key: 'email', label: 'E-mailadres', input: true, validate: { required: true } },
    {
      type: 'phoneNumber',
      key: 'telefoon',
      label: 'Telefoonnummer',
      input: true,
      validate: { required: false, pattern: '^(\\+31|0)[1-9][0-9]{8}$' },
    },
    { type: 'textfield', key: 'iban', label: 'IBAN', input: true, validate: { required: true, pattern: '^NL[0-9]{2}[A-Z]{4}[0-9]{10}$' } },
    {
      type: 'select',
      key: 'woonsituatie',
      label: 'Woonsituatie',
      input: true,
      data: {
        values: [
          { label: 'Huurwoning', value: 'huur' },
          { label: 'Koopwoning', value: 'koop' },
          { label: 'Inwonend', value: 'inwonend' },
        ],
      },
      validate: { required: true },
    },
    {
      type: 'radio',
      key: 'eerderAangevraagd',
      label: 'Heeft u het afgelopen jaar eerder bijzondere bijstand aangevraagd?',
      input: true,
      values: [
        { label: 'Ja', value: 'ja' },
        { label: 'Nee', value: 'nee' },
      ],
      validate: { required: true },
    },
    { type: 'checkbox', key: 'naarWaarheid', label: 'Ik heb dit formulier naar waarheid ingevuld', input: true, validate: { required: true } },
    submit,
  ],
};

const inkomenForm = {
  display: 'form',
  title: 'Inkomen en kosten kinderopvang',
  components: [
    { type: 'number', key: 'brutoInkomen', label: 'Bruto maandinkomen in euro', input: true, validate: { required: true, min: 0, max: 20000 } },
    { type: 'number', key: 'urenOpvang', label: 'Uren kinderopvang per maand', input: true, validate: { required: true, min: 0, max: 230 } },
    {
      type: 'datetime',
      key: 'startOpvang',
      label: 'Startdatum kinderopvang',
      input: true,
      enableTime: false,
      format: 'yyyy-MM-dd',
      validate: { required: true },
    },
    {
      type: 'select',
      key: 'soortOpvang',
      label: 'Soort opvang',
      input: true,
      data: {
        values: [
          { label: 'Dagopvang', value: 'dagopvang' },
          { label: 'Buitenschoolse opvang', value: 'bso' },
          { label: 'Gastouder', value: 'gastouder' },
        ],
      },
      validate: { required: true },
    },
    { type: 'textarea', key: 'opmerkingen', label: 'Opmerkingen', input: true, validate: { required: false, maxLength: 500 } },
    submit,
  ],
};

/** What the portal cannot render: an edit grid and a signature (in a wizard with a file upload, which it can). */
const unsupportedForm = {
  display: 'wizard',
  title: 'Verklaring mantelzorg',
  components: [
    {
      type: 'panel',
      key: 'stap1',
      title: 'Stap 1: bewijsstukken',
      components: [
        {
          type: 'file',
          key: 'bewijs',
          label: 'Upload een verklaring van de huisarts',
          input: true,
          storage: 'url',
          url: '/upload',
          validate: { required: true },
        },
        {
          type: 'editgrid',
          key: 'zorgmomenten',
          label: 'Zorgmomenten',
          input: true,
          components: [{ type: 'textfield', key: 'omschrijving', label: 'Omschrijving', input: true }],
        },
      ],
    },
    {
      type: 'panel',
      key: 'stap2',
      title: 'Stap 2: ondertekenen',
      components: [{ type: 'signature', key: 'handtekening', label: 'Handtekening', input: true, validate: { required: true } }],
    },
  ],
};

/**
 * An information request as NL Portal forms are written (as its FormIO objects are exported):
 * containers with nested keys, read-only fields the case worker filled in through
 * portaalformulier.data, a condition on a field inside a container and one on a nested key, and
 * portalFileUpload fields with several files.
 */
const informatieverzoekForm = {
  display: 'form',
  settings: {
    pdf: { id: '1ec0f8ee-6685-5d98-a847-26f67b67d6f0', src: 'https://files.form.io/pdf/5692b91fd1028f01000407e3/file/1ec0f8ee-6685-5d98-a847-26f67b67d6f0' },
  },
  components: [
    {
      label: 'HTML',
      tag: 'p',
      attrs: [{ attr: '', value: '' }],
      content: 'Wij hebben meer informatie nodig om uw aanvraag te behandelen. Controleer uw adres en stuur de gevraagde documenten mee.',
      refreshOnChange: false,
      key: 'html',
      type: 'htmlelement',
      input: false,
      tableView: false,
    },
    {
      label: 'Toelichting van de behandelaar',
      autoExpand: false,
      tableView: true,
      disabled: true,
      key: 'toelichtingBehandelaar',
      type: 'textarea',
      input: true,
    },
    {
      label: 'Aanvrager',
      tableView: false,
      key: 'aanvrager',
      type: 'container',
      input: true,
      hideLabel: true,
      components: [
        { label: 'Naam', tableView: true, disabled: true, key: 'naam', type: 'textfield', input: true },
        {
          label: 'Adres',
          tableView: false,
          key: 'adres',
          type: 'container',
          input: true,
          components: [
            { label: 'Straat', tableView: true, validate: { required: true }, key: 'straat', type: 'textfield', input: true },
            { label: 'Huisnummer', tableView: true, validate: { required: true, maxLength: 10 }, key: 'huisnummer', type: 'textfield', input: true },
            {
              label: 'Postcode',
              tableView: true,
              validate: { required: true, pattern: '[1-9][0-9]{3} ?[A-Za-z]{2}', customMessage: 'Vul een postcode in zoals 1234 AB.' },
              key: 'postcode',
              type: 'textfield',
              input: true,
            },
            { label: 'Woonplaats', tableView: true, disabled: true, key: 'woonplaats', type: 'textfield', input: true },
          ],
        },
      ],
    },
    {
      label: 'Situatie',
      tableView: false,
      key: 'situatie',
      type: 'container',
      input: true,
      components: [
        {
          label: 'Is uw situatie veranderd sinds uw aanvraag?',
          optionsLabelPosition: 'right',
          inline: false,
          tableView: false,
          values: [
            { label: 'Ja', value: 'ja', shortcut: '' },
            { label: 'Nee', value: 'nee', shortcut: '' },
          ],
          validate: { required: true },
          key: 'gewijzigd',
          type: 'radio',
          input: true,
        },
        {
          label: 'Wat is er veranderd?',
          autoExpand: false,
          tableView: true,
          validate: { required: true, maxLength: 1000 },
          key: 'toelichting',
          conditional: { show: true, when: 'gewijzigd', eq: 'ja' },
          type: 'textarea',
          input: true,
        },
      ],
    },
    {
      key: 'bewijsWijziging',
      type: 'portalFileUpload',
      input: true,
      label: 'Een bewijs van de verandering',
      tableView: false,
      multipleFiles: true,
      validate: { required: true },
      conditional: { show: true, when: 'situatie.gewijzigd', eq: 'ja' },
      informatieobjecttype: 'https://openzaak.example.nl/catalogi/api/v1/informatieobjecttypen/00000000-0000-4000-8000-00000000b001',
    },
    {
      key: 'bankafschriften',
      type: 'portalFileUpload',
      input: true,
      label: 'Een kopie van de bankafschriften van de afgelopen maand',
      tableView: false,
      multipleFiles: true,
      validate: { required: true },
      informatieobjecttype: 'https://openzaak.example.nl/catalogi/api/v1/informatieobjecttypen/00000000-0000-4000-8000-00000000b002',
    },
    {
      label: 'Ik heb alles naar waarheid ingevuld',
      tableView: false,
      validate: { required: true },
      key: 'akkoord',
      type: 'checkbox',
      input: true,
      defaultValue: false,
    },
    { type: 'button', label: 'Verzenden', key: 'submit', disableOnInvalid: true, input: true, tableView: false },
  ],
};

const formulieren: DemoObject[] = [
  { uuid: formUuid(1), kind: 'formulier', owner: null, daysAgo: 400, data: () => ({ formDefinition: bijstandForm }) },
  { uuid: formUuid(2), kind: 'formulier', owner: null, daysAgo: 400, data: () => ({ formDefinition: inkomenForm }) },
  { uuid: formUuid(3), kind: 'formulier', owner: null, daysAgo: 400, data: () => ({ formDefinition: unsupportedForm }) },
  { uuid: formUuid(4), kind: 'formulier', owner: null, daysAgo: 200, data: () => ({ formDefinition: informatieverzoekForm }) },
];

// ---------------------------------------------------------------------------------------------
// Taken (TaakV2)

type TaakSoort =
  | { soort: 'url'; uri: string }
  | { soort: 'portaalformulier'; formulier: number; data?: Record<string, unknown>; verzonden?: Record<string, unknown> }
  | { soort: 'ogonebetaling'; bedrag: number; betaalkenmerk: string };

interface TaakDefinition {
  titel: string;
  owner: DemoOwner;
  status: 'open' | 'afgerond' | 'verwerkt' | 'gesloten';
  /** Days from now; absent = no verloopdatum. */
  verloopt?: number;
  /** Number of a zaak of the same owner in ./zgw-demo.ts. */
  zaak?: number;
  daysAgo: number;
  task: TaakSoort;
  /** The taak was open first, then changed to `status` (two records). */
  openedDaysAgo?: number;
}

function taakData(number: number, t: TaakDefinition, status: TaakDefinition['status']): DemoData {
  return (ctx) => {
    const data: Record<string, unknown> = {
      titel: t.titel,
      status,
      soort: t.task.soort,
      identificatie: { type: t.owner.type, value: t.owner.value },
      verwerker_taak_id: demoUuid('f3', 0, number),
      eigenaar: gemeente,
    };
    if (t.verloopt !== undefined) data.verloopdatum = ctx.moment(t.verloopt);
    if (t.zaak !== undefined) data.koppeling = { registratie: 'zaak', value: zaakUuid(t.zaak) };
    const task = t.task;
    if (task.soort === 'url') data.url = { uri: task.uri };
    if (task.soort === 'portaalformulier') {
      data.portaalformulier = {
        formulier: { soort: 'url', value: ctx.object(formUuid(task.formulier)) },
        ...(task.data ? { data: task.data } : {}),
        ...(status !== 'open' && task.verzonden ? { verzonden_data: task.verzonden } : {}),
      };
    }
    if (task.soort === 'ogonebetaling') data.ogonebetaling = { bedrag: task.bedrag, betaalkenmerk: task.betaalkenmerk, pspid: 'voorbeeldstad' };
    return data;
  };
}

function taak(number: number, t: TaakDefinition): DemoObject {
  return {
    uuid: demoUuid('f0', 0, number),
    kind: 'taak',
    owner: t.owner,
    daysAgo: t.daysAgo,
    data: taakData(number, t, t.status),
    ...(t.openedDaysAgo !== undefined ? { earlier: [{ daysAgo: t.openedDaysAgo, data: taakData(number, t, 'open') }] } : {}),
    ...(t.zaak !== undefined ? { zaken: [zaakUuid(t.zaak)] } : {}),
  };
}

const taken: DemoObject[] = [
  // --- Suzanne de Vries: one open taak of every soort, one overdue, one with a form the portal cannot show, two afgerond ---
  taak(101, {
    titel: 'Maak een afspraak om uw nieuwe paspoort op te halen',
    owner: suzanne,
    status: 'open',
    verloopt: 14,
    daysAgo: 2,
    task: { soort: 'url', uri: 'https://voorbeeldstad.example.nl/afspraak-maken?product=paspoort' },
  }),
  taak(102, {
    titel: 'Geef aanvullende gegevens voor uw aanvraag bijzondere bijstand',
    owner: suzanne,
    status: 'open',
    verloopt: 10,
    zaak: 103,
    daysAgo: 5,
    task: { soort: 'portaalformulier', formulier: 1, data: { naam: 'Suzanne de Vries', email: 'suzanne.devries@example.nl', personen: 2 } },
  }),
  taak(103, {
    titel: 'Betaal de leges voor uw omgevingsvergunning',
    owner: suzanne,
    status: 'open',
    verloopt: 21,
    zaak: 102,
    daysAgo: 6,
    task: { soort: 'ogonebetaling', bedrag: 189.35, betaalkenmerk: 'LEGES-2025-000102' },
  }),
  taak(104, {
    titel: 'Stuur een kopie van uw kentekenbewijs voor uw parkeervergunning',
    owner: suzanne,
    status: 'open',
    verloopt: -3,
    zaak: 101,
    daysAgo: 3,
    task: { soort: 'url', uri: 'https://voorbeeldstad.example.nl/parkeren/kenteken-doorgeven?zaak=ZAAK-000101' },
  }),
  taak(105, {
    titel: 'Vul de verklaring mantelzorg in',
    owner: suzanne,
    status: 'open',
    daysAgo: 1,
    task: { soort: 'portaalformulier', formulier: 3 },
  }),
  taak(106, {
    titel: 'Geef uw bankrekeningnummer door voor de uitbetaling',
    owner: suzanne,
    status: 'afgerond',
    verloopt: 2,
    zaak: 103,
    daysAgo: 5,
    openedDaysAgo: 12,
    task: {
      soort: 'portaalformulier',
      formulier: 1,
      data: { naam: 'Suzanne de Vries' },
      verzonden: {
        naam: 'Suzanne de Vries',
        toelichting: 'De oude wasmachine lekt en kan niet meer gerepareerd worden.',
        maandinkomen: 1450,
        personen: 2,
        kapotSinds: new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10), // a month before she asked
        email: 'suzanne.devries@example.nl',
        telefoon: '0612345678',
        iban: 'NL91ABNA0417164300',
        woonsituatie: 'huur',
        eerderAangevraagd: 'nee',
        naarWaarheid: true,
      },
    },
  }),
  taak(107, {
    titel: 'Betaal de leges voor uw bezoekersvergunning',
    owner: suzanne,
    status: 'afgerond',
    verloopt: -180,
    zaak: 105,
    daysAgo: 196,
    openedDaysAgo: 199,
    task: { soort: 'ogonebetaling', bedrag: 25, betaalkenmerk: 'LEGES-2024-000105' },
  }),

  // --- Other test persons ---
  taak(201, {
    titel: 'Stuur een overzicht van uw inkomsten en vaste lasten',
    owner: jan,
    status: 'open',
    verloopt: 20,
    zaak: 202,
    daysAgo: 10,
    task: { soort: 'url', uri: 'https://voorbeeldstad.example.nl/kwijtschelding/inkomsten-doorgeven?zaak=ZAAK-000202' },
  }),
  taak(212, {
    titel: 'Stuur de gevraagde informatie voor uw parkeervergunning',
    owner: lotte,
    status: 'open',
    verloopt: 12,
    zaak: 211,
    daysAgo: 3,
    task: {
      soort: 'portaalformulier',
      formulier: 4,
      data: {
        toelichtingBehandelaar: 'Wij missen uw bankafschriften van de afgelopen maand. Is uw adres nog juist?',
        aanvrager: { naam: 'Lotte Jansen', adres: { straat: 'Stationsweg', huisnummer: '12', postcode: '1234 AB', woonplaats: 'Voorbeeldstad' } },
      },
    },
  }),
  taak(231, {
    titel: 'Vul het formulier over uw inkomen en de kinderopvang in',
    owner: fatima,
    status: 'open',
    verloopt: 7,
    zaak: 231,
    daysAgo: 2,
    task: { soort: 'portaalformulier', formulier: 2 },
  }),

  // --- Companies ---
  taak(301, {
    titel: 'Betaal de leges voor uw terrasvergunning',
    owner: bakkerij,
    status: 'open',
    verloopt: 14,
    zaak: 301,
    daysAgo: 10,
    task: { soort: 'ogonebetaling', bedrag: 142.5, betaalkenmerk: 'LEGES-2025-000301' },
  }),
  taak(302, {
    titel: 'Upload de plattegrond van uw terras',
    owner: bakkerij,
    status: 'afgerond',
    verloopt: -4,
    zaak: 301,
    daysAgo: 16,
    task: { soort: 'url', uri: 'https://voorbeeldstad.example.nl/terras/plattegrond?zaak=ZAAK-000301' },
  }),
  taak(321, {
    titel: 'Geef aan wanneer de fietswrakken zijn opgeruimd',
    owner: fietsenmaker,
    status: 'open',
    verloopt: 5,
    zaak: 321,
    daysAgo: 1,
    task: { soort: 'url', uri: 'https://voorbeeldstad.example.nl/meldingen/reactie?zaak=ZAAK-000321' },
  }),

  // --- Other people: never shown to the test persons ---
  taak(901, {
    titel: 'Betaal de leges voor uw aanbouw',
    owner: karel,
    status: 'open',
    verloopt: 10,
    zaak: 901,
    daysAgo: 20,
    task: { soort: 'ogonebetaling', bedrag: 612.75, betaalkenmerk: 'LEGES-2025-000901' },
  }),
  taak(902, {
    titel: 'Upload een kopie van uw kentekenbewijs',
    owner: marieke,
    status: 'open',
    verloopt: 4,
    zaak: 902,
    daysAgo: 5,
    task: { soort: 'url', uri: 'https://voorbeeldstad.example.nl/parkeren/kenteken-doorgeven?zaak=ZAAK-000902' },
  }),
];

// ---------------------------------------------------------------------------------------------
// Berichten

type Handelingsperspectief = 'betalen' | 'informatie verstrekken' | 'informatie ontvangen';
type BerichtType = 'notificatie' | 'betaalverzoek' | 'uitnodiging' | 'verzoek';

interface BerichtDefinition {
  owner: DemoOwner;
  onderwerp: string;
  tekst: string;
  /** Days before now that it was published (negative: in the future). */
  gepubliceerd: number;
  /** Number of the zaak it is about (referentie = its identificatie); absent: referentie "". */
  zaak?: number;
  type: BerichtType;
  /** Absent: "informatie ontvangen" without a termijn. */
  actie?: { perspectief: Handelingsperspectief; termijn: number };
  geopend: boolean;
  /** [zaak number, document position] of each bijlage. */
  bijlagen?: [number, number][];
}

function bericht(number: number, b: BerichtDefinition): DemoObject {
  return {
    uuid: demoUuid('f1', 0, number),
    kind: 'bericht',
    owner: b.owner,
    // Registered when it was written: at once for the past ones, today for a future publication.
    daysAgo: Math.max(0, b.gepubliceerd),
    data: (ctx) => ({
      identificatie: { type: b.owner.type, value: b.owner.value },
      publicatiedatum: ctx.moment(-b.gepubliceerd),
      onderwerp: b.onderwerp,
      berichtTekst: b.tekst,
      referentie: b.zaak === undefined ? '' : zaakId(b.zaak),
      handelingsperspectief: b.actie?.perspectief ?? 'informatie ontvangen',
      einddatumHandelingstermijn: b.actie ? ctx.moment(b.actie.termijn) : '',
      geopend: b.geopend,
      berichtType: b.type,
      bijlages: (b.bijlagen ?? []).map(([zaak, position]) => ctx.document(documentOf(zaak, position))),
    }),
    ...(b.zaak !== undefined ? { zaken: [zaakUuid(b.zaak)] } : {}),
  };
}

const groet = '\n\nMet vriendelijke groet,\nGemeente Voorbeeldstad';

const berichten: DemoObject[] = [
  // --- Suzanne de Vries: 15 published (6 unread), one not yet published ---
  bericht(101, {
    owner: suzanne,
    onderwerp: 'Wij hebben uw aanvraag voor een parkeervergunning ontvangen',
    tekst: `Beste mevrouw De Vries,\n\nWij hebben uw aanvraag voor een bewonersvergunning in vergunninggebied Centrum ontvangen. In de bijlage vindt u uw aanvraag.${groet}`,
    gepubliceerd: 3,
    zaak: 101,
    type: 'notificatie',
    geopend: true,
    bijlagen: [[101, 1]],
  }),
  bericht(102, {
    owner: suzanne,
    onderwerp: 'Wij hebben meer informatie nodig over uw aanvraag bijzondere bijstand',
    tekst: `Beste mevrouw De Vries,\n\nWilt u de bankafschriften van de laatste drie maanden sturen? Dat kan via uw taken.${groet}`,
    gepubliceerd: 5,
    zaak: 103,
    type: 'verzoek',
    actie: { perspectief: 'informatie verstrekken', termijn: 10 },
    geopend: false,
  }),
  bericht(103, {
    owner: suzanne,
    onderwerp: 'Betaal de leges voor uw omgevingsvergunning',
    tekst: `Beste mevrouw De Vries,\n\nVoor de behandeling van uw aanvraag betaalt u € 189,35 leges. U kunt betalen via uw taken.${groet}`,
    gepubliceerd: 6,
    zaak: 102,
    type: 'betaalverzoek',
    actie: { perspectief: 'betalen', termijn: 21 },
    geopend: false,
  }),
  bericht(104, {
    owner: suzanne,
    onderwerp: 'Uitnodiging voor een gesprek over uw aanvraag bijzondere bijstand',
    tekst: `Beste mevrouw De Vries,\n\nWij nodigen u uit voor een gesprek op het stadskantoor. Neem uw identiteitsbewijs mee.${groet}`,
    gepubliceerd: 2,
    zaak: 103,
    type: 'uitnodiging',
    geopend: false,
  }),
  bericht(105, {
    owner: suzanne,
    onderwerp: 'Besluit op uw aanvraag voor een bezoekersvergunning',
    tekst: `Beste mevrouw De Vries,\n\nWij hebben besloten u een bezoekersvergunning te geven. Het besluit vindt u in de bijlage.${groet}`,
    gepubliceerd: 188,
    zaak: 105,
    type: 'notificatie',
    geopend: true,
    bijlagen: [[105, 1]],
  }),
  bericht(106, {
    owner: suzanne,
    onderwerp: 'Besluit over de kwijtschelding van uw afvalstoffenheffing',
    tekst: `Beste mevrouw De Vries,\n\nU hoeft de afvalstoffenheffing niet te betalen. Het besluit vindt u in de bijlage.${groet}`,
    gepubliceerd: 230,
    zaak: 106,
    type: 'notificatie',
    geopend: true,
    bijlagen: [[106, 1]],
  }),
  bericht(107, {
    owner: suzanne,
    onderwerp: 'Uw melding over de Dorpsstraat',
    tekst:
      'Beste mevrouw De Vries,\n\nDank voor uw melding van de losliggende stoeptegel.\nDe stratenmaker heeft de tegel vastgelegd.\n\n' +
      'Meer informatie: https://voorbeeldstad.example.nl/meldingen?zaak=ZAAK-000104&bron=portaal\n\n' +
      'Deze tekst bevat opmaak die niet mag werken: <script>alert(1)</script> <b>vet</b> <a href="javascript:alert(2)">klik</a> & "aanhalingstekens"' +
      groet,
    gepubliceerd: 109,
    zaak: 104,
    type: 'notificatie',
    geopend: false,
    bijlagen: [[104, 1]],
  }),
  bericht(108, {
    owner: suzanne,
    onderwerp: 'Uw aanvraag, deel 2__vervolg',
    tekst: `Beste mevrouw De Vries,\n\nDit is het vervolg op ons vorige bericht over uw aanvraag.${groet}`,
    gepubliceerd: 1,
    zaak: 103,
    type: 'notificatie',
    geopend: false,
  }),
  bericht(109, {
    owner: suzanne,
    onderwerp: 'Uw aanvraag, deel 2',
    tekst: `Beste mevrouw De Vries,\n\nDit is het tweede deel van ons bericht over uw aanvraag.${groet}`,
    gepubliceerd: 4,
    zaak: 103,
    type: 'notificatie',
    geopend: true,
  }),
  bericht(110, {
    owner: suzanne,
    onderwerp: 'Ontvangstbevestiging van uw aanvraag bijzondere bijstand',
    tekst: `Beste mevrouw De Vries,\n\nWij hebben uw aanvraag ontvangen. In de bijlagen vindt u de ontvangstbevestiging en onze folder.${groet}`,
    gepubliceerd: 20,
    zaak: 103,
    type: 'notificatie',
    geopend: true,
    bijlagen: [
      [103, 2],
      [103, 1],
    ],
  }),
  bericht(111, {
    owner: suzanne,
    onderwerp: 'De nieuwe afvalkalender staat online',
    tekst: `Beste bewoner,\n\nVanaf volgende maand wordt het restafval om de week opgehaald. Bekijk de afvalkalender op https://voorbeeldstad.example.nl/afval.${groet}`,
    gepubliceerd: 40,
    type: 'notificatie',
    geopend: true,
  }),
  bericht(112, {
    owner: suzanne,
    onderwerp: 'Werkzaamheden in de Kastanjelaan',
    tekst: `Beste bewoner,\n\nVan 3 tot en met 14 maart vervangen wij de riolering in uw straat.${groet}`,
    gepubliceerd: 60,
    type: 'notificatie',
    geopend: true,
  }),
  bericht(113, {
    owner: suzanne,
    onderwerp: 'Herinnering: verleng uw bezoekersvergunning',
    tekst: `Beste mevrouw De Vries,\n\nUw bezoekersvergunning verloopt binnenkort. Verleng hem op tijd.${groet}`,
    gepubliceerd: 30,
    zaak: 105,
    type: 'verzoek',
    actie: { perspectief: 'informatie verstrekken', termijn: -5 },
    geopend: true,
  }),
  bericht(114, {
    owner: suzanne,
    onderwerp: 'Uw mening over het nieuwe stadscentrum',
    tekst: `Beste bewoner,\n\nWij horen graag wat u vindt van de plannen voor het stadscentrum. Vul de enquête in voor het einde van de maand.${groet}`,
    gepubliceerd: 8,
    type: 'uitnodiging',
    actie: { perspectief: 'informatie verstrekken', termijn: 30 },
    geopend: false,
  }),
  bericht(115, {
    owner: suzanne,
    onderwerp: 'Uw aanvraag voor een dakkapel is afgehandeld',
    tekst: `Beste mevrouw De Vries,\n\nWij hebben uw aanvraag voor een dakkapel aan de Kastanjelaan 12 afgehandeld.${groet}`,
    gepubliceerd: 380,
    zaak: 109,
    type: 'notificatie',
    geopend: true,
  }),
  bericht(116, {
    owner: suzanne,
    onderwerp: 'Aankondiging: nieuwe parkeertarieven',
    tekst: `Beste bewoner,\n\nVanaf volgend jaar veranderen de parkeertarieven in het centrum.${groet}`,
    gepubliceerd: -3,
    type: 'notificatie',
    geopend: false,
  }),

  // --- Other test persons ---
  bericht(201, {
    owner: jan,
    onderwerp: 'Wij hebben uw verzoek om kwijtschelding ontvangen',
    tekst: `Beste heer Jansen,\n\nWij hebben uw verzoek ontvangen. Binnen 8 weken hoort u van ons.${groet}`,
    gepubliceerd: 11,
    zaak: 202,
    type: 'notificatie',
    geopend: false,
    bijlagen: [[202, 1]],
  }),
  bericht(202, {
    owner: jan,
    onderwerp: 'De strooiwagen komt morgenochtend',
    tekst: `Beste heer Jansen,\n\nDank voor uw melding over de gladheid op de Lindelaan.${groet}`,
    gepubliceerd: 2,
    zaak: 201,
    type: 'notificatie',
    geopend: true,
  }),
  bericht(211, {
    owner: lotte,
    onderwerp: 'Uw aanvraag voor een parkeervergunning is in behandeling',
    tekst: `Beste mevrouw Jansen,\n\nWij bekijken uw aanvraag voor een parkeervergunning aan de Stationsweg.${groet}`,
    gepubliceerd: 7,
    zaak: 211,
    type: 'notificatie',
    geopend: false,
  }),
  bericht(221, {
    owner: pieter,
    onderwerp: 'Wij hebben een foto van het dak nodig',
    tekst: `Beste heer Van den Berg,\n\nVoor uw aanvraag voor zonnepanelen op een monument hebben wij een foto van het dak nodig.${groet}`,
    gepubliceerd: 21,
    zaak: 221,
    type: 'verzoek',
    actie: { perspectief: 'informatie verstrekken', termijn: 14 },
    geopend: false,
  }),
  bericht(231, {
    owner: fatima,
    onderwerp: 'Vul het formulier over uw inkomen in',
    tekst: `Beste mevrouw El Amrani,\n\nVoor uw aanvraag bijzondere bijstand hebben wij gegevens over uw inkomen nodig. U vindt het formulier bij uw taken.${groet}`,
    gepubliceerd: 2,
    zaak: 231,
    type: 'verzoek',
    actie: { perspectief: 'informatie verstrekken', termijn: 7 },
    geopend: false,
  }),

  // --- Companies ---
  bericht(301, {
    owner: bakkerij,
    onderwerp: 'Wij beoordelen uw aanvraag voor een terrasvergunning',
    tekst: `Geachte heer, mevrouw,\n\nWij kijken of er genoeg ruimte overblijft voor voetgangers. In de bijlage vindt u de situatietekening die u stuurde.${groet}`,
    gepubliceerd: 10,
    zaak: 301,
    type: 'notificatie',
    geopend: false,
    bijlagen: [[301, 1]],
  }),
  bericht(302, {
    owner: bakkerij,
    onderwerp: 'Uw melding over de afvalcontainer is afgehandeld',
    tekst: `Geachte heer, mevrouw,\n\nDe afvalcontainer op de stoep aan de Marktstraat is weggehaald.${groet}`,
    gepubliceerd: 75,
    zaak: 302,
    type: 'notificatie',
    geopend: true,
  }),
  bericht(321, {
    owner: fietsenmaker,
    onderwerp: 'Wij hebben uw melding over fietswrakken ontvangen',
    tekst: `Geachte heer, mevrouw,\n\nWij hebben uw melding ontvangen en komen binnen twee weken kijken.${groet}`,
    gepubliceerd: 1,
    zaak: 321,
    type: 'notificatie',
    geopend: false,
  }),

  // --- Other people: never shown to the test persons ---
  bericht(901, {
    owner: karel,
    onderwerp: 'Uw aanvraag voor een aanbouw is compleet',
    tekst: `Beste heer De Boer,\n\nUw aanvraag is compleet. In de bijlage vindt u de bouwtekening die u stuurde.${groet}`,
    gepubliceerd: 20,
    zaak: 901,
    type: 'notificatie',
    geopend: false,
    bijlagen: [[901, 1]],
  }),
  bericht(902, {
    owner: marieke,
    onderwerp: 'Uw aanvraag, deel 2',
    tekst: `Beste mevrouw Visser,\n\nDit is het tweede deel van ons bericht over uw aanvraag.${groet}`,
    gepubliceerd: 4,
    zaak: 902,
    type: 'notificatie',
    geopend: false,
  }),
];

/** The catalogue of Aanvragen (./aanvragen-demo.ts): PDCProductType objects and their forms. */
const catalogus: DemoObject[] = demoProducttypen.flatMap((producttype) => [
  { uuid: aanvraagFormUuid(producttype.n), kind: 'formulier', owner: null, daysAgo: 300, data: () => ({ formDefinition: aanvraagForms[producttype.n] }) },
  {
    uuid: producttypeUuid(producttype.n),
    kind: 'producttype',
    owner: null,
    daysAgo: 300,
    data: (ctx) => producttypeData(producttype, ctx.object(aanvraagFormUuid(producttype.n))),
  },
]);

/**
 * Parkeervergunningen (NL Portal's example object type, specs/objecttypes/parkeervergunning.json):
 * Suzanne's for her car, since 200 days, and one of Karel de Boer, never to be shown to her. The
 * schema has no status or dates: the record's startAt is when it took effect. UUIDs f4….
 */
const parkeervergunningen: DemoObject[] = [
  {
    uuid: demoUuid('f4', 0, 101),
    kind: 'parkeervergunning',
    owner: suzanne,
    daysAgo: 200,
    data: () => ({
      aanvrager: { type: 'bsn', value: suzanne.value },
      data: { naam: 'S. de Vries', kenteken: 'GX-482-T', straat: 'Kastanjelaan 12', postcode: '1234 KL' },
    }),
  },
  {
    uuid: demoUuid('f4', 0, 901),
    kind: 'parkeervergunning',
    owner: karel,
    daysAgo: 40,
    data: () => ({
      aanvrager: { type: 'bsn', value: karel.value },
      data: { naam: 'K. de Boer', kenteken: 'KD-19-PL', straat: 'Dorpsstraat 4', postcode: '3511 XY' },
    }),
  },
];

const objects: DemoObject[] = [...formulieren, ...taken, ...berichten, ...catalogus, ...parkeervergunningen];

const uuidOf = (kind: 'f0' | 'f1', number: number) => demoUuid(kind, 0, number);
const taakUuids = (...numbers: number[]) => numbers.map((n) => uuidOf('f0', n));
const berichtUuids = (...numbers: number[]) => numbers.map((n) => uuidOf('f1', n));

/** The demo in one readable object; `notable` names what tests and the demo guide point at. */
export const objectenDemo = {
  objects,
  formulieren,
  taken,
  berichten,
  parkeervergunningen,
  notable: {
    suzanne: {
      bsn: '999993653',
      /** Open taken, by soort; `overdue` is open with a verloopdatum 3 days ago. */
      taak: {
        url: uuidOf('f0', 101),
        portaalformulier: uuidOf('f0', 102),
        ogonebetaling: uuidOf('f0', 103),
        overdue: uuidOf('f0', 104),
        /** Portaalformulier whose form (a wizard with an edit grid and a signature) the portal cannot show; no verloopdatum. */
        unsupportedForm: uuidOf('f0', 105),
      },
      openTaken: taakUuids(101, 102, 103, 104, 105),
      afgerondeTaken: taakUuids(106, 107),
      /** An afgeronde portaalformulier-taak with two records (open, then afgerond with verzonden_data). */
      taakWithHistory: uuidOf('f0', 106),
      /** Published berichten, newest publicatiedatum first. */
      berichten: berichtUuids(108, 104, 101, 109, 102, 103, 114, 110, 113, 111, 112, 107, 105, 106, 115),
      unreadBerichten: berichtUuids(108, 104, 102, 103, 114, 107),
      /** Publicatiedatum 3 days from now: must not be shown yet. */
      futureBericht: uuidOf('f1', 116),
      /** Text with a URL, line breaks and HTML (<script>, <b>, a javascript: link): must be escaped. */
      berichtWithMarkup: uuidOf('f1', 107),
      /** Onderwerp "Uw aanvraag, deel 2__vervolg" (a comma and a double underscore). */
      berichtCommaUnderscore: uuidOf('f1', 108),
      /** Onderwerp "Uw aanvraag, deel 2" (a comma); Marieke Visser has a bericht with the same onderwerp. */
      berichtComma: uuidOf('f1', 109),
      berichtenWithBijlagen: berichtUuids(101, 105, 106, 107, 110),
      /** Two bijlagen. */
      berichtWithTwoBijlagen: uuidOf('f1', 110),
      /** A handelingsperspectief whose einddatumHandelingstermijn has passed. */
      berichtTermijnVerstreken: uuidOf('f1', 113),
    },
    bakkerij: { kvk: '69599084', taken: taakUuids(301, 302), openTaak: uuidOf('f0', 301), berichten: berichtUuids(301, 302) },
    fietsenmaker: { kvk: '68750110', taken: taakUuids(321), berichten: berichtUuids(321) },
    fatima: { bsn: '999991772', portaalformulierTaak: uuidOf('f0', 231) },
    /** Parkeervergunning objects: Suzanne's (kenteken GX-482-T) and Karel de Boer's (never shown to anyone logged in). */
    parkeervergunning: { suzanne: demoUuid('f4', 0, 101), suzanneKenteken: 'GX-482-T', other: demoUuid('f4', 0, 901) },
    /** An NL Portal information request: containers, read-only prefilled fields, nested conditions, portalFileUpload with several files. */
    lotte: { bsn: '999990482', informatieverzoek: uuidOf('f0', 212), zaak: 211 },
    formulieren: { bijstand: formUuid(1), inkomen: formUuid(2), unsupported: formUuid(3), informatieverzoek: formUuid(4) },
    /** Objects of people who are not test persons. */
    others: { taken: taakUuids(901, 902), berichten: berichtUuids(901, 902), sameOnderwerpAsSuzanne: uuidOf('f1', 902) },
  },
};
