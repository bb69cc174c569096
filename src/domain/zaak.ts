/**
 * Zaken as Voordeur shows them, whatever system they come from, and the pure rules about them:
 * who may see a zaak, how its status timeline is built, which documents may be shown; and what
 * a zaaksysteem answers (implemented in sources/zgw).
 */
import type { FileStream } from './file.ts';
import type { Subject } from './identity.ts';
import type { Log } from './log.ts';

/** The vertrouwelijkheidaanduidingen of the ZGW standards, from most open to most secret. */
export const vertrouwelijkheidaanduidingen = [
  'openbaar',
  'beperkt_openbaar',
  'intern',
  'zaakvertrouwelijk',
  'vertrouwelijk',
  'confidentieel',
  'geheim',
  'zeer_geheim',
] as const;
export type Vertrouwelijkheidaanduiding = (typeof vertrouwelijkheidaanduidingen)[number];

/** The generic rol descriptions of the Zaken API (Rol.omschrijvingGeneriek). */
export const rolOmschrijvingenGeneriek = [
  'adviseur',
  'behandelaar',
  'belanghebbende',
  'beslisser',
  'initiator',
  'klantcontacter',
  'zaakcoordinator',
  'mede_initiator',
] as const;

/**
 * A zaak is shown when its vertrouwelijkheidaanduiding is known and not more secret than
 * `maximum`; an unknown or missing aanduiding is not shown.
 */
export function isZaakVisible(vertrouwelijkheidaanduiding: string | undefined, maximum: string): boolean {
  const rank = (value: string | undefined) => vertrouwelijkheidaanduidingen.indexOf(value as Vertrouwelijkheidaanduiding);
  return rank(vertrouwelijkheidaanduiding) >= 0 && rank(maximum) >= 0 && rank(vertrouwelijkheidaanduiding) <= rank(maximum);
}

/** Where a zaak lives: the configured zaaksysteem (its short name) and the zaak's uuid there. */
export interface ZaakRef {
  systeem: string;
  uuid: string;
}

/** The page of a zaak in Voordeur: the one place its address is made. */
export function zaakPath(ref: ZaakRef): string {
  return `/zaken/${encodeURIComponent(ref.systeem)}/${encodeURIComponent(ref.uuid)}`;
}

/** A zaak's page within a person's dossier in the medewerkersportaal (the zaken feature's `dossierPage` path). */
export function zaakDossierPath(ref: ZaakRef): string {
  return `zaak/${encodeURIComponent(ref.systeem)}/${encodeURIComponent(ref.uuid)}`;
}

/**
 * Which of the configured zaaksystemen holds a zaak that another system names (a taak names its
 * zaak by UUID only, a klantcontact by register): the one it names, else the only one there is.
 */
export function zaaksysteemFor(systems: readonly string[], named?: string): string | undefined {
  return systems.find((naam) => naam === named) ?? (systems.length === 1 ? systems[0] : undefined);
}

export interface ZaakStatus {
  naam: string;
  /** The text for the person, from the statustype (statustekst), if the catalogue has one. */
  tekst?: string;
  datum: Date;
  toelichting?: string;
}

export interface Zaak {
  ref: ZaakRef;
  /** For a zaak another organisation pushed through the organisation API: that organisation's name. */
  organisatie?: string;
  identificatie: string;
  omschrijving: string;
  toelichting?: string;
  zaaktype: string;
  startdatum: string;
  /** Set when the zaak is closed (afgerond). */
  einddatum?: string;
  /** The date the organisation aims to be done, if known. */
  einddatumGepland?: string;
  uiterlijkeEinddatumAfdoening?: string;
  status?: ZaakStatus;
  /** The last change the person can see: the current status's date, else the start date. */
  laatsteWijziging: Date;
}

export type StepState = 'done' | 'current' | 'upcoming';

export interface TimelineStep {
  volgnummer: number;
  naam: string;
  tekst?: string;
  state: StepState;
  /** When the step was reached (done and current steps). */
  datum?: Date;
  /** Explanations given with the statussen of this step, oldest first. */
  toelichtingen: string[];
}

export interface ZaakDocument {
  uuid: string;
  titel: string;
  type?: string;
  datum: string;
  /** Bytes, when the source says. */
  grootte?: number;
  formaat?: string;
  bestandsnaam: string;
}

export interface ZaakResultaat {
  omschrijving: string;
  toelichting?: string;
}

export interface ZaakDetail {
  zaak: Zaak;
  /** Undefined when the status steps cannot be known now (the Catalogi API could not be reached). */
  timeline?: TimelineStep[];
  resultaat?: ZaakResultaat;
  /** Undefined when the Documenten API could not be reached. */
  documents?: ZaakDocument[];
}

/** A document that may be shown, with its file. */
export interface DocumentDownload {
  document: ZaakDocument;
  file: FileStream;
}

/** A document the person adds to one of their zaken. */
export interface NewDocument {
  titel: string;
  bestandsnaam: string;
  formaat: string;
  inhoud: Buffer;
}

export type AddDocumentOutcome = 'added' | 'not-found' | 'closed';

/** Where documents are kept by URL (a Documenten API): for a bericht's bijlagen. The caller has checked that they are the person's. */
export interface DocumentStore {
  /** Whether a document URL is in this store (so that it may be fetched from here). */
  holdsDocument(url: string): boolean;
  /**
   * The documents among these URLs that may be shown; URLs outside this store are left out.
   * `subject`: whose they are (a bericht's bijlagen), so that a store that keeps answers about a
   * person may keep these with them (sources/zgw/kept.ts).
   */
  documentsAt(urls: string[], subject?: Subject): Promise<ZaakDocument[]>;
  /** A document by URL with its file, if it may be shown. */
  downloadAt(url: string): Promise<DocumentDownload | null>;
}

/**
 * One zaaksysteem: zaken (a Zaken API) with their catalogue and documents. Every answer about a
 * zaak is for its initiator only: a zaak or document of someone else is null, as one that does
 * not exist. Each call throws SourceUnavailableError when the system cannot answer.
 */
export interface Zaaksysteem extends DocumentStore {
  /** Its short name in Voordeur's URLs (zaakPath). */
  readonly naam: string;
  /** Whether the person can add documents to zaken of this system. */
  readonly acceptsUploads: boolean;
  /**
   * The zaken that are the subject's own (a rol of a configured kind names them), newest change
   * first, with their current status. Items that cannot be read are left out and logged;
   * `notShown` counts the zaken past the bound of what is read.
   */
  zakenOf(subject: Subject, log?: Pick<Log, 'warn'>): Promise<ZakenOfSubject>;
  /**
   * A zaak with its timeline, resultaat and visible documents. `owned` is called once the zaak is
   * known to be the subject's, before the rest is read, so that a page can start its other reads
   * about the zaak then (not for a zaak that is not theirs, not after all of it).
   */
  zaakDetail(subject: Subject, uuid: string, owned?: () => void): Promise<ZaakDetail | null>;
  /** A document of the subject's zaak with its file, if it belongs to the zaak and may be shown. */
  downloadDocument(subject: Subject, zaakUuid: string, documentUuid: string): Promise<DocumentDownload | null>;
  /** Adds a document to an open zaak of the subject (SourceRejectedError when the system refuses it). */
  addDocument(subject: Subject, zaakUuid: string, file: NewDocument): Promise<AddDocumentOutcome>;
  /** Whether a zaak URL is in this system's Zaken API. */
  holdsZaak(url: string): boolean;
  /** The initiators of a zaak of this system (for notifications: who to tell about a change). */
  initiatorsOf(zaakUrl: string): Promise<Subject[]>;
}

export interface ZakenOfSubject {
  zaken: Zaak[];
  /** Zaken the system has for the subject beyond what Voordeur reads (0 normally). */
  notShown: number;
}

export function isOpen(zaak: Pick<Zaak, 'einddatum'>): boolean {
  return !zaak.einddatum;
}

/** A rol of a zaak as far as ownership needs it. */
export interface InitiatorRol {
  betrokkeneType: string;
  omschrijvingGeneriek: string;
  inpBsn?: string;
  innNnpId?: string;
  vestigingsNummer?: string;
  kvkNummer?: string;
}

/**
 * True when the subject is the zaak's initiator (or has another of the `own` rollen), checked on
 * each rol itself (a zaak where the subject has one rol and someone else is initiator is not the
 * subject's): a person by BSN; a company by KvK number (innNnpId), and its vestigingen' zaken too —
 * logged in for one vestiging, only that vestiging's (by vestigingsnummer, with the company's KvK
 * number when the rol names one); logged in as a whole, every vestiging's (by the rol's KvK number,
 * or by a vestigingsnummer of the company's).
 */
export function isInitiator(rollen: InitiatorRol[], subject: Subject, own: readonly string[] = ['initiator']): boolean {
  return rollen.some((rol) => {
    if (!own.includes(rol.omschrijvingGeneriek)) return false;
    if (subject.type === 'persoon') return rol.betrokkeneType === 'natuurlijk_persoon' && rol.inpBsn === subject.bsn;
    if (rol.betrokkeneType === 'niet_natuurlijk_persoon') return rol.innNnpId === subject.kvkNummer;
    if (rol.betrokkeneType !== 'vestiging' || !rol.vestigingsNummer) return false;
    const ofTheCompany = rol.kvkNummer === subject.kvkNummer;
    if (!ofTheCompany && rol.kvkNummer) return false;
    if (subject.vestigingsnummer) return rol.vestigingsNummer === subject.vestigingsnummer;
    return ofTheCompany || (subject.vestigingen ?? []).includes(rol.vestigingsNummer);
  });
}

/** Who the initiator (or other `own`) rollen name, as subjects Voordeur knows (a person, or a company by its KvK number). */
export function initiatorSubjects(rollen: InitiatorRol[], own: readonly string[] = ['initiator']): Subject[] {
  const subjects: Subject[] = [];
  for (const rol of rollen) {
    if (!own.includes(rol.omschrijvingGeneriek)) continue;
    if (rol.betrokkeneType === 'natuurlijk_persoon' && rol.inpBsn) subjects.push({ type: 'persoon', bsn: rol.inpBsn });
    else if (rol.betrokkeneType === 'niet_natuurlijk_persoon' && rol.innNnpId) subjects.push({ type: 'bedrijf', kvkNummer: rol.innNnpId });
    else if (rol.betrokkeneType === 'vestiging' && rol.kvkNummer) subjects.push({ type: 'bedrijf', kvkNummer: rol.kvkNummer });
  }
  return subjects;
}

export interface StatusStep {
  volgnummer: number;
  naam: string;
  tekst?: string;
  isEindstatus: boolean;
  /** Identifies the statustype, to match statussen to it. */
  key: string;
}

export interface StatusHistoryEntry {
  statustype: string;
  datum: Date;
  toelichting?: string;
}

/**
 * The status timeline: every step of the zaaktype in volgnummer order. Steps before the current
 * one are done (with the date they were reached, when they were), the current step is current
 * (or done, when it is the end status), later steps are still to come. A status history that
 * went back to an earlier step shows the zaak where it is now.
 */
export function buildTimeline(steps: StatusStep[], history: StatusHistoryEntry[], currentStatustype?: string): TimelineStep[] {
  const ordered = [...steps].sort((a, b) => a.volgnummer - b.volgnummer);
  const sortedHistory = [...history].sort((a, b) => a.datum.getTime() - b.datum.getTime());
  const current = ordered.find((s) => s.key === (currentStatustype ?? sortedHistory.at(-1)?.statustype));
  return ordered.map((step) => {
    const entries = sortedHistory.filter((h) => h.statustype === step.key);
    let state: StepState = 'upcoming';
    if (current) {
      if (step.volgnummer < current.volgnummer) state = 'done';
      else if (step.key === current.key) state = step.isEindstatus ? 'done' : 'current';
    }
    return {
      volgnummer: step.volgnummer,
      naam: step.naam,
      tekst: step.tekst,
      state,
      datum: state === 'upcoming' ? undefined : entries.at(-1)?.datum,
      toelichtingen: state === 'upcoming' ? [] : entries.map((e) => e.toelichting).filter((t): t is string => Boolean(t)),
    };
  });
}

/** Documents are shown only when their vertrouwelijkheidaanduiding is in the allow-list (no aanduiding: not shown). */
export function isDocumentVisible(vertrouwelijkheidaanduiding: string | undefined, allowList: readonly string[]): boolean {
  return vertrouwelijkheidaanduiding !== undefined && allowList.includes(vertrouwelijkheidaanduiding);
}

/**
 * The day an open zaak should have been done by and was not: its uiterlijkeEinddatumAfdoening
 * (the last day the law or the organisation allows) when that day has passed; else undefined.
 * A planned end date (einddatumGepland) that passed is a plan, not a deadline: not late.
 */
export function passedDeadline(zaak: Pick<Zaak, 'einddatum' | 'uiterlijkeEinddatumAfdoening'>, today: string): string | undefined {
  const deadline = zaak.uiterlijkeEinddatumAfdoening;
  return isOpen(zaak) && deadline && deadline.slice(0, 10) < today ? deadline.slice(0, 10) : undefined;
}
