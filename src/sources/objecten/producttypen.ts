/**
 * The catalogue of what can be applied for online: NL Portal's `PDCProductType` objects in the
 * Objecten API (specs/objecttypes/pdc-producttype.json). A producttype is offered online when its
 * `prefillmapping` has an `aanvragen` entry: its `formulierUrl` is the FormIO object of the form,
 * its `variabelen` say which form fields are prefilled from where (`brp`, `kvk`, `contact`: field
 * key → JSONPath). What the schema has no field for is in its `parameters` (string values):
 * `titel`, `thema`, `kosten`, `nodig` (one thing per line), `doelgroep` (`inwoner`, `bedrijf` or
 * both, comma-separated; default `inwoner`), `doorlooptijd` (ISO 8601, when no zaaktype says)
 * and `route` (`objecten`, the default, or `zaken`). The list and the form definitions are shared by
 * everyone, read at most once per cache period, and the last ones read serve while the API is down
 * (a form being filled in can still be checked and sent); a producttype that does not fit is left
 * out with a log line.
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { prefillBronnen, type AanvraagRoute, type Doelgroep, type Producttype, type ProducttypeCatalogue } from '../../domain/aanvraag.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import type { Log } from '../../domain/log.ts';
import type { ObjectenClient } from './objecten.ts';

const producttypeData = z.object({
  naam: z.string().min(1),
  omschrijving: z.string(),
  zaaktypen: z.array(z.string()).optional(),
  parameters: z.record(z.string(), z.string()).optional(),
  prefillmapping: z.record(z.string(), z.object({ formulierUrl: z.string(), variabelen: z.record(z.string(), z.record(z.string(), z.string())) })).optional(),
});

const doelgroepen: readonly Doelgroep[] = ['inwoner', 'bedrijf'];

/** A PDCProductType object as a Producttype; null when it is not offered online or does not fit. */
export function readProducttype(uuid: string, data: Record<string, unknown>): Producttype | null {
  const parsed = producttypeData.safeParse(data);
  if (!parsed.success) return null;
  const { naam, omschrijving, zaaktypen = [], parameters = {}, prefillmapping = {} } = parsed.data;
  const aanvragen = prefillmapping.aanvragen;
  if (!aanvragen) return null;
  const groepen = (parameters.doelgroep ?? 'inwoner')
    .split(',')
    .map((groep) => groep.trim())
    .filter((groep): groep is Doelgroep => (doelgroepen as readonly string[]).includes(groep));
  const route: AanvraagRoute = parameters.route === 'zaken' ? 'zaken' : 'objecten';
  const prefill = Object.entries(aanvragen.variabelen).flatMap(([bron, fields]) =>
    (prefillBronnen as readonly string[]).includes(bron)
      ? Object.entries(fields).map(([field, path]) => ({ field, bron: bron as Producttype['prefill'][number]['bron'], path }))
      : [],
  );
  return {
    id: uuid,
    code: naam,
    titel: parameters.titel?.trim() || naam,
    omschrijving,
    thema: parameters.thema?.trim() || 'Overig',
    kosten: parameters.kosten?.trim() || undefined,
    nodig: (parameters.nodig ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    doelgroepen: groepen,
    doorlooptijd: parameters.doorlooptijd?.trim() || undefined,
    zaaktypen: zaaktypen.filter((id) => /^[0-9a-fA-F-]{36}$/.test(id)).map((id) => id.toLowerCase()),
    formulier: aanvragen.formulierUrl,
    route,
    prefill,
  };
}

export class ObjectenProducttypen implements ProducttypeCatalogue {
  readonly sources = ['objecten'];
  private readonly cache: LRUCache<'all', Producttype[]>;
  private readonly forms: FormioForms;

  constructor(
    private readonly objecten: ObjectenClient,
    private readonly type: string,
    options: { cacheSeconds: number },
  ) {
    const ttl = Math.max(1, options.cacheSeconds) * 1000;
    this.cache = new LRUCache({ max: 1, ttl, noDeleteOnStaleGet: true });
    this.forms = new FormioForms(objecten, options);
  }

  async list(log: Pick<Log, 'warn'>): Promise<Producttype[]> {
    const cached = this.cache.get('all');
    if (cached) return cached;
    let read: Awaited<ReturnType<ObjectenClient['listShared']>>;
    try {
      read = await this.objecten.listShared(this.type);
    } catch (error) {
      // The API is down: the catalogue read before, while it lasts.
      const stale = this.cache.get('all', { allowStale: true });
      if (stale && error instanceof SourceUnavailableError) return stale;
      throw error;
    }
    const { objects, complete } = read;
    if (!complete) log.warn({ source: 'objecten' }, 'producttypen list cut off: more pages than Voordeur reads');
    const producttypen: Producttype[] = [];
    for (const object of objects) {
      const producttype = readProducttype(object.uuid, object.data);
      if (producttype) producttypen.push(producttype);
      else if (!producttypeData.safeParse(object.data).success) log.warn({ source: 'objecten', object: object.uuid }, 'producttype left out: does not fit');
    }
    this.cache.set('all', producttypen);
    return producttypen;
  }

  formDefinition(url: string): Promise<Record<string, unknown> | null> {
    return this.forms.formDefinition(url);
  }
}

/**
 * Form.io definitions kept as FormIO objects in the Objecten API (specs/objecttypes/formio.json),
 * by URL: read once per cache period, so that a form being filled in can be checked and sent also
 * while the API is down (the last one read serves then).
 */
export class FormioForms {
  private readonly forms: LRUCache<string, { definition: Record<string, unknown> | null }>;

  constructor(
    private readonly objecten: ObjectenClient,
    options: { cacheSeconds: number },
  ) {
    this.forms = new LRUCache({ max: 500, ttl: Math.max(1, options.cacheSeconds) * 1000, noDeleteOnStaleGet: true });
  }

  async formDefinition(url: string): Promise<Record<string, unknown> | null> {
    const fresh = this.forms.get(url, { allowStale: false });
    if (fresh) return fresh.definition;
    try {
      const data = await this.objecten.dataAt(url);
      const definition = data?.formDefinition && typeof data.formDefinition === 'object' ? (data.formDefinition as Record<string, unknown>) : null;
      this.forms.set(url, { definition });
      return definition;
    } catch (error) {
      // The API is down: the definition read before, while it lasts.
      const stale = this.forms.get(url, { allowStale: true });
      if (stale && error instanceof SourceUnavailableError) return stale.definition;
      throw error;
    }
  }
}
