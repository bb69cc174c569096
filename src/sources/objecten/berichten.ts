/**
 * Berichten as Bericht objects in the Objecten API: the Bericht data read into the domain's
 * `Bericht` (an object that does not fit is left out and logged), and a bericht marked geopend
 * by a new record.
 */
import { z } from 'zod';
import type { Listed } from '../../domain/availability.ts';
import type { Bericht, BerichtStore, StoredBericht } from '../../domain/bericht.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Log } from '../../domain/log.ts';
import type { ObjectenClient } from './objecten.ts';

const date = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected a date');
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/** The fields of Bericht data Voordeur reads; other fields are ignored. */
const berichtDataSchema = z.object({
  onderwerp: z.string(),
  berichtTekst: z.string(),
  publicatiedatum: date,
  referentie: optionalText,
  handelingsperspectief: optionalText,
  einddatumHandelingstermijn: z.union([date, z.literal('')]).optional(),
  geopend: z.boolean().default(false),
  bijlages: z.array(z.string().url()).default([]),
});

/** Bericht data as a `Bericht`; null when it does not fit the type. */
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

export class ObjectenBerichtStore implements BerichtStore {
  constructor(
    private readonly objecten: ObjectenClient,
    /** The URL of the Bericht object type. */
    private readonly type: string,
  ) {}

  list(subject: Subject, log: Pick<Log, 'warn'>): Promise<Listed<Bericht>> {
    return this.objecten.listAs(
      this.type,
      subject,
      '-record__data__publicatiedatum',
      toBericht,
      log,
      'bericht skipped: its data does not fit the Bericht type',
    );
  }

  async get(subject: Subject, uuid: string): Promise<StoredBericht | null> {
    const found = await this.objecten.getAs(this.type, subject, uuid, toBericht);
    return found && { bericht: found.value, markOpened: () => this.objecten.patchData(found.object, { geopend: true }) };
  }
}
