/**
 * Catalogi API 1.3.1 (catalogi-api.yaml), read only: the catalogus, zaaktypen, statustypen,
 * resultaattypen, roltypen and informatieobjecttypen of simulators/data/zgw-demo.ts. Everything
 * is published (concept: false), valid from 2024-01-01 on.
 *
 * Catalogi resources have no `uuid` field: clients take the UUID from the end of the `url`.
 */
import type { FastifyInstance } from 'fastify';
import type { components } from '../../src/sources/zgw/generated/catalogi.ts';
import { demoOrganisatie, demoUuid } from '../data/zgw-demo.ts';
import type { DemoInformatieobjecttype, DemoZaaktype } from '../data/zgw-demo.ts';
import { choice, notFound, paginate, queryOf, setUpZgwScope, urlFilter } from './http.ts';
import type { ApiContext } from './http.ts';
import type { Store } from './store.ts';

type C = components['schemas'];

export const catalogiApiVersion = '1.3.1';

/**
 * The spec types ZaakType.informatieobjecttypen and InformatieObjectType.zaaktypen as a plain
 * `string` (no description; the GET operations themselves declare an unspecified body), while
 * every sibling relation (statustypen, resultaattypen, roltypen, …) is an array of URLs. The
 * simulator gives arrays of URLs here too; clients should not depend on either field.
 */
export type ZaakTypeJson = Omit<C['ZaakType'], 'informatieobjecttypen'> & { informatieobjecttypen: string[] };
export type InformatieObjectTypeJson = Omit<C['InformatieObjectType'], 'zaaktypen'> & { zaaktypen: string[] };

const beginGeldigheid = '2024-01-01';
/** Stand-in for the Selectielijst API, which the simulator does not serve. */
const selectielijst = 'https://selectielijst.example/api/v1';

const statusChoices = ['alles', 'concept', 'definitief'] as const;

/** StatusType.zaakobjecttype is required (a URL) in the spec; the simulator has no zaakobjecttypen to serve. */
const zaakobjecttypeOf = (store: Store, zaaktype: DemoZaaktype) =>
  `${store.links.catalogi}/zaakobjecttypen/${demoUuid('c5', 0, Number(zaaktype.uuid.slice(-6)))}`;

export function catalogusJson(store: Store): C['Catalogus'] {
  const { links, catalogue } = store;
  return {
    url: links.catalogus(catalogue.catalogusUuid),
    domein: demoOrganisatie.domein,
    rsin: demoOrganisatie.rsin,
    contactpersoonBeheerNaam: 'Team Zaakgericht Werken',
    contactpersoonBeheerEmailadres: 'zaakgerichtwerken@voorbeeldstad.example',
    zaaktypen: catalogue.zaaktypen.map((z) => links.zaaktype(z.uuid)),
    besluittypen: [],
    informatieobjecttypen: catalogue.informatieobjecttypen.map((i) => links.informatieobjecttype(i.uuid)),
    naam: `Zaaktypecatalogus ${demoOrganisatie.naam}`,
    versie: '1',
    begindatumVersie: beginGeldigheid,
  };
}

export function zaaktypeJson(store: Store, zaaktype: DemoZaaktype): ZaakTypeJson {
  const { links, catalogue } = store;
  return {
    url: links.zaaktype(zaaktype.uuid),
    identificatie: zaaktype.identificatie,
    omschrijving: zaaktype.omschrijving,
    omschrijvingGeneriek: '',
    vertrouwelijkheidaanduiding: zaaktype.vertrouwelijkheidaanduiding,
    doel: zaaktype.doel,
    aanleiding: 'Een aanvraag of melding van een inwoner of ondernemer.',
    toelichting: '',
    indicatieInternOfExtern: zaaktype.indicatieInternOfExtern ?? 'extern',
    handelingInitiator: zaaktype.handelingInitiator,
    onderwerp: zaaktype.onderwerp,
    handelingBehandelaar: 'Behandelen',
    doorlooptijd: zaaktype.doorlooptijd,
    servicenorm: null,
    opschortingEnAanhoudingMogelijk: false,
    verlengingMogelijk: false,
    verlengingstermijn: null,
    trefwoorden: zaaktype.trefwoorden,
    publicatieIndicatie: false,
    publicatietekst: '',
    verantwoordingsrelatie: [],
    productenOfDiensten: [],
    referentieproces: { naam: zaaktype.omschrijving },
    verantwoordelijke: demoOrganisatie.naam,
    zaakobjecttypen: [zaakobjecttypeOf(store, zaaktype)],
    catalogus: links.catalogus(catalogue.catalogusUuid),
    statustypen: zaaktype.statustypen.map((s) => links.statustype(s.uuid)),
    resultaattypen: zaaktype.resultaattypen.map((r) => links.resultaattype(r.uuid)),
    eigenschappen: [],
    informatieobjecttypen: catalogue.informatieobjecttypen.map((i) => links.informatieobjecttype(i.uuid)),
    roltypen: zaaktype.roltypen.map((r) => links.roltype(r.uuid)),
    besluittypen: [],
    deelzaaktypen: [],
    gerelateerdeZaaktypen: [],
    beginGeldigheid,
    eindeGeldigheid: null,
    beginObject: null,
    eindeObject: null,
    versiedatum: beginGeldigheid,
    concept: false,
  };
}

export function statustypeJson(store: Store, zaaktype: DemoZaaktype, statustype: DemoZaaktype['statustypen'][number]): C['StatusType'] {
  const { links, catalogue } = store;
  return {
    url: links.statustype(statustype.uuid),
    omschrijving: statustype.omschrijving,
    omschrijvingGeneriek: '',
    statustekst: statustype.statustekst,
    zaaktype: links.zaaktype(zaaktype.uuid),
    zaaktypeIdentificatie: zaaktype.identificatie,
    catalogus: links.catalogus(catalogue.catalogusUuid),
    volgnummer: statustype.volgnummer,
    isEindstatus: statustype.isEindstatus,
    informeren: true,
    doorlooptijd: null,
    toelichting: null,
    checklistitemStatustype: [],
    eigenschappen: [],
    beginGeldigheid: null,
    eindeGeldigheid: null,
    beginObject: null,
    eindeObject: null,
    zaakobjecttype: zaakobjecttypeOf(store, zaaktype),
  };
}

export function resultaattypeJson(store: Store, zaaktype: DemoZaaktype, resultaattype: DemoZaaktype['resultaattypen'][number]): C['ResultaatType'] {
  const { links, catalogue } = store;
  return {
    url: links.resultaattype(resultaattype.uuid),
    zaaktype: links.zaaktype(zaaktype.uuid),
    zaaktypeIdentificatie: zaaktype.identificatie,
    omschrijving: resultaattype.omschrijving,
    resultaattypeomschrijving: `${selectielijst}/resultaattypeomschrijvingen/${resultaattype.uuid}`,
    omschrijvingGeneriek: resultaattype.omschrijving,
    selectielijstklasse: `${selectielijst}/resultaten/${resultaattype.uuid}`,
    toelichting: resultaattype.toelichting,
    archiefnominatie: 'vernietigen',
    archiefactietermijn: 'P10Y',
    brondatumArchiefprocedure: {
      afleidingswijze: 'afgehandeld',
      datumkenmerk: '',
      einddatumBekend: false,
      objecttype: '',
      registratie: '',
      procestermijn: null,
    },
    procesobjectaard: null,
    catalogus: links.catalogus(catalogue.catalogusUuid),
    beginGeldigheid: null,
    eindeGeldigheid: null,
    beginObject: null,
    eindeObject: null,
    indicatieSpecifiek: null,
    procestermijn: null,
    besluittypen: [],
    besluittypeOmschrijving: [],
    informatieobjecttypen: [],
    informatieobjecttypeOmschrijving: [],
    zaakobjecttypen: [],
  };
}

export function roltypeJson(store: Store, zaaktype: DemoZaaktype, roltype: DemoZaaktype['roltypen'][number]): C['RolType'] {
  const { links, catalogue } = store;
  return {
    url: links.roltype(roltype.uuid),
    zaaktype: links.zaaktype(zaaktype.uuid),
    zaaktypeIdentificatie: zaaktype.identificatie,
    omschrijving: roltype.omschrijving,
    omschrijvingGeneriek: roltype.omschrijvingGeneriek,
    catalogus: links.catalogus(catalogue.catalogusUuid),
    beginGeldigheid: null,
    eindeGeldigheid: null,
    beginObject: null,
    eindeObject: null,
  };
}

export function informatieobjecttypeJson(store: Store, type: DemoInformatieobjecttype): InformatieObjectTypeJson {
  const { links, catalogue } = store;
  return {
    url: links.informatieobjecttype(type.uuid),
    catalogus: links.catalogus(catalogue.catalogusUuid),
    omschrijving: type.omschrijving,
    vertrouwelijkheidaanduiding: type.vertrouwelijkheidaanduiding,
    beginGeldigheid,
    eindeGeldigheid: null,
    beginObject: null,
    eindeObject: null,
    concept: false,
    zaaktypen: catalogue.zaaktypen.map((z) => links.zaaktype(z.uuid)),
    besluittypen: [],
    informatieobjectcategorie: type.informatieobjectcategorie,
    trefwoord: [],
    omschrijvingGeneriek: {
      informatieobjecttypeOmschrijvingGeneriek: '',
      definitieInformatieobjecttypeOmschrijvingGeneriek: '',
      herkomstInformatieobjecttypeOmschrijvingGeneriek: '',
      hierarchieInformatieobjecttypeOmschrijvingGeneriek: '',
      opmerkingInformatieobjecttypeOmschrijvingGeneriek: null,
    },
  };
}

export async function registerCatalogiApi(app: FastifyInstance, prefix: string, store: Store, context: ApiContext): Promise<void> {
  const { links, catalogue } = store;
  // A function, not a constant: with port 0 in baseUrl the URL is known only once the app listens.
  const catalogusUrl = () => links.catalogus(catalogue.catalogusUuid);

  /** `status` filter: everything here is published, so only `concept` filters anything out. */
  const published = (query: URLSearchParams) => choice(query, 'status', statusChoices) !== 'concept';

  /** Zaaktypen selected by a zaaktype URL and/or identificatie filter. */
  const zaaktypenFor = (zaaktypeUrl: string | undefined, identificatie: string | undefined) =>
    catalogue.zaaktypen
      .filter((z) => zaaktypeUrl === undefined || links.zaaktype(z.uuid) === zaaktypeUrl)
      .filter((z) => identificatie === undefined || z.identificatie === identificatie);

  await app.register(
    async (scope) => {
      setUpZgwScope(scope, 'catalogi', catalogiApiVersion, context);

      scope.get<{ Params: { uuid: string } }>('/catalogussen/:uuid', async (request) => {
        if (request.params.uuid !== catalogue.catalogusUuid) throw notFound();
        return catalogusJson(store);
      });

      scope.get('/zaaktypen', async (request) => {
        const query = queryOf(request);
        const catalogus = urlFilter(query, 'catalogus');
        const identificatie = query.get('identificatie') || undefined;
        const trefwoorden = (query.get('trefwoorden') || '').split(',').filter(Boolean);
        const selected = published(query) && (catalogus === undefined || catalogus === catalogusUrl());
        const zaaktypen = catalogue.zaaktypen
          .filter(() => selected)
          .filter((z) => identificatie === undefined || z.identificatie === identificatie)
          .filter((z) => trefwoorden.every((t) => z.trefwoorden.includes(t)))
          .map((z) => zaaktypeJson(store, z));
        return paginate(request, zaaktypen, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/zaaktypen/:uuid', async (request) => {
        const zaaktype = store.zaaktype(request.params.uuid);
        if (!zaaktype) throw notFound();
        return zaaktypeJson(store, zaaktype);
      });

      scope.get('/statustypen', async (request) => {
        const query = queryOf(request);
        const types = published(query) ? zaaktypenFor(urlFilter(query, 'zaaktype'), query.get('zaaktypeIdentificatie') || undefined) : [];
        const statustypen = types.flatMap((z) => z.statustypen.map((s) => statustypeJson(store, z, s)));
        return paginate(request, statustypen, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/statustypen/:uuid', async (request) => {
        const entry = store.statustype(request.params.uuid);
        if (!entry) throw notFound();
        return statustypeJson(store, entry.zaaktype, entry.statustype);
      });

      // Note the spec's names here: `zaaktype` (a URL, typed as plain string) and `zaaktype_identificatie`.
      scope.get('/resultaattypen', async (request) => {
        const query = queryOf(request);
        const types = published(query) ? zaaktypenFor(urlFilter(query, 'zaaktype'), query.get('zaaktype_identificatie') || undefined) : [];
        const resultaattypen = types.flatMap((z) => z.resultaattypen.map((r) => resultaattypeJson(store, z, r)));
        return paginate(request, resultaattypen, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/resultaattypen/:uuid', async (request) => {
        const entry = store.resultaattype(request.params.uuid);
        if (!entry) throw notFound();
        return resultaattypeJson(store, entry.zaaktype, entry.resultaattype);
      });

      scope.get('/roltypen', async (request) => {
        const query = queryOf(request);
        const generiek = query.get('omschrijvingGeneriek') || undefined;
        const types = published(query) ? zaaktypenFor(urlFilter(query, 'zaaktype'), query.get('zaaktypeIdentificatie') || undefined) : [];
        const roltypen = types.flatMap((z) =>
          z.roltypen.filter((r) => generiek === undefined || r.omschrijvingGeneriek === generiek).map((r) => roltypeJson(store, z, r)),
        );
        return paginate(request, roltypen, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/roltypen/:uuid', async (request) => {
        const entry = store.roltype(request.params.uuid);
        if (!entry) throw notFound();
        return roltypeJson(store, entry.zaaktype, entry.roltype);
      });

      scope.get('/informatieobjecttypen', async (request) => {
        const query = queryOf(request);
        const catalogus = urlFilter(query, 'catalogus');
        const omschrijving = query.get('omschrijving') || undefined;
        const selected = published(query) && (catalogus === undefined || catalogus === catalogusUrl());
        const types = catalogue.informatieobjecttypen
          .filter(() => selected)
          .filter((i) => omschrijving === undefined || i.omschrijving === omschrijving)
          .map((i) => informatieobjecttypeJson(store, i));
        return paginate(request, types, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/informatieobjecttypen/:uuid', async (request) => {
        const type = store.informatieobjecttype(request.params.uuid);
        if (!type) throw notFound();
        return informatieobjecttypeJson(store, type);
      });
    },
    { prefix },
  );
}
