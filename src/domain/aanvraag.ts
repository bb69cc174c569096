/**
 * Aanvragen: what the organisation offers online (producttypen, read from `PDCProductType`
 * objects of NL Portal's product catalogue) and who may apply for what. Pure rules; the sources
 * implement the interfaces.
 */
import type { Subject } from './identity.ts';
import type { Log } from './log.ts';

/** Who a producttype is for: residents (DigiD) or companies (eHerkenning). */
export type Doelgroep = 'inwoner' | 'bedrijf';

/** Where a sent aanvraag goes: a productaanvraag object in the Objecten API, or straight a zaak in the Zaken API. */
export type AanvraagRoute = 'objecten' | 'zaken';

/**
 * Where a prefilled value comes from: the person in the BRP, the company in the KvK, the person's
 * known contact details, and (when a product is renewed) the product's own data.
 */
export const prefillBronnen = ['brp', 'kvk', 'contact', 'product'] as const;
export type PrefillBron = (typeof prefillBronnen)[number];

/** One thing the organisation offers online. */
export interface Producttype {
  /** The UUID of its PDCProductType object. */
  id: string;
  /** Its code (the PDCProductType's `naam`): the productaanvraag's `type`. */
  code: string;
  /** The name a person sees. */
  titel: string;
  /** A short description in plain language (B1). */
  omschrijving: string;
  thema: string;
  /** What it costs, in words ("€ 60 per jaar", "Gratis"). */
  kosten?: string;
  /** What the person needs to have at hand. */
  nodig: string[];
  doelgroepen: Doelgroep[];
  /** The handling time when no zaaktype says it (ISO 8601 duration). */
  doorlooptijd?: string;
  /** The zaaktype UUIDs (the first is the one an aanvraag starts). */
  zaaktypen: string[];
  /** The URL of its Form.io form (a FormIO object). */
  formulier?: string;
  route: AanvraagRoute;
  /** Form field key → where its value comes from (bron and a path like `$.naam.voornamen`). */
  prefill: { field: string; bron: PrefillBron; path: string }[];
}

/**
 * One of the person's own products as the starting point of an aanvraag ("Verlengen"): its
 * producttype, and what the prefill source `product` reads (`$.naam`, `$.startDatum`,
 * `$.eindDatum`, `$.data.kenteken`); a value of its data also prefills the form field with the
 * same key when the mapping does not name that field.
 */
export interface ProductPrefill {
  id: string;
  naam: string;
  producttype: { id: string; code?: string };
  startDatum?: string;
  eindDatum?: string;
  /** The flat values of its data meant for the eigenaar (Open Product's dataobject), by key. */
  data: Record<string, string | number | boolean>;
}

/**
 * Whether a product is of this producttype of the catalogue: the same UUID (a PDCProductInstantie
 * names its PDCProductType by UUID; Open Product's catalogue and products share UUIDs), or the
 * same code ignoring case (Open Product's `code`, e.g. PARKEERVERGUNNING-BEWONER, and the
 * PDCProductType's `naam`, parkeervergunning-bewoner).
 */
export function isProducttypeOf(producttype: Pick<Producttype, 'id' | 'code'>, product: { producttype: { id: string; code?: string } }): boolean {
  if (product.producttype.id.toLowerCase() === producttype.id.toLowerCase()) return true;
  const code = product.producttype.code?.trim().toLowerCase();
  return !!code && code === producttype.code.trim().toLowerCase();
}

/** The organisation's catalogue of what can be applied for online. */
export interface ProducttypeCatalogue {
  readonly sources: readonly string[];
  /** Every producttype offered online. */
  list(log: Pick<Log, 'warn'>): Promise<Producttype[]>;
  /** The Form.io definition at a producttype's formulier URL; null when there is none. */
  formDefinition(url: string): Promise<Record<string, unknown> | null>;
}

/** Starts a zaak for an aanvraag in a zaaksysteem (delivery route `zaken`), each step found again when an earlier attempt did it. */
export interface ZaakStarter {
  /** The zaak with this identificatie of this zaaktype (UUID), made when there is none; its URL. */
  zaak(input: { zaaktype: string; identificatie: string; omschrijving: string; toelichting: string }): Promise<string>;
  /** The subject's initiator rol in the zaak, made when there is none; its URL. */
  initiator(zaakUrl: string, zaaktype: string, subject: Subject): Promise<string>;
  /** Whether it keeps documents (an informatieobjecttype for them is configured); without, an aanvraag goes without its PDF. */
  readonly keepsDocuments: boolean;
  /**
   * The document with this identificatie in the Documenten API, made when there is none, and (with
   * a zaak) linked to the zaak when it is not yet; its URL. Without a zaak it stands alone (route
   * `objecten`: the productaanvraag object names it).
   */
  document(zaakUrl: string | undefined, file: AanvraagDocument): Promise<string>;
}

/** A file of an aanvraag for the Documenten API: an attachment of the form, or the PDF of the answers. */
export interface AanvraagDocument {
  /** Unique for the organisation: how a later attempt finds it. */
  identificatie: string;
  soort: 'bijlage' | 'antwoorden';
  titel: string;
  bestandsnaam: string;
  formaat: string;
  inhoud: Buffer;
}

/** The key of the change "the back office made a zaak of this aanvraag": the same whoever reports it (delivery, or the notification of the new zaak), so the person is told once. */
export const zaakChangeKey = (id: string) => `aanvraag-zaak:${id}`;
/** The key of the change "this aanvraag reached the back office" (route objecten: the zaak comes later). */
export const deliveredChangeKey = (id: string) => `aanvraag-afgeleverd:${id}`;
/** The key of the change "this concept, last saved then, is about to be deleted". */
export const conceptChangeKey = (id: string, savedAt: Date) => `aanvraag-concept:${id}:${savedAt.toISOString()}`;

/** A kenmerk Voordeur gives an aanvraag (AV- and 8, or when those were taken 12, 16 or 32 characters): how a zaak the back office made names it. */
export const isAanvraagKenmerk = (text: string) => /^AV-(?:[0-9A-F]{8}|[0-9A-F]{12}|[0-9A-F]{16}|[0-9A-F]{32})$/.test(text);

/** A zaaktype's handling time, as the Catalogi API states it. */
export interface ZaaktypeLookup {
  /** The zaaktype's `doorlooptijd` (ISO 8601 duration), or undefined when it is not known. */
  doorlooptijd(zaaktypeUuid: string): Promise<string | undefined>;
}

export function doelgroepOf(subject: Subject): Doelgroep {
  return subject.type === 'persoon' ? 'inwoner' : 'bedrijf';
}

/** Whether this producttype is offered to this login (residents resident products, companies company products). */
export function isOfferedTo(producttype: Producttype, subject: Subject): boolean {
  return producttype.doelgroepen.includes(doelgroepOf(subject));
}

/** Lower case and without accents, to search as a person types. */
const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The producttypen whose title, description or theme hold every word of the search (ignoring case and accents). */
export function searchProducttypen(producttypen: readonly Producttype[], zoek: string): Producttype[] {
  const words = plain(zoek).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...producttypen];
  return producttypen.filter((producttype) => {
    const text = plain(`${producttype.titel} ${producttype.omschrijving} ${producttype.thema}`);
    return words.every((word) => text.includes(word));
  });
}

/** Producttypen by theme: themes in alphabetical order, each with its producttypen by title. */
export function byThema(producttypen: readonly Producttype[], lang: 'nl' | 'en'): { thema: string; producttypen: Producttype[] }[] {
  const groups = new Map<string, Producttype[]>();
  for (const producttype of producttypen) groups.set(producttype.thema, [...(groups.get(producttype.thema) ?? []), producttype]);
  const collator = new Intl.Collator(lang);
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([thema, list]) => ({ thema, producttypen: list.sort((a, b) => collator.compare(a.titel, b.titel)) }));
}

/**
 * An ISO 8601 duration (P8W, P30D, P2M, P1Y, P1W2D) as days, weeks, months or years; undefined
 * when it is not one or has a time part (a zaaktype's doorlooptijd is in days or more).
 */
export function parseDoorlooptijd(duration: string): { unit: 'dagen' | 'weken' | 'maanden' | 'jaren'; n: number } | undefined {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!match || duration === 'P') return undefined;
  const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  if (years && !months && !weeks && !days) return { unit: 'jaren', n: years };
  if (months && !years && !weeks && !days) return { unit: 'maanden', n: months };
  if (weeks && !years && !months && !days) return { unit: 'weken', n: weeks };
  const total = days + weeks * 7 + months * 30 + years * 365;
  return total > 0 ? { unit: 'dagen', n: total } : undefined;
}

/** The value at a simple JSONPath (`$.a.b`, `$.a[0].b`) of an object; undefined when there is none. */
export function valueAtPath(data: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  const parts = path
    .slice(1)
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '');
  let value: unknown = data;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
