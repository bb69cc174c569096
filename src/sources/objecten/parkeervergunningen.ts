/**
 * Parkeervergunningen as objects of NL Portal's example `Parkeervergunning` object type
 * (specs/objecttypes/parkeervergunning.json: `aanvrager {type, value}` and `data {naam, kenteken,
 * straat, postcode}`), read into the domain's `Product` for Mijn producten.
 *
 * Whose a vergunning is, is its `aanvrager`: a person when `type` is `bsn` and `value` their BSN,
 * a company when `type` is `kvk` and `value` its KvK number (the `identificatie` convention of
 * NL Portal's TaakV2 and Bericht; the NL Portal fixture that defines the type holds no objects of
 * it, so no other spelling is known; case is ignored). The list is asked for with `data_attr` on
 * `aanvrager.value`, and every object that comes back is checked again on type and value (an
 * older objects-api ignores `data_attr` and answers everyone's).
 *
 * The schema has no status and no validity: they come from the object's record as the Objecten
 * API gives it. The API lists and reads an object with its record in force today (`startAt` on or
 * before today, `endAt` empty or later); an object it answers is therefore in force: `actief`,
 * valid from the record's `startAt` (a later record that changes, say, the kenteken, starts later
 * and so moves the date: the date the current data took effect). A record dated in the future
 * (a vergunning granted from next month) is `gereed`. There is no end: `endAt` is read only and
 * set by the API only when a newer record takes over (the day the data changes, not the day the
 * vergunning ends); a vergunning that ends is removed or given a record that ends it in the back
 * office. So no expiry notice and no Verlengen come from this source.
 */
import { z } from 'zod';
import type { Listed } from '../../domain/availability.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Log } from '../../domain/log.ts';
import { dutchToday } from '../../domain/calendar.ts';
import { isEigenaar, type Product, type ProductEigenaar, type ProductStore } from '../../domain/product.ts';
import type { ObjectenClient, StoredObject } from './objecten.ts';

const vergunningSchema = z.object({
  aanvrager: z.object({ type: z.string(), value: z.string().min(1) }),
  data: z.object({ naam: z.string(), kenteken: z.string(), straat: z.string(), postcode: z.string() }),
});
type Vergunning = z.output<typeof vergunningSchema>;

/** The aanvrager as an eigenaar, in the terms of `isEigenaar`; none when its type is not one Voordeur knows. */
function eigenaarOf(aanvrager: Vergunning['aanvrager']): ProductEigenaar[] {
  const type = aanvrager.type.trim().toLowerCase();
  if (type === 'bsn') return [{ bsn: aanvrager.value }];
  if (type === 'kvk') return [{ kvkNummer: aanvrager.value }];
  return [];
}

/** The name of the product and its producttype, as the object type calls it. */
const typeNaam = 'Parkeervergunning';

export class ObjectenParkeervergunningStore implements ProductStore {
  readonly sources = ['objecten'];
  constructor(
    private readonly objecten: ObjectenClient,
    /** URL of the Parkeervergunning object type. */
    private readonly type: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private owns(data: Record<string, unknown>, subject: Subject): boolean {
    const parsed = vergunningSchema.safeParse(data);
    return parsed.success && isEigenaar(eigenaarOf(parsed.data.aanvrager), subject);
  }

  async list(subject: Subject, log: Pick<Log, 'warn'>): Promise<Listed<Product>> {
    const value = subject.type === 'persoon' ? subject.bsn : subject.kvkNummer;
    const found = await this.objecten.listMatching(this.type, [['aanvrager__value', 'exact', value]], (data) => this.owns(data, subject));
    if (found.others > 0) log.warn({ source: 'objecten', others: found.others }, 'objecten: parkeervergunningen of others in the answer, left out');
    if (!found.complete) log.warn({ source: 'objecten' }, 'objecten: parkeervergunningen list cut off');
    return { items: found.objects.map((object) => this.toProduct(object)), cutOff: !found.complete };
  }

  async get(subject: Subject, id: string): Promise<Product | null> {
    const object = await this.objecten.getMatching(this.type, id, (data) => this.owns(data, subject));
    return object && this.toProduct(object);
  }

  /** Only called for an object `owns` accepted, so its data fits. */
  private toProduct(object: StoredObject): Product {
    const { aanvrager, data } = vergunningSchema.parse(object.data);
    const start = object.startAt && /^\d{4}-\d{2}-\d{2}$/.test(object.startAt) ? object.startAt : undefined;
    return {
      id: object.uuid,
      source: 'objecten',
      // A person may hold one for each car: the kenteken tells them apart in the list.
      naam: `${typeNaam} ${data.kenteken}`.trim(),
      producttype: { id: this.type, naam: typeNaam },
      status: start && start > dutchToday(this.now()) ? 'gereed' : 'actief',
      startDatum: start,
      eigenaren: eigenaarOf(aanvrager),
      zaken: [],
      taken: [],
      documenten: [],
      verbruik: [],
      gegevens: [
        { key: 'kenteken', label: 'Kenteken', value: data.kenteken },
        { key: 'naam', label: 'Naam', value: data.naam },
        { key: 'straat', label: 'Straat', value: data.straat },
        { key: 'postcode', label: 'Postcode', value: data.postcode },
      ],
    };
  }
}
