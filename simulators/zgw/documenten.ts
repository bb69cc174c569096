/**
 * Documenten API 1.5.0 (documenten-api.yaml): listing enkelvoudiginformatieobjecten (paginated,
 * filtered on identificatie and bronorganisatie, as Open Zaak's filter does), reading one, downloading
 * its bytes (streamed: the large demo document is made while it is sent), and creating one with
 * the content in base64 (`inhoud`), the "1.0.x way of uploading" of the spec. Uploading in
 * bestandsdelen (large files, with a lock) is not simulated.
 *
 * Enkelvoudiginformatieobjecten have no `uuid` field: clients take it from the end of the `url`.
 * As in Open Zaak (UniekeIdentificatieValidator), an identificatie is unique per bronorganisatie: a
 * second one is refused with 400 `identificatie-niet-uniek`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { components } from '../../src/sources/zgw/generated/documenten.ts';
import { vertrouwelijkheidaanduidingen } from '../data/zgw-demo.ts';
import { openContent } from './content.ts';
import { invalid, notFound, paginate, queryOf, setUpZgwScope } from './http.ts';
import type { ApiContext, InvalidParam } from './http.ts';
import type { DocumentRecord, Store } from './store.ts';
import {
  optionalBoolean,
  optionalChoice,
  optionalDate,
  optionalString,
  optionalStringArray,
  requiredDate,
  requiredString,
  requiredUrl,
  requireObject,
} from './validation.ts';

type D = components['schemas'];

export const documentenApiVersion = '1.5.0';

/** Base64 JSON of ~30 MB: documents of ~22 MB, more than any upload form of the portal allows. */
export const uploadBodyLimit = 30 * 1024 * 1024;

const statussen = ['in_bewerking', 'concept', 'definitief', 'ter_vaststelling', 'vastgesteld', 'gearchiveerd'] as const;

export function documentJson(store: Store, document: DocumentRecord): D['SchemaEIO'] {
  const { links } = store;
  return {
    url: links.document(document.uuid),
    identificatie: document.identificatie,
    bronorganisatie: document.bronorganisatie,
    creatiedatum: document.creatiedatum,
    titel: document.titel,
    vertrouwelijkheidaanduiding: document.vertrouwelijkheidaanduiding,
    auteur: document.auteur,
    status: document.status as D['SchemaEIO']['status'],
    formaat: document.formaat,
    taal: document.taal,
    versie: 1,
    beginRegistratie: document.beginRegistratie.toISOString(),
    bestandsnaam: document.bestandsnaam,
    // The download URL, or null for a document without a file.
    inhoud: document.content ? links.download(document.uuid) : null,
    bestandsomvang: store.documentSize(document),
    ...(document.link ? { link: document.link } : {}),
    beschrijving: document.beschrijving,
    ontvangstdatum: document.ontvangstdatum,
    verzenddatum: document.verzenddatum,
    indicatieGebruiksrecht: document.indicatieGebruiksrecht,
    verschijningsvorm: document.verschijningsvorm,
    ondertekening: null,
    integriteit: null,
    informatieobjecttype: links.informatieobjecttype(document.informatieobjecttype),
    locked: false,
    bestandsdelen: [],
    trefwoorden: document.trefwoorden,
    inhoudIsVervallen: false,
  };
}

/** `filename` for Content-Disposition: plain ASCII, plus the exact name in RFC 5987 form. */
function contentDisposition(bestandsnaam: string): string {
  const ascii = bestandsnaam.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(bestandsnaam)}`;
}

function decodeBase64(value: string): Buffer | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

export async function registerDocumentenApi(app: FastifyInstance, prefix: string, store: Store, context: ApiContext): Promise<void> {
  const { links } = store;

  await app.register(
    async (scope) => {
      setUpZgwScope(scope, 'documenten', documentenApiVersion, context);

      scope.get('/enkelvoudiginformatieobjecten', async (request) => {
        const query = queryOf(request);
        const identificatie = query.get('identificatie') || undefined;
        const bronorganisatie = query.get('bronorganisatie') || undefined;
        const documents = [...store.documents.values()]
          .filter((document) => identificatie === undefined || document.identificatie === identificatie)
          .filter((document) => bronorganisatie === undefined || document.bronorganisatie === bronorganisatie)
          .map((document) => documentJson(store, document));
        return paginate(request, documents, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/enkelvoudiginformatieobjecten/:uuid', async (request) => {
        const document = store.documents.get(request.params.uuid);
        if (!document) throw notFound();
        return documentJson(store, document);
      });

      scope.get<{ Params: { uuid: string } }>('/enkelvoudiginformatieobjecten/:uuid/download', async (request, reply) => {
        const document = store.documents.get(request.params.uuid);
        if (!document?.content) throw notFound();
        return reply
          .type(document.formaat || 'application/octet-stream')
          .header('Content-Length', String(store.documentSize(document)))
          .header('Content-Disposition', contentDisposition(document.bestandsnaam))
          .send(openContent(document.content));
      });

      scope.post('/enkelvoudiginformatieobjecten', { bodyLimit: uploadBodyLimit }, async (request, reply) => {
        const body = requireObject(request.body);
        const errors: InvalidParam[] = [];
        const bronorganisatie = requiredString(body, 'bronorganisatie', { minLength: 1, maxLength: 9 }, errors);
        const creatiedatum = requiredDate(body, 'creatiedatum', errors);
        const titel = requiredString(body, 'titel', { minLength: 1, maxLength: 200 }, errors);
        const auteur = requiredString(body, 'auteur', { minLength: 1, maxLength: 200 }, errors);
        const taal = requiredString(body, 'taal', { minLength: 3, maxLength: 3 }, errors);
        const typeUrl = requiredUrl(body, 'informatieobjecttype', errors);
        const vertrouwelijkheid = optionalChoice(body, 'vertrouwelijkheidaanduiding', vertrouwelijkheidaanduidingen, errors);
        const status = optionalChoice(body, 'status', statussen, errors);
        const identificatie = optionalString(body, 'identificatie', 40, errors);
        const formaat = optionalString(body, 'formaat', 255, errors) ?? '';
        const bestandsnaam = optionalString(body, 'bestandsnaam', 255, errors) ?? '';
        const beschrijving = optionalString(body, 'beschrijving', 1000, errors) ?? '';
        const verschijningsvorm = optionalString(body, 'verschijningsvorm', undefined, errors) ?? '';
        const link = optionalString(body, 'link', 200, errors) ?? '';
        if (link !== '' && !URL.canParse(link)) errors.push({ name: 'link', code: 'invalid', reason: 'Voer een geldige URL in.' });
        const ontvangstdatum = optionalDate(body, 'ontvangstdatum', errors) ?? null;
        const verzenddatum = optionalDate(body, 'verzenddatum', errors) ?? null;
        const indicatieGebruiksrecht = optionalBoolean(body, 'indicatieGebruiksrecht', errors) ?? null;
        const trefwoorden = optionalStringArray(body, 'trefwoorden', 100, errors) ?? [];

        const type = typeUrl === undefined ? undefined : store.informatieobjecttype(links.uuidIn(typeUrl, 'catalogi', 'informatieobjecttypen') ?? '');
        if (typeUrl !== undefined && !type) {
          errors.push({ name: 'informatieobjecttype', code: 'bad-url', reason: 'De URL verwijst niet naar een informatieobjecttype in de Catalogi API.' });
        }
        // SchemaEIO.status: "De waarden 'in bewerking' en 'ter vaststelling' komen niet voor als het
        // attribuut `ontvangstdatum` van een waarde is voorzien."
        if (ontvangstdatum && (status === 'in_bewerking' || status === 'ter_vaststelling')) {
          errors.push({ name: 'status', code: 'invalid_for_received', reason: 'Deze status kan niet samen met een ontvangstdatum.' });
        }

        let bytes: Buffer | undefined;
        const inhoud = body.inhoud;
        if (inhoud !== undefined && inhoud !== null && inhoud !== '') {
          bytes = typeof inhoud === 'string' ? decodeBase64(inhoud) : undefined;
          if (!bytes) errors.push({ name: 'inhoud', code: 'invalid', reason: 'De inhoud moet in base64 gecodeerd zijn.' });
        }
        const bestandsomvang = body.bestandsomvang;
        if (bestandsomvang !== undefined && bestandsomvang !== null) {
          if (!Number.isInteger(bestandsomvang) || (bestandsomvang as number) < 0) {
            errors.push({ name: 'bestandsomvang', code: 'invalid', reason: 'Geef een geheel getal van 0 of meer.' });
          } else if (bytes && bestandsomvang !== bytes.length) {
            errors.push({ name: 'bestandsomvang', code: 'file-size', reason: `De inhoud is ${bytes.length} bytes, niet ${String(bestandsomvang)}.` });
          } else if (!bytes && (bestandsomvang as number) > 0) {
            errors.push({ name: 'inhoud', code: 'required', reason: 'Uploaden in bestandsdelen kan niet in de simulator: stuur de inhoud in base64 mee.' });
          }
        }

        if (identificatie && [...store.documents.values()].some((d) => d.identificatie === identificatie && d.bronorganisatie === bronorganisatie)) {
          errors.push({
            name: 'identificatie',
            code: 'identificatie-niet-uniek',
            reason: `Deze identificatie (${identificatie}) bestaat al voor deze bronorganisatie.`,
          });
        }
        if (errors.length > 0 || !bronorganisatie || !creatiedatum || !titel || !auteur || !taal || !type) throw invalid(errors);
        const document = store.createDocument({
          identificatie: identificatie || `DOCUMENT-${randomUUID().slice(0, 8).toUpperCase()}`,
          bronorganisatie,
          creatiedatum,
          titel,
          // Not given: the vertrouwelijkheidaanduiding of the informatieobjecttype.
          vertrouwelijkheidaanduiding: vertrouwelijkheid || type.vertrouwelijkheidaanduiding,
          auteur,
          status: status ?? '',
          formaat,
          taal,
          bestandsnaam,
          beschrijving,
          link,
          ontvangstdatum,
          verzenddatum,
          indicatieGebruiksrecht,
          verschijningsvorm,
          trefwoorden,
          informatieobjecttype: type.uuid,
          beginRegistratie: store.clock(),
          content: bytes ? { kind: 'bytes', bytes } : undefined,
        });
        return reply.code(201).header('Location', links.document(document.uuid)).send(documentJson(store, document));
      });
    },
    { prefix },
  );
}
