/**
 * The object types the simulator knows, with their JSON Schemas from specs/objecttypes/ (TaakV2,
 * Bericht and FormIO, the ones NL Portal uses, and its PDCProductInstantie and PDCVerbruiksObject
 * for products and its example Parkeervergunning), and the minimal Objecttypes API that makes their
 * URLs resolve: `GET /objecttypes`, `/objecttypes/{uuid}`, `/objecttypes/{uuid}/versions` and
 * `/objecttypes/{uuid}/versions/{version}`, in the shapes of specs/objecttypes-api.yaml (2.2.2).
 *
 * The UUIDs are those of the NL Portal fixture the schemas come from (see specs/README.md).
 * Each type has one published version, 1; objects use typeVersion 1. None allows geometry.
 */
import type { FastifyInstance } from 'fastify';
import bericht from '../../specs/objecttypes/bericht.json' with { type: 'json' };
import formio from '../../specs/objecttypes/formio.json' with { type: 'json' };
import parkeervergunning from '../../specs/objecttypes/parkeervergunning.json' with { type: 'json' };
import productaanvraag from '../../specs/objecttypes/productaanvraag.json' with { type: 'json' };
import productinstantie from '../../specs/objecttypes/pdc-productinstantie.json' with { type: 'json' };
import producttype from '../../specs/objecttypes/pdc-producttype.json' with { type: 'json' };
import verbruiksobject from '../../specs/objecttypes/pdc-verbruiksobject.json' with { type: 'json' };
import taakv2 from '../../specs/objecttypes/taakv2.json' with { type: 'json' };
import { notFound, notSimulated, paginate, parseUuid } from './http.ts';

export type ObjectKind = 'taak' | 'bericht' | 'formulier' | 'productinstantie' | 'verbruiksobject' | 'parkeervergunning' | 'producttype' | 'productaanvraag';

export interface ObjectTypeDefinition {
  kind: ObjectKind;
  uuid: string;
  name: string;
  namePlural: string;
  description: string;
  /** specs/objecttypes/<file> */
  file: string;
  jsonSchema: Record<string, unknown>;
}

// Imported, not read from disk: the demo runs this code bundled, away from specs/.
const schemas: Record<string, Record<string, unknown>> = {
  'taakv2.json': taakv2,
  'bericht.json': bericht,
  'formio.json': formio,
  'pdc-productinstantie.json': productinstantie,
  'pdc-verbruiksobject.json': verbruiksobject,
  'pdc-producttype.json': producttype,
  'parkeervergunning.json': parkeervergunning,
  'productaanvraag.json': productaanvraag,
};
const schema = (file: string) => schemas[file]!;

export const objectTypeDefinitions: readonly ObjectTypeDefinition[] = [
  {
    kind: 'taak',
    uuid: 'b4a617af-6969-45e8-9afd-d51e170716d5',
    name: 'TaakV2',
    namePlural: 'TakenV2',
    description: 'Taken voor inwoners en ondernemers (url, portaalformulier, ogonebetaling)',
    file: 'taakv2.json',
    jsonSchema: schema('taakv2.json'),
  },
  {
    kind: 'bericht',
    uuid: '78731088-430f-49fd-9a4c-80ddd42ded28',
    name: 'Bericht',
    namePlural: 'Berichten',
    description: 'Berichten in de berichtenbox van inwoners en ondernemers',
    file: 'bericht.json',
    jsonSchema: schema('bericht.json'),
  },
  {
    kind: 'formulier',
    uuid: '4b5f4fba-0746-11ed-b939-0242ac120002',
    name: 'formio',
    namePlural: 'formio',
    description: 'Form.io-formulierdefinities voor portaalformulier-taken',
    file: 'formio.json',
    jsonSchema: schema('formio.json'),
  },
  {
    kind: 'productinstantie',
    uuid: 'd5ae0ab0-fd6d-40a2-87ae-54d11a85d3d8',
    name: 'PDCProductInstantie',
    namePlural: 'PDCProductInstanties',
    description: 'Producten die inwoners en ondernemers hebben (vergunningen, passen)',
    file: 'pdc-productinstantie.json',
    jsonSchema: schema('pdc-productinstantie.json'),
  },
  {
    kind: 'verbruiksobject',
    uuid: '41778685-f876-4f74-ab54-b04ff23524b8',
    name: 'PDCVerbruiksObject',
    namePlural: 'PDCVerbruiksObjecten',
    description: 'Verbruik van een product (bijvoorbeeld bezoekersuren)',
    file: 'pdc-verbruiksobject.json',
    jsonSchema: schema('pdc-verbruiksobject.json'),
  },
  {
    kind: 'parkeervergunning',
    uuid: '4b5f4fba-0746-11ed-b939-0242ac120022',
    name: 'Parkeervergunning',
    namePlural: 'Parkeervergunningen',
    description: 'Parkeervergunning',
    file: 'parkeervergunning.json',
    jsonSchema: schema('parkeervergunning.json'),
  },
  {
    kind: 'producttype',
    uuid: '10b88cbd-5b9e-4e25-8635-eda8fe5ad227',
    name: 'PDCProductType',
    namePlural: 'PDCProductTypen',
    description: 'De productencatalogus: wat inwoners en ondernemers online kunnen aanvragen',
    file: 'pdc-producttype.json',
    jsonSchema: schema('pdc-producttype.json'),
  },
  {
    kind: 'productaanvraag',
    uuid: '021f685e-9482-4620-b157-34cd4003da6b',
    name: 'productaanvraag',
    namePlural: 'productaanvragen',
    description: 'Aanvragen die inwoners en ondernemers met een formulier hebben ingediend',
    file: 'productaanvraag.json',
    jsonSchema: schema('productaanvraag.json'),
  },
];

export const objectTypesApiVersion = '2.2.2';

/** Where a type's metadata says it was made; fixed, so answers do not change between runs. */
const createdAt = '2024-06-03';

export interface TypeLinks {
  /** Base of the objecttype URLs, e.g. http://…/objecttypen/api/v2 (no trailing slash). */
  base(): string;
  origin(): string;
}

export function objectTypeUrl(links: TypeLinks, kind: ObjectKind): string {
  const definition = objectTypeDefinitions.find((d) => d.kind === kind)!;
  return `${links.base()}/objecttypes/${definition.uuid}`;
}

/** The definition whose URL this is (exactly, or with a trailing slash), if any. */
export function definitionByUrl(links: TypeLinks, url: string): ObjectTypeDefinition | undefined {
  const wanted = url.replace(/\/+$/, '');
  return objectTypeDefinitions.find((d) => objectTypeUrl(links, d.kind) === wanted);
}

function objectTypeJson(links: TypeLinks, d: ObjectTypeDefinition) {
  const url = objectTypeUrl(links, d.kind);
  return {
    url,
    uuid: d.uuid,
    name: d.name,
    namePlural: d.namePlural,
    description: d.description,
    dataClassification: d.kind === 'formulier' || d.kind === 'producttype' ? 'open' : 'confidential',
    maintainerOrganization: 'Gemeente Voorbeeldstad',
    maintainerDepartment: 'Dienstverlening',
    contactPerson: 'Team Mijn Omgeving',
    contactEmail: 'mijnomgeving@voorbeeldstad.example.nl',
    source: 'Voordeur-simulator',
    updateFrequency: 'real_time',
    providerOrganization: 'Gemeente Voorbeeldstad',
    documentationUrl: 'https://github.com/nl-portal/nl-portal',
    labels: {},
    createdAt,
    modifiedAt: createdAt,
    allowGeometry: false,
    versions: [`${url}/versions/1`],
  };
}

function versionJson(links: TypeLinks, d: ObjectTypeDefinition) {
  const objectType = objectTypeUrl(links, d.kind);
  return {
    url: `${objectType}/versions/1`,
    version: 1,
    objectType,
    status: 'published',
    jsonSchema: d.jsonSchema,
    createdAt,
    modifiedAt: createdAt,
    publishedAt: createdAt,
  };
}

function definitionOf(params: unknown): ObjectTypeDefinition {
  const { uuid } = params as { uuid: string };
  const wanted = parseUuid(uuid);
  const found = objectTypeDefinitions.find((d) => d.uuid === wanted);
  if (!found) throw notFound('No ObjectType matches the given query.');
  return found;
}

/** The read side of the Objecttypes API; writing answers 405. */
export function registerObjectTypesApi(scope: FastifyInstance, links: TypeLinks, pageSize: number): void {
  scope.get('/objecttypes', async (request) => {
    const all = objectTypeDefinitions.map((d) => objectTypeJson(links, d));
    return paginate(request, all, pageSize, links.origin());
  });
  scope.get('/objecttypes/:uuid', async (request) => objectTypeJson(links, definitionOf(request.params)));
  scope.get('/objecttypes/:uuid/versions', async (request) => paginate(request, [versionJson(links, definitionOf(request.params))], pageSize, links.origin()));
  scope.get('/objecttypes/:uuid/versions/:version', async (request) => {
    const definition = definitionOf(request.params);
    const { version } = request.params as { version: string };
    if (version !== '1') throw notFound('No ObjectVersion matches the given query.');
    return versionJson(links, definition);
  });
  for (const [method, url] of [
    ['POST', '/objecttypes'],
    ['PUT', '/objecttypes/:uuid'],
    ['PATCH', '/objecttypes/:uuid'],
    ['DELETE', '/objecttypes/:uuid'],
    ['POST', '/objecttypes/:uuid/versions'],
    ['PUT', '/objecttypes/:uuid/versions/:version'],
    ['PATCH', '/objecttypes/:uuid/versions/:version'],
    ['DELETE', '/objecttypes/:uuid/versions/:version'],
  ] as const) {
    scope.route({
      method,
      url,
      handler: async () => {
        throw notSimulated(method);
      },
    });
  }
}
