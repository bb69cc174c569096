/**
 * The demo catalogue of Aanvragen: what residents and companies of Gemeente Voorbeeldstad can
 * apply for online, as NL Portal's PDCProductType objects (specs/objecttypes/pdc-producttype.json)
 * with their Form.io forms as FormIO objects, in the Objecten simulator.
 *
 * UUIDs: `demoUuid('f4', 0, n)` for producttype n, `demoUuid('f2', 0, 10 + n)` for its form.
 * | n | producttype                    | for      | zaaktype (zgw-demo)      | route    | form                                     |
 * |---|--------------------------------|----------|--------------------------|----------|------------------------------------------|
 * | 1 | Parkeervergunning voor bewoners| inwoner  | 1 parkeervergunning P4W  | objecten | wizard: gegevens, auto, bewijs (file)    |
 * | 2 | Melding openbare ruimte        | inwoner, bedrijf | 3 melding        | objecten | one page, a photo (file)                 |
 * | 3 | Bijzondere bijstand            | inwoner  | 4 bijstand               | zaken    | wizard: gegevens, kosten                 |
 * | 4 | Terrasvergunning               | bedrijf  | 5 terras                 | objecten | wizard: bedrijf, terras                  |
 * | 5 | Afvalpas                       | inwoner  | none (doorlooptijd P2W)  | objecten | one page                                 |
 * Prefill (`prefillmapping.aanvragen.variabelen`): brp (the person, domain Persoon), kvk (the
 * company, domain Bedrijf), contact ({email, telefoonnummer} the person's known contact details).
 */
import { demoUuid } from './zgw-demo.ts';

export const producttypeUuid = (n: number) => demoUuid('f4', 0, n);
export const aanvraagFormUuid = (n: number) => demoUuid('f2', 0, 10 + n);
export const zaaktypeUuid = (n: number) => demoUuid('c0', 0, n);

const submit = { type: 'button', key: 'submit', label: 'Versturen', input: true };

const contactFields = [
  { type: 'email', key: 'email', label: 'E-mailadres', input: true, validate: { required: true } },
  { type: 'phoneNumber', key: 'telefoon', label: 'Telefoonnummer', input: true, validate: { required: false } },
];

export const aanvraagForms: Record<number, Record<string, unknown>> = {
  1: {
    display: 'wizard',
    title: 'Parkeervergunning voor bewoners',
    components: [
      {
        type: 'panel',
        key: 'gegevens',
        title: 'Uw gegevens',
        components: [
          { type: 'textfield', key: 'naam', label: 'Naam', input: true, validate: { required: true, maxLength: 200 }, autocomplete: 'name' },
          { type: 'textfield', key: 'adres', label: 'Adres', input: true, validate: { required: true, maxLength: 200 } },
          ...contactFields,
        ],
      },
      {
        type: 'panel',
        key: 'auto',
        title: 'Uw auto',
        components: [
          {
            type: 'textfield',
            key: 'kenteken',
            label: 'Kenteken',
            description: 'Bijvoorbeeld AB-123-C',
            input: true,
            validate: { required: true, pattern: '^[A-Za-z0-9]{1,3}-?[A-Za-z0-9]{1,3}-?[A-Za-z0-9]{1,3}$' },
          },
          {
            type: 'radio',
            key: 'soortAuto',
            label: 'Van wie is de auto?',
            input: true,
            values: [
              { label: 'Van mij', value: 'eigen' },
              { label: 'Van mijn werkgever (lease)', value: 'lease' },
            ],
            validate: { required: true },
          },
        ],
      },
      {
        type: 'panel',
        key: 'bewijs',
        title: 'Bewijs',
        components: [
          {
            type: 'file',
            key: 'kentekenbewijs',
            label: 'Kentekenbewijs of leasecontract',
            description: 'Een foto of scan. Dit is niet verplicht als de auto op uw naam staat.',
            input: true,
            storage: 'url',
            multiple: false,
            filePattern: '.pdf,.jpg,.jpeg,.png',
          },
        ],
      },
      submit,
    ],
  },
  2: {
    display: 'form',
    title: 'Melding openbare ruimte',
    components: [
      {
        type: 'select',
        key: 'soort',
        label: 'Wat wilt u melden?',
        input: true,
        data: {
          values: [
            { label: 'Kapotte straatverlichting', value: 'verlichting' },
            { label: 'Losliggende stoeptegel', value: 'bestrating' },
            { label: 'Afval naast een container', value: 'afval' },
            { label: 'Iets anders', value: 'anders' },
          ],
        },
        validate: { required: true },
      },
      {
        type: 'textfield',
        key: 'locatie',
        label: 'Waar is het?',
        description: 'Een adres of een plek die we kunnen vinden',
        input: true,
        validate: { required: true },
      },
      { type: 'textarea', key: 'omschrijving', label: 'Omschrijving', input: true, validate: { required: true, maxLength: 1000 } },
      { type: 'file', key: 'foto', label: "Foto's", input: true, storage: 'url', multiple: true, filePattern: '.jpg,.jpeg,.png' },
      { type: 'email', key: 'email', label: 'E-mailadres voor een reactie', input: true, validate: { required: false } },
      submit,
    ],
  },
  3: {
    display: 'wizard',
    title: 'Bijzondere bijstand',
    components: [
      {
        type: 'panel',
        key: 'gegevens',
        title: 'Uw gegevens',
        components: [
          { type: 'textfield', key: 'naam', label: 'Naam', input: true, validate: { required: true }, autocomplete: 'name' },
          {
            type: 'iban',
            key: 'iban',
            label: 'IBAN',
            description: 'Hierop krijgt u het geld als u bijstand krijgt',
            input: true,
            validate: { required: true },
          },
          ...contactFields,
        ],
      },
      {
        type: 'panel',
        key: 'kosten',
        title: 'Uw kosten',
        components: [
          { type: 'textarea', key: 'waarvoor', label: 'Voor welke kosten vraagt u bijstand?', input: true, validate: { required: true, maxLength: 1000 } },
          { type: 'currency', key: 'bedrag', label: 'Bedrag in euro', input: true, validate: { required: true, min: 1, max: 10000 } },
          { type: 'checkbox', key: 'naarWaarheid', label: 'Ik heb dit formulier naar waarheid ingevuld', input: true, validate: { required: true } },
        ],
      },
      submit,
    ],
  },
  4: {
    display: 'wizard',
    title: 'Terrasvergunning',
    components: [
      {
        type: 'panel',
        key: 'bedrijf',
        title: 'Uw bedrijf',
        components: [
          { type: 'textfield', key: 'bedrijfsnaam', label: 'Naam van het bedrijf', input: true, validate: { required: true } },
          { type: 'textfield', key: 'kvkNummer', label: 'KvK-nummer', input: true, disabled: true },
          ...contactFields,
        ],
      },
      {
        type: 'panel',
        key: 'terras',
        title: 'Het terras',
        components: [
          { type: 'textfield', key: 'adresTerras', label: 'Adres van het terras', input: true, validate: { required: true } },
          { type: 'number', key: 'oppervlakte', label: 'Oppervlakte in vierkante meters', input: true, validate: { required: true, min: 1, max: 500 } },
          { type: 'date', key: 'vanaf', label: 'Vanaf welke datum?', input: true, validate: { required: true } },
        ],
      },
      submit,
    ],
  },
  5: {
    display: 'form',
    title: 'Afvalpas',
    components: [
      { type: 'textfield', key: 'naam', label: 'Naam', input: true, validate: { required: true }, autocomplete: 'name' },
      { type: 'textfield', key: 'adres', label: 'Adres', input: true, validate: { required: true } },
      {
        type: 'radio',
        key: 'reden',
        label: 'Waarom vraagt u een afvalpas aan?',
        input: true,
        values: [
          { label: 'Ik heb nog geen pas', value: 'nieuw' },
          { label: 'Mijn pas is kwijt', value: 'kwijt' },
          { label: 'Mijn pas is kapot', value: 'kapot' },
        ],
        validate: { required: true },
      },
      submit,
    ],
  },
};

export interface DemoAanvraagProducttype {
  n: number;
  naam: string;
  titel: string;
  omschrijving: string;
  thema: string;
  kosten: string;
  nodig: string[];
  doelgroep: string;
  zaaktype?: number;
  doorlooptijd?: string;
  route: 'objecten' | 'zaken';
  variabelen: Record<string, Record<string, string>>;
}

const persoon = { naam: '$.naam', adres: '$.adres[0]' };
const contact = { email: '$.email', telefoon: '$.telefoonnummer' };

export const demoProducttypen: DemoAanvraagProducttype[] = [
  {
    n: 1,
    naam: 'parkeervergunning-bewoner',
    titel: 'Parkeervergunning voor bewoners',
    omschrijving: 'Woont u in een gebied waar u moet betalen voor parkeren? Met een parkeervergunning parkeert u in uw eigen buurt.',
    thema: 'Parkeren',
    kosten: '€ 60 per jaar',
    nodig: ['Het kenteken van uw auto', 'Een leasecontract, als de auto niet op uw naam staat'],
    doelgroep: 'inwoner',
    zaaktype: 1,
    route: 'objecten',
    variabelen: { brp: persoon, contact },
  },
  {
    n: 2,
    naam: 'melding-openbare-ruimte',
    titel: 'Melding openbare ruimte',
    omschrijving: 'Ziet u iets kapot of vies op straat? Meld het ons, dan lossen we het op.',
    thema: 'Wonen en leefomgeving',
    kosten: 'Gratis',
    nodig: ['De plek waar het is', "Als u wilt, foto's"],
    doelgroep: 'inwoner,bedrijf',
    zaaktype: 3,
    route: 'objecten',
    variabelen: { contact: { email: '$.email' } },
  },
  {
    n: 3,
    naam: 'bijzondere-bijstand',
    titel: 'Bijzondere bijstand',
    omschrijving: 'Heeft u weinig geld en onverwachte kosten, bijvoorbeeld voor een bril of een wasmachine? Dan kunt u bijzondere bijstand aanvragen.',
    thema: 'Werk en inkomen',
    kosten: 'Gratis',
    nodig: ['Uw IBAN', 'Wat de kosten zijn en waarvoor'],
    doelgroep: 'inwoner',
    zaaktype: 4,
    route: 'zaken',
    variabelen: { brp: { naam: '$.naam' }, contact },
  },
  {
    n: 4,
    naam: 'terrasvergunning',
    titel: 'Terrasvergunning',
    omschrijving: 'Wilt u een terras bij uw horecazaak? Vraag dan een terrasvergunning aan.',
    thema: 'Ondernemen',
    kosten: '€ 25 per vierkante meter per jaar',
    nodig: ['Het adres van het terras', 'Hoe groot het terras wordt'],
    doelgroep: 'bedrijf',
    zaaktype: 5,
    route: 'objecten',
    variabelen: { kvk: { bedrijfsnaam: '$.naam', kvkNummer: '$.kvkNummer' } },
  },
  {
    n: 5,
    naam: 'afvalpas',
    titel: 'Afvalpas',
    omschrijving: 'Met de afvalpas opent u de containers voor restafval in uw buurt. Is uw pas kwijt of kapot? Dan krijgt u een nieuwe.',
    thema: 'Wonen en leefomgeving',
    kosten: 'Gratis. Een nieuwe pas als uw pas kwijt is, kost € 10',
    nodig: ['Uw adres'],
    doelgroep: 'inwoner',
    doorlooptijd: 'P2W',
    route: 'objecten',
    variabelen: { brp: persoon },
  },
];

/** The PDCProductType data of a demo producttype; `form` is the URL of its FormIO object. */
export function producttypeData(producttype: DemoAanvraagProducttype, form: string): Record<string, unknown> {
  return {
    naam: producttype.naam,
    omschrijving: producttype.omschrijving,
    statussen: { actief: 'Actief', inaanvraag: 'In aanvraag' },
    zaaktypen: producttype.zaaktype ? [zaaktypeUuid(producttype.zaaktype)] : [],
    parameters: {
      titel: producttype.titel,
      thema: producttype.thema,
      kosten: producttype.kosten,
      nodig: producttype.nodig.join('\n'),
      doelgroep: producttype.doelgroep,
      route: producttype.route,
      ...(producttype.doorlooptijd ? { doorlooptijd: producttype.doorlooptijd } : {}),
    },
    prefillmapping: { aanvragen: { formulierUrl: form, variabelen: producttype.variabelen } },
  };
}
