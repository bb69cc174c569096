/**
 * The Aanvragen catalogue from Open Product's Producttypen API
 * (specs/open-product-producttypen-api.yaml; AANVRAGEN_CATALOGUS=openproduct), the same catalogue
 * that Mijn producten's products name.
 *
 * A producttype is offered online when it is published (`gepubliceerd`: asked for with the filter,
 * and checked again, since django-filter ignores a parameter it does not know) and has a link named
 * `formulier` (`links[]`): the URL of the FormIO object with its form in the Objecten API. Open
 * Product's own fields: `naam` is the title, `samenvatting` the description, the first of `themas` the
 * theme, `doelgroep` who it is for (`burgers` residents, `bedrijven_en_instellingen` companies),
 * `zaaktypen[].url` the zaaktypen (the first one's doorlooptijd is shown). What Open Product has no
 * field for is in its `parameters` (name → value; a value may not hold `:`, `[` or `]`): `kosten`,
 * `nodig` (things separated by `;`), `doelgroep` (`inwoner`, `bedrijf` or both, comma-separated: wins
 * over Open Product's), `doorlooptijd` (ISO 8601), `route` (`objecten` or `zaken`) and the prefill,
 * one parameter per field: `prefill.<bron>.<field key>` with a path (`$.naam`, `$.adres.0`).
 *
 * The list (pages of 100, `next` followed on the configured API only, at most 10 pages) is shared by
 * everyone and read at most once per cache period; while Open Product is down the last one read is
 * used. A producttype that does not fit is left out with a log line.
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { type AanvraagRoute, type Doelgroep, prefillBronnen, type Producttype, type ProducttypeCatalogue } from '../../domain/aanvraag.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import type { Log } from '../../domain/log.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { namedIn } from '../fits.ts';
import { SourceClient } from '../http.ts';
import type { components as Producttypen } from './generated/producttypen.ts';

type T = Producttypen['schemas'];

const producttypeSchema = namedIn<T['ProductType']>()(
  z.object({
    uuid: z.string().uuid(),
    code: z.string().optional(),
    naam: z.string().min(1),
    samenvatting: z.string().optional(),
    doelgroep: z.string().optional(),
    gepubliceerd: z.boolean().optional(),
    themas: z.array(z.object({ naam: z.string() })).optional(),
    links: z.array(z.object({ naam: z.string(), url: z.string() })).optional(),
    parameters: z.array(z.object({ naam: z.string(), waarde: z.string() })).optional(),
    zaaktypen: z.array(z.object({ url: z.string().nullable().optional() })).optional(),
  }),
);
type RawProducttype = z.output<typeof producttypeSchema>;

const pageSchema = namedIn<T['PaginatedProductTypeList']>()(
  z.object({ count: z.number().int().optional(), next: z.string().nullable().optional(), results: z.array(z.unknown()) }),
);

const maxPages = 10;
const pageSize = 100;
const doelgroepen: readonly Doelgroep[] = ['inwoner', 'bedrijf'];
/** Open Product's doelgroep as Voordeur's logins. */
const fromOpenProduct: Record<string, Doelgroep> = { burgers: 'inwoner', bedrijven_en_instellingen: 'bedrijf' };

/** An Open Product producttype as a Producttype; null when it is not offered online (not published, no form). */
export function readOpenProductProducttype(raw: RawProducttype): Producttype | null {
  if (raw.gepubliceerd === false) return null;
  const formulier = raw.links?.find((link) => link.naam.trim().toLowerCase() === 'formulier')?.url;
  if (!formulier) return null;
  const parameters = new Map((raw.parameters ?? []).map((parameter) => [parameter.naam.trim(), parameter.waarde.trim()]));
  const groepen = parameters.has('doelgroep')
    ? parameters
        .get('doelgroep')!
        .split(',')
        .map((groep) => groep.trim())
        .filter((groep): groep is Doelgroep => (doelgroepen as readonly string[]).includes(groep))
    : raw.doelgroep && fromOpenProduct[raw.doelgroep]
      ? [fromOpenProduct[raw.doelgroep]!]
      : [];
  const route: AanvraagRoute = parameters.get('route') === 'zaken' ? 'zaken' : 'objecten';
  const prefill = [...parameters].flatMap(([naam, path]) => {
    const [prefix, bron, ...field] = naam.split('.');
    return prefix === 'prefill' && bron && (prefillBronnen as readonly string[]).includes(bron) && field.length > 0
      ? [{ field: field.join('.'), bron: bron as Producttype['prefill'][number]['bron'], path }]
      : [];
  });
  return {
    id: raw.uuid.toLowerCase(),
    code: raw.code ?? raw.naam,
    titel: raw.naam.trim(),
    omschrijving: raw.samenvatting ?? '',
    thema: raw.themas?.[0]?.naam.trim() || 'Overig',
    kosten: parameters.get('kosten') || undefined,
    nodig: (parameters.get('nodig') ?? '')
      .split(';')
      .map((line) => line.trim())
      .filter(Boolean),
    doelgroepen: groepen,
    doorlooptijd: parameters.get('doorlooptijd') || undefined,
    zaaktypen: (raw.zaaktypen ?? []).flatMap((zaaktype) => {
      const uuid = zaaktype.url?.replace(/\/+$/, '').split('/').at(-1);
      return uuid && /^[0-9a-fA-F-]{36}$/.test(uuid) ? [uuid.toLowerCase()] : [];
    }),
    formulier,
    route,
    prefill,
  };
}

export class OpenProductProducttypen implements ProducttypeCatalogue {
  readonly sources = ['openproduct'];
  private readonly client: SourceClient;
  private readonly cache: LRUCache<'all', Producttype[]>;

  constructor(
    private readonly config: { url: string; token: string },
    /** Where the forms are (FormIO objects in the Objecten API). */
    private readonly forms: { formDefinition(url: string): Promise<Record<string, unknown> | null> },
    options: { timeoutMs: number; metrics: Metrics; cacheSeconds: number },
  ) {
    this.client = new SourceClient({
      name: 'openproduct',
      timeoutMs: options.timeoutMs,
      metrics: options.metrics,
      headers: () => ({ authorization: `Token ${config.token}` }),
    });
    this.cache = new LRUCache({ max: 1, ttl: Math.max(1, options.cacheSeconds) * 1000, noDeleteOnStaleGet: true });
  }

  private get producttypen(): string {
    return `${this.config.url}/producttypen/api/v1/producttypen`;
  }

  async list(log: Pick<Log, 'warn'>): Promise<Producttype[]> {
    const cached = this.cache.get('all');
    if (cached) return cached;
    try {
      const producttypen = await this.read(log);
      this.cache.set('all', producttypen);
      return producttypen;
    } catch (error) {
      // Open Product is down: the catalogue read before, while it lasts.
      const stale = this.cache.get('all', { allowStale: true });
      if (stale && error instanceof SourceUnavailableError) return stale;
      throw error;
    }
  }

  formDefinition(url: string): Promise<Record<string, unknown> | null> {
    return this.forms.formDefinition(url);
  }

  private async read(log: Pick<Log, 'warn'>): Promise<Producttype[]> {
    const producttypen: Producttype[] = [];
    let url: string | undefined = `${this.producttypen}?${new URLSearchParams({ gepubliceerd: 'true', page_size: String(pageSize) })}`;
    for (let page = 0; url; page++) {
      if (page === maxPages) {
        log.warn({ source: 'openproduct', pages: maxPages }, 'producttypen list cut off: more pages than Voordeur reads');
        break;
      }
      const answer: z.output<typeof pageSchema> | null = await this.client.getJson(url, pageSchema);
      if (!answer) throw new SourceUnavailableError('openproduct', 'invalid', 'the producttypen list is not there');
      for (const item of answer.results) {
        const parsed = producttypeSchema.safeParse(item);
        if (!parsed.success) {
          log.warn(
            { source: 'openproduct', issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
            'producttype left out: does not fit',
          );
          continue;
        }
        const producttype = readOpenProductProducttype(parsed.data);
        if (producttype) producttypen.push(producttype);
      }
      url = answer.next ? this.nextPage(answer.next) : undefined;
    }
    return producttypen;
  }

  /** A next page on the configured API only (its query string counts), so the token goes nowhere else. */
  private nextPage(next: string): string {
    const url = URL.canParse(next) ? new URL(next) : undefined;
    if (!url?.pathname.replace(/\/+$/, '').endsWith('/producttypen'))
      throw new SourceUnavailableError('openproduct', 'invalid', 'next page is not a page of the producttypen list');
    return `${this.producttypen}${url.search}`;
  }
}
