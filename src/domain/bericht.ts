/**
 * A bericht in Mijn berichten: a message from the organisation to a person or company (the
 * Bericht object type of the Objecten API). Its text is plain text: shown with its line breaks,
 * with web addresses as links, and never as HTML.
 */
import { z } from 'zod';

export const handelingsperspectieven = ['betalen', 'informatie verstrekken', 'informatie ontvangen'] as const;

export interface Bericht {
  uuid: string;
  onderwerp: string;
  tekst: string;
  publicatiedatum: Date;
  /** The organisation's reference, e.g. a zaaknummer. */
  referentie?: string;
  /** What the person is asked to do (betalen, informatie verstrekken), if anything. */
  handelingsperspectief?: string;
  /** Until when they can do it. */
  einddatumHandelingstermijn?: Date;
  geopend: boolean;
  /** URLs of the attachments in a Documenten API. */
  bijlagen: string[];
}

const date = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected a date');
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/** The fields of Bericht data Voordeur reads; other fields are ignored. */
export const berichtDataSchema = z.object({
  onderwerp: z.string(),
  berichtTekst: z.string(),
  publicatiedatum: date,
  referentie: optionalText,
  handelingsperspectief: optionalText,
  einddatumHandelingstermijn: z.union([date, z.literal('')]).optional(),
  geopend: z.boolean().default(false),
  bijlages: z.array(z.string().url()).default([]),
});

export function toBericht(uuid: string, data: unknown): Bericht | null {
  const parsed = berichtDataSchema.safeParse(data);
  if (!parsed.success) return null;
  const d = parsed.data;
  return {
    uuid,
    onderwerp: d.onderwerp,
    tekst: d.berichtTekst,
    publicatiedatum: new Date(d.publicatiedatum),
    referentie: d.referentie,
    // "informatie ontvangen" asks nothing of the person.
    handelingsperspectief: d.handelingsperspectief === 'informatie ontvangen' ? undefined : d.handelingsperspectief,
    einddatumHandelingstermijn: d.einddatumHandelingstermijn ? new Date(d.einddatumHandelingstermijn) : undefined,
    geopend: d.geopend,
    bijlagen: d.bijlages,
  };
}

export function isPublished(bericht: Bericht, now: Date): boolean {
  return bericht.publicatiedatum.getTime() <= now.getTime();
}

/** Plain text cut into lines, each into text and web addresses (http and https only). */
export type TextPart = { text: string } | { link: string };

const urlPattern = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]']/gi;

export function textParts(text: string): TextPart[][] {
  return text.split(/\r?\n/).map((line) => {
    const parts: TextPart[] = [];
    let last = 0;
    for (const match of line.matchAll(urlPattern)) {
      if (match.index > last) parts.push({ text: line.slice(last, match.index) });
      parts.push({ link: match[0] });
      last = match.index + match[0].length;
    }
    if (last < line.length) parts.push({ text: line.slice(last) });
    return parts;
  });
}
