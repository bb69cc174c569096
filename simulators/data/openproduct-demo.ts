/**
 * The demo data of the Open Product simulator: a small product catalogue (producttypen) and the
 * products the test persons and companies hold, dated relative to the moment the simulator starts
 * (`days` from today; negative is in the past). Suzanne de Vries holds a parkeervergunning that
 * runs out in three weeks (so that Mijn producten shows the notice and "Verlengen"), an afvalpas, a
 * subsidie and a bezoekersvergunning that ran out; Bakkerij Van den Berg a terrasvergunning for its
 * vestiging on the Marktstraat. Others hold products too, which nobody else may see.
 */
import { demoProducttypen as aanvraagProducttypen } from './aanvragen-demo.ts';
import { objectenDemo } from './objecten-demo.ts';
import { demoZaken } from './zgw-demo.ts';

export type ProductStatus = 'initieel' | 'in_aanvraag' | 'gereed' | 'actief' | 'ingetrokken' | 'geweigerd' | 'verlopen';

export interface DemoProducttype {
  uuid: string;
  code: string;
  naam: string;
  samenvatting: string;
  uniformeProductNaam: string;
  doelgroep: 'burgers' | 'bedrijven_en_instellingen';
  thema: { uuid: string; naam: string };
  keywords: string[];
  toegestaneStatussen: Exclude<ProductStatus, 'initieel'>[];
  /** The JSON schema the verbruiksobject of its products follows, if they have one. */
  verbruiksobjectSchema?: { naam: string; schema: Record<string, unknown> };
  /** The JSON schema of the dataobject of its products (what the eigenaar may see), if they have one. */
  dataobjectSchema?: { naam: string; schema: Record<string, unknown> };
  /**
   * Offered online in Aanvragen (AANVRAGEN_CATALOGUS=openproduct): the number of the producttype in the
   * Aanvragen demo (aanvragen-demo.ts), whose form (a link `formulier`), zaaktype and parameters it has.
   */
  aanvraag?: number;
  /** Published from/until, in days from today (Open Product's publicatie_start_datum/eind_datum); default from long ago, no end. */
  publicatie?: { start?: number; eind?: number };
}

/** The title, description and theme of a producttype offered online: the Aanvragen demo's, so that both catalogues show the same. */
const asInAanvragen = (n: number) => {
  const found = aanvraagProducttypen.find((producttype) => producttype.n === n)!;
  return { naam: found.titel, samenvatting: found.omschrijving, aanvraag: n };
};

export interface DemoEigenaar {
  bsn?: string;
  kvkNummer?: string;
  vestigingsnummer?: string;
}

export interface DemoProduct {
  uuid: string;
  producttype: string;
  naam: string;
  eigenaren: DemoEigenaar[];
  status: ProductStatus;
  /** Days from today. */
  start?: number;
  eind?: number;
  prijs?: string;
  frequentie?: 'eenmalig' | 'maandelijks' | 'jaarlijks';
  dataobject?: Record<string, unknown>;
  verbruiksobject?: Record<string, unknown>;
  /** Zaken and documenten of the ZGW simulator, by uuid. */
  zaken?: string[];
  documenten?: string[];
  /** Taken (TaakV2 objects of the Objecten simulator), by uuid. */
  taken?: string[];
  aanvraagZaak?: string;
  /** Whether it may be shown (Open Product's `gepubliceerd`); default true. */
  gepubliceerd?: boolean;
}

const uuid = (kind: string, n: number) => `${kind}000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const zaakUuid = (omschrijving: string) => {
  const zaak = demoZaken.find((z) => z.omschrijving === omschrijving);
  if (!zaak) throw new Error(`openproduct-demo: no demo zaak "${omschrijving}"`);
  return zaak;
};

const themas = {
  parkeren: { uuid: uuid('e1', 1), naam: 'Parkeren' },
  leefomgeving: { uuid: uuid('e1', 2), naam: 'Wonen en leefomgeving' },
  wonen: { uuid: uuid('e1', 3), naam: 'Wonen' },
  ondernemen: { uuid: uuid('e1', 4), naam: 'Ondernemen' },
  inkomen: { uuid: uuid('e1', 5), naam: 'Werk en inkomen' },
};

export const demoProducttypen: DemoProducttype[] = [
  {
    uuid: uuid('e2', 1),
    code: 'PARKEERVERGUNNING-BEWONER',
    ...asInAanvragen(1),
    uniformeProductNaam: 'parkeervergunning',
    doelgroep: 'burgers',
    thema: themas.parkeren,
    keywords: ['parkeren', 'auto'],
    toegestaneStatussen: ['in_aanvraag', 'gereed', 'actief', 'ingetrokken', 'verlopen'],
    verbruiksobjectSchema: {
      naam: 'bezoekersparkeren',
      schema: {
        type: 'object',
        properties: {
          bezoekersuren_tegoed: { type: 'integer', title: 'Bezoekersuren per jaar' },
          bezoekersuren_over: { type: 'integer', title: 'Bezoekersuren over' },
        },
      },
    },
    dataobjectSchema: {
      naam: 'parkeervergunning',
      schema: {
        type: 'object',
        properties: { kenteken: { type: 'string', title: 'Kenteken' }, vergunninggebied: { type: 'string', title: 'Vergunninggebied' } },
      },
    },
  },
  {
    uuid: uuid('e2', 2),
    code: 'AFVALPAS',
    ...asInAanvragen(5),
    uniformeProductNaam: 'afvalpas',
    doelgroep: 'burgers',
    thema: themas.leefomgeving,
    keywords: ['afval', 'container'],
    toegestaneStatussen: ['gereed', 'actief', 'ingetrokken'],
  },
  {
    uuid: uuid('e2', 3),
    code: 'SUBSIDIE-ISOLATIE',
    naam: 'Subsidie isolatie woning',
    samenvatting: 'Een bijdrage in de kosten als u uw huis beter isoleert.',
    uniformeProductNaam: 'subsidie',
    doelgroep: 'burgers',
    thema: themas.wonen,
    keywords: ['subsidie', 'isolatie', 'duurzaam'],
    toegestaneStatussen: ['in_aanvraag', 'gereed', 'actief', 'geweigerd', 'verlopen'],
  },
  {
    uuid: uuid('e2', 4),
    code: 'BEZOEKERSVERGUNNING',
    naam: 'Bezoekersvergunning parkeren',
    samenvatting: 'Uw bezoek parkeert tegen een lager tarief in uw buurt.',
    uniformeProductNaam: 'parkeervergunning',
    doelgroep: 'burgers',
    thema: themas.parkeren,
    keywords: ['parkeren', 'bezoek'],
    toegestaneStatussen: ['gereed', 'actief', 'verlopen'],
  },
  {
    uuid: uuid('e2', 5),
    code: 'TERRASVERGUNNING',
    ...asInAanvragen(4),
    uniformeProductNaam: 'terrasvergunning',
    doelgroep: 'bedrijven_en_instellingen',
    thema: themas.ondernemen,
    keywords: ['horeca', 'terras'],
    toegestaneStatussen: ['in_aanvraag', 'gereed', 'actief', 'ingetrokken', 'verlopen'],
    dataobjectSchema: {
      naam: 'terras',
      schema: { type: 'object', properties: { tafels: { type: 'integer', title: 'Tafels' }, stoelen: { type: 'integer', title: 'Stoelen' } } },
    },
  },
  {
    uuid: uuid('e2', 6),
    code: 'MELDING-OPENBARE-RUIMTE',
    ...asInAanvragen(2),
    uniformeProductNaam: 'melding openbare ruimte',
    doelgroep: 'burgers',
    thema: themas.leefomgeving,
    keywords: ['melding', 'straat'],
    toegestaneStatussen: ['in_aanvraag', 'gereed'],
  },
  {
    uuid: uuid('e2', 7),
    code: 'BIJZONDERE-BIJSTAND',
    ...asInAanvragen(3),
    uniformeProductNaam: 'bijzondere bijstand',
    doelgroep: 'burgers',
    thema: themas.inkomen,
    keywords: ['bijstand', 'geld'],
    toegestaneStatussen: ['in_aanvraag', 'gereed', 'actief', 'geweigerd'],
  },
];

const type = (code: string) => demoProducttypen.find((t) => t.code === code)!.uuid;
const suzanne = '999993653';
const parkeerZaak = zaakUuid('Parkeervergunning Wilhelminastraat');
const bezoekZaak = zaakUuid('Bezoekersvergunning parkeren');
const terrasZaak = zaakUuid('Terrasvergunning Marktstraat');

export const demoProducten: DemoProduct[] = [
  // --- Suzanne de Vries ---
  {
    uuid: uuid('e3', 101),
    producttype: type('PARKEERVERGUNNING-BEWONER'),
    naam: 'Parkeervergunning Wilhelminastraat',
    eigenaren: [{ bsn: suzanne }],
    status: 'actief',
    start: -344,
    eind: 21,
    prijs: '64.00',
    frequentie: 'jaarlijks',
    dataobject: { kenteken: 'XX-123-X', vergunninggebied: 'Centrum' },
    verbruiksobject: { bezoekersuren_tegoed: 50, bezoekersuren_over: 34 },
    zaken: [parkeerZaak.uuid],
    documenten: parkeerZaak.documenten.map((d) => d.uuid),
    // Her open taak: send a copy of the kentekenbewijs.
    taken: [objectenDemo.notable.suzanne.taak.overdue],
  },
  {
    uuid: uuid('e3', 102),
    producttype: type('AFVALPAS'),
    naam: 'Afvalpas Kastanjelaan 12',
    eigenaren: [{ bsn: suzanne }],
    status: 'actief',
    start: -1100,
    dataobject: { pasnummer: 'AP-0012345' },
  },
  {
    uuid: uuid('e3', 103),
    producttype: type('SUBSIDIE-ISOLATIE'),
    naam: 'Subsidie isolatie dak Kastanjelaan 12',
    eigenaren: [{ bsn: suzanne }],
    status: 'gereed',
    start: -30,
    eind: 240,
    prijs: '1250.00',
    frequentie: 'eenmalig',
  },
  {
    uuid: uuid('e3', 104),
    producttype: type('BEZOEKERSVERGUNNING'),
    naam: 'Bezoekersvergunning parkeren',
    eigenaren: [{ bsn: suzanne }],
    status: 'verlopen',
    start: -188,
    eind: -23,
    zaken: [bezoekZaak.uuid],
    documenten: bezoekZaak.documenten.map((d) => d.uuid),
    aanvraagZaak: bezoekZaak.uuid,
  },
  // --- Bakkerij Van den Berg B.V. (vestiging Marktstraat) ---
  {
    uuid: uuid('e3', 301),
    producttype: type('TERRASVERGUNNING'),
    naam: 'Terrasvergunning Marktstraat',
    eigenaren: [{ kvkNummer: '69599084', vestigingsnummer: '000038509504' }],
    status: 'actief',
    start: -120,
    eind: 150,
    prijs: '312.50',
    frequentie: 'jaarlijks',
    dataobject: { tafels: 6, stoelen: 24 },
    zaken: [terrasZaak.uuid],
  },
  // --- Others: nobody else may see these ---
  {
    uuid: uuid('e3', 201),
    producttype: type('PARKEERVERGUNNING-BEWONER'),
    naam: 'Parkeervergunning Lindelaan',
    eigenaren: [{ bsn: '999991772' }],
    status: 'actief',
    start: -100,
    eind: 10,
    verbruiksobject: { bezoekersuren_tegoed: 50, bezoekersuren_over: 12 },
  },
  {
    uuid: uuid('e3', 202),
    producttype: type('AFVALPAS'),
    naam: 'Afvalpas Dorpsstraat 5',
    eigenaren: [{ bsn: '999990019' }],
    status: 'actief',
    start: -2000,
  },
  {
    uuid: uuid('e3', 321),
    producttype: type('TERRASVERGUNNING'),
    naam: 'Terrasvergunning Fietsenmaker',
    eigenaren: [{ kvkNummer: '68750110' }],
    status: 'in_aanvraag',
  },
];

/** What tests and the demo guide point at. */
export const openProductDemo = {
  producttypen: demoProducttypen,
  producten: demoProducten,
  notable: {
    suzanne: {
      bsn: suzanne,
      /** Runs out in 21 days. */
      parkeervergunning: uuid('e3', 101),
      parkeerZaak: parkeerZaak.uuid,
      parkeerTaak: objectenDemo.notable.suzanne.taak.overdue,
      producten: [uuid('e3', 101), uuid('e3', 102), uuid('e3', 103), uuid('e3', 104)],
    },
    bakkerij: { kvkNummer: '69599084', vestigingsnummer: '000038509504', terrasvergunning: uuid('e3', 301) },
    others: [uuid('e3', 201), uuid('e3', 202), uuid('e3', 321)],
  },
};
