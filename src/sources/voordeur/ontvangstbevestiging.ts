/**
 * An ontvangstbevestiging (Wmebv) as a bericht in Mijn berichten, with a PDF of what was sent as
 * its bijlage: the words of the moment it was sent (onderwerp, tekst, the facts such as kenmerk
 * and moment of receipt), kept by Voordeur with what it confirms. Aanvragen (aanvragen.ts) and
 * "Stel een vraag" (vraag-bevestigingen.ts) both put their confirmation this way.
 */
import { Readable } from 'node:stream';
import type { Bericht } from '../../domain/bericht.ts';
import type { DocumentDownload, ZaakDocument } from '../../domain/zaak.ts';
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
