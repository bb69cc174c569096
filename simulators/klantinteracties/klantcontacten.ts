/**
 * /klantcontacten, /betrokkenen and /onderwerpobjecten: the contacts someone had with the
 * organisation, who took part (a betrokkene, usually as a partij) and what they were about (an
 * onderwerpobject naming, for instance, a zaak). Read, created with POST (each on its own, or all
 * three at once with /maak-klantcontact, see "Writing" below), and a klantcontact deleted (with its
 * betrokkenen and onderwerpobjecten); PUT and PATCH, and DELETE of the other two, answer 405 (see
 * index.ts).
 *
 * Details that clients trip over, kept here on purpose:
 * - A person's klantcontacten are found through their partij:
 *   `hadBetrokkene__wasPartij__uuid=<partij>` (or `…__partijIdentificator__objectId=<bsn>`, each
 *   such filter on its own, as on /partijen). Nothing about a klantcontact says whose it is
 *   except its betrokkenen. Open Klant 2.1 (`openKlant: '2.1'`) has none of these filters and
 *   ignores them: everyone's klantcontacten come back.
 * - The zaak of a klantcontact is in the onderwerpobjectidentificator of its onderwerpobjecten
 *   (`expand=gingOverOnderwerpobjecten`): codeObjecttype 'zaak', codeSoortObjectId 'uuid',
 *   objectId = the zaak's UUID; codeRegister names the zaaksysteem.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { icontains, knownFilters, list, one, partijIdentificatorFilter, relationFilter, uuidParam } from './api.ts';
import type { Api } from './api.ts';
import { booleanFilter, dateTimeFilter, notFound, queryOf, text } from './http.ts';
import { checkAdres, checkContactnaam } from './partijen.ts';
import { expandable } from './resources.ts';
import { amsterdamLocal, rollen } from './store.ts';
import type { BetrokkeneRecord, KlantcontactRecord, OnderwerpobjectRecord, Store } from './store.ts';
import { Check, requireObject } from './validation.ts';
import type { Body } from './validation.ts';

const identificatorFields = ['CodeObjecttype', 'CodeRegister', 'CodeSoortObjectId', 'ObjectId'] as const;

/** The `<prefix>onderwerpobjectidentificatorCodeObjecttype|…|ObjectId` filters, each on its own, as a test on some onderwerpobjecten. */
function onderwerpobjectidentificatorFilter(query: URLSearchParams, prefix: string): (objecten: readonly OnderwerpobjectRecord[]) => boolean {
  const wanted = identificatorFields.flatMap((suffix) => {
    const value = text(query, `${prefix}onderwerpobjectidentificator${suffix}`);
    const field = (suffix[0]!.toLowerCase() + suffix.slice(1)) as 'codeObjecttype' | 'codeRegister' | 'codeSoortObjectId' | 'objectId';
    return value === undefined ? [] : [{ field, value }];
  });
  return (objecten) => wanted.every(({ field, value }) => objecten.some((o) => o.identificator?.[field] === value));
}

function klantcontactFilter(query: URLSearchParams, store: Store): (klantcontact: KlantcontactRecord) => boolean {
  const adresContains = text(query, 'hadBetrokkene__digitaaladres__adres__icontains');
  const betrokkene = relationFilter(query, 'hadBetrokkene');
  const wasPartij = booleanFilter(query, 'hadBetrokkene__wasPartij');
  const identificator = partijIdentificatorFilter(store, query, 'hadBetrokkene__wasPartij__partijIdentificator');
  const partij = relationFilter(query, 'hadBetrokkene__wasPartij');
  const indicatieContactGelukt = booleanFilter(query, 'indicatieContactGelukt');
  const inhoud = text(query, 'inhoud');
  const kanaal = text(query, 'kanaal');
  const leiddeTotInterneTaken = booleanFilter(query, 'leiddeTotInterneTaken');
  const nummer = text(query, 'nummer');
  const onderwerp = text(query, 'onderwerp');
  const onderwerpobjectIdentificator = onderwerpobjectidentificatorFilter(query, 'onderwerpobject__');
  const onderwerpobject = relationFilter(query, 'onderwerpobject');
  const plaatsgevondenOp = dateTimeFilter(query, 'plaatsgevondenOp');
  const reactie = text(query, 'reactie');
  const referentienummer = text(query, 'referentienummer');
  const vertrouwelijk = booleanFilter(query, 'vertrouwelijk');
  const wasOnderwerpobjectIdentificator = onderwerpobjectidentificatorFilter(query, 'wasOnderwerpobject__');
  const wasOnderwerpobject = relationFilter(query, 'wasOnderwerpobject');

  return (k) => {
    const betrokkenen = store.betrokkenenOfKlantcontact(k.uuid);
    const partijen = betrokkenen.map((b) => b.partij);
    const objecten = store.onderwerpobjectenOf(k.uuid);
    const wasObjecten = store.onderwerpobjectenWas(k.uuid);
    return (
      (adresContains === undefined || betrokkenen.some((b) => store.digitaleAdressenOfBetrokkene(b.uuid).some((a) => icontains(a.adres, adresContains)))) &&
      betrokkene(betrokkenen.map((b) => b.uuid)) &&
      (wasPartij === undefined || partijen.some((p) => (p !== null) === wasPartij)) &&
      identificator(partijen) &&
      partij(partijen) &&
      (indicatieContactGelukt === undefined || k.indicatieContactGelukt === indicatieContactGelukt) &&
      (inhoud === undefined || icontains(k.inhoud, inhoud)) &&
      (kanaal === undefined || k.kanaal === kanaal) &&
      // No klantcontact in the simulator leads to interne taken.
      leiddeTotInterneTaken !== true &&
      (nummer === undefined || k.nummer === nummer) &&
      (onderwerp === undefined || icontains(k.onderwerp, onderwerp)) &&
      onderwerpobjectIdentificator(objecten) &&
      onderwerpobject(objecten.map((o) => o.uuid)) &&
      (plaatsgevondenOp === undefined || k.plaatsgevondenOp.getTime() === plaatsgevondenOp) &&
      (reactie === undefined || icontains(k.reactie, reactie)) &&
      (referentienummer === undefined || k.referentienummer === referentienummer) &&
      (vertrouwelijk === undefined || k.vertrouwelijk === vertrouwelijk) &&
      wasOnderwerpobjectIdentificator(wasObjecten) &&
      wasOnderwerpobject(wasObjecten.map((o) => o.uuid))
    );
  };
}

function betrokkeneFilter(query: URLSearchParams, store: Store): (betrokkene: BetrokkeneRecord) => boolean {
  const contactnaam = (['achternaam', 'voorletters', 'voornaam', 'voorvoegselAchternaam'] as const).flatMap((field) => {
    const value = text(query, `contactnaam${field[0]!.toUpperCase()}${field.slice(1)}`);
    return value === undefined ? [] : [{ field, value }];
  });
  const klantcontactNummer = text(query, 'hadKlantcontact__nummer');
  const klantcontactReferentienummer = text(query, 'hadKlantcontact__referentienummer');
  const klantcontact = relationFilter(query, 'hadKlantcontact');
  const organisatienaam = text(query, 'organisatienaam');
  const adres = text(query, 'verstrektedigitaalAdres__adres');
  const digitaalAdres = relationFilter(query, 'verstrektedigitaalAdres');
  const partijNummer = text(query, 'wasPartij__nummer');
  const identificator = partijIdentificatorFilter(store, query, 'wasPartij__partijIdentificator');
  const partij = relationFilter(query, 'wasPartij');

  return (b) => {
    const contact = store.klantcontacten.get(b.klantcontact);
    const adressen = store.digitaleAdressenOfBetrokkene(b.uuid);
    return (
      contactnaam.every(({ field, value }) => b.contactnaam?.[field] === value) &&
      (klantcontactNummer === undefined || contact?.nummer === klantcontactNummer) &&
      (klantcontactReferentienummer === undefined || contact?.referentienummer === klantcontactReferentienummer) &&
      klantcontact([b.klantcontact]) &&
      (organisatienaam === undefined || b.organisatienaam === organisatienaam) &&
      (adres === undefined || adressen.some((a) => a.adres === adres)) &&
      digitaalAdres(adressen.map((a) => a.uuid)) &&
      (partijNummer === undefined || (b.partij !== null && store.partijen.get(b.partij)?.nummer === partijNummer)) &&
      identificator([b.partij]) &&
      partij([b.partij])
    );
  };
}

function onderwerpobjectFilter(query: URLSearchParams): (onderwerpobject: OnderwerpobjectRecord) => boolean {
  const klantcontact = relationFilter(query, 'klantcontact');
  const identificator = onderwerpobjectidentificatorFilter(query, '');
  const wasKlantcontact = relationFilter(query, 'wasKlantcontact');
  return (o) => klantcontact([o.klantcontact]) && identificator([o]) && wasKlantcontact([o.wasKlantcontact]);
}

export function registerKlantcontacten(scope: FastifyInstance, api: Api): void {
  const { store } = api;

  scope.get('/klantcontacten', async (request) =>
    list(request, api, 'klantcontact', {
      expandable: expandable.klantcontact,
      records: store.klantcontacten.values(),
      keep: klantcontactFilter(knownFilters(api, 'klantcontacten', queryOf(request)), store),
    }),
  );
  scope.get('/klantcontacten/:uuid', async (request) => one(request, api, 'klantcontact', expandable.klantcontact));

  scope.get('/betrokkenen', async (request) =>
    list(request, api, 'betrokkene', {
      expandable: expandable.betrokkene,
      records: store.betrokkenen.values(),
      keep: betrokkeneFilter(queryOf(request), store),
    }),
  );
  scope.get('/betrokkenen/:uuid', async (request) => one(request, api, 'betrokkene', expandable.betrokkene));

  scope.get('/onderwerpobjecten', async (request) =>
    list(request, api, 'onderwerpobject', { records: store.onderwerpobjecten.values(), keep: onderwerpobjectFilter(queryOf(request)) }),
  );
  scope.get('/onderwerpobjecten/:uuid', async (request) => one(request, api, 'onderwerpobject'));
}

// ---------------------------------------------------------------------------------------------
// Writing: POST /klantcontacten, /betrokkenen, /onderwerpobjecten and /maak-klantcontact
//
// As Open Klant's serializers (KlantcontactSerializer, BetrokkeneSerializer,
// OnderwerpobjectSerializer, MaakKlantcontactSerializer) check them:
// - a klantcontact needs kanaal, onderwerp (not blank), taal (up to 3 characters, any text: no
//   ISO 639 check) and vertrouwelijk; plaatsgevondenOp defaults to now; inhoud may be blank;
//   indicatieContactGelukt may be null or left out; indicatieContactGelukt and
//   verdereActieOndernomen cannot both be true (nonFieldErrors). kanaal is free text unless
//   Referentielijsten checking is on (the `kanalen` option). nummer and referentienummer are
//   optional digits, unique, never assigned by Open Klant.
// - a betrokkene needs hadKlantcontact, rol (klant | vertegenwoordiger) and initiator; wasPartij
//   is optional (a betrokkene need not be a known partij).
// - an onderwerpobject needs nothing: klantcontact, wasKlantcontact and the four fields of its
//   onderwerpobjectidentificator are all optional free text (a zaak is by convention codeObjecttype
//   'zaak', codeSoortObjectId 'uuid', objectId its UUID, codeRegister the zaaksysteem).
// - /maak-klantcontact takes {klantcontact, betrokkene?, onderwerpobject?}, checks all three
//   before it creates anything (errors named `klantcontact.kanaal`, `betrokkene.rol`, …), ignores
//   betrokkene.hadKlantcontact and onderwerpobject.klantcontact (they become the new klantcontact)
//   and answers 201 with all three, `null` for one that was not given (the spec does not allow
//   null there, Open Klant writes it anyway).

const integerPattern = /^[-+]?\d+$/;
const dateTimePattern = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** DRF's DateTimeField (naive values in Open Klant's time zone, Europe/Amsterdam). */
function checkDateTime(check: Check, field: string): Date | undefined {
  if (!check.has(field)) return undefined;
  const value = check.body[field];
  const match = typeof value === 'string' ? dateTimePattern.exec(value.trim()) : null;
  const moment = match ? (match[3] ? new Date(value as string) : amsterdamLocal(`${match[1]}T${match[2]}`)) : undefined;
  if (!moment || Number.isNaN(moment.getTime())) {
    check.add(
      field,
      value === null ? 'null' : 'invalid',
      value === null
        ? 'Dit veld mag niet leeg zijn.'
        : 'Datetime heeft een ongeldig formaat, gebruik 1 van de volgende formaten: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
    );
    return undefined;
  }
  return moment;
}

/** The metadata DictField: string values of up to 255 characters (numbers become text). */
function checkMetadata(check: Check): Record<string, string> | undefined {
  if (!check.has('metadata')) return undefined;
  const value = check.body.metadata;
  if (value === null) {
    check.add('metadata', 'null', 'Dit veld mag niet leeg zijn.');
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    check.add('metadata', 'not_a_dict', `Verwachtte een dictionary van items, maar kreeg type "${Array.isArray(value) ? 'list' : typeof value}".`);
    return undefined;
  }
  const nested = new Check(value as Body, 'create', check.errors, check.name('metadata'));
  const metadata: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const text = nested.string(key, { max: 255 });
    if (typeof text === 'string') metadata[key] = text;
  }
  return metadata;
}

/** nummer / referentienummer: optional digits, unique among the klantcontacten. */
function checkNummer(check: Check, store: Store, field: 'nummer' | 'referentienummer'): string | null | undefined {
  const value = check.string(field, { nullable: true, max: 10 });
  if (value === null || value === undefined || value === '') return value === '' ? null : value;
  if (!integerPattern.test(value)) {
    check.add(field, 'invalid', 'Voer een geheel getal in.');
    return undefined;
  }
  if ([...store.klantcontacten.values()].some((k) => k[field] === value)) {
    check.add(field, 'unique', `Er bestaat al een klantcontact met eenzelfde ${field}.`);
    return undefined;
  }
  return value;
}

/** The fields of a new klantcontact in `check`; undefined when something is wrong (reported in `check`). */
function checkKlantcontact(check: Check, api: Api): Omit<KlantcontactRecord, 'uuid'> | undefined {
  const { store } = api;
  const before = check.errors.length;
  const nummer = checkNummer(check, store, 'nummer');
  const referentienummer = checkNummer(check, store, 'referentienummer');
  const kanaal = check.string('kanaal', { required: true, blank: false, max: 50 });
  if (typeof kanaal === 'string' && api.kanalen && !api.kanalen.includes(kanaal)) {
    check.add('kanaal', 'invalid', `'${kanaal}' is not a valid kanaal. Allowed values: ${api.kanalen.join(', ')}`);
  }
  const onderwerp = check.string('onderwerp', { required: true, blank: false, max: 200 });
  const inhoud = check.string('inhoud', { max: 1000 });
  const reactie = check.string('reactie', { max: 4000 });
  const indicatieContactGelukt = check.boolean('indicatieContactGelukt', { nullable: true });
  const hoofdOnderwerpType = check.string('hoofdOnderwerpType', { max: 200 });
  if (hoofdOnderwerpType && !(URL.canParse(hoofdOnderwerpType) && /^https?:$/.test(new URL(hoofdOnderwerpType).protocol)))
    check.add('hoofdOnderwerpType', 'invalid', 'Voer een geldige URL in.');
  const verdereActieOndernomen = check.boolean('verdereActieOndernomen');
  const taal = check.string('taal', { required: true, blank: false, max: 3 });
  const vertrouwelijk = check.boolean('vertrouwelijk', { required: true });
  const plaatsgevondenOp = checkDateTime(check, 'plaatsgevondenOp');
  const metadata = checkMetadata(check);
  if (check.errors.length > before) return undefined;
  // VerdereActieOndernomenValidator runs only when every field was right.
  if (indicatieContactGelukt === true && verdereActieOndernomen === true) {
    check.add('nonFieldErrors', 'no-further-action-when-contact-succesful', 'Als het contact gelukt is kan er geen verdere actie zijn ondernomen');
    return undefined;
  }
  return {
    nummer: nummer ?? null,
    referentienummer: referentienummer ?? null,
    kanaal: kanaal!,
    onderwerp: onderwerp!,
    inhoud: inhoud ?? '',
    reactie: reactie ?? '',
    indicatieContactGelukt: indicatieContactGelukt ?? null,
    hoofdOnderwerpType: hoofdOnderwerpType ?? '',
    verdereActieOndernomen: verdereActieOndernomen ?? false,
    taal: taal!,
    vertrouwelijk: vertrouwelijk!,
    plaatsgevondenOp: plaatsgevondenOp ?? store.now(),
    metadata: metadata ?? {},
  };
}

/** The fields of a new betrokkene; `klantcontact` given (maak-klantcontact) means hadKlantcontact is read-only and ignored. */
function checkBetrokkene(check: Check, store: Store, klantcontact?: string): Omit<BetrokkeneRecord, 'uuid' | 'klantcontact'> & { klantcontact?: string } {
  const wasPartij = check.foreignKey('wasPartij', (uuid) => store.partijen.has(uuid), 'Partij', { nullable: true });
  const hadKlantcontact =
    klantcontact ?? check.foreignKey('hadKlantcontact', (uuid) => store.klantcontacten.has(uuid), 'Klantcontact', { required: true }) ?? undefined;
  const bezoekadres = checkAdres(check, 'bezoekadres');
  const correspondentieadres = checkAdres(check, 'correspondentieadres');
  const contactnaam = checkContactnaam(check);
  const rol = check.choice('rol', rollen, { required: true });
  const organisatienaam = check.string('organisatienaam', { max: 200 });
  const initiator = check.boolean('initiator', { required: true });
  return {
    partij: wasPartij ?? null,
    klantcontact: hadKlantcontact,
    bezoekadres: bezoekadres ?? null,
    correspondentieadres: correspondentieadres ?? null,
    contactnaam: contactnaam ?? null,
    rol: rol ?? 'klant',
    organisatienaam: organisatienaam ?? '',
    initiator: initiator ?? false,
  };
}

/** The fields of a new onderwerpobject; `klantcontact` given (maak-klantcontact) means its klantcontact field is read-only and ignored. */
function checkOnderwerpobject(check: Check, store: Store, klantcontact?: string): Omit<OnderwerpobjectRecord, 'uuid'> {
  const exists = (uuid: string) => store.klantcontacten.has(uuid);
  const own = klantcontact ?? check.foreignKey('klantcontact', exists, 'Klantcontact', { nullable: true }) ?? null;
  const was = check.foreignKey('wasKlantcontact', exists, 'Klantcontact', { nullable: true }) ?? null;
  const groep = check.object('onderwerpobjectidentificator', { nullable: true });
  const identificator = groep
    ? {
        objectId: groep.string('objectId', { max: 200 }) ?? '',
        codeObjecttype: groep.string('codeObjecttype', { max: 200 }) ?? '',
        codeRegister: groep.string('codeRegister', { max: 200 }) ?? '',
        codeSoortObjectId: groep.string('codeSoortObjectId', { max: 200 }) ?? '',
      }
    : null;
  return { klantcontact: own, wasKlantcontact: was, identificator };
}

export function registerKlantcontactWrites(scope: FastifyInstance, api: Api): void {
  const { store, resources } = api;

  scope.post('/klantcontacten', async (request, reply) => {
    const check = new Check(requireObject(request.body), 'create');
    const fields = checkKlantcontact(check, api);
    check.done();
    const record: KlantcontactRecord = { uuid: randomUUID(), ...fields! };
    store.klantcontacten.set(record.uuid, record);
    return reply.code(201).send(resources.klantcontact(record));
  });

  scope.post('/betrokkenen', async (request, reply) => {
    const check = new Check(requireObject(request.body), 'create');
    const fields = checkBetrokkene(check, store);
    check.done();
    const record: BetrokkeneRecord = { uuid: randomUUID(), ...fields, klantcontact: fields.klantcontact! };
    store.betrokkenen.set(record.uuid, record);
    return reply.code(201).send(resources.betrokkene(record));
  });

  scope.post('/onderwerpobjecten', async (request, reply) => {
    const check = new Check(requireObject(request.body), 'create');
    const fields = checkOnderwerpobject(check, store);
    check.done();
    const record: OnderwerpobjectRecord = { uuid: randomUUID(), ...fields };
    store.onderwerpobjecten.set(record.uuid, record);
    return reply.code(201).send(resources.onderwerpobject(record));
  });

  scope.delete('/klantcontacten/:uuid', async (request, reply) => {
    const uuid = uuidParam(request);
    if (!store.klantcontacten.has(uuid)) throw notFound();
    store.deleteKlantcontact(uuid);
    return reply.code(204).send();
  });

  // All three are checked first, then created together (one transaction in Open Klant): a 400 leaves nothing behind.
  scope.post('/maak-klantcontact', async (request, reply) => {
    if (api.openKlant === '2.1') throw notFound('Deze URL bestaat niet in deze API (of wordt niet gesimuleerd).');
    const check = new Check(requireObject(request.body), 'create');
    const uuid = randomUUID();
    const klantcontactCheck = check.object('klantcontact', { required: true });
    const klantcontact = klantcontactCheck ? checkKlantcontact(klantcontactCheck, api) : undefined;
    const betrokkeneCheck = check.object('betrokkene');
    const betrokkene = betrokkeneCheck ? checkBetrokkene(betrokkeneCheck, store, uuid) : undefined;
    const onderwerpobjectCheck = check.object('onderwerpobject');
    const onderwerpobject = onderwerpobjectCheck ? checkOnderwerpobject(onderwerpobjectCheck, store, uuid) : undefined;
    check.done();
    const contact: KlantcontactRecord = { uuid, ...klantcontact! };
    store.klantcontacten.set(uuid, contact);
    const betrokkeneRecord: BetrokkeneRecord | undefined = betrokkene && { uuid: randomUUID(), ...betrokkene, klantcontact: uuid };
    if (betrokkeneRecord) store.betrokkenen.set(betrokkeneRecord.uuid, betrokkeneRecord);
    const onderwerpobjectRecord: OnderwerpobjectRecord | undefined = onderwerpobject && { uuid: randomUUID(), ...onderwerpobject };
    if (onderwerpobjectRecord) store.onderwerpobjecten.set(onderwerpobjectRecord.uuid, onderwerpobjectRecord);
    return reply.code(201).send({
      klantcontact: resources.klantcontact(contact),
      betrokkene: betrokkeneRecord ? resources.betrokkene(betrokkeneRecord) : null,
      onderwerpobject: onderwerpobjectRecord ? resources.onderwerpobject(onderwerpobjectRecord) : null,
    });
  });
}
