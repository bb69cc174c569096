/** A person as Mijn gegevens shows them, from the BRP; and the company, from the KvK. */

/** A date as the register gives it: the ISO date when it is complete, and the register's own Dutch text. */
export interface RegisterDatum {
  iso?: string;
  tekst: string;
}

export interface GerelateerdePersoon {
  naam: string;
  geboortedatum?: RegisterDatum;
}

export interface Persoon {
  naam: string;
  voornamen?: string;
  geboortedatum?: RegisterDatum;
  geboorteplaats?: string;
  geboorteland?: string;
  nationaliteiten: string[];
  /** The address in lines, as on an envelope; undefined when the BRP has none. */
  adres?: string[];
  /** Since when the person lives at that address. */
  adresSinds?: RegisterDatum;
  partners: (GerelateerdePersoon & { soortVerbintenis?: string; sinds?: RegisterDatum })[];
  kinderen: GerelateerdePersoon[];
  /** The BRP says the data may not be given to third parties (geheimhouding persoonsgegevens). */
  geheimhouding: boolean;
}

export interface Vestiging {
  vestigingsnummer: string;
  naam: string;
  adres?: string[];
  hoofdvestiging: boolean;
}

export interface Bedrijf {
  kvkNummer: string;
  naam: string;
  rechtsvorm?: string;
  handelsnamen: string[];
  activiteiten: { code: string; omschrijving: string; hoofdactiviteit: boolean }[];
  vestigingen: Vestiging[];
  registratiedatum?: string;
}

/** "Suzanne de Vries": the parts of a name that are there, in order. */
export function joinName(...parts: (string | undefined)[]): string {
  return parts.filter((part) => part !== undefined && part.trim() !== '').join(' ');
}
