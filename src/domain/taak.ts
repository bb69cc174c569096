/**
 * A taak in Mijn taken: something the organisation asks a person or company to do (the TaakV2
 * object type of the Objecten API): visit a page (url), fill in a form in the portal
 * (portaalformulier) or pay (ogonebetaling).
 */
import type { Listed } from './availability.ts';
import type { Subject } from './identity.ts';
import type { Log } from './log.ts';
import type { NewDocument } from './zaak.ts';

export type TaakStatus = 'open' | 'afgerond' | 'verwerkt' | 'gesloten';

export interface TaakBase {
  uuid: string;
  titel: string;
  status: TaakStatus;
  verloopdatum?: Date;
  /** The zaak it belongs to (koppeling with registratie "zaak"), by UUID. */
  zaakUuid?: string;
}

export type Taak =
  | (TaakBase & { soort: 'url'; url: string })
  | (TaakBase & { soort: 'portaalformulier'; formulierUrl?: string; prefill: Record<string, unknown>; verzonden?: Record<string, unknown> })
  | (TaakBase & { soort: 'ogonebetaling'; bedrag: number; betaalkenmerk: string; pspid: string });

/** How a person finished a taak: by sending its form (with what they filled in), or by paying. */
export type Completion = { how: 'formulier'; data: Record<string, unknown> } | { how: 'betaling' };

/** One of the subject's taken as its store holds it, and how to finish it there (status afgerond). */
export interface StoredTaak {
  taak: Taak;
  complete(completion: Completion): Promise<void>;
}

/**
 * Where taken are kept (TaakV2 objects in the Objecten API). Every answer is the subject's own;
 * each call throws SourceUnavailableError when the store cannot answer.
 */
export interface TaakStore {
  /** The subject's taken; objects that do not fit the type are left out (and logged). */
  list(subject: Subject, log: Pick<Log, 'warn'>): Promise<Listed<Taak>>;
  /** One taak of the subject; null when it does not exist, is someone else's, or does not fit the type. */
  get(subject: Subject, uuid: string): Promise<StoredTaak | null>;
  /** The Form.io definition a portaalformulier names by URL; null when there is none. */
  formDefinition(url: string): Promise<Record<string, unknown> | null>;
}

/**
 * Where the files sent with the form of a taak are kept: each a document of the taak's zaak (in a
 * zaaksysteem's Documenten API), whose URL the sent data refers to, as NL Portal does.
 */
export interface FormDocumentStore {
  /** The URL of the stored document; null when this store does not have the subject's open zaak or takes no files. Throws SourceUnavailableError. */
  storeFormDocument(subject: Subject, zaakUuid: string, file: NewDocument, informatieobjecttype?: string): Promise<string | null>;
}

export const isOpen = (taak: Taak) => taak.status === 'open';

export function isOverdue(taak: Taak, now: Date): boolean {
  return isOpen(taak) && taak.verloopdatum !== undefined && taak.verloopdatum.getTime() < now.getTime();
}

/** Soonest verloopdatum first; taken without one last. */
export function byVerloopdatum(a: Taak, b: Taak): number {
  return (a.verloopdatum?.getTime() ?? Number.POSITIVE_INFINITY) - (b.verloopdatum?.getTime() ?? Number.POSITIVE_INFINITY);
}

/** A web address a person may be sent to: http(s) only, never javascript: or data:. */
export function safeExternalUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
