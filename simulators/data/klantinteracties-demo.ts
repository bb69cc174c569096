/**
 * The demo world of the Klantinteracties simulator (Open Klant 2, Klantinteracties API 0.9.0):
 * partijen with their identificatoren and digitale adressen, and the klantcontacten they had,
 * for the test persons and companies of ./test-identities.ts, plus two people who are not test
 * persons (their klantcontacten must never show up for someone else: "not yours → 404").
 *
 * UUIDs say what they are: `demoUuid(kind, partijNumber, n)` with kind
 *   e0 partij (n = 0)          e1 partij-identificator   e2 digitaal adres
 *   e3 klantcontact            e4 betrokkene             e5 onderwerpobject
 * so Suzanne (partij 1) is e0000000-0000-4000-8000-000001000000, her second digitaal adres
 * e2000000-0000-4000-8000-000001000002, and the betrokkene and onderwerpobject of her first
 * klantcontact e4…-000001000001 and e5…-000001000001. Dates are days before "now" (the
 * simulator's `now` option).
 *
 * Who has what:
 * | nr | partij                                   | identificatoren                     | digitale adressen                                          | klantcontacten |
 * |  1 | Suzanne de Vries (persoon)               | bsn 999993653                       | e-mail (geverifieerd, voorkeur), mobiel (niet geverifieerd) | 3: telefoon over ZAAK-000102, e-mail, balie |
 * |  2 | Jan Jansen (persoon)                     | bsn 999990019                       | e-mail (niet geverifieerd, voorkeur)                       | 1: telefoon |
 * |  3 | Lotte Jansen (persoon)                   | bsn 999990482                       | mobiel (geverifieerd, voorkeur)                            | none |
 * |  4 | Fatima El Amrani (persoon)               | bsn 999991772                       | e-mail (geverifieerd, no voorkeursDigitaalAdres)           | none |
 * |  5 | Pieter van den Berg (persoon)            | bsn 999995571                       | none                                                       | 1: e-mail |
 * | 11 | Bakkerij Van den Berg B.V. (organisatie) | kvk 69599084, vestiging 000038509504 (subIdentificatorVan the kvk one) | e-mail (geverifieerd, voorkeur) | 1: telefoon over ZAAK-000301 |
 * | 12 | Fietsenmaker De Snelle Spaak (organisatie) | kvk 68750110                      | telefoon (vast)                                            | none |
 * | 91 | Karel de Boer (persoon, not a test person) | bsn 111222333                     | e-mail (geverifieerd)                                      | 1: balie over ZAAK-000901 |
 * | 92 | Marieke Visser (persoon, not a test person) | bsn 123456782                    | mobiel                                                     | 1: e-mail |
 * Every digitaal adres is the standaard adres of its soort for its partij. No partij at all:
 * Anna Bakker (999992570) and Stichting Buurtkracht (90001745): the portal creates one when they
 * first give contact details.
 *
 * A klantcontact about a zaak has an onderwerpobject whose onderwerpobjectidentificator names
 * the zaak as the spec's examples do (codeObjecttype 'zaak', codeRegister 'open-zaak',
 * codeSoortObjectId 'uuid', objectId = the zaak's UUID in ./zgw-demo.ts), and hoofdOnderwerpType
 * = the URL of the zaak's zaaktype in the ZGW simulator.
 */
import { findTestCompany, findTestPerson } from './test-identities.ts';
import { demoUuid, demoZaaktypen, demoZaken } from './zgw-demo.ts';

export type SoortDigitaalAdres = 'email' | 'telefoonnummer' | 'overig';

export type DemoPartijIdentificatie =
  | { soortPartij: 'persoon'; voorletters: string; voornaam: string; voorvoegselAchternaam: string; achternaam: string }
  | { soortPartij: 'organisatie'; naam: string };

export interface DemoPartijIdentificator {
  uuid: string;
  codeObjecttype: 'natuurlijk_persoon' | 'niet_natuurlijk_persoon' | 'vestiging';
  codeSoortObjectId: 'bsn' | 'kvk_nummer' | 'rsin' | 'vestigingsnummer';
  codeRegister: 'brp' | 'hr';
  objectId: string;
  /** UUID of the kvk_nummer identificator a vestigingsnummer belongs to. */
  subIdentificatorVan: string | null;
}

export interface DemoDigitaalAdres {
  uuid: string;
  soortDigitaalAdres: SoortDigitaalAdres;
  adres: string;
  omschrijving: string;
  isStandaardAdres: boolean;
  /** Days before now on which the adres was verified (verificatieDatum); null: never verified. */
  verifiedDaysAgo: number | null;
}

export interface DemoZaakRef {
  uuid: string;
  identificatie: string;
  zaaktypeUuid: string;
}

export interface DemoKlantcontact {
  uuid: string;
  /** The one betrokkene: the partij, as klant and initiator. */
  betrokkeneUuid: string;
  /** Set when the klantcontact is about a zaak. */
  onderwerpobjectUuid: string | null;
  zaak: DemoZaakRef | null;
  nummer: string;
  referentienummer: string;
  kanaal: string;
  onderwerp: string;
  inhoud: string;
  reactie: string;
  indicatieContactGelukt: boolean | null;
  daysAgo: number;
  /** Time of day in the Netherlands, HH:MM. */
  time: string;
}

export interface DemoPartij {
  uuid: string;
  nummer: string;
  /** Whom this is, in a few words (for test names and the demo guide). */
  description: string;
  identificatie: DemoPartijIdentificatie;
  identificatoren: DemoPartijIdentificator[];
  digitaleAdressen: DemoDigitaalAdres[];
  voorkeursDigitaalAdres: string | null;
  klantcontacten: DemoKlantcontact[];
}

// ---------------------------------------------------------------------------------------------
// Builders

type AdresDefinition = Omit<DemoDigitaalAdres, 'uuid' | 'isStandaardAdres' | 'verifiedDaysAgo' | 'omschrijving'> &
  Partial<Pick<DemoDigitaalAdres, 'isStandaardAdres' | 'verifiedDaysAgo' | 'omschrijving'>> & { voorkeur?: boolean };

type KlantcontactDefinition = Pick<DemoKlantcontact, 'kanaal' | 'onderwerp' | 'inhoud' | 'reactie' | 'daysAgo' | 'time'> &
  Partial<Pick<DemoKlantcontact, 'indicatieContactGelukt'>> & { zaak?: number };

function zaakRef(number: number): DemoZaakRef {
  const zaak = demoZaken.find((z) => z.uuid === demoUuid('a0', 0, number));
  if (!zaak) throw new Error(`klantinteracties-demo: no ZGW demo zaak ${number}`);
  const zaaktype = demoZaaktypen.find((t) => t.key === zaak.zaaktype)!;
  return { uuid: zaak.uuid, identificatie: zaak.identificatie, zaaktypeUuid: zaaktype.uuid };
}

function partij(
  number: number,
  definition: {
    description: string;
    identificatie: DemoPartijIdentificatie;
    identificatoren: Omit<DemoPartijIdentificator, 'uuid' | 'subIdentificatorVan'>[];
    digitaleAdressen?: AdresDefinition[];
    klantcontacten?: KlantcontactDefinition[];
  },
): DemoPartij {
  const identificatoren = definition.identificatoren.map((identificator, index) => ({
    ...identificator,
    uuid: demoUuid('e1', number, index + 1),
    subIdentificatorVan: null as string | null,
  }));
  // A vestigingsnummer is unique within its KvK-nummer (the spec's subIdentificatorVan).
  const kvk = identificatoren.find((i) => i.codeSoortObjectId === 'kvk_nummer');
  for (const identificator of identificatoren) {
    if (identificator.codeSoortObjectId !== 'vestigingsnummer') continue;
    if (!kvk) throw new Error(`klantinteracties-demo: partij ${number} has a vestigingsnummer without a kvk_nummer`);
    identificator.subIdentificatorVan = kvk.uuid;
  }
  const digitaleAdressen = (definition.digitaleAdressen ?? []).map(({ voorkeur: _voorkeur, ...adres }, index) => ({
    omschrijving: '',
    isStandaardAdres: true,
    verifiedDaysAgo: null,
    ...adres,
    uuid: demoUuid('e2', number, index + 1),
  }));
  const voorkeur = (definition.digitaleAdressen ?? []).findIndex((a) => a.voorkeur);
  return {
    uuid: demoUuid('e0', number),
    nummer: String(number).padStart(10, '0'),
    description: definition.description,
    identificatie: definition.identificatie,
    identificatoren,
    digitaleAdressen,
    voorkeursDigitaalAdres: voorkeur === -1 ? null : digitaleAdressen[voorkeur]!.uuid,
    klantcontacten: (definition.klantcontacten ?? []).map(({ zaak, ...contact }, index) => ({
      indicatieContactGelukt: true,
      ...contact,
      uuid: demoUuid('e3', number, index + 1),
      betrokkeneUuid: demoUuid('e4', number, index + 1),
      onderwerpobjectUuid: zaak === undefined ? null : demoUuid('e5', number, index + 1),
      zaak: zaak === undefined ? null : zaakRef(zaak),
      nummer: String(number * 100 + index + 1).padStart(10, '0'),
      referentienummer: `KC-${number * 100 + index + 1}`,
    })),
  };
}

function persoon(bsn: string): DemoPartijIdentificatie {
  const person = findTestPerson(bsn);
  if (!person) throw new Error(`klantinteracties-demo: no test person with BSN ${bsn}`);
  return naam(person.voornamen, person.voorvoegsel ?? '', person.geslachtsnaam);
}

function naam(voornaam: string, voorvoegselAchternaam: string, achternaam: string): DemoPartijIdentificatie {
  const voorletters = voornaam
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part[0]!.toUpperCase()}.`)
    .join('');
  return { soortPartij: 'persoon', voorletters, voornaam, voorvoegselAchternaam, achternaam };
}

function organisatie(kvk: string): DemoPartijIdentificatie {
  const company = findTestCompany(kvk);
  if (!company) throw new Error(`klantinteracties-demo: no test company with KvK-nummer ${kvk}`);
  return { soortPartij: 'organisatie', naam: company.naam };
}

const bsn = (objectId: string) => ({ codeObjecttype: 'natuurlijk_persoon', codeSoortObjectId: 'bsn', codeRegister: 'brp', objectId }) as const;
const kvkNummer = (objectId: string) => ({ codeObjecttype: 'niet_natuurlijk_persoon', codeSoortObjectId: 'kvk_nummer', codeRegister: 'hr', objectId }) as const;
const vestigingsnummer = (objectId: string) => ({ codeObjecttype: 'vestiging', codeSoortObjectId: 'vestigingsnummer', codeRegister: 'hr', objectId }) as const;

// ---------------------------------------------------------------------------------------------
// The partijen

export const demoPartijen: DemoPartij[] = [
  partij(1, {
    description: 'Suzanne de Vries: e-mail (geverifieerd) en mobiel, drie klantcontacten',
    identificatie: persoon('999993653'),
    identificatoren: [bsn('999993653')],
    digitaleAdressen: [
      { soortDigitaalAdres: 'email', adres: 'suzanne.devries@example.nl', omschrijving: 'Privé', verifiedDaysAgo: 210, voorkeur: true },
      { soortDigitaalAdres: 'telefoonnummer', adres: '0612345678', omschrijving: 'Mobiel' },
    ],
    klantcontacten: [
      {
        kanaal: 'telefoon',
        onderwerp: 'Vraag over de verbouwing aan de Kastanjelaan 12',
        inhoud: 'Mevrouw De Vries vroeg wanneer de commissie voor ruimtelijke kwaliteit naar haar plan voor de uitbouw kijkt.',
        reactie: 'Uitgelegd dat de commissie binnen een maand vergadert en dat zij daarna een bericht krijgt.',
        daysAgo: 30,
        time: '10:15',
        zaak: 102,
      },
      {
        kanaal: 'e-mail',
        onderwerp: 'Groene container niet geleegd',
        inhoud: 'Mevrouw meldt dat de groene container in de Kastanjelaan al twee weken niet is geleegd.',
        reactie: 'Doorgegeven aan de afvaldienst. De container wordt donderdag geleegd.',
        daysAgo: 12,
        time: '19:42',
      },
      {
        kanaal: 'balie',
        onderwerp: 'Nieuw paspoort aanvragen',
        inhoud: 'Mevrouw kwam naar de balie in het stadhuis om te vragen wat zij nodig heeft voor een nieuw paspoort.',
        reactie: 'Uitgelegd aan welke eisen de pasfoto moet voldoen en een afspraak gemaakt.',
        daysAgo: 45,
        time: '14:05',
      },
    ],
  }),
  partij(2, {
    description: 'Jan Jansen: alleen een e-mailadres (niet geverifieerd), één klantcontact',
    identificatie: persoon('999990019'),
    identificatoren: [bsn('999990019')],
    digitaleAdressen: [{ soortDigitaalAdres: 'email', adres: 'jan.jansen@example.nl', voorkeur: true }],
    klantcontacten: [
      {
        kanaal: 'telefoon',
        onderwerp: 'Hulp bij het aanvragen van een parkeervergunning',
        inhoud: 'Meneer Jansen vroeg of iemand hem kan helpen met het aanvragen van een parkeervergunning voor zijn dochter.',
        reactie: 'Uitgelegd dat zijn dochter Lotte met DigiD Machtigen zijn zaken kan regelen.',
        daysAgo: 20,
        time: '09:30',
      },
    ],
  }),
  partij(3, {
    description: 'Lotte Jansen: alleen een mobiel nummer (geverifieerd)',
    identificatie: persoon('999990482'),
    identificatoren: [bsn('999990482')],
    digitaleAdressen: [{ soortDigitaalAdres: 'telefoonnummer', adres: '0687654321', omschrijving: 'Mobiel', verifiedDaysAgo: 60, voorkeur: true }],
  }),
  partij(4, {
    description: 'Fatima El Amrani: e-mailadres (geverifieerd), geen voorkeursadres, geen klantcontacten',
    identificatie: persoon('999991772'),
    identificatoren: [bsn('999991772')],
    digitaleAdressen: [{ soortDigitaalAdres: 'email', adres: 'fatima.elamrani@example.nl', verifiedDaysAgo: 14 }],
  }),
  partij(5, {
    description: 'Pieter van den Berg: geen digitale adressen, één klantcontact',
    identificatie: persoon('999995571'),
    identificatoren: [bsn('999995571')],
    klantcontacten: [
      {
        kanaal: 'e-mail',
        onderwerp: 'Zonnepanelen op een monument',
        inhoud: 'Meneer Van den Berg vroeg welke regels gelden voor zonnepanelen op het dak van een rijksmonument.',
        reactie: 'De brochure over zonnepanelen op monumenten gestuurd en gewezen op de omgevingsvergunning.',
        daysAgo: 35,
        time: '11:20',
      },
    ],
  }),
  partij(11, {
    description: 'Bakkerij Van den Berg B.V.: KvK-nummer en vestiging Marktstraat, e-mailadres, één klantcontact',
    identificatie: organisatie('69599084'),
    identificatoren: [kvkNummer('69599084'), vestigingsnummer('000038509504')],
    digitaleAdressen: [
      { soortDigitaalAdres: 'email', adres: 'info@bakkerij-vandenberg.example.nl', omschrijving: 'Algemeen', verifiedDaysAgo: 100, voorkeur: true },
    ],
    klantcontacten: [
      {
        kanaal: 'telefoon',
        onderwerp: 'Terrasvergunning Marktstraat',
        inhoud: 'De bakkerij vroeg hoeveel tafels er op het terras mogen staan en tot hoe laat.',
        reactie: 'Uitgelegd dat dit in het besluit op de aanvraag komt te staan.',
        daysAgo: 10,
        time: '08:50',
        zaak: 301,
      },
    ],
  }),
  partij(12, {
    description: 'Fietsenmaker De Snelle Spaak: een vast telefoonnummer',
    identificatie: organisatie('68750110'),
    identificatoren: [kvkNummer('68750110')],
    digitaleAdressen: [{ soortDigitaalAdres: 'telefoonnummer', adres: '0201234567', omschrijving: 'Winkel', voorkeur: true }],
  }),

  // --- Other people: never shown to the test persons ---
  partij(91, {
    description: 'Karel de Boer (geen testpersoon): e-mailadres, klantcontact over ZAAK-000901',
    identificatie: naam('Karel', 'de', 'Boer'),
    identificatoren: [bsn('111222333')],
    digitaleAdressen: [{ soortDigitaalAdres: 'email', adres: 'k.deboer@example.nl', verifiedDaysAgo: 300, voorkeur: true }],
    klantcontacten: [
      {
        kanaal: 'balie',
        onderwerp: 'Aanbouw Kastanjelaan 14',
        inhoud: 'Meneer De Boer bracht de ontbrekende bouwtekening van zijn aanbouw langs.',
        reactie: 'Tekening ingescand en bij de aanvraag gevoegd.',
        daysAgo: 22,
        time: '15:10',
        zaak: 901,
      },
    ],
  }),
  partij(92, {
    description: 'Marieke Visser (geen testpersoon): mobiel nummer, één klantcontact',
    identificatie: naam('Marieke', '', 'Visser'),
    identificatoren: [bsn('123456782')],
    digitaleAdressen: [{ soortDigitaalAdres: 'telefoonnummer', adres: '+31611122233', omschrijving: 'Mobiel', voorkeur: true }],
    klantcontacten: [
      {
        kanaal: 'e-mail',
        onderwerp: 'Bezoekersparkeren Julianastraat',
        inhoud: 'Mevrouw Visser vroeg hoe zij bezoekersparkeren aanvraagt voor haar ouders.',
        reactie: 'Uitgelegd hoe zij dit via Mijn Voorbeeldstad regelt.',
        indicatieContactGelukt: null,
        daysAgo: 4,
        time: '21:03',
      },
    ],
  }),
];

function findPartij(number: number): DemoPartij {
  const found = demoPartijen.find((p) => p.uuid === demoUuid('e0', number));
  if (!found) throw new Error(`klantinteracties-demo: no partij ${number}`);
  return found;
}

/** The demo in one readable object; `notable` names what tests and the demo guide point at. */
export const klantinteractiesDemo = {
  partijen: demoPartijen,
  notable: {
    suzanne: findPartij(1).uuid,
    jan: findPartij(2).uuid,
    lotte: findPartij(3).uuid,
    fatima: findPartij(4).uuid,
    pieter: findPartij(5).uuid,
    bakkerij: findPartij(11).uuid,
    fietsenmaker: findPartij(12).uuid,
    /** Partijen of people who are not test persons ("not yours"). */
    others: [findPartij(91).uuid, findPartij(92).uuid],
    /** Suzanne's klantcontact about ZAAK-000102 and its onderwerpobject. */
    suzanneZaakKlantcontact: findPartij(1).klantcontacten[0]!.uuid,
    suzanneZaakOnderwerpobject: findPartij(1).klantcontacten[0]!.onderwerpobjectUuid!,
    /** Test persons and companies without a partij. */
    withoutPartij: { bsn: '999992570', kvkNummer: '90001745' },
  },
};
