/**
 * The demo world of the BRP simulator (BRP API Personen 2.x): every test person of
 * ./test-identities.ts, with the names and birth dates given there, in the shape of the spec's
 * Persoon (specs/brp-personen-api.yaml) as `RaadpleegMetBurgerservicenummer` returns it when every
 * field is asked for (leeftijd is added by the simulator on the day of the question). The
 * residents live in Voorbeeldstad, the gemeente of the other demos (zgw-demo.ts; its gemeentecode
 * 9999 is as fictional as the town); their streets match the zaken there (Kastanjelaan 12,
 * Lindelaan, Stationsweg, Kerkstraat 3). Codes of the national tables (landen, nationaliteiten,
 * gemeenten) are the real ones.
 *
 * Who has what:
 * - Suzanne de Vries 999993653: married to Martijn Bos, two children (Noor, Daan).
 * - Jan Jansen 999990019: married to Maria Peeters, who was born in Belgium in May 1946, day
 *   unknown (a JaarMaandDatum); children Lotte and Thomas.
 * - Lotte Jansen 999990482: her registered partnership with Ruben de Wit was dissolved
 *   (ontbindingHuwelijkPartnerschap): the API gives that last, ex-partner; address with a
 *   huisnummertoevoeging; parents Jan and Maria.
 * - Fatima El Amrani 999991772: geheimhoudingPersoonsgegevens true; two young children; address
 *   with a huisletter.
 * - Pieter van den Berg 999995571: married to Ingrid Smit, one adult daughter.
 * - Anna Bakker 999992570: moved to Voorbeeldstad 20 days before "now"; that address is in
 *   onderzoek (inOnderzoek); no partner, no children.
 * - Thomas Jansen 999991073 (not a test person, no login): Jan's son, emigrated to Belgium: a
 *   VerblijfplaatsBuitenland, opschortingBijhouding 'emigratie', registered in the RNI (1999).
 * Partners, children and parents have BSNs of their own, but only the people above can be asked for.
 */
import type { components } from '../../src/sources/brp/generated/brp-personen.ts';
import { findTestPerson } from './test-identities.ts';

type S = components['schemas'];
export type DemoPersoon = S['Persoon'];

const maanden = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** A complete date (YYYY-MM-DD) as the BRP gives it: "14 maart 1985". */
export function datum(iso: string): S['VolledigeDatum'] {
  const [jaar, maand, dag] = iso.split('-').map(Number) as [number, number, number];
  return { type: 'Datum', datum: iso, langFormaat: `${dag} ${maanden[maand - 1]} ${jaar}` };
}

/** A date of which the day is unknown: "mei 1946". */
export function jaarMaandDatum(jaar: number, maand: number): S['JaarMaandDatum'] {
  return { type: 'JaarMaandDatum', jaar, maand, langFormaat: `${maanden[maand - 1]} ${jaar}` };
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

const waarde = (code: string, omschrijving: string): S['Waardetabel'] => ({ code, omschrijving });
/** A place abroad: the BRP gives only its name. */
const buitenlandsePlaats = (omschrijving: string): S['Waardetabel'] => ({ omschrijving });
const nederland = waarde('6030', 'Nederland');
const belgie = waarde('5010', 'België');
const gemeente = {
  utrecht: waarde('0344', 'Utrecht'),
  rotterdam: waarde('0599', 'Rotterdam'),
  haarlem: waarde('0392', 'Haarlem'),
  denHaag: waarde('0518', "'s-Gravenhage"),
  amersfoort: waarde('0307', 'Amersfoort'),
  zwolle: waarde('0193', 'Zwolle'),
};
/** Voorbeeldstad is fictional, and so is its gemeentecode. */
const voorbeeldstad = waarde('9999', 'Voorbeeldstad');
/** Where someone who left the country is registered. */
const rni = waarde('1999', 'Registratie Niet Ingezetenen (RNI)');
const man = waarde('M', 'man');
const vrouw = waarde('V', 'vrouw');
const huwelijk = waarde('H', 'huwelijk');
const partnerschap = waarde('P', 'geregistreerd partnerschap');
const eigenNaam = waarde('E', 'eigen geslachtsnaam');

const nederlandse = (): S['NationaliteitBekend'] => ({ type: 'Nationaliteit', nationaliteit: waarde('0001', 'Nederlandse') });

/** Voornamen, voorvoegsel and geslachtsnaam, with the voorletters the BRP derives from them. */
function naam(voornamen: string, voorvoegsel: string | undefined, geslachtsnaam: string): S['NaamGerelateerde'] {
  const voorletters = voornamen
    .split(' ')
    .map((n) => `${n[0]}.`)
    .join('');
  return { voornamen, ...(voorvoegsel ? { voorvoegsel } : {}), geslachtsnaam, voorletters };
}

/** The person's own name: also volledigeNaam and aanduidingNaamgebruik. */
function eigenNaamVan(bsn: string): S['NaamPersoon'] {
  const person = findTestPerson(bsn);
  if (!person) throw new Error(`brp-demo: no test person with BSN ${bsn}`);
  const base = naam(person.voornamen, person.voorvoegsel, person.geslachtsnaam);
  const volledigeNaam = [person.voornamen, person.voorvoegsel, person.geslachtsnaam].filter(Boolean).join(' ');
  return { ...base, volledigeNaam, aanduidingNaamgebruik: eigenNaam };
}

function geboortedatumVan(bsn: string): S['VolledigeDatum'] {
  return datum(findTestPerson(bsn)!.geboortedatum);
}

function adres(
  straat: string,
  huisnummer: number,
  postcode: string,
  sinds: string,
  extra: { huisletter?: string; huisnummertoevoeging?: string; inOnderzoek?: S['AdresInOnderzoek'] } = {},
): S['Adres'] {
  const { inOnderzoek, ...nummer } = extra;
  return {
    type: 'Adres',
    verblijfadres: { officieleStraatnaam: straat, korteStraatnaam: straat, huisnummer, ...nummer, postcode, woonplaats: 'Voorbeeldstad' },
    functieAdres: waarde('W', 'woonadres'),
    datumVan: datum(sinds),
    ...(inOnderzoek ? { inOnderzoek } : {}),
  };
}

/** A partner, child or parent: the fields those share. */
interface Relative {
  burgerservicenummer: string;
  naam: S['NaamGerelateerde'];
  geboorte: S['Geboorte'];
}

const relative = (burgerservicenummer: string, naam: S['NaamGerelateerde'], geboorte: S['Geboorte']): Relative => ({ burgerservicenummer, naam, geboorte });

const martijn = relative('999990111', naam('Martijn Willem', undefined, 'Bos'), { datum: datum('1983-08-02'), plaats: gemeente.amersfoort, land: nederland });
const maria = relative('999991036', naam('Maria Elisabeth', undefined, 'Peeters'), {
  datum: jaarMaandDatum(1946, 5),
  plaats: buitenlandsePlaats('Antwerpen'),
  land: belgie,
});
const jan = relative('999990019', naam('Jan', undefined, 'Jansen'), { datum: geboortedatumVan('999990019'), plaats: gemeente.haarlem, land: nederland });
const lotte = relative('999990482', naam('Lotte', undefined, 'Jansen'), { datum: geboortedatumVan('999990482'), plaats: gemeente.haarlem, land: nederland });
const thomas = relative('999991073', naam('Thomas Johannes', undefined, 'Jansen'), { datum: datum('1977-02-19'), plaats: gemeente.haarlem, land: nederland });

function buitenland(regel1: string, regel2: string, regel3: string, land: S['Waardetabel'], sinds: string): S['VerblijfplaatsBuitenland'] {
  return { type: 'VerblijfplaatsBuitenland', verblijfadres: { regel1, regel2, regel3, land }, datumVan: datum(sinds) };
}

export function brpDemo(now: Date = new Date()): DemoPersoon[] {
  return [
    {
      burgerservicenummer: '999993653',
      geslacht: vrouw,
      naam: eigenNaamVan('999993653'),
      geboorte: { datum: geboortedatumVan('999993653'), plaats: gemeente.utrecht, land: nederland },
      nationaliteiten: [nederlandse()],
      gemeenteVanInschrijving: voorbeeldstad,
      verblijfplaats: adres('Kastanjelaan', 12, '1234KL', '2013-04-01'),
      partners: [
        {
          ...martijn,
          geslacht: man,
          soortVerbintenis: huwelijk,
          aangaanHuwelijkPartnerschap: { datum: datum('2012-06-15'), plaats: gemeente.utrecht, land: nederland },
        },
      ],
      kinderen: [
        relative('999990925', naam('Noor', undefined, 'Bos'), { datum: datum('2014-04-22'), plaats: gemeente.utrecht, land: nederland }),
        relative('999990962', naam('Daan Pieter', undefined, 'Bos'), { datum: datum('2017-10-05'), plaats: gemeente.amersfoort, land: nederland }),
      ],
    },
    {
      burgerservicenummer: '999990019',
      geslacht: man,
      naam: eigenNaamVan('999990019'),
      geboorte: jan.geboorte,
      nationaliteiten: [nederlandse()],
      gemeenteVanInschrijving: voorbeeldstad,
      verblijfplaats: adres('Lindelaan', 7, '1234LN', '1976-10-01'),
      partners: [
        {
          ...maria,
          geslacht: vrouw,
          soortVerbintenis: huwelijk,
          aangaanHuwelijkPartnerschap: { datum: datum('1968-09-20'), plaats: buitenlandsePlaats('Antwerpen'), land: belgie },
        },
      ],
      kinderen: [lotte, thomas],
    },
    {
      burgerservicenummer: '999990482',
      geslacht: vrouw,
      naam: eigenNaamVan('999990482'),
      geboorte: lotte.geboorte,
      nationaliteiten: [nederlandse()],
      gemeenteVanInschrijving: voorbeeldstad,
      verblijfplaats: adres('Stationsweg', 45, '1234ST', '2016-11-15', { huisnummertoevoeging: '2' }),
      partners: [
        {
          ...relative('999991887', naam('Ruben', 'de', 'Wit'), { datum: datum('1972-01-30'), plaats: gemeente.denHaag, land: nederland }),
          geslacht: man,
          soortVerbintenis: partnerschap,
          aangaanHuwelijkPartnerschap: { datum: datum('2005-05-13'), plaats: gemeente.haarlem, land: nederland },
          ontbindingHuwelijkPartnerschap: { datum: datum('2016-09-01') },
        },
      ],
      ouders: [
        { ...jan, ouderAanduiding: '1', geslacht: man, datumIngangFamilierechtelijkeBetrekking: datum('1974-09-12') },
        { ...maria, ouderAanduiding: '2', geslacht: vrouw, datumIngangFamilierechtelijkeBetrekking: datum('1974-09-12') },
      ],
    },
    {
      burgerservicenummer: '999991772',
      geheimhoudingPersoonsgegevens: true,
      geslacht: vrouw,
      naam: eigenNaamVan('999991772'),
      geboorte: { datum: geboortedatumVan('999991772'), plaats: gemeente.rotterdam, land: nederland },
      nationaliteiten: [nederlandse()],
      gemeenteVanInschrijving: voorbeeldstad,
      verblijfplaats: adres('Esdoornstraat', 21, '1234ES', '2019-03-01', { huisletter: 'A' }),
      kinderen: [
        relative('999992405', naam('Yasmina', undefined, 'El Amrani'), { datum: datum('2020-02-11'), plaats: gemeente.rotterdam, land: nederland }),
        relative('999992442', naam('Adam', undefined, 'El Amrani'), { datum: datum('2023-09-30'), plaats: gemeente.utrecht, land: nederland }),
      ],
    },
    {
      burgerservicenummer: '999995571',
      geslacht: man,
      naam: eigenNaamVan('999995571'),
      geboorte: { datum: geboortedatumVan('999995571'), plaats: gemeente.denHaag, land: nederland },
      nationaliteiten: [nederlandse()],
      gemeenteVanInschrijving: voorbeeldstad,
      verblijfplaats: adres('Kerkstraat', 3, '1234KS', '2001-07-01'),
      partners: [
        {
          ...relative('999993367', naam('Ingrid', undefined, 'Smit'), { datum: datum('1974-12-03'), plaats: gemeente.utrecht, land: nederland }),
          geslacht: vrouw,
          soortVerbintenis: huwelijk,
          aangaanHuwelijkPartnerschap: { datum: datum('1999-08-21'), plaats: gemeente.denHaag, land: nederland },
        },
      ],
      kinderen: [relative('999993811', naam('Sanne', 'van den', 'Berg'), { datum: datum('2003-03-17'), plaats: gemeente.denHaag, land: nederland })],
    },
    {
      burgerservicenummer: '999992570',
      geslacht: vrouw,
      naam: eigenNaamVan('999992570'),
      geboorte: { datum: geboortedatumVan('999992570'), plaats: gemeente.zwolle, land: nederland },
      nationaliteiten: [nederlandse()],
      gemeenteVanInschrijving: voorbeeldstad,
      datumInschrijvingInGemeente: datum(daysBefore(now, 20)),
      verblijfplaats: adres('Molenweg', 18, '1234MW', daysBefore(now, 20), {
        inOnderzoek: { type: true, datumVan: true, datumIngangOnderzoek: datum(daysBefore(now, 10)) },
      }),
    },
    {
      burgerservicenummer: thomas.burgerservicenummer,
      geslacht: man,
      naam: { ...thomas.naam, volledigeNaam: 'Thomas Johannes Jansen', aanduidingNaamgebruik: eigenNaam },
      geboorte: thomas.geboorte,
      nationaliteiten: [nederlandse()],
      gemeenteVanInschrijving: rni,
      verblijfplaats: buitenland('Kapelstraat 17', '2960 Brecht', 'Provincie Antwerpen', belgie, '2015-09-01'),
      opschortingBijhouding: { reden: waarde('E', 'emigratie'), datum: datum('2015-09-01') },
      ouders: [
        { ...jan, ouderAanduiding: '1', geslacht: man, datumIngangFamilierechtelijkeBetrekking: datum('1977-02-19') },
        { ...maria, ouderAanduiding: '2', geslacht: vrouw, datumIngangFamilierechtelijkeBetrekking: datum('1977-02-19') },
      ],
    },
  ];
}
