/**
 * Zaken API 1.5.1 (zaken-api.yaml): zaken, statussen, rollen, resultaten and
 * zaakinformatieobjecten — reading, and creating statussen and zaakinformatieobjecten.
 *
 * Spec details that clients trip over, kept here on purpose:
 * - /zaken and /zaken/{uuid} need `Accept-Crs: EPSG:4326` (412 without, 406 for another CRS)
 *   and answer with `Content-Crs: EPSG:4326`.
 * - GET /zaakinformatieobjecten is a plain JSON array, not a paginated object.
 * - The rol__… filters of /zaken each apply on their own, as in Open Zaak (ZaakFilter: one
 *   Django .filter() per query parameter across the multi-valued rol relation): a zaak matches
 *   when some rol passes each filter, not necessarily the same rol. So
 *   `rol__…inpBsn=X&rol__omschrijvingGeneriek=initiator` also gives zaken where X is only
 *   belanghebbende and someone else is initiator. Clients must check the rollen themselves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { components } from '../../src/sources/zgw/generated/zaken.ts';
import { vertrouwelijkheidaanduidingen } from '../data/zgw-demo.ts';
import type { DemoParty } from '../data/zgw-demo.ts';
import { fout } from '../shared/problem.ts';
import { booleanFilter, choice, invalid, notFound, paginate, queryOf, setUpZgwScope, urlFilter } from './http.ts';
import type { ApiContext, InvalidParam } from './http.ts';
import { optionalString, requiredDate, requiredDateTime, requiredString, requiredUrl, requireObject } from './validation.ts';
import type { RolRecord, Store, ZaakRecord } from './store.ts';

type S = components['schemas'];
type RolJson = S['natuurlijk_persoon_Rol'] | S['niet_natuurlijk_persoon_Rol'] | S['vestiging_Rol'];

export const zakenApiVersion = '1.5.1';

const omschrijvingenGeneriek = [
  'adviseur',
  'behandelaar',
  'belanghebbende',
  'beslisser',
  'initiator',
  'klantcontacter',
  'zaakcoordinator',
  'mede_initiator',
] as const;
const betrokkeneTypen = ['natuurlijk_persoon', 'niet_natuurlijk_persoon', 'vestiging', 'organisatorische_eenheid', 'medewerker'] as const;
const orderingFields = ['startdatum', 'einddatum', 'publicatiedatum', 'archiefactiedatum'] as const;

// ---------------------------------------------------------------------------------------------
// JSON of each resource

/**
 * A zaak with what `expand` asks for, as Open Zaak answers it (Zaken API 1.5): the linked resources
 * in `_expand`, by field name. Only `status` is played here (the one Voordeur asks for); other
 * names are ignored, and a zaak without a status has none in `_expand`.
 */
function expanded(store: Store, zaak: ZaakRecord, expand: string[]): S['Zaak'] & { _expand?: Record<string, unknown> } {
  const json = zaakJson(store, zaak);
  if (expand.length === 0) return json;
  const status = expand.includes('status') ? store.currentStatus(zaak.uuid) : undefined;
  return { ...json, _expand: status ? { status: statusJson(store, status.uuid) } : {} };
}

const expandOf = (query: URLSearchParams) =>
  (query.get('expand') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

export function zaakJson(store: Store, zaak: ZaakRecord): S['Zaak'] {
  const { links } = store;
  const status = store.currentStatus(zaak.uuid);
  const resultaat = store.resultaatOf(zaak.uuid);
  return {
    url: links.zaak(zaak.uuid),
    uuid: zaak.uuid,
    identificatie: zaak.identificatie,
    bronorganisatie: zaak.bronorganisatie,
    omschrijving: zaak.omschrijving,
    toelichting: zaak.toelichting,
    zaaktype: links.zaaktype(zaak.zaaktype),
    registratiedatum: zaak.registratiedatum,
    verantwoordelijkeOrganisatie: zaak.bronorganisatie,
    startdatum: zaak.startdatum,
    einddatum: zaak.einddatum,
    einddatumGepland: null,
    uiterlijkeEinddatumAfdoening: zaak.uiterlijkeEinddatumAfdoening,
    publicatiedatum: null,
    productenOfDiensten: [],
    vertrouwelijkheidaanduiding: zaak.vertrouwelijkheidaanduiding,
    betalingsindicatie: '',
    betalingsindicatieWeergave: '',
    laatsteBetaaldatum: null,
    zaakgeometrie: null,
    verlenging: null,
    opschorting: { indicatie: false, reden: '' },
    hoofdzaak: null,
    deelzaken: [],
    relevanteAndereZaken: [],
    eigenschappen: [],
    rollen: store.rollenOf(zaak.uuid).map((r) => links.rol(r.uuid)),
    status: status ? links.status(status.uuid) : null,
    zaakinformatieobjecten: store.zaakinformatieobjectenOf(zaak.uuid).map((z) => links.zaakinformatieobject(z.uuid)),
    zaakobjecten: [],
    kenmerken: [],
    archiefnominatie: null,
    archiefstatus: 'nog_te_archiveren',
    archiefactiedatum: null,
    resultaat: resultaat ? links.resultaat(resultaat.uuid) : null,
    opdrachtgevendeOrganisatie: '',
    processobjectaard: null,
    startdatumBewaartermijn: null,
    processobject: null,
  };
}

export function statusJson(store: Store, uuid: string): S['Status'] | undefined {
  const status = store.statussen.get(uuid);
  if (!status) return undefined;
  return {
    url: store.links.status(status.uuid),
    uuid: status.uuid,
    zaak: store.links.zaak(status.zaak),
    statustype: store.links.statustype(status.statustype),
    datumStatusGezet: status.datumStatusGezet.toISOString(),
    statustoelichting: status.statustoelichting,
    indicatieLaatstGezetteStatus: store.currentStatus(status.zaak)?.uuid === status.uuid,
    zaakinformatieobjecten: [],
  };
}

function voorletters(voornamen: string): string {
  return voornamen
    .split(/\s+/)
    .filter(Boolean)
    .map((naam) => `${naam[0]!.toUpperCase()}.`)
    .join('');
}

function betrokkene(
  party: DemoParty,
): Pick<RolJson, 'betrokkeneType'> & { betrokkeneIdentificatie: S['RolNatuurlijkPersoon'] | S['RolNietNatuurlijkPersoon'] | S['RolVestiging'] } {
  switch (party.kind) {
    case 'persoon':
      return {
        betrokkeneType: 'natuurlijk_persoon',
        betrokkeneIdentificatie: {
          inpBsn: party.bsn,
          anpIdentificatie: '',
          geslachtsnaam: party.geslachtsnaam,
          voorvoegselGeslachtsnaam: party.voorvoegsel ?? '',
          voorletters: voorletters(party.voornamen),
          voornamen: party.voornamen,
          geslachtsaanduiding: '',
          geboortedatum: party.geboortedatum ?? '',
          verblijfsadres: null,
          subVerblijfBuitenland: null,
        },
      };
    case 'bedrijf':
      return {
        betrokkeneType: 'niet_natuurlijk_persoon',
        betrokkeneIdentificatie: {
          // The KvK-nummer, as portals and Open Zaak installations use innNnpId in practice.
          innNnpId: party.kvk,
          annIdentificatie: '',
          statutaireNaam: party.naam,
          innRechtsvorm: '',
          bezoekadres: '',
          subVerblijfBuitenland: null,
        },
      };
    case 'vestiging':
      return {
        betrokkeneType: 'vestiging',
        betrokkeneIdentificatie: {
          vestigingsNummer: party.vestigingsnummer,
          handelsnaam: [party.naam],
          verblijfsadres: null,
          subVerblijfBuitenland: null,
          kvkNummer: party.kvk,
        },
      };
  }
}

export function rolJson(store: Store, rol: RolRecord): RolJson {
  const roltype = store.roltype(rol.roltype)!.roltype;
  return {
    url: store.links.rol(rol.uuid),
    uuid: rol.uuid,
    zaak: store.links.zaak(rol.zaak),
    ...betrokkene(rol.party),
    afwijkendeNaamBetrokkene: '',
    roltype: store.links.roltype(rol.roltype),
    omschrijving: roltype.omschrijving,
    omschrijvingGeneriek: roltype.omschrijvingGeneriek,
    roltoelichting: roltype.omschrijving,
    registratiedatum: rol.registratiedatum.toISOString(),
    indicatieMachtiging: '',
    contactpersoonRol: null,
    statussen: [],
  } as RolJson;
}

export function resultaatJson(store: Store, uuid: string): S['Resultaat'] | undefined {
  const resultaat = store.resultaten.get(uuid);
  if (!resultaat) return undefined;
  return {
    url: store.links.resultaat(resultaat.uuid),
    uuid: resultaat.uuid,
    zaak: store.links.zaak(resultaat.zaak),
    resultaattype: store.links.resultaattype(resultaat.resultaattype),
    toelichting: resultaat.toelichting,
  };
}

export function zaakinformatieobjectJson(store: Store, uuid: string): S['ZaakInformatieObject'] | undefined {
  const zio = store.zaakinformatieobjecten.get(uuid);
  if (!zio) return undefined;
  return {
    url: store.links.zaakinformatieobject(zio.uuid),
    uuid: zio.uuid,
    informatieobject: store.links.document(zio.informatieobject),
    zaak: store.links.zaak(zio.zaak),
    aardRelatieWeergave: 'Hoort bij, omgekeerd: kent',
    titel: zio.titel,
    beschrijving: zio.beschrijving,
    registratiedatum: zio.registratiedatum.toISOString(),
    vernietigingsdatum: null,
    status: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Filters

/** The rol__… filters of GET /zaken, each a test on one rol; a zaak matches if each test is passed by some rol (Open Zaak). */
function rolCriteria(store: Store, query: URLSearchParams): ((rol: RolRecord) => boolean)[] {
  const criteria: ((rol: RolRecord) => boolean)[] = [];
  const value = (name: string) => {
    const v = query.get(name);
    return v === null || v === '' ? undefined : v;
  };
  const bsn = value('rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn');
  if (bsn !== undefined) criteria.push((r) => r.party.kind === 'persoon' && r.party.bsn === bsn);
  const nnp = value('rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId');
  if (nnp !== undefined) criteria.push((r) => r.party.kind === 'bedrijf' && r.party.kvk === nnp);
  const vestigingsnummer = value('rol__betrokkeneIdentificatie__vestiging__vestigingsNummer');
  if (vestigingsnummer !== undefined) criteria.push((r) => r.party.kind === 'vestiging' && r.party.vestigingsnummer === vestigingsnummer);
  const generiek = choice(query, 'rol__omschrijvingGeneriek', omschrijvingenGeneriek);
  if (generiek !== undefined) criteria.push((r) => store.roltype(r.roltype)?.roltype.omschrijvingGeneriek === generiek);
  const type = choice(query, 'rol__betrokkeneType', betrokkeneTypen);
  if (type !== undefined) criteria.push((r) => betrokkene(r.party).betrokkeneType === type);
  return criteria;
}

type ZaakOrder = { field: (typeof orderingFields)[number]; descending: boolean };

function ordering(query: URLSearchParams): ZaakOrder[] {
  const raw = query.get('ordering');
  // Without ordering: newest first. The spec sets no default, so clients should always send one.
  if (raw === null || raw === '') return [{ field: 'startdatum', descending: true }];
  return raw.split(',').map((part) => {
    const name = part.trim().replace(/^-/, '');
    if (!(orderingFields as readonly string[]).includes(name)) {
      throw invalid([{ name: 'ordering', code: 'invalid_choice', reason: `Selecteer een geldige keuze. ${part} is geen beschikbare keuze.` }]);
    }
    return { field: name as ZaakOrder['field'], descending: part.trim().startsWith('-') };
  });
}

/** Dates compare as strings; empty (null) dates sort as PostgreSQL does: last ascending, first descending. */
function compareZaken(order: ZaakOrder[]) {
  return (a: S['Zaak'], b: S['Zaak']): number => {
    for (const { field, descending } of order) {
      const x = a[field] ?? null;
      const y = b[field] ?? null;
      if (x === y) continue;
      if (x === null) return descending ? -1 : 1;
      if (y === null) return descending ? 1 : -1;
      const result = x < y ? -1 : 1;
      return descending ? -result : result;
    }
    return (a.identificatie ?? '').localeCompare(b.identificatie ?? '');
  };
}

// ---------------------------------------------------------------------------------------------
// Routes

/** /zaken and /zaken/{uuid} require Accept-Crs (zaken-api.yaml: header parameter, 412 response). */
async function requireAcceptCrs(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const crs = request.headers['accept-crs'];
  if (crs === undefined) {
    throw fout(412, 'precondition_failed', 'Voorwaarde niet vervuld.', "'Accept-Crs' header ontbreekt. Stuur Accept-Crs: EPSG:4326.");
  }
  if (crs !== 'EPSG:4326') throw fout(406, 'not_acceptable', 'Niet acceptabel.', `CRS '${String(crs)}' wordt niet ondersteund. Gebruik EPSG:4326.`);
  reply.header('Content-Crs', 'EPSG:4326');
}

export async function registerZakenApi(app: FastifyInstance, prefix: string, store: Store, context: ApiContext): Promise<void> {
  const { links } = store;

  await app.register(
    async (scope) => {
      setUpZgwScope(scope, 'zaken', zakenApiVersion, context);

      scope.get('/zaken', { preHandler: requireAcceptCrs }, async (request) => {
        const query = queryOf(request);
        const criteria = rolCriteria(store, query);
        const identificatie = query.get('identificatie') || undefined;
        const bronorganisatie = query.get('bronorganisatie') || undefined;
        const zaaktype = urlFilter(query, 'zaaktype');
        const zaaktypeUuid = zaaktype === undefined ? undefined : (links.uuidIn(zaaktype, 'catalogi', 'zaaktypen') ?? '');
        const open = booleanFilter(query, 'einddatum__isnull');
        const maximum = choice(query, 'maximaleVertrouwelijkheidaanduiding', vertrouwelijkheidaanduidingen);
        const order = ordering(query);

        const zaken = [...store.zaken.values()]
          .filter((z) => identificatie === undefined || z.identificatie === identificatie)
          .filter((z) => bronorganisatie === undefined || z.bronorganisatie === bronorganisatie)
          .filter((z) => zaaktypeUuid === undefined || z.zaaktype === zaaktypeUuid)
          .filter((z) => open === undefined || (z.einddatum === null) === open)
          .filter(
            (z) =>
              maximum === undefined || vertrouwelijkheidaanduidingen.indexOf(z.vertrouwelijkheidaanduiding) <= vertrouwelijkheidaanduidingen.indexOf(maximum),
          )
          .filter((z) => {
            const rollen = store.rollenOf(z.uuid);
            return criteria.every((test) => rollen.some(test));
          })
          .map((z) => expanded(store, z, expandOf(query)))
          .sort(compareZaken(order));
        return paginate(request, zaken, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/zaken/:uuid', { preHandler: requireAcceptCrs }, async (request) => {
        const zaak = store.zaken.get(request.params.uuid);
        if (!zaak) throw notFound();
        return expanded(store, zaak, expandOf(queryOf(request)));
      });

      scope.get('/statussen', async (request) => {
        const query = queryOf(request);
        const zaak = urlFilter(query, 'zaak');
        const statustype = urlFilter(query, 'statustype');
        const laatste = booleanFilter(query, 'indicatieLaatstGezetteStatus');
        // Oldest first: the spec sets no order; clients sort on datumStatusGezet themselves.
        // Filtered on the records first: each answer in JSON looks up its zaak's current status.
        const statussen = [...store.statussen.values()]
          .filter((s) => zaak === undefined || store.links.zaak(s.zaak) === zaak)
          .filter((s) => statustype === undefined || store.links.statustype(s.statustype) === statustype)
          .sort((a, b) => a.datumStatusGezet.getTime() - b.datumStatusGezet.getTime())
          .map((s) => statusJson(store, s.uuid)!)
          .filter((s) => laatste === undefined || s.indicatieLaatstGezetteStatus === laatste);
        return paginate(request, statussen, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/statussen/:uuid', async (request) => {
        const status = statusJson(store, request.params.uuid);
        if (!status) throw notFound();
        return status;
      });

      scope.post('/statussen', async (request, reply) => {
        const body = requireObject(request.body);
        const errors: InvalidParam[] = [];
        const zaakUrl = requiredUrl(body, 'zaak', errors);
        const statustypeUrl = requiredUrl(body, 'statustype', errors);
        const datumStatusGezet = requiredDateTime(body, 'datumStatusGezet', errors);
        const statustoelichting = optionalString(body, 'statustoelichting', 1000, errors) ?? '';
        const zaak = zaakUrl === undefined ? undefined : store.zaken.get(links.uuidIn(zaakUrl, 'zaken', 'zaken') ?? '');
        if (zaakUrl !== undefined && !zaak) errors.push({ name: 'zaak', code: 'bad-url', reason: 'De URL verwijst niet naar een zaak.' });
        const statustype = statustypeUrl === undefined ? undefined : store.statustype(links.uuidIn(statustypeUrl, 'catalogi', 'statustypen') ?? '');
        if (statustypeUrl !== undefined && !statustype)
          errors.push({ name: 'statustype', code: 'bad-url', reason: 'De URL verwijst niet naar een statustype.' });
        if (zaak && statustype && statustype.zaaktype.uuid !== zaak.zaaktype) {
          errors.push({ name: 'statustype', code: 'zaaktype-mismatch', reason: 'Het statustype hoort niet bij het zaaktype van de zaak.' });
        }
        // status_create: "indien het de eindstatus betreft, dan moet het attribuut indicatieGebruiksrecht
        // gezet zijn op alle informatieobjecten die aan de zaak gerelateerd zijn".
        if (zaak && statustype?.statustype.isEindstatus) {
          const unset = store.zaakinformatieobjectenOf(zaak.uuid).some((z) => store.documents.get(z.informatieobject)?.indicatieGebruiksrecht === null);
          if (unset) {
            errors.push({
              name: 'nonFieldErrors',
              code: 'indicatiegebruiksrecht-unset',
              reason: 'Zet indicatieGebruiksrecht op alle informatieobjecten van de zaak.',
            });
          }
        }
        if (errors.length > 0 || !zaak || !statustype || !datumStatusGezet) throw invalid(errors);
        const status = store.createStatus({ zaak: zaak.uuid, statustype: statustype.statustype.uuid, datumStatusGezet, statustoelichting });
        const url = links.status(status.uuid);
        return reply.code(201).header('Location', url).send(statusJson(store, status.uuid));
      });

      // zaak_create: the fields a portal sends; identificatie unique per bronorganisatie (made up when not given).
      scope.post('/zaken', { preHandler: requireAcceptCrs }, async (request, reply) => {
        const body = requireObject(request.body);
        const errors: InvalidParam[] = [];
        const zaaktypeUrl = requiredUrl(body, 'zaaktype', errors);
        const bronorganisatie = requiredString(body, 'bronorganisatie', { minLength: 9, maxLength: 9 }, errors);
        requiredString(body, 'verantwoordelijkeOrganisatie', { minLength: 9, maxLength: 9 }, errors);
        const startdatum = requiredDate(body, 'startdatum', errors);
        const identificatie = optionalString(body, 'identificatie', 40, errors);
        const omschrijving = optionalString(body, 'omschrijving', 80, errors) ?? '';
        const toelichting = optionalString(body, 'toelichting', 1000, errors) ?? '';
        const zaaktype = zaaktypeUrl === undefined ? undefined : store.zaaktype(links.uuidIn(zaaktypeUrl, 'catalogi', 'zaaktypen') ?? '');
        if (zaaktypeUrl !== undefined && !zaaktype) errors.push({ name: 'zaaktype', code: 'bad-url', reason: 'De URL verwijst niet naar een zaaktype.' });
        if (identificatie && [...store.zaken.values()].some((z) => z.identificatie === identificatie && z.bronorganisatie === bronorganisatie))
          errors.push({ name: 'identificatie', code: 'identificatie-niet-uniek', reason: 'Deze identificatie bestaat al voor deze bronorganisatie.' });
        if (errors.length > 0 || !zaaktype || !bronorganisatie || !startdatum) throw invalid(errors);
        const zaak = store.createZaak({
          identificatie: identificatie || `ZAAK-${String(store.zaken.size + 1).padStart(6, '0')}-${Date.now() % 100000}`,
          omschrijving,
          toelichting,
          zaaktype: zaaktype.uuid,
          bronorganisatie,
          registratiedatum: startdatum,
          startdatum,
          einddatum: null,
          uiterlijkeEinddatumAfdoening: null,
          vertrouwelijkheidaanduiding: zaaktype.vertrouwelijkheidaanduiding,
        });
        return reply.code(201).header('Location', links.zaak(zaak.uuid)).header('Content-Crs', 'EPSG:4326').send(zaakJson(store, zaak));
      });

      // rol_create for a natuurlijk_persoon (inpBsn) or niet_natuurlijk_persoon (innNnpId). As Open Zaak's
      // RolSerializer: the roltype of the zaak's zaaktype (zaaktype-mismatch), betrokkene or
      // betrokkeneIdentificatie (invalid-betrokkene), and at most one initiator and one zaakcoordinator
      // per zaak (RolOccurenceValidator: max-occurences on roltype).
      scope.post('/rollen', async (request, reply) => {
        const body = requireObject(request.body);
        const errors: InvalidParam[] = [];
        const zaakUrl = requiredUrl(body, 'zaak', errors);
        const roltypeUrl = requiredUrl(body, 'roltype', errors);
        const type = requiredString(body, 'betrokkeneType', {}, errors);
        const identificatie = (body.betrokkeneIdentificatie ?? {}) as Record<string, unknown>;
        const zaak = zaakUrl === undefined ? undefined : store.zaken.get(links.uuidIn(zaakUrl, 'zaken', 'zaken') ?? '');
        if (zaakUrl !== undefined && !zaak) errors.push({ name: 'zaak', code: 'bad-url', reason: 'De URL verwijst niet naar een zaak.' });
        const roltype = roltypeUrl === undefined ? undefined : store.roltype(links.uuidIn(roltypeUrl, 'catalogi', 'roltypen') ?? '');
        if (roltypeUrl !== undefined && !roltype) errors.push({ name: 'roltype', code: 'bad-url', reason: 'De URL verwijst niet naar een roltype.' });
        if (zaak && roltype && roltype.zaaktype.uuid !== zaak.zaaktype)
          errors.push({ name: 'roltype', code: 'zaaktype-mismatch', reason: 'Het roltype hoort niet bij het zaaktype van de zaak.' });
        const generiek: string | undefined = roltype?.roltype.omschrijvingGeneriek;
        if (zaak && (generiek === 'initiator' || generiek === 'zaakcoordinator')) {
          const existing = store.rollenOf(zaak.uuid).filter((r) => store.roltype(r.roltype)?.roltype.omschrijvingGeneriek === generiek).length;
          if (existing >= 1) errors.push({ name: 'roltype', code: 'max-occurences', reason: `There are already ${existing} \`${generiek}\` occurences` });
        }
        if (body.betrokkene === undefined && body.betrokkeneIdentificatie === undefined)
          errors.push({ name: 'nonFieldErrors', code: 'invalid-betrokkene', reason: 'betrokkene or betrokkeneIdentificatie must be provided' });
        let party: DemoParty | undefined;
        if (type === 'natuurlijk_persoon' && typeof identificatie.inpBsn === 'string' && /^\d{9}$/.test(identificatie.inpBsn))
          party = { kind: 'persoon', bsn: identificatie.inpBsn, voornamen: '', geslachtsnaam: String(identificatie.geslachtsnaam ?? '') };
        else if (type === 'niet_natuurlijk_persoon' && typeof identificatie.innNnpId === 'string' && identificatie.innNnpId !== '')
          party = { kind: 'bedrijf', kvk: identificatie.innNnpId, naam: String(identificatie.statutaireNaam ?? '') };
        else if (type !== undefined && body.betrokkeneIdentificatie !== undefined)
          errors.push({ name: 'betrokkeneIdentificatie', code: 'invalid', reason: 'Geef inpBsn of innNnpId.' });
        if (errors.length > 0 || !zaak || !roltype || !party) throw invalid(errors);
        const rol = store.createRol({ zaak: zaak.uuid, roltype: roltype.roltype.uuid, party, registratiedatum: store.clock() });
        return reply.code(201).header('Location', links.rol(rol.uuid)).send(rolJson(store, rol));
      });

      scope.get('/rollen', async (request) => {
        const query = queryOf(request);
        const zaak = urlFilter(query, 'zaak');
        const generiek = choice(query, 'omschrijvingGeneriek', omschrijvingenGeneriek);
        const type = choice(query, 'betrokkeneType', betrokkeneTypen);
        const bsn = query.get('betrokkeneIdentificatie__natuurlijkPersoon__inpBsn') || undefined;
        const nnp = query.get('betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId') || undefined;
        const vestigingsnummer = query.get('betrokkeneIdentificatie__vestiging__vestigingsNummer') || undefined;
        // With a zaak: only its rollen (by the last segment of its URL), as a database would look them up by index.
        const rollen = (zaak === undefined ? [...store.rollen.values()] : store.rollenOf(zaak.slice(zaak.lastIndexOf('/') + 1)))
          .filter((r) => zaak === undefined || links.zaak(r.zaak) === zaak)
          .filter((r) => generiek === undefined || store.roltype(r.roltype)?.roltype.omschrijvingGeneriek === generiek)
          .filter((r) => type === undefined || betrokkene(r.party).betrokkeneType === type)
          .filter((r) => bsn === undefined || (r.party.kind === 'persoon' && r.party.bsn === bsn))
          .filter((r) => nnp === undefined || (r.party.kind === 'bedrijf' && r.party.kvk === nnp))
          .filter((r) => vestigingsnummer === undefined || (r.party.kind === 'vestiging' && r.party.vestigingsnummer === vestigingsnummer))
          .map((r) => rolJson(store, r));
        return paginate(request, rollen, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/rollen/:uuid', async (request) => {
        const rol = store.rollen.get(request.params.uuid);
        if (!rol) throw notFound();
        return rolJson(store, rol);
      });

      scope.get('/resultaten', async (request) => {
        const query = queryOf(request);
        const zaak = urlFilter(query, 'zaak');
        const resultaattype = urlFilter(query, 'resultaattype');
        const resultaten = [...store.resultaten.keys()]
          .map((uuid) => resultaatJson(store, uuid)!)
          .filter((r) => zaak === undefined || r.zaak === zaak)
          .filter((r) => resultaattype === undefined || r.resultaattype === resultaattype);
        return paginate(request, resultaten, context.pageSize, links);
      });

      scope.get<{ Params: { uuid: string } }>('/resultaten/:uuid', async (request) => {
        const resultaat = resultaatJson(store, request.params.uuid);
        if (!resultaat) throw notFound();
        return resultaat;
      });

      // Not paginated: zaakinformatieobject_list answers `type: array` in the spec.
      scope.get('/zaakinformatieobjecten', async (request) => {
        const query = queryOf(request);
        const zaak = urlFilter(query, 'zaak');
        const informatieobject = urlFilter(query, 'informatieobject');
        return [...store.zaakinformatieobjecten.values()]
          .filter((z) => zaak === undefined || store.links.zaak(z.zaak) === zaak)
          .filter((z) => informatieobject === undefined || store.links.document(z.informatieobject) === informatieobject)
          .sort((a, b) => a.registratiedatum.getTime() - b.registratiedatum.getTime())
          .map((z) => zaakinformatieobjectJson(store, z.uuid)!);
      });

      scope.get<{ Params: { uuid: string } }>('/zaakinformatieobjecten/:uuid', async (request) => {
        const zio = zaakinformatieobjectJson(store, request.params.uuid);
        if (!zio) throw notFound();
        return zio;
      });

      scope.post('/zaakinformatieobjecten', async (request, reply) => {
        const body = requireObject(request.body);
        const errors: InvalidParam[] = [];
        const zaakUrl = requiredUrl(body, 'zaak', errors);
        const documentUrl = requiredUrl(body, 'informatieobject', errors);
        const titel = optionalString(body, 'titel', 200, errors) ?? '';
        const beschrijving = optionalString(body, 'beschrijving', undefined, errors) ?? '';
        const zaak = zaakUrl === undefined ? undefined : store.zaken.get(links.uuidIn(zaakUrl, 'zaken', 'zaken') ?? '');
        if (zaakUrl !== undefined && !zaak) errors.push({ name: 'zaak', code: 'bad-url', reason: 'De URL verwijst niet naar een zaak.' });
        const document =
          documentUrl === undefined ? undefined : store.documents.get(links.uuidIn(documentUrl, 'documenten', 'enkelvoudiginformatieobjecten') ?? '');
        if (documentUrl !== undefined && !document) {
          errors.push({ name: 'informatieobject', code: 'bad-url', reason: 'De URL verwijst niet naar een informatieobject.' });
        }
        if (zaak && document && store.zaakinformatieobjectenOf(zaak.uuid).some((z) => z.informatieobject === document.uuid)) {
          errors.push({ name: 'nonFieldErrors', code: 'unique', reason: 'De velden zaak, informatieobject moeten een unieke set zijn.' });
        }
        if (errors.length > 0 || !zaak || !document) throw invalid(errors);
        const zio = store.createZaakinformatieobject({
          zaak: zaak.uuid,
          informatieobject: document.uuid,
          titel,
          beschrijving,
          registratiedatum: store.clock(),
        });
        return reply.code(201).header('Location', links.zaakinformatieobject(zio.uuid)).send(zaakinformatieobjectJson(store, zio.uuid));
      });
    },
    { prefix },
  );
}
