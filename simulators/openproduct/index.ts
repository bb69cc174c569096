/**
 * The Open Product simulator: the Producten API and a read-only Producttypen API (both 1.7.0),
 * built from the official specs (specs/open-product-producten-api.yaml and
 * open-product-producttypen-api.yaml) and from Open Product's own code (maykinmedia/open-product,
 * commit 1e3ff53: producten/viewsets/product.py, serializers, utils/filters.py, utils/pagination.py,
 * conf/base.py), with the demo data of simulators/data/openproduct-demo.ts. Checked against the
 * specs in openproduct.test.ts.
 *
 * What it plays as Open Product does:
 * - Authentication: DRF's TokenAuthentication, `Authorization: Token <key>` (Open Product also takes
 *   an OIDC bearer token; the simulator does not). Errors in vng-api-common's problem+json, rendered
 *   without camelCase (`invalid_params`), in Dutch (LANGUAGE_CODE nl).
 * - The list filters of ProductFilterSet (django-filter): `eigenaren__bsn`, `eigenaren__kvk_nummer`,
 *   `eigenaren__vestigingsnummer`, `eigenaren__klantnummer`, `eigenaren__uuid`, `status`,
 *   `producttype__uuid`, `producttype__code`, `gepubliceerd`, `eind_datum__gte`/`__lte`,
 *   `start_datum__gte`/`__lte`. As django-filter does: an unknown parameter is ignored, and so is
 *   an empty value (`eigenaren__bsn=` returns every product the token may read); each eigenaar filter
 *   is its own join, so `eigenaren__kvk_nummer=A&eigenaren__vestigingsnummer=B` also matches a
 *   product where one eigenaar has A and another B. A value of the wrong kind (a status that is not
 *   a choice, a uuid or date that is not one) is a 400.
 * - Newest product first (Meta.ordering = -id); pages of `page_size` (default 100, at most 500),
 *   `page`; a page that does not exist is a 404.
 * - Paths without a trailing slash (DefaultRouter(trailing_slash=False)); a product by uuid; the
 *   nested producttype as NestedProductTypeSerializer gives it.
 * - The Producttypen API's list (ProductTypeFilterSet, producttypen/viewsets/producttype.py):
 *   `gepubliceerd` (published: `publicatie_start_datum` on or before today and no
 *   `publicatie_eind_datum` or one after today; `false` the others), `doelgroep`, `code`, `naam`,
 *   `themas__naam`, `uniforme_product_naam`; unknown parameters ignored, pages as above, ordered
 *   by naam. A producttype offered online in the demo (Aanvragen, AANVRAGEN_CATALOGUS=openproduct)
 *   has a link `formulier` to its FormIO object in the Objecten simulator, its zaaktype in the ZGW
 *   simulator, and Voordeur's parameters (`kosten`, `nodig`, `doelgroep`, `route`, `doorlooptijd`,
 *   `prefill.<bron>.<veld>`), with values as Open Product allows them (no `:`, `[` or `]`).
 * The write operations are in the spec but not simulated (405).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { aanvraagFormUuid, demoProducttypen as aanvraagProducttypen, zaaktypeUuid } from '../data/aanvragen-demo.ts';
import { type DemoProduct, type DemoProducttype, openProductDemo } from '../data/openproduct-demo.ts';
import { BaseUrl } from '../shared/base-url.ts';
import { Faults, type FaultControls } from '../shared/faults.ts';
import { checkToken, dutch, fout, foutSender } from '../shared/problem.ts';
import { pageOf, parseUuid, queryOf } from '../shared/query.ts';
import { setUpApiScope } from '../shared/scope.ts';

export const openProductApiVersion = '1.7.0';

export interface OpenProductSimulatorOptions {
  /** Public base URL where `app` listens; the APIs live at `${baseUrl}/producten/api/v1` and
   *  `${baseUrl}/producttypen/api/v1`. Port 0 (tests): the port the app listens on. */
  baseUrl: string;
  /** Accepted `Authorization: Token <token>` values. */
  tokens: string[];
  /** The Objecten API root whose FormIO objects hold the forms (default `${baseUrl}/objecten/api/v2`, the Objecten simulator beside it). */
  objectenApi?: string;
  /** The Catalogi API root of the zaaktypen (default `${baseUrl}/catalogi/api/v1`, the ZGW simulator beside it). */
  catalogiApi?: string;
  /** 'demo' (default) seeds the demo data; 'empty' starts with the catalogue only. */
  dataset?: 'demo' | 'empty';
  /** Dates of the demo data are relative to this day (default: today). */
  now?: Date;
}

export interface OpenProductSimulator extends FaultControls {
  /** `${baseUrl}/producten/api/v1`; complete once the app listens. */
  readonly url: string;
  /** `${baseUrl}/producttypen/api/v1`. */
  readonly producttypenUrl: string;
  /** Adds a product as a back office would (days relative to today); returns its uuid. */
  addProduct(product: Omit<DemoProduct, 'uuid'> & { uuid?: string }): string;
  /** Every product as GET /producten/{uuid} answers it. */
  producten(): Record<string, unknown>[];
  /** From now on the list ignores the eigenaren filters, as a system that does not know them would (for tests of Voordeur's own check). */
  setIgnoreEigenaarFilters(ignore: boolean): void;
  /** Sets when a producttype is published (days from today; Open Product's publicatie_start_datum/eind_datum), as a beheerder would. */
  setPublicatie(uuid: string, publicatie: { start?: number; eind?: number }): void;
}

const DAY = 24 * 60 * 60 * 1000;
const statuses = ['initieel', 'in_aanvraag', 'gereed', 'actief', 'ingetrokken', 'geweigerd', 'verlopen'];
const isoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

export async function registerOpenProductSimulator(app: FastifyInstance, options: OpenProductSimulatorOptions): Promise<OpenProductSimulator> {
  const base = BaseUrl.of(app, options.baseUrl);
  const today = options.now ?? new Date();
  const day = (days: number) => new Date(today.getTime() + days * DAY).toISOString().slice(0, 10);
  const created = new Date(today.getTime() - 400 * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
  const producttypen = new Map(openProductDemo.producttypen.map((t) => [t.uuid, structuredClone(t)]));
  const objectenApi = () => options.objectenApi ?? `${base.href}/objecten/api/v2`;
  const catalogiApi = () => options.catalogiApi ?? `${base.href}/catalogi/api/v1`;
  /** Published now: from its start (long ago by default) until before its end. */
  const published = (t: DemoProducttype) => {
    const start = day(t.publicatie?.start ?? -1000);
    const eind = t.publicatie?.eind === undefined ? null : day(t.publicatie.eind);
    const now = day(0);
    return { start, eind, gepubliceerd: start <= now && (eind === null || eind > now) };
  };
  /** What an Aanvragen producttype of the demo has in Open Product: its form as a link, its zaaktype, Voordeur's parameters. */
  const online = (t: DemoProducttype) => {
    const aanvraag = t.aanvraag === undefined ? undefined : aanvraagProducttypen.find((a) => a.n === t.aanvraag);
    if (!aanvraag) return { links: [], parameters: [], zaaktypen: [] };
    // Open Product refuses ':', '[' and ']' in a parameter: a path's index is written `.0`.
    const clean = (value: string) => value.replace(/\[(\d+)\]/g, '.$1').replace(/[:[\]]/g, ',');
    const parameters = [
      { naam: 'kosten', waarde: aanvraag.kosten },
      { naam: 'nodig', waarde: aanvraag.nodig.join('; ') },
      { naam: 'doelgroep', waarde: aanvraag.doelgroep },
      { naam: 'route', waarde: aanvraag.route },
      ...(aanvraag.doorlooptijd ? [{ naam: 'doorlooptijd', waarde: aanvraag.doorlooptijd }] : []),
      ...Object.entries(aanvraag.variabelen).flatMap(([bron, fields]) =>
        Object.entries(fields).map(([field, path]) => ({ naam: `prefill.${bron}.${field}`, waarde: path })),
      ),
    ].map((parameter) => ({ naam: parameter.naam, waarde: clean(parameter.waarde) }));
    return {
      links: [{ uuid: `e6${t.uuid.slice(2)}`, naam: 'formulier', url: `${objectenApi()}/objects/${aanvraagFormUuid(aanvraag.n)}` }],
      parameters,
      zaaktypen: aanvraag.zaaktype ? [{ urn: null, url: `${catalogiApi()}/zaaktypen/${zaaktypeUuid(aanvraag.zaaktype)}` }] : [],
    };
  };
  const producten: DemoProduct[] = options.dataset === 'empty' ? [] : structuredClone(openProductDemo.producten);
  let ignoreEigenaarFilters = false;
  let added = 0;

  const productenApi = () => `${base.href}/producten/api/v1`;
  const producttypenApi = () => `${base.href}/producttypen/api/v1`;
  const zgw = () => base.href;

  const nestedThema = (thema: DemoProducttype['thema']) => ({
    uuid: thema.uuid,
    naam: thema.naam,
    beschrijving: '',
    gepubliceerd: true,
    aanmaak_datum: created,
    update_datum: created,
    hoofd_thema: thema.uuid,
  });

  const nestedProducttype = (t: DemoProducttype) => ({
    uuid: t.uuid,
    code: t.code,
    naam: t.naam,
    keywords: t.keywords,
    uniforme_product_naam: t.uniformeProductNaam,
    toegestane_statussen: t.toegestaneStatussen,
    gepubliceerd: published(t).gepubliceerd,
    publicatie_start_datum: published(t).start,
    publicatie_eind_datum: published(t).eind,
    aanmaak_datum: created,
    update_datum: created,
    themas: [nestedThema(t.thema)],
    taal: 'nl',
  });

  const producttypeJson = (t: DemoProducttype) => ({
    ...nestedProducttype(t),
    url: `${producttypenApi()}/producttypen/${t.uuid}`,
    doelgroep: t.doelgroep,
    locaties: [],
    organisaties: [],
    eigenaar: null,
    contacten: [],
    prijzen: [],
    links: online(t).links,
    acties: [],
    bestanden: [],
    samenvatting: t.samenvatting,
    externe_codes: [],
    parameters: online(t).parameters,
    verbruiksobject_schema: t.verbruiksobjectSchema ?? null,
    dataobject_schema: t.dataobjectSchema ?? null,
    interne_opmerkingen: '',
    zaaktypen: online(t).zaaktypen,
    verzoektypen: [],
    processen: [],
  });

  /** An eigenaar's uuid: the product's, with e4 for e3 and its place in the list at the end. */
  const eigenaarUuid = (product: DemoProduct, index: number) => `e4${product.uuid.slice(2, -2)}${String(index + 1).padStart(2, '0')}`;

  const productJson = (p: DemoProduct) => {
    const type = producttypen.get(p.producttype)!;
    return {
      uuid: p.uuid,
      url: `${productenApi()}/producten/${p.uuid}`,
      naam: p.naam,
      start_datum: p.start === undefined ? null : day(p.start),
      eind_datum: p.eind === undefined ? null : day(p.eind),
      aanmaak_datum: created,
      update_datum: created,
      producttype: nestedProducttype(type),
      gepubliceerd: p.gepubliceerd ?? true,
      eigenaren: p.eigenaren.map((e, i) => ({
        uuid: eigenaarUuid(p, i),
        bsn: e.bsn ?? '',
        kvk_nummer: e.kvkNummer ?? '',
        vestigingsnummer: e.vestigingsnummer ?? '',
        klantnummer: '',
      })),
      documenten: (p.documenten ?? []).map((uuid) => ({ urn: null, url: `${zgw()}/documenten/api/v1/enkelvoudiginformatieobjecten/${uuid}` })),
      zaken: (p.zaken ?? []).map((uuid) => ({ urn: null, url: `${zgw()}/zaken/api/v1/zaken/${uuid}` })),
      taken: (p.taken ?? []).map((uuid) => ({ urn: null, url: `${zgw()}/objecten/api/v2/objects/${uuid}` })),
      status: p.status,
      prijs: p.prijs ?? null,
      frequentie: p.frequentie ?? '',
      verbruiksobject: p.verbruiksobject ?? null,
      dataobject: p.dataobject ?? null,
      aanvraag_zaak_urn: null,
      aanvraag_zaak_url: p.aanvraagZaak ? `${zgw()}/zaken/api/v1/zaken/${p.aanvraagZaak}` : null,
    };
  };

  const faults = new Faults();
  app.addHook('preClose', async () => faults.close());
  const tokens = new Set(options.tokens);
  const send = foutSender({ origin: () => base.origin, invalidParamsName: 'invalid_params', challenge: 'Token' });
  const setUp = (scope: FastifyInstance, apiName: string) =>
    setUpApiScope(scope, {
      name: `Open Product simulator (${apiName})`,
      faults,
      apiVersion: openProductApiVersion,
      send,
      down: (reply, closing) => send(reply, dutch.unavailable(closing ? 'De simulator stopt.' : `De ${apiName} is (gesimuleerd) niet beschikbaar.`)),
      check: (request) => checkToken(request.headers.authorization, tokens, 'nl'),
      fastifyError: (error) => dutch.fastifyError(error),
      serverError: dutch.serverError,
      unknownUrl: (reply) => send(reply, dutch.notFound('Deze URL bestaat niet in deze API (of wordt niet gesimuleerd).')),
    });
  const notSimulated = (reply: FastifyReply, method: string) =>
    send(reply, fout(405, 'method_not_allowed', `Methode "${method}" niet toegestaan.`, `De simulator speelt ${method} op dit pad niet na.`));

  /** One page as Open Product's Pagination (page_size, at most 500); a page that does not exist is a 404. */
  const page = <T>(request: FastifyRequest, items: T[]) => {
    const query = queryOf(request);
    const rawSize = query.get('page_size');
    const size = rawSize !== null && /^\d+$/.test(rawSize) && Number(rawSize) > 0 ? Math.min(Number(rawSize), 500) : 100;
    const last = Math.max(1, Math.ceil(items.length / size));
    const rawPage = query.get('page');
    const number = rawPage === null || rawPage === '' ? 1 : rawPage === 'last' ? last : /^\d+$/.test(rawPage) ? Number(rawPage) : Number.NaN;
    if (!Number.isInteger(number) || number < 1 || number > last) throw dutch.notFound('Ongeldige pagina.');
    return pageOf(request, items, number, size, base.origin);
  };

  await app.register(
    async (scope) => {
      setUp(scope, 'Producten API');
      scope.get('/producten', async (request, reply) => {
        const query = queryOf(request);
        const invalid: { name: string; code: string; reason: string }[] = [];
        // django-filter: an empty value is no filter; an unknown parameter is ignored.
        const value = (name: string) => {
          const v = query.get(name);
          return v === null || v === '' ? undefined : v;
        };
        let found = [...producten].reverse();
        const eigenaarFilter = (name: string, field: keyof ReturnType<typeof productJson>['eigenaren'][number]) => {
          const v = value(name);
          if (v === undefined || ignoreEigenaarFilters) return;
          found = found.filter((p) => productJson(p).eigenaren.some((e) => e[field] === v));
        };
        eigenaarFilter('eigenaren__bsn', 'bsn');
        eigenaarFilter('eigenaren__kvk_nummer', 'kvk_nummer');
        eigenaarFilter('eigenaren__vestigingsnummer', 'vestigingsnummer');
        eigenaarFilter('eigenaren__klantnummer', 'klantnummer');
        const eigenaarUuidValue = value('eigenaren__uuid');
        if (eigenaarUuidValue !== undefined) {
          const wanted = parseUuid(eigenaarUuidValue);
          if (!wanted) invalid.push({ name: 'eigenaren__uuid', code: 'invalid', reason: 'Voer een geldige UUID in.' });
          else found = found.filter((p) => productJson(p).eigenaren.some((e) => e.uuid === wanted));
        }
        const status = value('status');
        if (status !== undefined) {
          if (!statuses.includes(status))
            invalid.push({ name: 'status', code: 'invalid_choice', reason: `Selecteer een geldige keuze. ${status} is geen beschikbare keuze.` });
          else found = found.filter((p) => p.status === status);
        }
        const typeUuid = value('producttype__uuid');
        if (typeUuid !== undefined) {
          const wanted = parseUuid(typeUuid);
          if (!wanted) invalid.push({ name: 'producttype__uuid', code: 'invalid', reason: 'Voer een geldige UUID in.' });
          else found = found.filter((p) => p.producttype === wanted);
        }
        const code = value('producttype__code');
        if (code !== undefined) found = found.filter((p) => producttypen.get(p.producttype)?.code === code);
        // A BooleanFilter: 'true'/'True'/'1' and 'false'/'False'/'0'; anything else is a 400.
        const gepubliceerd = value('gepubliceerd');
        if (gepubliceerd !== undefined) {
          const wanted = ['true', 'True', '1'].includes(gepubliceerd) ? true : ['false', 'False', '0'].includes(gepubliceerd) ? false : undefined;
          if (wanted === undefined) invalid.push({ name: 'gepubliceerd', code: 'invalid', reason: 'Voer een geldige keuze in.' });
          else found = found.filter((p) => (p.gepubliceerd ?? true) === wanted);
        }
        for (const [name, field, compare] of [
          ['eind_datum__gte', 'eind_datum', (a: string, b: string) => a >= b],
          ['eind_datum__lte', 'eind_datum', (a: string, b: string) => a <= b],
          ['start_datum__gte', 'start_datum', (a: string, b: string) => a >= b],
          ['start_datum__lte', 'start_datum', (a: string, b: string) => a <= b],
        ] as const) {
          const v = value(name);
          if (v === undefined) continue;
          if (!isoDate(v)) {
            invalid.push({ name, code: 'invalid', reason: 'Voer een geldige datum in.' });
            continue;
          }
          found = found.filter((p) => {
            const own = productJson(p)[field];
            return own !== null && compare(own, v);
          });
        }
        if (invalid.length > 0) throw dutch.invalid(invalid);
        return reply.send(page(request, found.map(productJson)));
      });
      scope.get<{ Params: { uuid: string } }>('/producten/:uuid', async (request, reply) => {
        const wanted = parseUuid(request.params.uuid);
        const product = wanted && producten.find((p) => p.uuid === wanted);
        if (!product) throw dutch.notFound();
        return reply.send(productJson(product));
      });
      scope.post('/producten', async (_request, reply) => notSimulated(reply, 'POST'));
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        scope.route({ method, url: '/producten/:uuid', handler: async (_request, reply) => notSimulated(reply, method) });
      }
    },
    { prefix: `${base.path}/producten/api/v1` },
  );

  await app.register(
    async (scope) => {
      setUp(scope, 'Producttypen API');
      scope.get('/producttypen', async (request, reply) => {
        const query = queryOf(request);
        // django-filter: an empty value is no filter; an unknown parameter is ignored.
        const value = (name: string) => {
          const v = query.get(name);
          return v === null || v === '' ? undefined : v;
        };
        let found = [...producttypen.values()].sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));
        const doelgroep = value('doelgroep');
        if (doelgroep) found = found.filter((t) => t.doelgroep === doelgroep);
        const code = value('code');
        if (code) found = found.filter((t) => t.code === code);
        const naam = value('naam');
        if (naam) found = found.filter((t) => t.naam === naam);
        const thema = value('themas__naam');
        if (thema) found = found.filter((t) => t.thema.naam === thema);
        const upn = value('uniforme_product_naam');
        if (upn) found = found.filter((t) => t.uniformeProductNaam === upn);
        // A BooleanFilter: 'true'/'True'/'1' and 'false'/'False'/'0'; anything else is a 400.
        const gepubliceerd = value('gepubliceerd');
        if (gepubliceerd !== undefined) {
          const wanted = ['true', 'True', '1'].includes(gepubliceerd) ? true : ['false', 'False', '0'].includes(gepubliceerd) ? false : undefined;
          if (wanted === undefined) throw dutch.invalid([{ name: 'gepubliceerd', code: 'invalid', reason: 'Voer een geldige keuze in.' }]);
          found = found.filter((t) => published(t).gepubliceerd === wanted);
        }
        return reply.send(page(request, found.map(producttypeJson)));
      });
      scope.get<{ Params: { uuid: string } }>('/producttypen/:uuid', async (request, reply) => {
        const wanted = parseUuid(request.params.uuid);
        const type = wanted && producttypen.get(wanted);
        if (!type) throw dutch.notFound();
        return reply.send(producttypeJson(type));
      });
    },
    { prefix: `${base.path}/producttypen/api/v1` },
  );

  return {
    get url() {
      return productenApi();
    },
    get producttypenUrl() {
      return producttypenApi();
    },
    ...faults.controls(),
    addProduct(product) {
      added += 1;
      const uuid = product.uuid ?? `e5000000-0000-4000-8000-${String(added).padStart(12, '0')}`;
      producten.push({ ...structuredClone(product), uuid });
      return uuid;
    },
    producten: () => [...producten].reverse().map(productJson),
    setPublicatie(uuid, publicatie) {
      const type = producttypen.get(uuid);
      if (!type) throw new Error(`no producttype ${uuid}`);
      type.publicatie = publicatie;
    },
    setIgnoreEigenaarFilters(ignore) {
      ignoreEigenaarFilters = ignore;
    },
  };
}
