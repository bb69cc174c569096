/**
 * Who is logged in and on whose behalf. The subject is the person or company whose affairs
 * are shown (every source call for personal data is derived from it); the actor is who
 * actually logged in when that is someone else (DigiD Machtigen).
 */
export type LoginMethod = 'digid' | 'eherkenning';

/**
 * A company logged in either for one vestiging (`vestigingsnummer`: it sees that vestiging's
 * items and the company-wide ones) or as a whole (it sees the company-wide items and those of
 * each of its vestigingen: `vestigingen`, read from the Handelsregister at login when a KvK API
 * is configured).
 */
export type Subject = { type: 'persoon'; bsn: string } | { type: 'bedrijf'; kvkNummer: string; vestigingsnummer?: string; vestigingen?: string[] };

/** What a machtiging can make someone who acts for another: a court-appointed bewindvoerder, curator or mentor (else a gemachtigde). */
export const machtigingRollen = ['bewindvoerder', 'curator', 'mentor'] as const;
export type MachtigingRol = (typeof machtigingRollen)[number];

export interface Identity {
  method: LoginMethod;
  subject: Subject;
  /** The subject's name as the identity provider gave it, if it did. */
  subjectName?: string;
  /** Present when someone acts for the subject (gemachtigde); `rol` when the machtiging says what they are (e.g. bewindvoerder). */
  actor?: { bsn: string; name?: string; rol?: MachtigingRol };
  /** Present when a staff member looks at the subject's data in the medewerkersportaal (read only). */
  staff?: StaffLook;
  /**
   * The people whoever logged in may act for (DigiD Machtigen, bewindvoering), as the login said:
   * kept in the session for the whole of it, the only people they can switch to (never a form's word).
   */
  machtigingen?: Machtiging[];
}

/** Someone the person who logged in may act for, and what the machtiging makes them (e.g. bewindvoerder). */
export interface Machtiging {
  bsn: string;
  name?: string;
  rol?: MachtigingRol;
}

/** The person who logged in with DigiD: the gemachtigde when they act for someone, else the subject; undefined for a company or a staff look. */
export function loggedInPerson(identity: Identity): { bsn: string; name?: string } | undefined {
  if (identity.staff || identity.method !== 'digid') return undefined;
  if (identity.actor) return { bsn: identity.actor.bsn, ...(identity.actor.name ? { name: identity.actor.name } : {}) };
  if (identity.subject.type !== 'persoon') return undefined;
  return { bsn: identity.subject.bsn, ...(identity.subjectName ? { name: identity.subjectName } : {}) };
}

/**
 * The identity of the same login acting for `bsn`: the person themselves (no actor), or someone
 * in the machtigingen of the login (the person who logged in stays the actor, with the machtiging's
 * rol). Undefined for anyone else: whom someone may act for comes from the login only.
 */
export function actingFor(identity: Identity, bsn: string): Identity | undefined {
  const self = loggedInPerson(identity);
  if (!self) return undefined;
  const { method, machtigingen } = identity;
  const kept = machtigingen ? { machtigingen } : {};
  if (bsn === self.bsn) return { method, subject: { type: 'persoon', bsn }, ...(self.name ? { subjectName: self.name } : {}), ...kept };
  const machtiging = machtigingen?.find((m) => m.bsn === bsn);
  if (!machtiging) return undefined;
  return {
    method,
    subject: { type: 'persoon', bsn },
    ...(machtiging.name ? { subjectName: machtiging.name } : {}),
    actor: { bsn: self.bsn, ...(self.name ? { name: self.name } : {}), ...(machtiging.rol ? { rol: machtiging.rol } : {}) },
    ...kept,
  };
}

/**
 * A staff member's look at someone's data, as the processing log records it: the department
 * (what the person is told), a keyed hash of the staff member (the name is only in the internal
 * audit log), the stated purpose, and the trace id that links the reads of one contact.
 */
export interface StaffLook {
  afdeling: string;
  medewerkerKey: string;
  doel: string;
  traceId: string;
}

export function isLoginMethod(value: unknown): value is LoginMethod {
  return value === 'digid' || value === 'eherkenning';
}

/**
 * What someone may change who acts for another person (a gemachtigde) — reading is always
 * allowed. DigiD Machtigen grants a machtiging per dienst; within Voordeur's dienst the
 * organisation sets which of these a gemachtigde may do (GEMACHTIGDE_HANDELINGEN):
 * - `taken`: do a taak (fill in its form, pay);
 * - `documenten`: add a document to a zaak;
 * - `contactgegevens`: add, change or remove the person's e-mail address or mobile number;
 * - `meldingen`: change the person's choices for notifications;
 * - `aanvragen`: apply for a product or service for the person (the Aanvragen catalogue and its forms).
 */
export const handelingen = ['taken', 'documenten', 'contactgegevens', 'meldingen', 'aanvragen', 'vragen'] as const;
export type Handeling = (typeof handelingen)[number];

/** Whether whoever logged in may do this: the person themselves always, a gemachtigde when allowed. */
export function mayAct(identity: Identity, handeling: Handeling, allowedForGemachtigde: readonly Handeling[]): boolean {
  return !identity.actor || allowedForGemachtigde.includes(handeling);
}
