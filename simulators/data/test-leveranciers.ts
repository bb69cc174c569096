/**
 * Staff of the demo's connected organisations, for the leveranciersportaal (the identity
 * simulator's "leverancier" login): one test account per demo organisation
 * (simulators/organisatie/demo.ts), and one of an organisation that is not connected.
 */
export interface TestLeverancier {
  id: string;
  naam: string;
  /** The organisation's id in Voordeur: the `organisatie` claim. */
  organisatie: string;
  organisatieNaam: string;
  description: string;
}

export const testLeveranciers: TestLeverancier[] = [
  {
    id: 'jdekker',
    naam: 'Jan Dekker',
    organisatie: 'bsgw-voorbeeldregio',
    organisatieNaam: 'Belastingsamenwerking Voorbeeldregio',
    description: 'Beheert de aansluiting van de belastingsamenwerking',
  },
  {
    id: 'fmulder',
    naam: 'Fatima Mulder',
    organisatie: 'sociale-dienst-voorbeeldregio',
    organisatieNaam: 'Sociale Dienst Voorbeeldregio',
    description: 'Beheert de aansluiting van de sociale dienst',
  },
  {
    id: 'kvos',
    naam: 'Kees Vos',
    organisatie: 'waterschap-nergensland',
    organisatieNaam: 'Waterschap Nergensland',
    description: 'Werkt bij een organisatie die niet is aangesloten: het portaal weigert de login',
  },
];

export const findTestLeverancier = (id: string) => testLeveranciers.find((l) => l.id === id);
