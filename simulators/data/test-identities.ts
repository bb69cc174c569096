/**
 * The demo world that every simulator shares: test persons (DigiD), test companies
 * (eHerkenning) and machtigingen (DigiD Machtigen). The login simulator offers them on its
 * pages; the BRP, KvK, Zaken and other simulators give them their data, so that one login
 * shows one consistent picture. All BSNs pass the elfproef and come from the 99999xxxx range
 * that is set aside for testing; none of these people or companies exist.
 */

export interface TestPerson {
  bsn: string;
  voornamen: string;
  voorvoegsel?: string;
  geslachtsnaam: string;
  /** YYYY-MM-DD */
  geboortedatum: string;
  /** One Dutch line that says what is special about this person in the demo. */
  description: string;
}

export interface TestCompany {
  /** Eight digits. */
  kvkNummer: string;
  naam: string;
  /** Twelve-digit vestigingsnummers. */
  vestigingen: { vestigingsnummer: string; naam: string }[];
  description: string;
}

export interface TestMachtiging {
  /** BSN of the person who logs in and acts for someone else. */
  gemachtigde: string;
  /** BSN of the person whose affairs are handled. */
  vertegenwoordigde: string;
  /** What the machtiging makes the gemachtigde when a court appointed them (bewindvoering); none for a DigiD machtiging. */
  rol?: 'bewindvoerder' | 'curator' | 'mentor';
  description: string;
}

export const testPersons: TestPerson[] = [
  {
    bsn: '999993653',
    voornamen: 'Suzanne',
    voorvoegsel: 'de',
    geslachtsnaam: 'Vries',
    geboortedatum: '1985-03-14',
    description: 'Heeft lopende zaken en een partner',
  },
  {
    bsn: '999990019',
    voornamen: 'Jan',
    geslachtsnaam: 'Jansen',
    geboortedatum: '1944-11-02',
    description: 'Oudere inwoner; zijn dochter Lotte regelt zaken voor hem',
  },
  {
    bsn: '999990482',
    voornamen: 'Lotte',
    geslachtsnaam: 'Jansen',
    geboortedatum: '1974-09-12',
    description: 'Dochter van Jan Jansen; is gemachtigd om zijn zaken te regelen',
  },
  {
    bsn: '999991772',
    voornamen: 'Fatima',
    geslachtsnaam: 'El Amrani',
    geboortedatum: '1990-07-21',
    description: 'Heeft een taak die nog open staat: een formulier invullen',
  },
  {
    bsn: '999995571',
    voornamen: 'Pieter',
    voorvoegsel: 'van den',
    geslachtsnaam: 'Berg',
    geboortedatum: '1972-05-30',
    description: 'Ondernemer: eigenaar van Bakkerij Van den Berg',
  },
  {
    bsn: '999992570',
    voornamen: 'Anna',
    geslachtsnaam: 'Bakker',
    geboortedatum: '2004-01-09',
    description: 'Nieuw in de gemeente: nog geen zaken, taken of berichten',
  },
];

export const testCompanies: TestCompany[] = [
  {
    kvkNummer: '69599084',
    naam: 'Bakkerij Van den Berg B.V.',
    vestigingen: [
      { vestigingsnummer: '000038509504', naam: 'Bakkerij Van den Berg, Marktstraat' },
      { vestigingsnummer: '000038509520', naam: 'Bakkerij Van den Berg, Stationsplein' },
    ],
    description: 'Bakkerij met twee winkels; heeft een lopende aanvraag voor een terrasvergunning',
  },
  {
    kvkNummer: '68750110',
    naam: 'Fietsenmaker De Snelle Spaak',
    vestigingen: [{ vestigingsnummer: '000037143557', naam: 'Fietsenmaker De Snelle Spaak' }],
    description: 'Eenmanszaak met één vestiging; heeft een taak die nog open staat',
  },
  {
    kvkNummer: '90001745',
    naam: 'Stichting Buurtkracht',
    vestigingen: [{ vestigingsnummer: '000044123456', naam: 'Stichting Buurtkracht' }],
    description: 'Stichting zonder lopende zaken',
  },
];

export const testMachtigingen: TestMachtiging[] = [
  {
    gemachtigde: '999990482',
    vertegenwoordigde: '999990019',
    description: 'Lotte Jansen regelt zaken voor haar vader Jan Jansen',
  },
  {
    gemachtigde: '999993653',
    vertegenwoordigde: '999992570',
    rol: 'bewindvoerder',
    description: 'Suzanne de Vries is bewindvoerder van Anna Bakker',
  },
];

/** "Suzanne de Vries": voornamen, voorvoegsel and geslachtsnaam, as a letter would address them. */
export function displayName(p: TestPerson): string {
  return [p.voornamen, p.voorvoegsel, p.geslachtsnaam].filter((part) => part !== undefined && part !== '').join(' ');
}

export function findTestPerson(bsn: string): TestPerson | undefined {
  return testPersons.find((p) => p.bsn === bsn);
}

export function findTestCompany(kvkNummer: string): TestCompany | undefined {
  return testCompanies.find((c) => c.kvkNummer === kvkNummer);
}

/** Staff of the demo organisation, for the medewerkersportaal (the simulator's "medewerker" login). */
export interface TestMedewerker {
  id: string;
  naam: string;
  afdeling: string;
  rollen: string[];
  description: string;
}

export const testMedewerkers: TestMedewerker[] = [
  {
    id: 'mbakker',
    naam: 'Mirjam Bakker',
    afdeling: 'Klantcontactcentrum',
    rollen: ['kcc'],
    description: 'Klantcontactcentrum: ziet zaken, taken, berichten en contactgegevens, maar geen zaken over bijzondere bijstand',
  },
  {
    id: 'psmit',
    naam: 'Peter Smit',
    afdeling: 'Team Inkomen',
    rollen: ['kcc', 'inkomen'],
    description: 'Team Inkomen: ziet ook de zaken over bijzondere bijstand (alleen voor de rol inkomen)',
  },
  {
    id: 'avisser',
    naam: 'Anouk Visser',
    afdeling: 'Team Inkomen',
    rollen: ['inkomen'],
    description: 'Team Inkomen, alleen de rol inkomen: ziet zaken en documenten, geen contactgegevens of meldingen',
  },
  {
    id: 'gast',
    naam: 'Sam de Gast',
    afdeling: 'Stagiairs',
    rollen: [],
    description: 'Zonder rol: mag niemands gegevens zien',
  },
];

export const findTestMedewerker = (id: string) => testMedewerkers.find((m) => m.id === id);
