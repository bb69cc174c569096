/**
 * The medewerkersportaal's rules in words (docs/medewerkersportaal.md): what kinds of a person's
 * data a staff member may see by role, the purposes (doelbinding) a look must have, and which
 * zaaktypen only some roles may see. The configuration holds the values; features/medewerkers/
 * policy.ts applies them, in one place.
 */

/** The parts of a dossier a role may be allowed to see. */
export const dossierKinds = [
  'persoonsgegevens',
  'zaken',
  'documenten',
  'taken',
  'berichten',
  'contactgegevens',
  'contactmomenten',
  'notificaties',
  'aanvragen',
] as const;
export type DossierKind = (typeof dossierKinds)[number];

/** A purpose a staff member must state before they see someone's data. */
export interface Doel {
  /** Stable: it is stored in the logs (`telefoon`, `balie`, …). */
  id: string;
  /** What the staff member chooses, in Dutch and English. */
  label: { nl: string; en: string };
  /** What the resident reads in "Wie heeft mijn gegevens gebruikt": "omdat u belde met een vraag". */
  inwoner: { nl: string; en: string };
  /** Whether the staff member must give a reference (e.g. the klantcontact's or terugbelverzoek's number). */
  kenmerkVerplicht: boolean;
}

export interface MedewerkersRules {
  /** Per role (as the identity provider names it): the kinds of data it may see. */
  rollen: Record<string, DossierKind[]>;
  /** Zaaktypen (their omschrijving, as Voordeur shows them) that only the roles listed may see. */
  beperkteZaaktypen: Record<string, string[]>;
  doelen: Doel[];
}
