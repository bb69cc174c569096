/**
 * An ontvangstbevestiging (Wmebv) as a bericht in Mijn berichten, with a PDF of what was sent as
 * its bijlage: the words of the moment it was sent (onderwerp, tekst, the facts such as kenmerk
 * and moment of receipt), kept by Voordeur with what it confirms. Aanvragen (aanvragen.ts) and
 * "Stel een vraag" (vraag-bevestigingen.ts) both put their confirmation this way, and both are
 * read as berichten by one store, `BevestigingBerichten`, over the rows of their own tables.
 */
import { Readable } from 'node:stream';
import type { Listed } from '../../domain/availability.ts';
import type { Bericht, BerichtStore, StoredBericht } from '../../domain/bericht.ts';
import type { Subject } from '../../domain/identity.ts';
import type { DocumentDownload, DocumentStore, ZaakDocument } from '../../domain/zaak.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { answersPdf } from '../../platform/pdf/answers.ts';

/** The confirmation as a bericht, in the words of the moment it was sent. */
export interface Ontvangstbevestiging {
  onderwerp: string;
  tekst: string;
  /** Kenmerk, date and time of receipt, …: at the top of the bericht's PDF. */
  facts: { label: string; value: string }[];
  /** The organisation (the PDF's author). */
  author: string;
  /** The name of the PDF. */
  bestandsnaam: string;
}

/** What was sent, by part, as the person read it (the PDF's body). */
export type SentSections = { title: string; items: { label: string; value: string }[] }[];

/** The bericht of a confirmation kept under `uuid`, with its PDF as the one bijlage (at `bijlage`). */
export function bevestigingBericht(
  uuid: string,
  bevestiging: Ontvangstbevestiging,
  kept: { ontvangen: Date; kenmerk?: string; geopend: boolean; bijlage: string },
): Bericht {
  return {
    uuid,
    onderwerp: bevestiging.onderwerp,
    tekst: bevestiging.tekst,
    publicatiedatum: kept.ontvangen,
    referentie: kept.kenmerk,
    geopend: kept.geopend,
    bijlagen: [kept.bijlage],
  };
}

/**
 * The PDF of a confirmation as a document of its bericht, named by its bijlage URL (a URN: the
 * berichten feature finds a bijlage's document by the last part of its URL).
 */
export function bevestigingDocument(bijlage: string, bevestiging: Ontvangstbevestiging, ontvangen: Date): ZaakDocument {
  return {
    uuid: bijlage,
    titel: bevestiging.bestandsnaam.replace(/\.pdf$/, ''),
    datum: ontvangen.toISOString().slice(0, 10),
    formaat: 'application/pdf',
    bestandsnaam: bevestiging.bestandsnaam,
  };
}

/** The PDF of what was sent, headed by the confirmation's facts. */
export function bevestigingPdf(title: string, bevestiging: Ontvangstbevestiging, sections: SentSections, ontvangen: Date): Promise<Buffer> {
  return answersPdf({ title, facts: bevestiging.facts, sections, author: bevestiging.author }, ontvangen);
}

/** The PDF as a download of the bericht's bijlage. */
export async function bevestigingDownload(
  bijlage: string,
  title: string,
  bevestiging: Ontvangstbevestiging,
  sections: SentSections,
  ontvangen: Date,
): Promise<DocumentDownload> {
  const content = await bevestigingPdf(title, bevestiging, sections, ontvangen);
  return {
    document: { ...bevestigingDocument(bijlage, bevestiging, ontvangen), grootte: content.length },
    file: { body: Readable.from([content]), contentType: 'application/pdf', contentLength: content.length },
  };
}

/** One confirmation as the table of what it confirms keeps it (an aanvraag's row, a question's row). */
export interface KeptBevestiging {
  /** The bericht's uuid: the aanvraag's id, the klantcontact's uuid. */
  id: string;
  bevestiging: Ontvangstbevestiging;
  /** The PDF's title and body. */
  titel: string;
  sections: SentSections;
  ontvangen: Date;
  kenmerk?: string;
  /** Whether the person opened the bericht. */
  geopend: boolean;
}

/** Where one kind of confirmation is kept: read from, and marked opened in, the table of what it confirms. */
export interface BevestigingRows {
  /** The kind and the file's name in the bijlage's URN: `urn:voordeur:<soort>:<id>:<bestand>`. */
  soort: string;
  bestand: string;
  /** The confirmations of the subject (by its keyed hash), newest first, at most `limit`; cut off when there were more. */
  list(subjectKey: string, limit: number): Promise<Listed<KeptBevestiging>>;
  /** The subject's confirmation with this id; null when there is none. */
  get(subjectKey: string, id: string): Promise<KeptBevestiging | null>;
  /** The confirmations with these ids, whoever's: for a bijlage the berichten feature has checked is the person's. */
  at(ids: string[]): Promise<KeptBevestiging[]>;
  /** The first time it is opened. */
  markOpened(id: string): Promise<void>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The confirmations of one kind as berichten in Mijn berichten, each with the PDF of what was sent
 * as its bijlage (a URN, made when it is downloaded): one store for aanvragen and questions alike,
 * over the rows (`BevestigingRows`) of the table that keeps what they confirm.
 */
export class BevestigingBerichten implements BerichtStore, DocumentStore {
  private readonly prefix: string;

  constructor(
    private readonly keys: IdentityKeys,
    private readonly rows: BevestigingRows,
  ) {
    this.prefix = `urn:voordeur:${rows.soort}:`;
  }

  /** The URN of the PDF of the confirmation with this id. */
  bijlageOf(id: string): string {
    return `${this.prefix}${id}:${this.rows.bestand}`;
  }

  /** The id a bijlage URN of this kind names; undefined for any other URL. */
  private idOf(url: string): string | undefined {
    if (!url.startsWith(this.prefix)) return undefined;
    const id = url.slice(this.prefix.length, this.prefix.length + 36);
    return uuidPattern.test(id) && url === this.bijlageOf(id) ? id : undefined;
  }

  private toBericht(kept: KeptBevestiging): Bericht {
    return bevestigingBericht(kept.id, kept.bevestiging, {
      ontvangen: kept.ontvangen,
      kenmerk: kept.kenmerk,
      geopend: kept.geopend,
      bijlage: this.bijlageOf(kept.id),
    });
  }

  /** The subject's confirmations, newest first. */
  async list(subject: Subject): Promise<Listed<Bericht>> {
    const { items, cutOff } = await this.rows.list(this.keys.subject(subject), 200);
    return { items: items.map((kept) => this.toBericht(kept)), cutOff };
  }

  async get(subject: Subject, uuid: string): Promise<StoredBericht | null> {
    if (!uuidPattern.test(uuid)) return null;
    const kept = await this.rows.get(this.keys.subject(subject), uuid);
    if (!kept) return null;
    return { bericht: this.toBericht(kept), markOpened: () => this.rows.markOpened(uuid) };
  }

  holdsDocument(url: string): boolean {
    return url.startsWith(this.prefix);
  }

  /** The PDF of each bericht named (the berichten feature has checked they are the person's). */
  async documentsAt(urls: string[]): Promise<ZaakDocument[]> {
    const ids = urls.map((url) => this.idOf(url)).filter((id): id is string => id !== undefined);
    if (ids.length === 0) return [];
    return (await this.rows.at(ids)).map((kept) => bevestigingDocument(this.bijlageOf(kept.id), kept.bevestiging, kept.ontvangen));
  }

  async downloadAt(url: string): Promise<DocumentDownload | null> {
    const id = this.idOf(url);
    const [kept] = id ? await this.rows.at([id]) : [];
    return kept ? bevestigingDownload(url, kept.titel, kept.bevestiging, kept.sections, kept.ontvangen) : null;
  }
}
