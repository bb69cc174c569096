/**
 * The demo world of the KvK simulator (KVK Handelsregister Basisprofiel API v1 and
 * Vestigingsprofiel API v1): every test company of ./test-identities.ts with the vestigingen
 * listed there (numbers and names), in Voorbeeldstad like the rest of the demo (zgw-demo.ts,
 * brp-demo.ts). The simulator turns these records into the API's JSON (simulators/kvk/index.ts).
 * SBI codes are SBI 2008 codes; their descriptions are shortened where the official ones are long.
 * Addresses are listed as the API lists them: the correspondentieadres (if any) before the bezoekadres.
 *
 * Who has what:
 * - Bakkerij Van den Berg B.V. 69599084: besloten vennootschap (rsin), three handelsnamen, three
 *   SBI activities; hoofdvestiging Marktstraat 000038509504 and nevenvestiging Stationsplein
 *   000038509520 (with a huisletter). Owner Pieter van den Berg (brp-demo.ts), not in this API.
 * - Fietsenmaker De Snelle Spaak 68750110: eenmanszaak (no rsin, no statutaire naam), one
 *   vestiging 000037143557.
 * - Stichting Buurtkracht 90001745: stichting, one non-commercial vestiging 000044123456 in a
 *   wijkcentrum (toevoegingAdres) with a postbus as correspondentieadres.
 */
import { findTestCompany } from './test-identities.ts';

export interface DemoKvkAdres {
  type: 'bezoekadres' | 'correspondentieadres';
  straatnaam: string;
  huisnummer?: number;
  huisletter?: string;
  huisnummerToevoeging?: string;
  toevoegingAdres?: string;
  postbusnummer?: number;
  /** Without a space, as the KvK gives it: 1234AB. */
  postcode: string;
  plaats: string;
}

export interface DemoSbiActiviteit {
  sbiCode: string;
  sbiOmschrijving: string;
  hoofdactiviteit: boolean;
}

export interface DemoVestiging {
  vestigingsnummer: string;
  eersteHandelsnaam: string;
  handelsnamen: string[];
  hoofdvestiging: boolean;
  commercieel: boolean;
  /** YYYYMMDD, as the KvK gives dates. */
  formeleRegistratiedatum: string;
  datumAanvang: string;
  voltijdWerkzamePersonen: number;
  deeltijdWerkzamePersonen: number;
  adressen: DemoKvkAdres[];
  websites: string[];
  sbiActiviteiten: DemoSbiActiviteit[];
}

export interface DemoBedrijf {
  kvkNummer: string;
  naam: string;
  statutaireNaam?: string;
  indNonMailing: 'Ja' | 'Nee';
  formeleRegistratiedatum: string;
  datumAanvang: string;
  /** In the order of registration. */
  handelsnamen: string[];
  sbiActiviteiten: DemoSbiActiviteit[];
  eigenaar: { rsin?: string; rechtsvorm: string; uitgebreideRechtsvorm: string };
  /** The hoofdvestiging first. */
  vestigingen: DemoVestiging[];
}

/** The name of a vestiging as ./test-identities.ts gives it. */
function naamVan(kvkNummer: string, vestigingsnummer: string): string {
  const vestiging = findTestCompany(kvkNummer)?.vestigingen.find((v) => v.vestigingsnummer === vestigingsnummer);
  if (!vestiging) throw new Error(`kvk-demo: no test vestiging ${vestigingsnummer} of ${kvkNummer}`);
  return vestiging.naam;
}

function naamVanBedrijf(kvkNummer: string): string {
  const company = findTestCompany(kvkNummer);
  if (!company) throw new Error(`kvk-demo: no test company ${kvkNummer}`);
  return company.naam;
}

const sbi = (sbiCode: string, sbiOmschrijving: string, hoofdactiviteit = false): DemoSbiActiviteit => ({ sbiCode, sbiOmschrijving, hoofdactiviteit });
const plaats = 'Voorbeeldstad';

const bakkerijActiviteiten = [
  sbi('10711', 'Brood- en banketbakkerijen (ambachtelijk)', true),
  sbi('47241', 'Winkels in brood en banketbakkerswerk'),
  sbi('56102', 'Lunchrooms, cafetaria’s, ijssalons e.d.'),
];

export const kvkDemo: DemoBedrijf[] = [
  {
    kvkNummer: '69599084',
    naam: naamVanBedrijf('69599084'),
    statutaireNaam: 'Bakkerij Van den Berg B.V.',
    indNonMailing: 'Nee',
    formeleRegistratiedatum: '20080301',
    datumAanvang: '20080301',
    handelsnamen: ['Bakkerij Van den Berg B.V.', 'Bakkerij Van den Berg', 'Van den Berg Brood & Banket'],
    sbiActiviteiten: bakkerijActiviteiten,
    eigenaar: { rsin: '850150462', rechtsvorm: 'Besloten Vennootschap', uitgebreideRechtsvorm: 'Besloten Vennootschap met gewone structuur' },
    vestigingen: [
      {
        vestigingsnummer: '000038509504',
        eersteHandelsnaam: naamVan('69599084', '000038509504'),
        handelsnamen: [naamVan('69599084', '000038509504'), 'Bakkerij Van den Berg'],
        hoofdvestiging: true,
        commercieel: true,
        formeleRegistratiedatum: '20080301',
        datumAanvang: '20080301',
        voltijdWerkzamePersonen: 6,
        deeltijdWerkzamePersonen: 4,
        adressen: [
          { type: 'correspondentieadres', straatnaam: 'Marktstraat', huisnummer: 12, postcode: '1234AC', plaats },
          { type: 'bezoekadres', straatnaam: 'Marktstraat', huisnummer: 12, postcode: '1234AC', plaats },
        ],
        websites: ['www.bakkerijvandenberg.example.nl'],
        sbiActiviteiten: bakkerijActiviteiten,
      },
      {
        vestigingsnummer: '000038509520',
        eersteHandelsnaam: naamVan('69599084', '000038509520'),
        handelsnamen: [naamVan('69599084', '000038509520')],
        hoofdvestiging: false,
        commercieel: true,
        formeleRegistratiedatum: '20150915',
        datumAanvang: '20150901',
        voltijdWerkzamePersonen: 2,
        deeltijdWerkzamePersonen: 2,
        adressen: [{ type: 'bezoekadres', straatnaam: 'Stationsplein', huisnummer: 1, huisletter: 'B', postcode: '1234SP', plaats }],
        websites: [],
        sbiActiviteiten: [sbi('47241', 'Winkels in brood en banketbakkerswerk', true), sbi('56102', 'Lunchrooms, cafetaria’s, ijssalons e.d.')],
      },
    ],
  },
  {
    kvkNummer: '68750110',
    naam: naamVanBedrijf('68750110'),
    indNonMailing: 'Ja',
    formeleRegistratiedatum: '20170512',
    datumAanvang: '20170501',
    handelsnamen: ['Fietsenmaker De Snelle Spaak', 'De Snelle Spaak'],
    sbiActiviteiten: [sbi('95290', 'Reparatie van overige consumentenartikelen (o.a. fietsen)', true), sbi('47641', 'Winkels in fietsen en bromfietsen')],
    eigenaar: { rechtsvorm: 'Eenmanszaak', uitgebreideRechtsvorm: 'Eenmanszaak' },
    vestigingen: [
      {
        vestigingsnummer: '000037143557',
        eersteHandelsnaam: naamVan('68750110', '000037143557'),
        handelsnamen: ['Fietsenmaker De Snelle Spaak', 'De Snelle Spaak'],
        hoofdvestiging: true,
        commercieel: true,
        formeleRegistratiedatum: '20170512',
        datumAanvang: '20170501',
        voltijdWerkzamePersonen: 1,
        deeltijdWerkzamePersonen: 0,
        adressen: [{ type: 'bezoekadres', straatnaam: 'Spoorstraat', huisnummer: 8, huisnummerToevoeging: 'a', postcode: '1234SR', plaats }],
        websites: [],
        sbiActiviteiten: [sbi('95290', 'Reparatie van overige consumentenartikelen (o.a. fietsen)', true), sbi('47641', 'Winkels in fietsen en bromfietsen')],
      },
    ],
  },
  {
    kvkNummer: '90001745',
    naam: naamVanBedrijf('90001745'),
    statutaireNaam: 'Stichting Buurtkracht',
    indNonMailing: 'Nee',
    formeleRegistratiedatum: '20210118',
    datumAanvang: '20210115',
    handelsnamen: ['Stichting Buurtkracht'],
    sbiActiviteiten: [sbi('88999', 'Overige maatschappelijke dienstverlening', true), sbi('9499', 'Overige ideële organisaties')],
    eigenaar: { rsin: '850395951', rechtsvorm: 'Stichting', uitgebreideRechtsvorm: 'Stichting' },
    vestigingen: [
      {
        vestigingsnummer: '000044123456',
        eersteHandelsnaam: naamVan('90001745', '000044123456'),
        handelsnamen: ['Stichting Buurtkracht'],
        hoofdvestiging: true,
        commercieel: false,
        formeleRegistratiedatum: '20210118',
        datumAanvang: '20210115',
        voltijdWerkzamePersonen: 0,
        deeltijdWerkzamePersonen: 3,
        adressen: [
          { type: 'correspondentieadres', straatnaam: 'Postbus', postbusnummer: 123, postcode: '1230AA', plaats },
          { type: 'bezoekadres', straatnaam: 'Lindelaan', huisnummer: 40, toevoegingAdres: 'Wijkcentrum De Linde', postcode: '1234LN', plaats },
        ],
        websites: ['www.buurtkracht.example.nl'],
        sbiActiviteiten: [sbi('88999', 'Overige maatschappelijke dienstverlening', true)],
      },
    ],
  },
];

export function findDemoBedrijf(kvkNummer: string): DemoBedrijf | undefined {
  return kvkDemo.find((b) => b.kvkNummer === kvkNummer);
}
