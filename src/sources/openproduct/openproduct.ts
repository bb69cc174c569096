/**
 * Open Product (maykinmedia/open-product): the Producten API for the products a person or company
 * holds, and the Producttypen API for the names of what a product's verbruiksobject holds.
 * Authenticated with DRF's token header (`Authorization: Token <key>`).
 *
 * A person's products are asked for with `eigenaren__bsn`, a company's with
 * `eigenaren__kvk_nummer` (the vestiging is checked here, so that the company-wide products of a
 * vestiging's login are found too), and only products that may be shown (`gepubliceerd`: asked
 * for, and checked again). Open Product's filters are django-filter's: an empty value or a
 * parameter it does not know is ignored and the list is everyone's products, and each eigenaar
 * filter is matched on its own. So every product that comes back is checked again against the
 * identity (`isEigenaar`, domain/product.ts); one that is not the person's is left out, and one read
 * by uuid is null, as one that does not exist. A list is read at most `maxPages` pages of 100 deep;
 * past that it is cut off (and says so). `next` is taken as a page of the same list on the
 * configured API (only its query string counts), so the token goes nowhere else.
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Listed } from '../../domain/availability.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Log } from '../../domain/log.ts';
import { isEigenaar, productStatussen, type Product, type ProductStore, type ProductValue } from '../../domain/product.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { fits, namedIn } from '../fits.ts';
import { SourceClient } from '../http.ts';
import type { components as Producten } from './generated/producten.ts';
import type { components as Producttypen } from './generated/producttypen.ts';

type P = Producten['schemas'];
type T = Producttypen['schemas'];

/** Open Product answers a blank identifier as '' (not what its spec's minLength says): read as absent. */
const identifier = z
  .string()
  .optional()
  .transform((value) => value || undefined);

const eigenaarSchema = fits<P['Eigenaar']>()(z.object({ bsn: identifier, kvk_nummer: identifier, vestigingsnummer: identifier }));
const reference = z.object({ url: z.string().nullable().optional() });
const flat = z.record(z.string(), z.unknown()).nullable().optional();

const productSchema = namedIn<P['Product']>()(
  z.object({
    uuid: z.string().uuid(),
    naam: z.string().optional(),
    gepubliceerd: z.boolean().optional(),
    start_datum: z.string().nullable().optional(),
    eind_datum: z.string().nullable().optional(),
    producttype: fits<P['NestedProductType']>()(z.object({ uuid: z.string().uuid(), naam: z.string(), code: z.string().optional() })),
    eigenaren: z.array(eigenaarSchema),
    documenten: z.array(reference).optional(),
    zaken: z.array(reference).optional(),
    taken: z.array(reference).optional(),
    status: z.enum(productStatussen).optional(),
    prijs: z.string().nullable().optional(),
    frequentie: z.string().optional(),
    verbruiksobject: flat,
    dataobject: flat,
  }),
);
type RawProduct = z.output<typeof productSchema>;

const pageSchema = namedIn<P['PaginatedProductList']>()(
  z.object({ count: z.number().int().optional(), next: z.string().nullable().optional(), results: z.array(z.unknown()) }),
);

const producttypeSchema = namedIn<T['ProductType']>()(
  z.object({
    uuid: z.string().uuid(),
    verbruiksobject_schema: z
      .object({ schema: z.record(z.string(), z.unknown()) })
      .nullable()
      .optional(),
    dataobject_schema: z
      .object({ schema: z.record(z.string(), z.unknown()) })
      .nullable()
      .optional(),
  }),
);

/** The titles of a JSON schema's top-level properties. */
type Titles = Record<string, string>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const frequenties = ['eenmalig', 'maandelijks', 'jaarlijks'] as const;

/** The most pages one list may take (100 a page). */
const maxPages = 10;
const pageSize = 100;
/** Everyone's products that end in a week: read deeper than one person's list. */
const maxEndingPages = 100;

export class OpenProductClient implements ProductStore {
  readonly sources = ['openproduct'];
  private readonly client: SourceClient;
  private readonly titles: LRUCache<string, { verbruik: Titles; gegevens: Titles }>;

  constructor(
    private readonly config: { url: string; token: string },
    options: { timeoutMs: number; metrics: Metrics; catalogueCacheSeconds: number },
  ) {
    this.client = new SourceClient({
      name: 'openproduct',
      timeoutMs: options.timeoutMs,
      metrics: options.metrics,
      headers: () => ({ authorization: `Token ${config.token}` }),
    });
    this.titles = new LRUCache({ max: 1000, ttl: Math.max(1, options.catalogueCacheSeconds) * 1000 });
  }

  private get producten(): string {
    return `${this.config.url}/producten/api/v1/producten`;
  }

  async list(subject: Subject, log: Pick<Log, 'warn'>): Promise<Listed<Product>> {
    const query = new URLSearchParams(subject.type === 'persoon' ? { eigenaren__bsn: subject.bsn } : { eigenaren__kvk_nummer: subject.kvkNummer });
    query.set('gepubliceerd', 'true');
    query.set('page_size', String(pageSize));
    const items: Product[] = [];
    let others = 0;
    let url: string | undefined = `${this.producten}?${query}`;
    for (let page = 0; url; page++) {
      if (page === maxPages) {
        log.warn({ source: 'openproduct', pages: maxPages }, 'products list cut off');
        return { items, cutOff: true };
      }
      const answer: z.output<typeof pageSchema> | null = await this.client.getJson(url, pageSchema);
      if (!answer) break;
      for (const item of answer.results) {
        const parsed = productSchema.safeParse(item);
        if (!parsed.success) {
          log.warn(
            { source: 'openproduct', issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
            'product left out: does not fit',
          );
          continue;
        }
        if (parsed.data.gepubliceerd === false) continue;
        if (!isEigenaar(eigenarenOf(parsed.data), subject)) {
          others++;
          continue;
        }
        items.push(toProduct(parsed.data, { verbruik: {}, gegevens: {} }));
      }
      url = answer.next ? this.nextPage(answer.next) : undefined;
    }
    // The filter was ignored or widened: everyone's products came back. Not shown; worth knowing.
    if (others > 0) log.warn({ source: 'openproduct', others }, 'products of others in the answer: left out');
    return { items, cutOff: false };
  }

  async endingBetween(from: string, to: string, log: Pick<Log, 'warn'>): Promise<Listed<Product>> {
    const query = new URLSearchParams({ eind_datum__gte: from, eind_datum__lte: to, gepubliceerd: 'true', page_size: String(pageSize) });
    const items: Product[] = [];
    let url: string | undefined = `${this.producten}?${query}`;
    for (let page = 0; url; page++) {
      if (page === maxEndingPages) {
        log.warn({ source: 'openproduct', pages: maxEndingPages }, 'products ending soon cut off');
        return { items, cutOff: true };
      }
      const answer: z.output<typeof pageSchema> | null = await this.client.getJson(url, pageSchema);
      if (!answer) break;
      for (const item of answer.results) {
        const parsed = productSchema.safeParse(item);
        if (!parsed.success || parsed.data.gepubliceerd === false) continue;
        const product = toProduct(parsed.data, { verbruik: {}, gegevens: {} });
        // The filter is Open Product's; the dates are checked here.
        if ((product.status === 'actief' || product.status === 'gereed') && product.eindDatum && product.eindDatum >= from && product.eindDatum <= to)
          items.push(product);
      }
      url = answer.next ? this.nextPage(answer.next) : undefined;
    }
    return { items, cutOff: false };
  }

  async get(subject: Subject, id: string): Promise<Product | null> {
    if (!z.string().uuid().safeParse(id).success) return null;
    const raw = await this.client.getJson(`${this.producten}/${id.toLowerCase()}`, productSchema);
    if (!raw || raw.gepubliceerd === false || !isEigenaar(eigenarenOf(raw), subject)) return null;
    return toProduct(raw, await this.titlesOf(raw.producttype.uuid));
  }

  /** The names the producttype's schemas give the values of a product; none when the catalogue cannot say now. */
  private async titlesOf(producttype: string): Promise<{ verbruik: Titles; gegevens: Titles }> {
    const cached = this.titles.get(producttype);
    if (cached) return cached;
    try {
      const type = await this.client.getJson(`${this.config.url}/producttypen/api/v1/producttypen/${producttype}`, producttypeSchema);
      const titles = { verbruik: titlesIn(type?.verbruiksobject_schema?.schema), gegevens: titlesIn(type?.dataobject_schema?.schema) };
      this.titles.set(producttype, titles);
      return titles;
    } catch (error) {
      if (error instanceof SourceUnavailableError) return { verbruik: {}, gegevens: {} };
      throw error;
    }
  }

  private nextPage(next: string): string {
    const url = URL.canParse(next) ? new URL(next) : undefined;
    if (!url?.pathname.replace(/\/+$/, '').endsWith('/producten'))
      throw new SourceUnavailableError('openproduct', 'invalid', 'next page is not a page of the producten list');
    return `${this.producten}${url.search}`;
  }
}

function titlesIn(schema: Record<string, unknown> | undefined): Titles {
  const properties = schema?.properties;
  if (!properties || typeof properties !== 'object') return {};
  const titles: Titles = {};
  for (const [key, property] of Object.entries(properties as Record<string, unknown>)) {
    const title = (property as { title?: unknown } | null)?.title;
    if (typeof title === 'string' && title.trim()) titles[key] = title.trim();
  }
  return titles;
}

/** The flat values of a JSON object (nested ones are left out: there is no sensible way to show them to a person). */
function values(object: Record<string, unknown> | null | undefined, titles: Titles): ProductValue[] {
  if (!object) return [];
  return Object.entries(object).flatMap(([key, value]) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [{ key, label: titles[key], value }] : [],
  );
}

const urls = (references: { url?: string | null }[] | undefined) => (references ?? []).flatMap((r) => (r.url ? [r.url] : []));
const date = (value: string | null | undefined) => (value && isoDate.test(value) ? value : undefined);

const eigenarenOf = (raw: RawProduct) => raw.eigenaren.map((e) => ({ bsn: e.bsn, kvkNummer: e.kvk_nummer, vestigingsnummer: e.vestigingsnummer }));

function toProduct(raw: RawProduct, titles: { verbruik: Titles; gegevens: Titles }): Product {
  const frequentie = (frequenties as readonly string[]).includes(raw.frequentie ?? '') ? (raw.frequentie as Product['frequentie']) : undefined;
  return {
    id: raw.uuid,
    source: 'openproduct',
    naam: raw.naam || raw.producttype.naam,
    producttype: { id: raw.producttype.uuid, naam: raw.producttype.naam, code: raw.producttype.code },
    status: raw.status ?? 'initieel',
    startDatum: date(raw.start_datum),
    eindDatum: date(raw.eind_datum),
    prijs: raw.prijs ?? undefined,
    frequentie,
    eigenaren: eigenarenOf(raw),
    zaken: urls(raw.zaken),
    taken: urls(raw.taken),
    documenten: urls(raw.documenten),
    verbruik: values(raw.verbruiksobject, titles.verbruik),
    gegevens: values(raw.dataobject, titles.gegevens),
  };
}
