/**
 * Products as `PDCProductInstantie` objects in the Objecten API (the PDC object types of NL Portal,
 * specs/objecttypes/pdc-*.json), for organisations without Open Product: read into the domain's
 * `Product`, with the usage from `PDCVerbruiksObject` objects that name the instantie.
 *
 * Whose an instantie is, is its `rollen.initiator` (the roltype's name is the key): a person by
 * BSN (`natuurlijkpersoon`), a company by KvK number (`nietnatuurlijkpersoon`) or one of its
 * vestigingen by vestigingsnummer (`vestiging`). The list is asked for with `data_attr` on the
 * initiator's identificatie and betrokkeneType; every object that comes back is checked again (an
 * older objects-api ignores `data_attr`). `zaken` and `taken` are UUIDs: a zaak is looked for in
 * the zaaksysteem when there is one (`zaakUrl`), a taak in this Objecten API.
 */
import { z } from 'zod';
import type { Listed } from '../../domain/availability.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Log } from '../../domain/log.ts';
import { dutchDate } from '../../domain/calendar.ts';
import {
  isEigenaar,
  productStatussen,
  type Product,
  type ProductEigenaar,
  type ProductStatus,
  type ProductStore,
  type ProductValue,
} from '../../domain/product.ts';
import type { Condition, ObjectenClient } from './objecten.ts';

export interface PdcTypes {
  /** URL of the PDCProductInstantie object type. */
  productinstantie: string;
  /** URL of the PDCVerbruiksObject object type, for usage. */
  verbruiksobject?: string;
}

const rolSchema = z.object({ identificatie: z.string(), betrokkeneType: z.string() });
const instantieSchema = z.object({
  naam: z.string(),
  status: z.string(),
  PDCProductType: z.string(),
  geldigVan: z.string().optional(),
  geldigTot: z.string().optional(),
  rollen: z.record(z.string(), rolSchema).default({}),
  zaken: z.array(z.string()).default([]),
  taken: z.array(z.string()).default([]),
  documenten: z.array(z.string()).default([]),
  eigenschappen: z.record(z.string(), z.unknown()).default({}),
});
const verbruikSchema = z.object({ productInstantie: z.string(), data: z.record(z.string(), z.unknown()) });

/** The eigenaar an instantie's initiator rol names, in the terms of `isEigenaar`. */
function eigenaarOf(rollen: Record<string, z.output<typeof rolSchema>>): ProductEigenaar[] {
  const rol = rollen.initiator;
  if (!rol?.identificatie) return [];
  if (rol.betrokkeneType === 'natuurlijkpersoon') return [{ bsn: rol.identificatie }];
  if (rol.betrokkeneType === 'nietnatuurlijkpersoon') return [{ kvkNummer: rol.identificatie }];
  return [];
}

/** A vestiging rol names only the vestigingsnummer: it is the subject's when it is the vestiging logged in for, or one of the company's. */
function isVestigingOf(rollen: Record<string, z.output<typeof rolSchema>>, subject: Subject): boolean {
  const rol = rollen.initiator;
  if (subject.type !== 'bedrijf' || rol?.betrokkeneType !== 'vestiging' || !rol.identificatie) return false;
  return subject.vestigingsnummer ? rol.identificatie === subject.vestigingsnummer : (subject.vestigingen ?? []).includes(rol.identificatie);
}

/** The first day of validity: the Dutch day of `geldigVan`. */
const firstDay = (value: string | undefined) => {
  if (!value || Number.isNaN(Date.parse(value))) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : dutchDate(new Date(value));
};

/** The last day of validity: `geldigTot` is the moment it ends, so midnight ends the day before it. */
const lastDay = (value: string | undefined) => {
  if (!value || Number.isNaN(Date.parse(value))) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : dutchDate(new Date(Date.parse(value) - 1));
};

/** The PDC status is a key of the producttype's own list; the ones Open Product also knows keep their meaning, the rest count as current. */
function statusOf(value: string): ProductStatus {
  const status = value.trim().toLowerCase().replaceAll(' ', '_');
  if ((productStatussen as readonly string[]).includes(status)) return status as ProductStatus;
  if (status === 'aangevraagd') return 'in_aanvraag';
  if (status === 'afgewezen') return 'geweigerd';
  return 'actief';
}

const flat = (object: Record<string, unknown>): ProductValue[] =>
  Object.entries(object).flatMap(([key, value]) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [{ key, value }] : [],
  );

export class ObjectenProductStore implements ProductStore {
  readonly sources = ['objecten'];
  constructor(
    private readonly objecten: ObjectenClient,
    private readonly types: PdcTypes,
    /** The URL of a zaak by UUID in the zaaksysteem, when there is one to look in. */
    private readonly zaakUrl: (uuid: string) => string | undefined,
  ) {}

  private owns(data: Record<string, unknown>, subject: Subject): boolean {
    const parsed = instantieSchema.safeParse(data);
    return parsed.success && (isEigenaar(eigenaarOf(parsed.data.rollen), subject) || isVestigingOf(parsed.data.rollen, subject));
  }

  async list(subject: Subject, log: Pick<Log, 'warn'>): Promise<Listed<Product>> {
    const asked: { identificatie: string; betrokkeneType: string }[] =
      subject.type === 'persoon'
        ? [{ identificatie: subject.bsn, betrokkeneType: 'natuurlijkpersoon' }]
        : [
            { identificatie: subject.kvkNummer, betrokkeneType: 'nietnatuurlijkpersoon' },
            ...(subject.vestigingsnummer ? [subject.vestigingsnummer] : (subject.vestigingen ?? [])).map((v) => ({
              identificatie: v,
              betrokkeneType: 'vestiging',
            })),
          ];
    const items: Product[] = [];
    let cutOff = false;
    let others = 0;
    for (const rol of asked) {
      const conditions: Condition[] = [
        ['rollen__initiator__identificatie', 'exact', rol.identificatie],
        ['rollen__initiator__betrokkeneType', 'exact', rol.betrokkeneType],
      ];
      const found = await this.objecten.listMatching(this.types.productinstantie, conditions, (data) => this.owns(data, subject));
      cutOff ||= !found.complete;
      others += found.others;
      for (const object of found.objects) {
        const product = this.toProduct(object.uuid, object.data, []);
        if (product && !items.some((p) => p.id === product.id)) items.push(product);
        else if (!product) log.warn({ source: 'objecten', object: object.uuid }, 'product instantie left out: does not fit PDCProductInstantie');
      }
    }
    if (others > 0) log.warn({ source: 'objecten', others }, 'objecten: product instanties of others in the answer, left out');
    return { items, cutOff };
  }

  async get(subject: Subject, id: string): Promise<Product | null> {
    const object = await this.objecten.getMatching(this.types.productinstantie, id, (data) => this.owns(data, subject));
    if (!object) return null;
    return this.toProduct(object.uuid, object.data, await this.verbruik(object.uuid));
  }

  /** The flat values of the instantie's verbruiksobjecten (the objects that name it). */
  private async verbruik(uuid: string): Promise<ProductValue[]> {
    const type = this.types.verbruiksobject;
    if (!type) return [];
    const { objects } = await this.objecten.listMatching(type, [['productInstantie', 'exact', uuid]], (data) => {
      const parsed = verbruikSchema.safeParse(data);
      return parsed.success && parsed.data.productInstantie === uuid;
    });
    return objects.flatMap((object) => flat(verbruikSchema.parse(object.data).data));
  }

  private toProduct(uuid: string, data: Record<string, unknown>, verbruik: ProductValue[]): Product | null {
    const parsed = instantieSchema.safeParse(data);
    if (!parsed.success) return null;
    const d = parsed.data;
    const uuids = (values: string[]) => values.filter((value) => z.string().uuid().safeParse(value).success);
    return {
      id: uuid,
      source: 'objecten',
      naam: d.naam,
      // The PDC producttype is named by UUID only; the instantie's own name says what it is.
      producttype: { id: d.PDCProductType, naam: d.naam },
      status: statusOf(d.status),
      startDatum: firstDay(d.geldigVan),
      eindDatum: lastDay(d.geldigTot),
      eigenaren: eigenaarOf(d.rollen),
      zaken: uuids(d.zaken).flatMap((zaak) => this.zaakUrl(zaak) ?? []),
      taken: uuids(d.taken).map((taak) => this.objecten.objectUrl(taak)),
      documenten: d.documenten,
      verbruik,
      gegevens: flat(d.eigenschappen),
    };
  }
}
