/**
 * What every group of routes shares: the store, the JSON of the resources, the links, the page
 * size, and the helpers for paths, lists and the partij-identificator filters that several
 * resources have.
 */
import type { FastifyRequest } from 'fastify';
import { expandOf, notFound, paginate, parseUuid, queryOf, text, urlUuidFilter, uuidFilter } from './http.ts';
import type { Links, Page } from './http.ts';
import type { Json, Kind, Resources } from './resources.ts';
import type { Store } from './store.ts';

/**
 * Which Open Klant the simulator plays. 'current' knows every filter of the spec. '2.1' is Open
 * Klant 2.0–2.1, which many municipalities still run: /klantcontacten has none of the
 * `hadBetrokkene__wasPartij__*` filters (added in 2.4) and /digitaleadressen no filters at all
 * (added in 2.2). Like every Open Klant before 2.14 (vng-api-common's CheckQueryParamsMixin came
 * then), it ignores a query parameter it does not know: asked for one partij's klantcontacten or
 * digitale adressen with those filters, it answers everyone's. Nor has it /maak-klantcontact
 * (added in 2.4): 404, as for any path it does not know.
 */
export type OpenKlantVersion = 'current' | '2.1';

export interface Api {
  store: Store;
  resources: Resources;
  links: Links;
  pageSize: number;
  openKlant: OpenKlantVersion;
  /**
   * The kanalen of Open Klant's Referentielijsten check on klantcontact.kanaal (KanaalValidator),
   * or undefined when it is off (Open Klant's default: any kanaal of up to 50 characters).
   */
  kanalen?: readonly string[];
}

/** The filters of /klantcontacten that Open Klant 2.1 has (its KlantcontactFilterSet, camelized). */
const klantcontactFilters21 = new Set([
  'hadBetrokkene__url',
  'hadBetrokkene__uuid',
  'onderwerpobject__uuid',
  'onderwerpobject__url',
  'onderwerpobject__onderwerpobjectidentificatorCodeObjecttype',
  'onderwerpobject__onderwerpobjectidentificatorCodeSoortObjectId',
  'onderwerpobject__onderwerpobjectidentificatorObjectId',
  'onderwerpobject__onderwerpobjectidentificatorCodeRegister',
  'wasOnderwerpobject__uuid',
  'wasOnderwerpobject__url',
  'wasOnderwerpobject__onderwerpobjectidentificatorCodeObjecttype',
  'wasOnderwerpobject__onderwerpobjectidentificatorCodeSoortObjectId',
  'wasOnderwerpobject__onderwerpobjectidentificatorObjectId',
  'wasOnderwerpobject__onderwerpobjectidentificatorCodeRegister',
  'nummer',
  'kanaal',
  'onderwerp',
  'inhoud',
  'indicatieContactGelukt',
  'vertrouwelijk',
  'plaatsgevondenOp',
]);

/** The filters of a list that the played Open Klant knows: the others are dropped, as Open Klant before 2.14 ignores them. */
export function knownFilters(api: Api, resource: 'klantcontacten' | 'digitaleadressen', query: URLSearchParams): URLSearchParams {
  if (api.openKlant === 'current') return query;
  const known = resource === 'klantcontacten' ? klantcontactFilters21 : new Set<string>();
  return new URLSearchParams([...query].filter(([name]) => known.has(name)));
}

/** The {uuid} of the path; a malformed one finds nothing (404), like an unknown one. */
export function uuidParam(request: FastifyRequest): string {
  const uuid = parseUuid((request.params as { uuid: string }).uuid);
  if (!uuid) throw notFound();
  return uuid;
}

export function icontains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

/**
 * GET of a list: `expand` checked against the spec's choices for `kind`, then the filters (a
 * 400 for a malformed one comes before any paging), then one page of the matching records.
 */
export function list<T extends { uuid: string }>(
  request: FastifyRequest,
  api: Api,
  kind: Kind,
  options: { expandable?: readonly string[]; records: Iterable<T>; keep: (record: T) => boolean },
): Page<Json> {
  const expand = options.expandable ? expandOf(queryOf(request), options.expandable) : [];
  const matching = [...options.records].filter(options.keep);
  const page = paginate(request, matching, api.pageSize, api.links);
  return { ...page, results: page.results.map((record) => api.resources.expanded(kind, record.uuid, expand)!) };
}

/** GET of one record, with `expand` when the operation has it; 404 when there is none. */
export function one(request: FastifyRequest, api: Api, kind: Kind, expandable: readonly string[] = []): Json {
  const expand = expandOf(queryOf(request), expandable);
  const json = api.resources.expanded(kind, uuidParam(request), expand);
  if (!json) throw notFound();
  return json;
}

/**
 * A filter on a relation by `<prefix>__uuid` and `<prefix>__url` (of the URL only the UUID at
 * the end counts; a URL without one matches nothing), as a test on the related UUIDs.
 */
export function relationFilter(query: URLSearchParams, prefix: string): (uuids: readonly (string | null)[]) => boolean {
  const wanted = [uuidFilter(query, `${prefix}__uuid`), urlUuidFilter(query, `${prefix}__url`)].filter((v) => v !== undefined);
  return (uuids) => wanted.every((uuid) => uuid !== null && uuids.includes(uuid));
}

const identificatorFields = ['codeObjecttype', 'codeSoortObjectId', 'objectId', 'codeRegister'] as const;

/**
 * The four `<prefix>__codeObjecttype|codeSoortObjectId|objectId|codeRegister` filters (plain text,
 * no choices) as a test on the partijen a record has (its own one, or those of a klantcontact's
 * betrokkenen). As in Open Klant, where each filter is its own condition on the identificatoren,
 * each may be met by another identificator (or another partij). Without any of them everything
 * passes, also what has no partij.
 */
export function partijIdentificatorFilter(store: Store, query: URLSearchParams, prefix: string): (partijen: readonly (string | null)[]) => boolean {
  const wanted = identificatorFields.flatMap((field) => {
    const value = text(query, `${prefix}__${field}`);
    return value === undefined ? [] : [{ field, value }];
  });
  return (partijen) =>
    wanted.every(({ field, value }) =>
      partijen.some((partij) => partij !== null && store.identificatorenOf(partij).some((identificator) => identificator[field] === value)),
    );
}
