/**
 * The demo world of the ZGW simulator (Zaken, Catalogi, Documenten): one catalogue of zaaktypen
 * of the gemeente Voorbeeldstad, and the zaken and documents of the test persons and companies
 * in ./test-identities.ts, plus zaken of other people that a logged-in person must never see.
 *
 * Everything is deterministic so that tests can name it: a zaak's UUID ends in the number of
 * its identificatie (ZAAK-000103 ↔ a0000000-0000-4000-8000-000000000103), a document's UUID in
 * its zaak's number and its own (d0000000-0000-4000-8000-000103000002). Dates are given in days
 * before "now" and become real dates when the simulator starts (its `now` option).
 *
 * Who has what (initiator unless said otherwise):
 * - Suzanne de Vries 999993653: 3 open zaken (101 with one status and the search word
 *   "Wilhelminastraat", 102 with a long history, 103 with a document of every
 *   vertrouwelijkheidaanduiding and the large document) and 10 closed ones (104–113). In 901 she
 *   is only belanghebbende; someone else is the initiator.
 * - Jan Jansen 999990019: 201 and 202, open (his daughter Lotte acts for him).
 * - Lotte Jansen 999990482: 211. Pieter van den Berg 999995571: 221 (and 222, confidentieel, and
 *   223, of an intern zaaktype: both never shown to him). Fatima El Amrani 999991772: 231, open.
 * - Anna Bakker 999992570: none.
 * - Bakkerij Van den Berg B.V. (KvK 69599084): 301 and 302 on the company (innNnpId), 311 on
 *   vestiging 000038509504, 312 on vestiging 000038509520.
 * - Fietsenmaker De Snelle Spaak (KvK 68750110): 321. Stichting Buurtkracht (90001745): none.
 * - Other people (not test persons): 901, 902, 903.
 */
import { findTestCompany, findTestPerson } from './test-identities.ts';

export type Vertrouwelijkheidaanduiding =
  | 'openbaar'
  | 'beperkt_openbaar'
  | 'intern'
  | 'zaakvertrouwelijk'
  | 'vertrouwelijk'
  | 'confidentieel'
  | 'geheim'
  | 'zeer_geheim';

/** Every vertrouwelijkheidaanduiding, from most open to most secret (the order of the standard). */
export const vertrouwelijkheidaanduidingen: readonly Vertrouwelijkheidaanduiding[] = [
  'openbaar',
  'beperkt_openbaar',
  'intern',
  'zaakvertrouwelijk',
  'vertrouwelijk',
  'confidentieel',
  'geheim',
  'zeer_geheim',
];

/**
 * A UUID (version 4 layout) that says what it is: two hex digits for the kind of object, then
 * up to two numbers. `demoUuid('a0', 0, 103)` → 'a0000000-0000-4000-8000-000000000103'.
 */
export function demoUuid(kind: string, first: number, second = 0): string {
  return `${kind}000000-0000-4000-8000-${String(first).padStart(6, '0')}${String(second).padStart(6, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// The organisation

export const demoOrganisatie = {
  naam: 'Gemeente Voorbeeldstad',
  /** RSIN of the gemeente: bronorganisatie and verantwoordelijkeOrganisatie of every zaak. */
  rsin: '002220647',
  catalogusUuid: demoUuid('ca', 0, 1),
  domein: 'VBS',
};

// ---------------------------------------------------------------------------------------------
// The catalogue

export interface DemoStatustype {
  uuid: string;
  volgnummer: number;
  omschrijving: string;
  /** The text for the resident: what this step means for them. */
  statustekst: string;
  isEindstatus: boolean;
}

export interface DemoResultaattype {
  uuid: string;
  omschrijving: string;
  toelichting: string;
}

export interface DemoRoltype {
  uuid: string;
  omschrijving: string;
  omschrijvingGeneriek: 'initiator' | 'belanghebbende';
}

export interface DemoZaaktype {
  key: ZaaktypeKey;
  uuid: string;
  identificatie: string;
  omschrijving: string;
  doel: string;
  vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding;
  /** ISO 8601 duration, and the same in days (for uiterlijkeEinddatumAfdoening). */
  doorlooptijd: string;
  doorlooptijdDagen: number;
  handelingInitiator: string;
  onderwerp: string;
  trefwoorden: string[];
  statustypen: DemoStatustype[];
  resultaattypen: DemoResultaattype[];
  roltypen: DemoRoltype[];
  /** 'intern': zaken of this type are started by the organisation itself (default 'extern'). */
  indicatieInternOfExtern?: 'intern' | 'extern';
}

export type ZaaktypeKey = 'parkeervergunning' | 'omgevingsvergunning' | 'melding' | 'bijstand' | 'terras' | 'kwijtschelding' | 'toezicht';

function zaaktype(
  number: number,
  definition: Omit<DemoZaaktype, 'uuid' | 'statustypen' | 'resultaattypen' | 'roltypen'> & {
    statustypen: [omschrijving: string, statustekst: string][];
    resultaattypen: [omschrijving: string, toelichting: string][];
  },
): DemoZaaktype {
  return {
    ...definition,
    uuid: demoUuid('c0', 0, number),
    statustypen: definition.statustypen.map(([omschrijving, statustekst], index) => ({
      uuid: demoUuid('c1', number, index + 1),
      volgnummer: index + 1,
      omschrijving,
      statustekst,
      isEindstatus: index === definition.statustypen.length - 1,
    })),
    resultaattypen: definition.resultaattypen.map(([omschrijving, toelichting], index) => ({
      uuid: demoUuid('c2', number, index + 1),
      omschrijving,
      toelichting,
    })),
    roltypen: [
      { uuid: demoUuid('c3', number, 1), omschrijving: 'Aanvrager', omschrijvingGeneriek: 'initiator' },
      { uuid: demoUuid('c3', number, 2), omschrijving: 'Belanghebbende', omschrijvingGeneriek: 'belanghebbende' },
    ],
  };
}

export const demoZaaktypen: DemoZaaktype[] = [
  zaaktype(1, {
    key: 'parkeervergunning',
    identificatie: 'PARKEERVERGUNNING',
    omschrijving: 'Parkeervergunning aanvragen',
    doel: 'Een bewoner of bezoeker krijgt toestemming om in een vergunninggebied te parkeren.',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    doorlooptijd: 'P4W',
    doorlooptijdDagen: 28,
    handelingInitiator: 'Aanvragen',
    onderwerp: 'Parkeervergunning',
    trefwoorden: ['parkeren', 'vergunning'],
    statustypen: [
      ['Aanvraag ontvangen', 'We hebben uw aanvraag ontvangen.'],
      ['In behandeling', 'We bekijken uw aanvraag.'],
      ['Besluit genomen', 'We hebben een besluit genomen over uw aanvraag.'],
    ],
    resultaattypen: [
      ['Verleend', 'De vergunning is verleend.'],
      ['Geweigerd', 'De vergunning is geweigerd.'],
      ['Ingetrokken', 'De aanvrager heeft de aanvraag ingetrokken.'],
    ],
  }),
  zaaktype(2, {
    key: 'omgevingsvergunning',
    identificatie: 'OMGEVINGSVERGUNNING',
    omschrijving: 'Omgevingsvergunning aanvragen',
    doel: 'Toestemming om te bouwen, te verbouwen of iets aan een monument te veranderen.',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    doorlooptijd: 'P8W',
    doorlooptijdDagen: 56,
    handelingInitiator: 'Aanvragen',
    onderwerp: 'Omgevingsvergunning',
    trefwoorden: ['bouwen', 'verbouwen', 'vergunning'],
    statustypen: [
      ['Aanvraag ontvangen', 'We hebben uw aanvraag ontvangen.'],
      ['Aanvraag compleet', 'Uw aanvraag is compleet. We hebben alle gegevens die we nodig hebben.'],
      ['Inhoudelijke beoordeling', 'We beoordelen uw plan. We kijken of het past in het omgevingsplan.'],
      ['Advies gevraagd', 'We hebben advies gevraagd aan een deskundige, bijvoorbeeld de commissie voor ruimtelijke kwaliteit.'],
      ['Besluit in voorbereiding', 'We schrijven het besluit over uw aanvraag.'],
      ['Besluit genomen', 'We hebben een besluit genomen over uw aanvraag.'],
    ],
    resultaattypen: [
      ['Verleend', 'De omgevingsvergunning is verleend.'],
      ['Geweigerd', 'De omgevingsvergunning is geweigerd.'],
      ['Ingetrokken', 'De aanvrager heeft de aanvraag ingetrokken.'],
    ],
  }),
  zaaktype(3, {
    key: 'melding',
    identificatie: 'MELDING-OPENBARE-RUIMTE',
    omschrijving: 'Melding openbare ruimte',
    doel: 'Een probleem in de openbare ruimte (straat, groen, verlichting, afval) wordt opgelost.',
    vertrouwelijkheidaanduiding: 'openbaar',
    doorlooptijd: 'P2W',
    doorlooptijdDagen: 14,
    handelingInitiator: 'Melden',
    onderwerp: 'Openbare ruimte',
    trefwoorden: ['melding', 'straat', 'afval'],
    statustypen: [
      ['Melding ontvangen', 'We hebben uw melding ontvangen.'],
      ['Ingepland', 'We hebben het werk ingepland.'],
      ['Afgehandeld', 'We hebben uw melding afgehandeld.'],
    ],
    resultaattypen: [
      ['Opgelost', 'Het probleem is opgelost.'],
      ['Niet opgelost', 'Het probleem kon niet worden opgelost.'],
      ['Doorgestuurd', 'De melding is doorgestuurd naar een andere organisatie.'],
    ],
  }),
  zaaktype(4, {
    key: 'bijstand',
    identificatie: 'BIJZONDERE-BIJSTAND',
    omschrijving: 'Bijzondere bijstand aanvragen',
    doel: 'Een inwoner met een laag inkomen krijgt geld voor noodzakelijke kosten.',
    vertrouwelijkheidaanduiding: 'vertrouwelijk',
    doorlooptijd: 'P8W',
    doorlooptijdDagen: 56,
    handelingInitiator: 'Aanvragen',
    onderwerp: 'Bijzondere bijstand',
    trefwoorden: ['inkomen', 'bijstand'],
    statustypen: [
      ['Aanvraag ontvangen', 'We hebben uw aanvraag ontvangen.'],
      ['In behandeling', 'We bekijken uw aanvraag.'],
      ['Aanvullende informatie nodig', 'We hebben meer informatie van u nodig. Kijk bij uw taken wat u moet doen.'],
      ['Besluit genomen', 'We hebben een besluit genomen over uw aanvraag.'],
    ],
    resultaattypen: [
      ['Toegekend', 'De bijzondere bijstand is toegekend.'],
      ['Afgewezen', 'De bijzondere bijstand is afgewezen.'],
      ['Ingetrokken', 'De aanvrager heeft de aanvraag ingetrokken.'],
    ],
  }),
  zaaktype(5, {
    key: 'terras',
    identificatie: 'TERRASVERGUNNING',
    omschrijving: 'Terrasvergunning aanvragen',
    doel: 'Een ondernemer krijgt toestemming voor een terras op de openbare weg.',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    doorlooptijd: 'P6W',
    doorlooptijdDagen: 42,
    handelingInitiator: 'Aanvragen',
    onderwerp: 'Terras',
    trefwoorden: ['horeca', 'terras', 'vergunning'],
    statustypen: [
      ['Aanvraag ontvangen', 'We hebben uw aanvraag ontvangen.'],
      ['Beoordeling', 'We beoordelen of het terras past op deze plek.'],
      ['Besluit genomen', 'We hebben een besluit genomen over uw aanvraag.'],
    ],
    resultaattypen: [
      ['Verleend', 'De terrasvergunning is verleend.'],
      ['Geweigerd', 'De terrasvergunning is geweigerd.'],
    ],
  }),
  zaaktype(6, {
    key: 'kwijtschelding',
    identificatie: 'KWIJTSCHELDING',
    omschrijving: 'Kwijtschelding gemeentelijke belastingen',
    doel: 'Een inwoner die de gemeentelijke belastingen niet kan betalen, hoeft ze niet te betalen.',
    vertrouwelijkheidaanduiding: 'vertrouwelijk',
    doorlooptijd: 'P8W',
    doorlooptijdDagen: 56,
    handelingInitiator: 'Aanvragen',
    onderwerp: 'Kwijtschelding',
    trefwoorden: ['belastingen', 'kwijtschelding'],
    statustypen: [
      ['Verzoek ontvangen', 'We hebben uw verzoek ontvangen.'],
      ['In behandeling', 'We bekijken uw verzoek.'],
      ['Besluit genomen', 'We hebben een besluit genomen over uw verzoek.'],
    ],
    resultaattypen: [
      ['Toegekend', 'De kwijtschelding is toegekend.'],
      ['Afgewezen', 'De kwijtschelding is afgewezen.'],
    ],
  }),
  // Started by the organisation itself (indicatieInternOfExtern intern): never shown in Mijn zaken.
  zaaktype(7, {
    key: 'toezicht',
    identificatie: 'TOEZICHT-INTERN',
    omschrijving: 'Intern toezicht op een vergunning',
    doel: 'De gemeente controleert of een verleende vergunning wordt nageleefd.',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    indicatieInternOfExtern: 'intern',
    doorlooptijd: 'P4W',
    doorlooptijdDagen: 28,
    handelingInitiator: 'Starten',
    onderwerp: 'Toezicht',
    trefwoorden: ['toezicht', 'handhaving'],
    statustypen: [
      ['Gestart', 'De controle is gestart.'],
      ['Ter plaatse gecontroleerd', 'We zijn ter plaatse geweest.'],
      ['Afgerond', 'De controle is afgerond.'],
    ],
    resultaattypen: [['Geen overtreding', 'Er is geen overtreding gevonden.']],
  }),
];

export type InformatieobjecttypeKey = 'aanvraag' | 'bewijsstuk' | 'besluit' | 'correspondentie' | 'foto' | 'informatie';

export interface DemoInformatieobjecttype {
  key: InformatieobjecttypeKey;
  uuid: string;
  omschrijving: string;
  informatieobjectcategorie: string;
  vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding;
}

export const demoInformatieobjecttypen: DemoInformatieobjecttype[] = [
  {
    key: 'aanvraag',
    uuid: demoUuid('c4', 0, 1),
    omschrijving: 'Aanvraag',
    informatieobjectcategorie: 'Aanvraag',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
  },
  {
    key: 'bewijsstuk',
    uuid: demoUuid('c4', 0, 2),
    omschrijving: 'Bewijsstuk',
    informatieobjectcategorie: 'Bewijsstuk',
    vertrouwelijkheidaanduiding: 'vertrouwelijk',
  },
  {
    key: 'besluit',
    uuid: demoUuid('c4', 0, 3),
    omschrijving: 'Besluit',
    informatieobjectcategorie: 'Besluit',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
  },
  {
    key: 'correspondentie',
    uuid: demoUuid('c4', 0, 4),
    omschrijving: 'Correspondentie',
    informatieobjectcategorie: 'Brief',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
  },
  { key: 'foto', uuid: demoUuid('c4', 0, 5), omschrijving: 'Foto', informatieobjectcategorie: 'Afbeelding', vertrouwelijkheidaanduiding: 'openbaar' },
  {
    key: 'informatie',
    uuid: demoUuid('c4', 0, 6),
    omschrijving: 'Informatie',
    informatieobjectcategorie: 'Voorlichting',
    vertrouwelijkheidaanduiding: 'openbaar',
  },
];

// ---------------------------------------------------------------------------------------------
// People and companies involved in zaken

/** Who a rol is about. `persoon` → natuurlijk_persoon (inpBsn), `bedrijf` → niet_natuurlijk_persoon (innNnpId = KvK-nummer), `vestiging` → vestiging (vestigingsNummer + kvkNummer). */
export type DemoParty =
  | { kind: 'persoon'; bsn: string; voornamen: string; voorvoegsel?: string; geslachtsnaam: string; geboortedatum?: string }
  | { kind: 'bedrijf'; kvk: string; naam: string }
  | { kind: 'vestiging'; vestigingsnummer: string; kvk: string; naam: string };

/** People with zaken who are not test persons: nobody logs in as them. Their BSNs pass the elfproef. */
const otherPersons = {
  deBoer: { kind: 'persoon', bsn: '111222333', voornamen: 'Karel', voorvoegsel: 'de', geslachtsnaam: 'Boer' },
  visser: { kind: 'persoon', bsn: '123456782', voornamen: 'Marieke', geslachtsnaam: 'Visser' },
} satisfies Record<string, DemoParty>;

function persoon(bsn: string): DemoParty {
  const person = findTestPerson(bsn);
  if (!person) throw new Error(`zgw-demo: no test person with BSN ${bsn}`);
  return {
    kind: 'persoon',
    bsn,
    voornamen: person.voornamen,
    ...(person.voorvoegsel ? { voorvoegsel: person.voorvoegsel } : {}),
    geslachtsnaam: person.geslachtsnaam,
    geboortedatum: person.geboortedatum,
  };
}

function bedrijf(kvk: string): DemoParty {
  const company = findTestCompany(kvk);
  if (!company) throw new Error(`zgw-demo: no test company with KvK-nummer ${kvk}`);
  return { kind: 'bedrijf', kvk, naam: company.naam };
}

function vestiging(kvk: string, vestigingsnummer: string): DemoParty {
  const found = findTestCompany(kvk)?.vestigingen.find((v) => v.vestigingsnummer === vestigingsnummer);
  if (!found) throw new Error(`zgw-demo: no vestiging ${vestigingsnummer} of KvK-nummer ${kvk}`);
  return { kind: 'vestiging', vestigingsnummer, kvk, naam: found.naam };
}

const suzanne = persoon('999993653');

// ---------------------------------------------------------------------------------------------
// Documents

/** What is in a document; the simulator makes the bytes (simulators/zgw/content.ts). */
export type DemoContent =
  | { kind: 'pdf'; lines: string[] }
  | { kind: 'png'; width: number; height: number; rgb: [number, number, number] }
  | { kind: 'text'; text: string }
  /** A valid PDF of `largeDocumentBytes` bytes, made while it is downloaded. */
  | { kind: 'large-pdf' };

export interface DemoDocument {
  uuid: string;
  identificatie: string;
  titel: string;
  bestandsnaam: string;
  formaat: string;
  vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding;
  informatieobjecttype: InformatieobjecttypeKey;
  auteur: string;
  beschrijving: string;
  /** Created this many days before now. */
  daysAgo: number;
  content: DemoContent;
}

type DocumentDefinition = Omit<DemoDocument, 'uuid' | 'identificatie' | 'formaat' | 'auteur' | 'beschrijving'> &
  Partial<Pick<DemoDocument, 'auteur' | 'beschrijving'>>;

const formaten: Record<DemoContent['kind'], string> = {
  pdf: 'application/pdf',
  'large-pdf': 'application/pdf',
  png: 'image/png',
  text: 'text/plain',
};

function documenten(zaakNumber: number, definitions: DocumentDefinition[]): DemoDocument[] {
  return definitions.map((definition, index) => ({
    auteur: demoOrganisatie.naam,
    beschrijving: '',
    ...definition,
    uuid: demoUuid('d0', zaakNumber, index + 1),
    identificatie: `DOC-${String(zaakNumber).padStart(6, '0')}-${String(index + 1).padStart(2, '0')}`,
    formaat: formaten[definition.content.kind],
  }));
}

const brief = (...lines: string[]): DemoContent => ({ kind: 'pdf', lines: ['Gemeente Voorbeeldstad', '', ...lines] });

// ---------------------------------------------------------------------------------------------
// Zaken

export interface DemoStatus {
  volgnummer: number;
  daysAgo: number;
  toelichting?: string;
}

export interface DemoZaak {
  uuid: string;
  identificatie: string;
  omschrijving: string;
  toelichting: string;
  zaaktype: ZaaktypeKey;
  /** The initiator: whose zaak it is. */
  owner: DemoParty;
  /** Others with a rol of omschrijvingGeneriek belanghebbende. */
  belanghebbenden: DemoParty[];
  /** The zaak's own vertrouwelijkheidaanduiding, when not its zaaktype's. */
  vertrouwelijkheidaanduiding?: Vertrouwelijkheidaanduiding;
  /** Oldest first; the first one's day is the startdatum. */
  statussen: DemoStatus[];
  /** Omschrijving of the resultaattype; closed zaken have one. */
  resultaat?: string;
  documenten: DemoDocument[];
  /** False when the last status is the eindstatus of the zaaktype (the zaak has an einddatum). */
  open: boolean;
}

export function findDemoZaaktype(key: ZaaktypeKey): DemoZaaktype {
  const found = demoZaaktypen.find((z) => z.key === key);
  if (!found) throw new Error(`zgw-demo: unknown zaaktype ${key}`);
  return found;
}

function zaak(
  number: number,
  definition: Omit<DemoZaak, 'uuid' | 'identificatie' | 'toelichting' | 'belanghebbenden' | 'documenten' | 'open'> &
    Partial<Pick<DemoZaak, 'toelichting' | 'belanghebbenden'>> & { documenten?: DocumentDefinition[] },
): DemoZaak {
  const type = findDemoZaaktype(definition.zaaktype);
  const last = definition.statussen.at(-1);
  const open = !type.statustypen.find((s) => s.volgnummer === last?.volgnummer)?.isEindstatus;
  // A closed zaak always has a resultaat and an open one never: the portal shows both states.
  if (open === (definition.resultaat !== undefined)) throw new Error(`zgw-demo: zaak ${number} is ${open ? 'open with' : 'closed without'} a resultaat`);
  return {
    toelichting: '',
    belanghebbenden: [],
    ...definition,
    uuid: demoUuid('a0', 0, number),
    identificatie: `ZAAK-${String(number).padStart(6, '0')}`,
    documenten: documenten(number, definition.documenten ?? []),
    open,
  };
}

export const demoZaken: DemoZaak[] = [
  // --- Suzanne de Vries: three open zaken ---
  zaak(101, {
    omschrijving: 'Parkeervergunning Wilhelminastraat',
    toelichting: 'Bewonersvergunning voor één auto in vergunninggebied Centrum.',
    zaaktype: 'parkeervergunning',
    owner: suzanne,
    statussen: [{ volgnummer: 1, daysAgo: 3 }],
    documenten: [
      {
        titel: 'Aanvraagformulier parkeervergunning',
        bestandsnaam: 'aanvraag-parkeervergunning.pdf',
        vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
        informatieobjecttype: 'aanvraag',
        auteur: 'Suzanne de Vries',
        daysAgo: 3,
        content: brief('Aanvraag parkeervergunning', 'Adres: Wilhelminastraat 8', 'Kenteken: XX-123-X'),
      },
    ],
  }),
  zaak(102, {
    omschrijving: 'Verbouwing woning Kastanjelaan 12',
    toelichting: 'Uitbouw aan de achterkant van de woning, 3 meter diep.',
    zaaktype: 'omgevingsvergunning',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 62, toelichting: 'Uw aanvraag is binnengekomen via het Omgevingsloket.' },
      { volgnummer: 2, daysAgo: 55, toelichting: 'U heeft de ontbrekende bouwtekening gestuurd. Uw aanvraag is nu compleet.' },
      { volgnummer: 3, daysAgo: 41, toelichting: 'Een vergunningverlener beoordeelt uw plan.' },
      { volgnummer: 4, daysAgo: 27, toelichting: 'De commissie voor ruimtelijke kwaliteit bekijkt uw plan in haar volgende vergadering.' },
      { volgnummer: 5, daysAgo: 6, toelichting: 'De commissie is positief. We verwachten binnen twee weken een besluit.' },
    ],
    documenten: [
      {
        titel: 'Bouwtekening uitbouw',
        bestandsnaam: 'bouwtekening-uitbouw.pdf',
        vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
        informatieobjecttype: 'aanvraag',
        auteur: 'Suzanne de Vries',
        daysAgo: 55,
        content: brief('Bouwtekening uitbouw Kastanjelaan 12', 'Schaal 1:100', 'Diepte 3,00 m, hoogte 3,20 m'),
      },
      {
        titel: 'Foto achtergevel',
        bestandsnaam: 'achtergevel.png',
        vertrouwelijkheidaanduiding: 'openbaar',
        informatieobjecttype: 'foto',
        auteur: 'Suzanne de Vries',
        daysAgo: 62,
        content: { kind: 'png', width: 32, height: 24, rgb: [176, 96, 64] },
      },
    ],
  }),
  zaak(103, {
    omschrijving: 'Bijzondere bijstand voor een wasmachine',
    toelichting: 'De oude wasmachine is kapot en kan niet gerepareerd worden.',
    zaaktype: 'bijstand',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 20 },
      { volgnummer: 2, daysAgo: 14 },
      { volgnummer: 3, daysAgo: 5, toelichting: 'Wilt u de bankafschriften van de laatste drie maanden sturen?' },
    ],
    // One document of every vertrouwelijkheidaanduiding, and a large one: what may the resident see?
    documenten: [
      {
        titel: 'Folder bijzondere bijstand',
        bestandsnaam: 'folder-bijzondere-bijstand.pdf',
        vertrouwelijkheidaanduiding: 'openbaar',
        informatieobjecttype: 'informatie',
        daysAgo: 20,
        content: brief('Bijzondere bijstand', 'Heeft u een laag inkomen en onverwachte kosten?', 'Dan kunt u bijzondere bijstand aanvragen.'),
      },
      {
        titel: 'Ontvangstbevestiging',
        bestandsnaam: 'ontvangstbevestiging.txt',
        vertrouwelijkheidaanduiding: 'beperkt_openbaar',
        informatieobjecttype: 'correspondentie',
        daysAgo: 20,
        content: {
          kind: 'text',
          text: 'Beste mevrouw De Vries,\n\nWe hebben uw aanvraag voor bijzondere bijstand ontvangen.\nBinnen 8 weken hoort u van ons.\n\nMet vriendelijke groet,\nGemeente Voorbeeldstad\n',
        },
      },
      {
        titel: 'Werkinstructie behandelaar',
        bestandsnaam: 'werkinstructie.txt',
        vertrouwelijkheidaanduiding: 'intern',
        informatieobjecttype: 'informatie',
        daysAgo: 14,
        content: { kind: 'text', text: 'Werkinstructie: controleer het inkomen over de laatste drie maanden.\n' },
      },
      {
        titel: 'Aanvraagformulier bijzondere bijstand',
        bestandsnaam: 'aanvraag-bijzondere-bijstand.pdf',
        vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
        informatieobjecttype: 'aanvraag',
        auteur: 'Suzanne de Vries',
        daysAgo: 20,
        content: brief('Aanvraag bijzondere bijstand', 'Wat: wasmachine', 'Bedrag: 449,00 euro'),
      },
      {
        titel: 'Bankafschrift maart',
        bestandsnaam: 'bankafschrift-maart.png',
        vertrouwelijkheidaanduiding: 'vertrouwelijk',
        informatieobjecttype: 'bewijsstuk',
        auteur: 'Suzanne de Vries',
        daysAgo: 4,
        content: { kind: 'png', width: 40, height: 56, rgb: [240, 240, 232] },
      },
      {
        titel: 'Verklaring van de huisarts',
        bestandsnaam: 'verklaring-huisarts.pdf',
        vertrouwelijkheidaanduiding: 'confidentieel',
        informatieobjecttype: 'bewijsstuk',
        auteur: 'Huisartsenpraktijk Voorbeeldstad',
        daysAgo: 12,
        content: brief('Medische verklaring', 'Deze verklaring is vertrouwelijk.'),
      },
      {
        titel: 'Signaal fraudeteam',
        bestandsnaam: 'signaal.txt',
        vertrouwelijkheidaanduiding: 'geheim',
        informatieobjecttype: 'informatie',
        daysAgo: 9,
        content: { kind: 'text', text: 'Geen bijzonderheden gevonden.\n' },
      },
      {
        titel: 'Rapport sociale recherche',
        bestandsnaam: 'rapport-sociale-recherche.txt',
        vertrouwelijkheidaanduiding: 'zeer_geheim',
        informatieobjecttype: 'informatie',
        daysAgo: 8,
        content: { kind: 'text', text: 'Rapport: onderzoek afgesloten zonder bevindingen.\n' },
      },
      {
        titel: 'Handboek minimaregelingen (groot bestand)',
        bestandsnaam: 'handboek-minimaregelingen.pdf',
        vertrouwelijkheidaanduiding: 'openbaar',
        informatieobjecttype: 'informatie',
        beschrijving: 'Een groot PDF-bestand, om te zien dat downloaden in delen gaat.',
        daysAgo: 19,
        content: { kind: 'large-pdf' },
      },
    ],
  }),

  // --- Suzanne de Vries: closed zaken ---
  zaak(104, {
    omschrijving: 'Losliggende stoeptegel Dorpsstraat 5',
    zaaktype: 'melding',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 120 },
      { volgnummer: 2, daysAgo: 116, toelichting: 'De stratenmaker komt volgende week.' },
      { volgnummer: 3, daysAgo: 109, toelichting: 'De stoeptegel ligt weer vast.' },
    ],
    resultaat: 'Opgelost',
    documenten: [
      {
        titel: 'Foto stoeptegel',
        bestandsnaam: 'stoeptegel.png',
        vertrouwelijkheidaanduiding: 'openbaar',
        informatieobjecttype: 'foto',
        auteur: 'Suzanne de Vries',
        daysAgo: 120,
        content: { kind: 'png', width: 24, height: 24, rgb: [128, 128, 128] },
      },
    ],
  }),
  zaak(105, {
    omschrijving: 'Bezoekersvergunning parkeren',
    zaaktype: 'parkeervergunning',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 200 },
      { volgnummer: 2, daysAgo: 195 },
      { volgnummer: 3, daysAgo: 188 },
    ],
    resultaat: 'Verleend',
    documenten: [
      {
        titel: 'Besluit bezoekersvergunning',
        bestandsnaam: 'besluit-bezoekersvergunning.pdf',
        vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
        informatieobjecttype: 'besluit',
        daysAgo: 188,
        content: brief('Besluit', 'Wij verlenen u een bezoekersvergunning.', 'Deze vergunning is een jaar geldig.'),
      },
    ],
  }),
  zaak(106, {
    omschrijving: 'Kwijtschelding afvalstoffenheffing',
    zaaktype: 'kwijtschelding',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 260 },
      { volgnummer: 2, daysAgo: 250 },
      { volgnummer: 3, daysAgo: 230 },
    ],
    resultaat: 'Toegekend',
    documenten: [
      {
        titel: 'Besluit kwijtschelding',
        bestandsnaam: 'besluit-kwijtschelding.pdf',
        vertrouwelijkheidaanduiding: 'vertrouwelijk',
        informatieobjecttype: 'besluit',
        daysAgo: 230,
        content: brief('Besluit', 'U hoeft de afvalstoffenheffing niet te betalen.'),
      },
    ],
  }),
  zaak(107, {
    omschrijving: 'Kapotte lantaarnpaal Beukenlaan',
    zaaktype: 'melding',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 300 },
      { volgnummer: 2, daysAgo: 298 },
      { volgnummer: 3, daysAgo: 290 },
    ],
    resultaat: 'Opgelost',
  }),
  zaak(108, {
    omschrijving: 'Bijzondere bijstand voor een bril',
    zaaktype: 'bijstand',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 340 },
      { volgnummer: 2, daysAgo: 330 },
      { volgnummer: 4, daysAgo: 310, toelichting: 'Een bril valt onder de zorgverzekering.' },
    ],
    resultaat: 'Afgewezen',
  }),
  zaak(109, {
    omschrijving: 'Dakkapel Kastanjelaan 12',
    zaaktype: 'omgevingsvergunning',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 420 },
      { volgnummer: 2, daysAgo: 410 },
      { volgnummer: 3, daysAgo: 400 },
      { volgnummer: 6, daysAgo: 380 },
    ],
    resultaat: 'Verleend',
  }),
  zaak(110, {
    omschrijving: 'Zwerfvuil bij de speeltuin',
    zaaktype: 'melding',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 450 },
      { volgnummer: 3, daysAgo: 447 },
    ],
    resultaat: 'Opgelost',
  }),
  zaak(111, {
    omschrijving: 'Kwijtschelding hondenbelasting',
    zaaktype: 'kwijtschelding',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 500 },
      { volgnummer: 3, daysAgo: 470 },
    ],
    resultaat: 'Afgewezen',
  }),
  zaak(112, {
    omschrijving: 'Overhangende takken Iepenstraat',
    zaaktype: 'melding',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 560 },
      { volgnummer: 3, daysAgo: 550, toelichting: 'De boom staat op particulier terrein.' },
    ],
    resultaat: 'Doorgestuurd',
  }),
  zaak(113, {
    omschrijving: 'Gehandicaptenparkeerkaart',
    zaaktype: 'parkeervergunning',
    owner: suzanne,
    statussen: [
      { volgnummer: 1, daysAgo: 600 },
      { volgnummer: 3, daysAgo: 590 },
    ],
    resultaat: 'Ingetrokken',
  }),

  // --- Jan Jansen (Lotte acts for him) ---
  zaak(201, {
    omschrijving: 'Gladheid op de stoep Lindelaan',
    zaaktype: 'melding',
    owner: persoon('999990019'),
    statussen: [
      { volgnummer: 1, daysAgo: 4 },
      { volgnummer: 2, daysAgo: 2, toelichting: 'De strooiwagen komt morgenochtend.' },
    ],
  }),
  zaak(202, {
    omschrijving: 'Kwijtschelding gemeentelijke belastingen',
    zaaktype: 'kwijtschelding',
    owner: persoon('999990019'),
    statussen: [{ volgnummer: 1, daysAgo: 11 }],
    documenten: [
      {
        titel: 'Verzoek om kwijtschelding',
        bestandsnaam: 'verzoek-kwijtschelding.pdf',
        vertrouwelijkheidaanduiding: 'vertrouwelijk',
        informatieobjecttype: 'aanvraag',
        auteur: 'Lotte Jansen',
        daysAgo: 11,
        content: brief('Verzoek om kwijtschelding', 'Namens J. Jansen'),
      },
    ],
  }),

  // --- Lotte Jansen, Pieter van den Berg, Fatima El Amrani ---
  zaak(211, {
    omschrijving: 'Parkeervergunning Stationsweg',
    zaaktype: 'parkeervergunning',
    owner: persoon('999990482'),
    statussen: [
      { volgnummer: 1, daysAgo: 9 },
      { volgnummer: 2, daysAgo: 7 },
    ],
  }),
  zaak(221, {
    omschrijving: 'Zonnepanelen op monument Kerkstraat 3',
    zaaktype: 'omgevingsvergunning',
    owner: persoon('999995571'),
    statussen: [
      { volgnummer: 1, daysAgo: 30 },
      { volgnummer: 2, daysAgo: 21 },
    ],
  }),
  // Pieter's zaken that Voordeur must not show him: one more secret than a zaak may be shown
  // (confidentieel), one of an intern zaaktype (he is its initiator all the same).
  zaak(222, {
    omschrijving: 'Verbouwing Kerkstraat 3 (dossier beveiliging)',
    zaaktype: 'omgevingsvergunning',
    owner: persoon('999995571'),
    vertrouwelijkheidaanduiding: 'confidentieel',
    statussen: [{ volgnummer: 1, daysAgo: 9 }],
  }),
  zaak(223, {
    omschrijving: 'Controle zonnepanelen Kerkstraat 3',
    zaaktype: 'toezicht',
    owner: persoon('999995571'),
    statussen: [{ volgnummer: 1, daysAgo: 8 }],
  }),
  zaak(231, {
    omschrijving: 'Bijzondere bijstand voor kinderopvang',
    zaaktype: 'bijstand',
    owner: persoon('999991772'),
    statussen: [
      { volgnummer: 1, daysAgo: 15 },
      { volgnummer: 2, daysAgo: 12 },
      { volgnummer: 3, daysAgo: 2, toelichting: 'Vul het formulier over uw inkomen in. U vindt het bij uw taken.' },
    ],
  }),

  // --- Bakkerij Van den Berg B.V.: on the company and on each vestiging ---
  zaak(301, {
    omschrijving: 'Terrasvergunning Marktstraat',
    zaaktype: 'terras',
    owner: bedrijf('69599084'),
    statussen: [
      { volgnummer: 1, daysAgo: 18 },
      { volgnummer: 2, daysAgo: 10, toelichting: 'We kijken of er genoeg ruimte overblijft voor voetgangers.' },
    ],
    documenten: [
      {
        titel: 'Situatietekening terras',
        bestandsnaam: 'situatietekening-terras.pdf',
        vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
        informatieobjecttype: 'aanvraag',
        auteur: 'Bakkerij Van den Berg B.V.',
        daysAgo: 18,
        content: brief('Situatietekening terras Marktstraat', '6 tafels, 24 stoelen'),
      },
    ],
  }),
  zaak(302, {
    omschrijving: 'Afvalcontainer op de stoep Marktstraat',
    zaaktype: 'melding',
    owner: bedrijf('69599084'),
    statussen: [
      { volgnummer: 1, daysAgo: 80 },
      { volgnummer: 3, daysAgo: 75 },
    ],
    resultaat: 'Opgelost',
  }),
  zaak(311, {
    omschrijving: 'Reclamebord aan de gevel Marktstraat',
    zaaktype: 'omgevingsvergunning',
    owner: vestiging('69599084', '000038509504'),
    statussen: [{ volgnummer: 1, daysAgo: 6 }],
  }),
  zaak(312, {
    omschrijving: 'Terras Stationsplein',
    zaaktype: 'terras',
    owner: vestiging('69599084', '000038509520'),
    statussen: [
      { volgnummer: 1, daysAgo: 150 },
      { volgnummer: 2, daysAgo: 140 },
      { volgnummer: 3, daysAgo: 120 },
    ],
    resultaat: 'Verleend',
  }),

  // --- Fietsenmaker De Snelle Spaak ---
  zaak(321, {
    omschrijving: 'Fietswrakken voor de winkel',
    zaaktype: 'melding',
    owner: bedrijf('68750110'),
    statussen: [{ volgnummer: 1, daysAgo: 1 }],
  }),

  // --- Other people: never shown to the test persons ---
  zaak(901, {
    omschrijving: 'Aanbouw Kastanjelaan 14',
    toelichting: 'De buren op nummer 12 zijn belanghebbende: de aanbouw komt tegen hun erfgrens.',
    zaaktype: 'omgevingsvergunning',
    owner: otherPersons.deBoer,
    // Suzanne is only belanghebbende here. Open Zaak's zaken list still returns it for
    // rol__…inpBsn=hers&rol__omschrijvingGeneriek=initiator (each filter on its own): Voordeur must check the rollen.
    belanghebbenden: [suzanne],
    statussen: [
      { volgnummer: 1, daysAgo: 25 },
      { volgnummer: 2, daysAgo: 20 },
    ],
    documenten: [
      {
        titel: 'Bouwtekening aanbouw',
        bestandsnaam: 'bouwtekening-aanbouw.pdf',
        vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
        informatieobjecttype: 'aanvraag',
        auteur: 'Karel de Boer',
        daysAgo: 25,
        content: brief('Bouwtekening aanbouw Kastanjelaan 14'),
      },
    ],
  }),
  zaak(902, {
    omschrijving: 'Parkeervergunning Julianastraat',
    zaaktype: 'parkeervergunning',
    owner: otherPersons.visser,
    statussen: [{ volgnummer: 1, daysAgo: 5 }],
    documenten: [
      {
        titel: 'Kentekenbewijs',
        bestandsnaam: 'kentekenbewijs.png',
        vertrouwelijkheidaanduiding: 'vertrouwelijk',
        informatieobjecttype: 'bewijsstuk',
        auteur: 'Marieke Visser',
        daysAgo: 5,
        content: { kind: 'png', width: 48, height: 32, rgb: [40, 90, 160] },
      },
    ],
  }),
  zaak(903, {
    omschrijving: 'Bijzondere bijstand voor meubels',
    zaaktype: 'bijstand',
    owner: otherPersons.deBoer,
    statussen: [
      { volgnummer: 1, daysAgo: 90 },
      { volgnummer: 4, daysAgo: 60 },
    ],
    resultaat: 'Toegekend',
    documenten: [
      {
        titel: 'Besluit bijzondere bijstand',
        bestandsnaam: 'besluit-bijzondere-bijstand.pdf',
        vertrouwelijkheidaanduiding: 'vertrouwelijk',
        informatieobjecttype: 'besluit',
        daysAgo: 60,
        content: brief('Besluit', 'Wij kennen u bijzondere bijstand toe.'),
      },
    ],
  }),
];

function findZaak(number: number): DemoZaak {
  const found = demoZaken.find((z) => z.uuid === demoUuid('a0', 0, number));
  if (!found) throw new Error(`zgw-demo: no zaak ${number}`);
  return found;
}

const documentenZaak = findZaak(103);

/** The demo in one readable object; `notable` names what tests and the demo guide point at. */
export const zgwDemo = {
  organisatie: demoOrganisatie,
  zaaktypen: demoZaaktypen,
  informatieobjecttypen: demoInformatieobjecttypen,
  zaken: demoZaken,
  notable: {
    /** Suzanne's open zaak with one status, and the word to search on. */
    search: { word: 'Wilhelminastraat', zaak: findZaak(101).uuid },
    /** Suzanne's open zaak with five statussen, each with a statustoelichting. */
    longHistory: findZaak(102).uuid,
    /** Suzanne's open zaak with a document of every vertrouwelijkheidaanduiding and the large document. */
    documentsOfEveryVertrouwelijkheid: documentenZaak.uuid,
    /** Document UUID per vertrouwelijkheidaanduiding (the small ones in that zaak). */
    documentByVertrouwelijkheid: Object.fromEntries(
      vertrouwelijkheidaanduidingen.map((v) => [
        v,
        documentenZaak.documenten.find((d) => d.vertrouwelijkheidaanduiding === v && d.content.kind !== 'large-pdf')!.uuid,
      ]),
    ) as Record<Vertrouwelijkheidaanduiding, string>,
    /** The large PDF (openbaar, `largeDocumentBytes` bytes, made while streaming). */
    largeDocument: documentenZaak.documenten.find((d) => d.content.kind === 'large-pdf')!.uuid,
    /** Pieter's zaak with vertrouwelijkheidaanduiding confidentieel, and his zaak of an intern zaaktype. */
    pieterConfidentieel: findZaak(222).uuid,
    pieterIntern: findZaak(223).uuid,
    /** Karel de Boer's zaak in which Suzanne (999993653) is only belanghebbende. */
    suzanneOnlyBelanghebbende: findZaak(901).uuid,
  },
};
