/**
 * A person as Mijn gegevens shows them, from the BRP; the company, from the KvK; how the
 * organisation can reach them and the contacts they had, from its customer-contact system; and
 * the registers that answer for each (implemented in sources/).
 */
import type { Subject } from './identity.ts';
import type { Log } from './log.ts';

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

/** The BRP: who a person is. */
export interface PersonRegister {
  /** The person with this BSN, or null when the register does not know them. */
  persoon(bsn: string): Promise<Persoon | null>;
}

/** The KvK Handelsregister: what a company is. */
export interface CompanyRegister {
  /** The company with this KvK number, or null when the register does not know it. */
  bedrijf(kvkNummer: string): Promise<Bedrijf | null>;
  /** The vestigingsnummers of the company's vestigingen (one call; empty when the register does not know it). */
  vestigingsnummers(kvkNummer: string): Promise<string[]>;
}

/** "Suzanne de Vries": the parts of a name that are there, in order. */
export function joinName(...parts: (string | undefined)[]): string {
  return parts.filter((part) => part !== undefined && part.trim() !== '').join(' ');
}

/** The kinds of address a person can give: an e-mail address or a (mobile) phone number. */
export type ContactKind = 'email' | 'telefoonnummer';

/** An e-mail address or phone number the organisation may use to reach the person. */
export interface DigitaalAdres {
  /** Its id in the Klantinteracties API. */
  uuid: string;
  soort: ContactKind;
  adres: string;
  /** Confirmed by the person with a code (or known as verified by the source). */
  geverifieerd: boolean;
}

/** A contact the person had with the organisation (phone call, e-mail, visit…). */
export interface Contactmoment {
  /** Its id in the Klantinteracties API. */
  uuid: string;
  /** When it took place; undefined when the source does not say. */
  datum?: Date;
  kanaal: string;
  onderwerp: string;
  /** The zaak it was about, when it is one Voordeur can link to. */
  zaak?: { systeem: string; uuid: string };
}

/** A klantcontact with what was asked and answered, for its own page. */
export interface KlantcontactDetail extends Contactmoment {
  /** What the person asked or told (empty when the contact is confidential). */
  inhoud?: string;
  /** The organisation's answer (empty when the contact is confidential). */
  reactie?: string;
  vertrouwelijk: boolean;
}

/**
 * A klantcontact to register for a person or company: a phone call staff took, a question asked
 * with "Stel een vraag". The limits are those of Open Klant (longer is refused); a form checks
 * them before it sends.
 */
export interface NewKlantcontact {
  /** The channel, e.g. 'telefoon', 'e-mail', 'balie', 'website' (free text unless Open Klant checks it against its Referentielijsten kanalen). */
  kanaal: string;
  onderwerp: string;
  /** What was asked or told; never logged. */
  inhoud: string;
  /** Default false. A confidential klantcontact is listed, but its inhoud is not shown in Mijn Omgeving. */
  vertrouwelijk?: boolean;
  /** The zaak it is about (recorded as the klantcontact's onderwerpobject). */
  zaak?: { systeem: string; uuid: string };
  /** Whether the person started the contact (default true: they called or asked). */
  initiator?: boolean;
  /** A company's name, for its partij when one must be created. */
  naam?: string;
  /**
   * When it took place (default: now). A question sent with a form takes the moment the form was
   * claimed, to the millisecond: Voordeur's reference to find it again (`klantcontactOp`).
   */
  plaatsgevondenOp?: Date;
  /**
   * A terugbelverzoek made with it: a task (an interne taak in Klantinteracties) for this
   * department (its actor's UUID in the API) to call the person back, with what they need to know.
   */
  terugbelverzoek?: { actor: string; toelichting: string };
}

export const klantcontactLimits = { kanaal: 50, onderwerp: 200, inhoud: 1000, toelichting: 1000 } as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** Whether a text typed for a klantcontact fits: at most `max` characters, and no control characters other than new lines and tabs. */
export function fitsKlantcontact(value: string, max: number): boolean {
  return value.length <= max && !controlCharacters.test(value.replace(/[\n\t]/g, ' '));
}

/** The person's record in the organisation's customer-contact system (Klantinteracties). */
export interface ContactRegister {
  /**
   * Addresses and contactmomenten of the subject, found through their partij (none when there is
   * no partij); `incomplete` when there were more contactmomenten than could be read.
   */
  overview(subject: Subject, log?: Pick<Log, 'warn'>): Promise<{ adressen: DigitaalAdres[]; contactmomenten: Contactmoment[]; incomplete?: boolean }>;
  adressen(subject: Subject): Promise<DigitaalAdres[]>;
  /** One of the subject's own klantcontacten; null when it does not exist or is someone else's. */
  klantcontact(subject: Subject, uuid: string): Promise<KlantcontactDetail | null>;
  /** Stores a confirmed address (creating the partij when there is none), replacing `replaces` if given. */
  save(subject: Subject, soort: ContactKind, adres: string, replaces: string | null, naam?: string): Promise<void>;
  /** Removes one of the subject's own addresses; false when it is not theirs. */
  remove(subject: Subject, uuid: string): Promise<boolean>;
  /** Marks one of the subject's own addresses as not confirmed (any more), so that it must be confirmed again; false when it is not theirs. */
  markUnverified(subject: Subject, uuid: string): Promise<boolean>;
  /**
   * Registers a klantcontact that took place now, with the subject's partij (created when there is
   * none) as its betrokkene (rol klant) and, when given, the zaak as its onderwerpobject; it then
   * shows among the subject's contactmomenten. All or nothing, as far as the source allows.
   */
  registerKlantcontact(subject: Subject, contact: NewKlantcontact): Promise<{ uuid: string }>;
  /**
   * The subject's own klantcontact that took place at exactly this moment (to the millisecond), as
   * `registerKlantcontact` was given it; null when there is none. Throws SourceUnavailableError
   * when that cannot be known (the source is down, or the list was cut off before it was found).
   */
  klantcontactOp(subject: Subject, plaatsgevondenOp: Date): Promise<KlantcontactDetail | null>;
}

/** Dutch mobile and other phone numbers as the person may type them → +31…; undefined when it is not a phone number. */
export function normalisePhoneNumber(input: string): string | undefined {
  const compact = input.replace(/[\s().-]/g, '');
  let international: string;
  if (/^\+\d{8,15}$/.test(compact)) international = compact;
  else if (/^00\d{8,15}$/.test(compact)) international = `+${compact.slice(2)}`;
  else if (/^0\d{9}$/.test(compact)) international = `+31${compact.slice(1)}`;
  else return undefined;
  // Dutch numbers have 9 digits after +31.
  if (international.startsWith('+31') && international.length !== 12) return undefined;
  return international;
}

/**
 * A stored phone number (+31…) written as people write it and as the forms ask for it: a Dutch
 * mobile number as "06 12345678", another Dutch number with its 0, a foreign one as it is.
 */
export function formatPhoneNumber(international: string): string {
  if (/^\+316\d{8}$/.test(international)) return `06 ${international.slice(4)}`;
  if (/^\+31\d{9}$/.test(international)) return `0${international.slice(3)}`;
  return international;
}

/** An e-mail address or phone number as a person reads it. */
export const shownContact = (soort: ContactKind, adres: string) => (soort === 'telefoonnummer' ? formatPhoneNumber(adres) : adres);

/** A pragmatic check of an e-mail address: one @, a dot in the domain, no spaces, not too long. */
export function isEmailAddress(input: string): boolean {
  return input.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(input);
}
