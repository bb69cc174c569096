/**
 * /partijen and /partij-identificatoren: finding a partij by its identificator (BSN, KvK-nummer,
 * vestigingsnummer), creating one, and changing it (contact name, voorkeursDigitaalAdres, the
 * linked digitale adressen, identificatoren).
 *
 * Spec and Open Klant details that clients trip over, kept here on purpose:
 * - The filters on /partijen are `partijIdentificator__codeObjecttype|codeSoortObjectId|objectId|
 *   codeRegister` (double underscore); those on /partij-identificatoren are
 *   `partijIdentificatorCodeObjecttype|…|partijIdentificatorObjectId` (camelCase, no underscores),
 *   and /partij-identificatoren has no filter on the partij. Each partijIdentificator__ filter is
 *   its own condition, as in Open Klant: `codeSoortObjectId=bsn&objectId=X` finds a partij that
 *   has a BSN and has an identificator X — a client must check which identificator matched.
 *   `subIdentificatorVan__…` filters look at the parent of an identificator (how a vestiging is
 *   found under its KvK-nummer).
 * - A partij embeds its identificatoren in full (`partijIdentificatoren`); POST/PUT/PATCH
 *   /partijen can write them nested. With PUT/PATCH the list replaces the partij's identificatoren:
 *   items with a uuid are updated (and moved to this partij), items without are created, the rest
 *   is deleted. On POST an item must not name its identificeerdePartij.
 * - Identificatoren are unique: the same four values under the same subIdentificatorVan exist only
 *   once, and a partij has at most one identificator per codeSoortObjectId (both a 400 naming
 *   `__all__`). A vestigingsnummer needs a subIdentificatorVan that is a kvk_nummer.
 * - voorkeursDigitaalAdres must be one of the partij's own digitale adressen (after the change).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidBsn } from '../../src/domain/bsn.ts';
import { list, one, partijIdentificatorFilter, relationFilter, uuidParam } from './api.ts';
import type { Api } from './api.ts';
import { booleanFilter, choice, invalid, notFound, queryOf, text } from './http.ts';
import { expandable } from './resources.ts';
import { codeObjecttypen, codeRegisters, codeSoortObjectIds, soortenPartij } from './store.ts';
import type { Adres, Contactnaam, IdentificatorGroep, PartijIdentificatorRecord, PartijRecord, SoortPartij, Store } from './store.ts';
import { Check, requireObject } from './validation.ts';
import type { Mode } from './validation.ts';

// ---------------------------------------------------------------------------------------------
// Identificatoren: fields, the rules between them, uniqueness

type CodeObjecttype = IdentificatorGroep['codeObjecttype'];
type CodeSoortObjectId = IdentificatorGroep['codeSoortObjectId'];

/** Open Klant's PartijIdentificatorTypesValidator (its lists, with 'overig', end up in the messages). */
const objecttypenPerRegister: Record<IdentificatorGroep['codeRegister'], readonly CodeObjecttype[]> = {
  brp: ['natuurlijk_persoon'],
  hr: ['vestiging', 'niet_natuurlijk_persoon'],
};
const soortenPerObjecttype: Record<CodeObjecttype, readonly (CodeSoortObjectId | 'overig')[]> = {
  natuurlijk_persoon: ['bsn', 'overig'],
  vestiging: ['vestigingsnummer', 'overig'],
  niet_natuurlijk_persoon: ['rsin', 'kvk_nummer', 'overig'],
};
const pythonList = (values: readonly string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;

/** vng-api-common's BaseIdentifierValidator: why `objectId` is no number of its soort, or undefined. */
function objectIdProblem(soort: CodeSoortObjectId, objectId: string): string | undefined {
  const length = { bsn: 9, rsin: 9, kvk_nummer: 8, vestigingsnummer: 12 }[soort];
  if (!/^\d+$/.test(objectId)) return 'Voer een numerieke waarde in';
  if (objectId.length !== length) return `Waarde moet ${length} tekens lang zijn`;
  if (soort === 'bsn' && !isValidBsn(objectId)) return 'Onjuist BSN nummer';
  if (soort === 'rsin' && !isValidBsn(objectId)) return 'Onjuist RSIN nummer';
  return undefined;
}

/** What a body gives of an identificator; undefined = not given (or wrong, and reported). */
interface IdentificatorFields {
  groep: IdentificatorGroep | undefined;
  subIdentificatorVan: string | null | undefined;
  partij: string | null | undefined;
  anderePartijIdentificator: string | undefined;
}

/** The fields of a partij-identificator in `check`, standalone or nested in a partij (no identificeerdePartij there). */
function identificatorFields(check: Check, store: Store, nested: boolean): IdentificatorFields {
  const before = check.errors.length;
  // Whenever partijIdentificator is given, all four of its values are required (also with PATCH).
  const groepCheck = check.object('partijIdentificator', { required: true, mode: 'create' });
  let groep: IdentificatorGroep | undefined;
  if (groepCheck) {
    const codeObjecttype = groepCheck.choice('codeObjecttype', codeObjecttypen, { required: true });
    const codeSoortObjectId = groepCheck.choice('codeSoortObjectId', codeSoortObjectIds, { required: true });
    const objectId = groepCheck.string('objectId', { required: true, max: 200 }) ?? undefined;
    const codeRegister = groepCheck.choice('codeRegister', codeRegisters, { required: true });
    if (codeObjecttype && codeSoortObjectId && objectId !== undefined && codeRegister && check.errors.length === before) {
      if (!objecttypenPerRegister[codeRegister].includes(codeObjecttype)) {
        check.add(
          'partijIdentificatorCodeObjecttype',
          'invalid',
          `voor \`codeRegister\` ${codeRegister} zijn alleen deze waarden toegestaan: ${pythonList(objecttypenPerRegister[codeRegister])}`,
        );
      } else if (!soortenPerObjecttype[codeObjecttype].includes(codeSoortObjectId)) {
        check.add(
          'partijIdentificatorCodeSoortObjectId',
          'invalid',
          `voor \`codeObjecttype\` ${codeObjecttype} zijn alleen deze waarden toegestaan: ${pythonList(soortenPerObjecttype[codeObjecttype])}`,
        );
      } else {
        const problem = objectId === '' ? undefined : objectIdProblem(codeSoortObjectId, objectId);
        if (problem) check.add('partijIdentificatorObjectId', 'invalid', `Deze waarde is ongeldig, reden: ${problem}`);
        else groep = { codeObjecttype, codeSoortObjectId, objectId, codeRegister };
      }
    }
  }
  return {
    groep,
    subIdentificatorVan: check.foreignKey('subIdentificatorVan', (uuid) => store.identificatoren.has(uuid), 'PartijIdentificator', { nullable: true }),
    partij: nested ? undefined : check.foreignKey('identificeerdePartij', (uuid) => store.partijen.has(uuid), 'Partij', { nullable: true }),
    anderePartijIdentificator: check.string('anderePartijIdentificator', { max: 200 }) ?? undefined,
  };
}

/** An identificator as it will be after the change: what the body gave over what it was. */
interface IdentificatorState {
  uuid: string | undefined;
  groep: IdentificatorGroep;
  subIdentificatorVan: string | null;
  partij: string | null;
}

function stateOf(
  fields: IdentificatorFields,
  existing: PartijIdentificatorRecord | undefined,
  partij: string | null | undefined,
): IdentificatorState | undefined {
  const groep = fields.groep ?? existing;
  if (!groep) return undefined;
  return {
    uuid: existing?.uuid,
    groep: { codeObjecttype: groep.codeObjecttype, codeSoortObjectId: groep.codeSoortObjectId, objectId: groep.objectId, codeRegister: groep.codeRegister },
    subIdentificatorVan: fields.subIdentificatorVan !== undefined ? fields.subIdentificatorVan : (existing?.subIdentificatorVan ?? null),
    partij: partij !== undefined ? partij : (existing?.partij ?? null),
  };
}

/** Open Klant's rules on subIdentificatorVan and on changing a parent's codeSoortObjectId. */
function checkIdentificatorRules(check: Check, store: Store, state: IdentificatorState, existing: PartijIdentificatorRecord | undefined): void {
  const { groep, subIdentificatorVan } = state;
  if (existing && subIdentificatorVan === existing.uuid) {
    check.add('subIdentificatorVan', 'invalid', 'Kan zichzelf niet selecteren als `subIdentificatorVan`.');
  } else if (groep.codeSoortObjectId === 'vestigingsnummer') {
    const parent = subIdentificatorVan === null ? undefined : store.identificatoren.get(subIdentificatorVan);
    if (!parent) {
      check.add(
        'subIdentificatorVan',
        'invalid',
        'Voor een PartijIdentificator met codeSoortObjectId = `vestigingsnummer` is het verplicht om een `sub_identifier_van` met codeSoortObjectId = `kvk_nummer` te kiezen.',
      );
    } else if (parent.codeSoortObjectId !== 'kvk_nummer') {
      check.add('subIdentificatorVan', 'invalid', 'Het is alleen mogelijk om een subIdentifierVan te selecteren met codeSoortObjectId = `kvk_nummer`.');
    }
  }
  if (existing && existing.codeSoortObjectId !== groep.codeSoortObjectId && store.subIdentificatorenOf(existing.uuid).length > 0) {
    check.add(
      'partijIdentificatorCodeSoortObjectId',
      'invalid',
      'Het is niet mogelijk om de codeSoortObjectId van deze PartijIdentificator te wijzigen, omdat er andere PartijIdentificatoren aan gekoppeld zijn.',
    );
  }
}

const sameGroep = (a: IdentificatorGroep, b: IdentificatorGroep) =>
  a.codeObjecttype === b.codeObjecttype && a.codeSoortObjectId === b.codeSoortObjectId && a.objectId === b.objectId && a.codeRegister === b.codeRegister;

/**
 * Open Klant's two unique constraints, checked against `others` (the identificatoren that will
 * exist besides this one): one identificator per codeSoortObjectId per partij, and the four values
 * once per subIdentificatorVan.
 */
function checkUnique(
  check: Check,
  state: IdentificatorState,
  others: readonly { groep: IdentificatorGroep; subIdentificatorVan: string | null; partij: string | null }[],
): void {
  if (state.partij !== null && others.some((o) => o.partij === state.partij && o.groep.codeSoortObjectId === state.groep.codeSoortObjectId)) {
    check.add('__all__', 'unique_together', 'Partij identificator met deze Partij en Soort object ID bestaat al.');
  }
  if (others.some((o) => o.subIdentificatorVan === state.subIdentificatorVan && sameGroep(o.groep, state.groep))) {
    check.add('__all__', 'invalid', '`PartijIdentificator` moet uniek zijn, er bestaat er al een met deze gegevenscombinatie.');
  }
}

function storedIdentificatoren(store: Store, except: ReadonlySet<string>) {
  return [...store.identificatoren.values()]
    .filter((i) => !except.has(i.uuid))
    .map((i) => ({ groep: i, subIdentificatorVan: i.subIdentificatorVan, partij: i.partij }));
}

// ---------------------------------------------------------------------------------------------
// Partij bodies

interface NestedIdentificator {
  state: IdentificatorState;
  anderePartijIdentificator: string | undefined;
}

type PartijChanges = Partial<Omit<PartijRecord, 'uuid'>> & {
  digitaleAdressen?: string[];
  partijIdentificatoren?: NestedIdentificator[];
};

export function checkContactnaam(check: Check): Contactnaam | null | undefined {
  const nested = check.object('contactnaam', { nullable: true });
  if (nested === null || nested === undefined) return nested;
  return {
    voorletters: nested.string('voorletters', { max: 10 }) ?? '',
    voornaam: nested.string('voornaam', { max: 200 }) ?? '',
    voorvoegselAchternaam: nested.string('voorvoegselAchternaam', { max: 10 }) ?? '',
    achternaam: nested.string('achternaam', { max: 200 }) ?? '',
  };
}

/** bezoekadres / correspondentieadres, with Open Klant's validators on BAG-id, postcode and land. */
export function checkAdres(check: Check, field: string): Adres | null | undefined {
  const nested = check.object(field, { nullable: true });
  if (nested === null || nested === undefined) return nested;
  const adres: Adres = {
    nummeraanduidingId: nested.pattern('nummeraanduidingId', /^[0-9]{16}$/, (v) => `Ongeldige nummeraanduiding BAG-ID: ${v}`, { max: 16 }),
    straatnaam: nested.string('straatnaam', { max: 255 }) ?? undefined,
    huisnummer: nested.integer('huisnummer', { nullable: true, min: 1, max: 99999 }),
    huisnummertoevoeging: nested.string('huisnummertoevoeging', { max: 20 }) ?? undefined,
    postcode: nested.pattern('postcode', /^[1-9][0-9]{3} [A-Z]{2}$/, (v) => `Postcode moet aan het volgende formaat voldoen: \`1234 AB\` (met spatie): ${v}`, {
      max: 7,
    }),
    stad: nested.string('stad', { max: 255 }) ?? undefined,
    adresregel1: nested.string('adresregel1', { max: 80 }) ?? undefined,
    adresregel2: nested.string('adresregel2', { max: 80 }) ?? undefined,
    adresregel3: nested.string('adresregel3', { max: 80 }) ?? undefined,
    land: nested.pattern('land', /^[A-Z]{2}$/, () => 'Ongeldige landcode, de code moet behoren tot de ISO 3166-standaard', { max: 2 }),
  };
  return Object.fromEntries(Object.entries(adres).filter(([, value]) => value !== undefined && value !== null)) as Adres;
}

/** The changes a partij body asks for; `uuid` is the partij's (a new partij's is made up front). */
function checkPartij(body: unknown, mode: Mode, store: Store, uuid: string, existing: PartijRecord | undefined): PartijChanges {
  const check = new Check(requireObject(body), mode);
  const changes: PartijChanges = {};
  const set = <K extends keyof PartijChanges>(key: K, value: PartijChanges[K] | undefined) => {
    if (value !== undefined) changes[key] = value;
  };

  set('soortPartij', check.choice('soortPartij', soortenPartij, { required: true }));
  set('indicatieActief', check.boolean('indicatieActief', { required: true }) ?? undefined);
  set('indicatieGeheimhouding', check.boolean('indicatieGeheimhouding', { nullable: true }));
  set('voorkeurstaal', check.string('voorkeurstaal', { max: 3 }) ?? undefined);
  set('interneNotitie', check.string('interneNotitie', { max: 1000 }) ?? undefined);
  const nummer = check.pattern('nummer', /^\d+$/, () => 'Voer een geheel getal in.', { max: 10 });
  if (nummer) set('nummer', nummer);
  set('bezoekadres', checkAdres(check, 'bezoekadres'));
  set('correspondentieadres', checkAdres(check, 'correspondentieadres'));

  // partijIdentificatie has the shape of the soortPartij (given now, or the partij's), and
  // replaces what there was.
  const soortPartij: SoortPartij | undefined = changes.soortPartij ?? existing?.soortPartij;
  const identificatie = check.object('partijIdentificatie', { nullable: true });
  if (identificatie !== undefined && soortPartij) {
    if (soortPartij === 'organisatie') set('naam', identificatie?.string('naam', { max: 200 }) ?? '');
    else set('contactnaam', identificatie ? (checkContactnaam(identificatie) ?? null) : null);
    if (soortPartij === 'contactpersoon') {
      const werkte = identificatie ? identificatie.foreignKey('werkteVoorPartij', (u) => store.partijen.has(u), 'Partij', { nullable: true }) : null;
      if (werkte && store.partijen.get(werkte)!.soortPartij !== 'organisatie')
        check.add('partijIdentificatie.werkteVoorPartij', 'invalid', "Partij object moet het soort 'organisatie' hebben.");
      else set('werkteVoorPartij', werkte ?? null);
    }
  }

  // Digitale adressen of the partij, and the voorkeur among them.
  const adressen = check.list('digitaleAdressen', { nullable: true });
  if (adressen !== undefined) {
    const uuids: string[] = [];
    (adressen ?? []).forEach((value, index) => {
      const uuid = check.item('digitaleAdressen', index, value, 'create')?.uuidOf((u) => store.digitaleAdressen.has(u), 'DigitaalAdres');
      if (uuid) uuids.push(uuid);
    });
    changes.digitaleAdressen = uuids;
  }
  const voorkeur = check.foreignKey('voorkeursDigitaalAdres', (uuid) => store.digitaleAdressen.has(uuid), 'DigitaalAdres', { nullable: true });
  if (voorkeur !== undefined) {
    const linked = changes.digitaleAdressen ?? (existing ? store.digitaleAdressenOf(existing.uuid).map((a) => a.uuid) : []);
    if (voorkeur !== null && !linked.includes(voorkeur))
      check.add('voorkeursDigitaalAdres', 'invalid', 'Het voorkeurs adres moet een gelinkte digitaal adres zijn.');
    else changes.voorkeursDigitaalAdres = voorkeur;
  }

  // The simulator keeps no rekeningnummers: any one given does not exist.
  const rekeningnummers = check.list('rekeningnummers', { nullable: true });
  (rekeningnummers ?? []).forEach((value, index) => check.item('rekeningnummers', index, value, 'create')?.uuidOf(() => false, 'Rekeningnummer'));
  check.foreignKey('voorkeursRekeningnummer', () => false, 'Rekeningnummer', { nullable: true });

  const identificatoren = check.list('partijIdentificatoren', { nullable: true });
  if (identificatoren !== undefined) changes.partijIdentificatoren = checkNestedIdentificatoren(check, store, identificatoren ?? [], mode, uuid);

  check.done();
  return changes;
}

/** The nested partijIdentificatoren of a partij body (see the module comment); `partij` is the partij's UUID, also a new one's. */
function checkNestedIdentificatoren(check: Check, store: Store, items: unknown[], mode: Mode, partij: string): NestedIdentificator[] {
  const given = items.flatMap((value, index) => {
    // Each item is a whole partij-identificator, also with PATCH.
    const item = check.item('partijIdentificatoren', index, value, 'create');
    if (!item) return [];
    const before = check.errors.length;
    const uuid = item.has('uuid') ? item.uuidOf((u) => store.identificatoren.has(u), 'PartijIdentificator') : undefined;
    const target = uuid ? store.identificatoren.get(uuid) : undefined;
    if (mode === 'create' && item.body.identificeerdePartij !== undefined && item.body.identificeerdePartij !== null) {
      check.add(
        'partijIdentificatoren.identificeerdePartij',
        'invalid',
        'Het veld `identificeerde_partij` wordt automatisch ingesteld en dient niet te worden opgegeven.',
      );
    }
    const fields = identificatorFields(item, store, true);
    const state = stateOf(fields, target, partij);
    if (!state || check.errors.length > before) return [];
    checkIdentificatorRules(item, store, state, target);
    return check.errors.length > before ? [] : [{ item, state, anderePartijIdentificator: fields.anderePartijIdentificator }];
  });

  const uuids = given.flatMap((g) => (g.state.uuid ? [g.state.uuid] : []));
  if (new Set(uuids).size < uuids.length) {
    check.add('partijIdentificatoren.identificeerdePartij', 'duplicated', 'Duplicaat uuid kan niet worden ingevoerd voor `partij_identificatoren`.');
  }
  // The partij's current identificatoren are all replaced: each item is checked against the
  // other identificatoren in the register and the items before it.
  const stored = storedIdentificatoren(store, new Set([...uuids, ...store.identificatorenOf(partij).map((i) => i.uuid)]));
  given.forEach(({ item, state }, position) => checkUnique(item, state, [...stored, ...given.slice(0, position).map((g) => g.state)]));
  return given.map(({ state, anderePartijIdentificator }) => ({ state, anderePartijIdentificator }));
}

function applyPartij(store: Store, record: PartijRecord, changes: PartijChanges): void {
  const { digitaleAdressen, partijIdentificatoren, ...fields } = changes;
  Object.assign(record, fields);
  if (digitaleAdressen !== undefined) {
    for (const adres of store.digitaleAdressenOf(record.uuid)) {
      if (!digitaleAdressen.includes(adres.uuid)) {
        adres.partij = null;
        store.settleDigitaalAdres(adres);
      }
    }
    for (const uuid of digitaleAdressen) {
      const adres = store.digitaleAdressen.get(uuid)!;
      adres.partij = record.uuid;
      store.settleDigitaalAdres(adres);
    }
  }
  if (partijIdentificatoren !== undefined) {
    const kept = new Set(partijIdentificatoren.flatMap((n) => (n.state.uuid ? [n.state.uuid] : [])));
    for (const identificator of store.identificatorenOf(record.uuid)) if (!kept.has(identificator.uuid)) store.identificatoren.delete(identificator.uuid);
    for (const { state, anderePartijIdentificator } of partijIdentificatoren) {
      const saved: PartijIdentificatorRecord = (state.uuid && store.identificatoren.get(state.uuid)) || {
        uuid: randomUUID(),
        partij: record.uuid,
        anderePartijIdentificator: '',
        subIdentificatorVan: null,
        ...state.groep,
      };
      Object.assign(saved, state.groep, { partij: record.uuid, subIdentificatorVan: state.subIdentificatorVan });
      if (anderePartijIdentificator !== undefined) saved.anderePartijIdentificator = anderePartijIdentificator;
      store.identificatoren.set(saved.uuid, saved);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Filters on /partijen

/** `subIdentificatorVan__…`: a partij with an identificator whose parent has these values (each filter on its own). */
function subIdentificatorFilter(store: Store, query: URLSearchParams): (partij: PartijRecord) => boolean {
  const wanted = (['codeObjecttype', 'codeSoortObjectId', 'objectId', 'codeRegister'] as const).flatMap((field) => {
    const value = text(query, `subIdentificatorVan__${field}`);
    return value === undefined ? [] : [{ field, value }];
  });
  return (partij) =>
    wanted.every(({ field, value }) =>
      store.identificatorenOf(partij.uuid).some((i) => i.subIdentificatorVan !== null && store.identificatoren.get(i.subIdentificatorVan)?.[field] === value),
    );
}

const adresFilters = ['Adresregel1', 'Adresregel2', 'Adresregel3', 'Land', 'NummeraanduidingId'] as const;

function partijFilter(query: URLSearchParams, store: Store): (partij: PartijRecord) => boolean {
  const identificator = partijIdentificatorFilter(store, query, 'partijIdentificator');
  const sub = subIdentificatorFilter(store, query);
  const soortPartij = choice(query, 'soortPartij', soortenPartij);
  const indicatieActief = booleanFilter(query, 'indicatieActief');
  const indicatieGeheimhouding = booleanFilter(query, 'indicatieGeheimhouding');
  const nummer = text(query, 'nummer');
  // Nobody is vertegenwoordigd and there are no categorieën in the simulator: these find nothing.
  const vertegenwoordigd = relationFilter(query, 'vertegenwoordigdePartij');
  const categorie = text(query, 'categorierelatie__categorie__naam');
  const adressen = (['bezoekadres', 'correspondentieadres'] as const).flatMap((group) =>
    adresFilters.flatMap((suffix) => {
      const value = text(query, `${group}${suffix}`);
      const field = (suffix[0]!.toLowerCase() + suffix.slice(1)) as keyof Adres;
      return value === undefined ? [] : [{ group, field, value }];
    }),
  );
  return (partij) =>
    identificator([partij.uuid]) &&
    sub(partij) &&
    (soortPartij === undefined || partij.soortPartij === soortPartij) &&
    (indicatieActief === undefined || partij.indicatieActief === indicatieActief) &&
    (indicatieGeheimhouding === undefined || partij.indicatieGeheimhouding === indicatieGeheimhouding) &&
    (nummer === undefined || partij.nummer === nummer) &&
    vertegenwoordigd([]) &&
    categorie === undefined &&
    adressen.every(({ group, field, value }) => String(partij[group]?.[field] ?? '') === value);
}

// ---------------------------------------------------------------------------------------------
// Routes

export function registerPartijen(scope: FastifyInstance, api: Api): void {
  const { store, resources } = api;

  scope.get('/partijen', async (request) =>
    list(request, api, 'partij', { expandable: expandable.partij, records: store.partijen.values(), keep: partijFilter(queryOf(request), store) }),
  );

  scope.get('/partijen/:uuid', async (request) => one(request, api, 'partij', expandable.partij));

  scope.post('/partijen', async (request, reply) => {
    const uuid = randomUUID();
    const changes = checkPartij(request.body, 'create', store, uuid, undefined);
    const record: PartijRecord = {
      uuid,
      nummer: store.nextPartijNummer(),
      interneNotitie: '',
      soortPartij: changes.soortPartij!,
      indicatieGeheimhouding: null,
      voorkeurstaal: '',
      indicatieActief: changes.indicatieActief!,
      voorkeursDigitaalAdres: null,
      bezoekadres: null,
      correspondentieadres: null,
      contactnaam: null,
      naam: '',
      werkteVoorPartij: null,
    };
    store.partijen.set(record.uuid, record);
    applyPartij(store, record, changes);
    return reply.code(201).send(resources.partij(record));
  });

  const update = (mode: Mode) => async (request: FastifyRequest) => {
    const record = store.partijen.get(uuidParam(request));
    if (!record) throw notFound();
    applyPartij(store, record, checkPartij(request.body, mode, store, record.uuid, record));
    return resources.partij(record);
  };
  scope.put('/partijen/:uuid', update('update'));
  scope.patch('/partijen/:uuid', update('partial'));

  scope.delete('/partijen/:uuid', async (request, reply) => {
    const uuid = uuidParam(request);
    if (!store.partijen.has(uuid)) throw notFound();
    store.deletePartij(uuid);
    return reply.code(204).send();
  });
}

export function registerPartijIdentificatoren(scope: FastifyInstance, api: Api): void {
  const { store, resources } = api;

  scope.get('/partij-identificatoren', async (request) => {
    const query = queryOf(request);
    const codeObjecttype = choice(query, 'partijIdentificatorCodeObjecttype', codeObjecttypen);
    const codeSoortObjectId = choice(query, 'partijIdentificatorCodeSoortObjectId', codeSoortObjectIds);
    const objectId = text(query, 'partijIdentificatorObjectId');
    const codeRegister = choice(query, 'partijIdentificatorCodeRegister', codeRegisters);
    const andere = text(query, 'anderePartijIdentificator');
    return list(request, api, 'partijIdentificator', {
      records: store.identificatoren.values(),
      keep: (i) =>
        (codeObjecttype === undefined || i.codeObjecttype === codeObjecttype) &&
        (codeSoortObjectId === undefined || i.codeSoortObjectId === codeSoortObjectId) &&
        (objectId === undefined || i.objectId === objectId) &&
        (codeRegister === undefined || i.codeRegister === codeRegister) &&
        (andere === undefined || i.anderePartijIdentificator === andere),
    });
  });

  scope.get('/partij-identificatoren/:uuid', async (request) => one(request, api, 'partijIdentificator'));

  const save = (mode: Mode, existing: PartijIdentificatorRecord | undefined, body: unknown): PartijIdentificatorRecord => {
    const check = new Check(requireObject(body), mode);
    const fields = identificatorFields(check, store, false);
    const state = stateOf(fields, existing, fields.partij);
    if (state && check.errors.length === 0) checkIdentificatorRules(check, store, state, existing);
    if (state && check.errors.length === 0) checkUnique(check, state, storedIdentificatoren(store, new Set(existing ? [existing.uuid] : [])));
    check.done();
    const saved: PartijIdentificatorRecord = existing ?? {
      uuid: randomUUID(),
      partij: null,
      anderePartijIdentificator: '',
      subIdentificatorVan: null,
      ...state!.groep,
    };
    Object.assign(saved, state!.groep, { partij: state!.partij, subIdentificatorVan: state!.subIdentificatorVan });
    if (fields.anderePartijIdentificator !== undefined) saved.anderePartijIdentificator = fields.anderePartijIdentificator;
    store.identificatoren.set(saved.uuid, saved);
    return saved;
  };

  scope.post('/partij-identificatoren', async (request, reply) => reply.code(201).send(resources.partijIdentificator(save('create', undefined, request.body))));

  const update = (mode: Mode) => async (request: FastifyRequest) => {
    const record = store.identificatoren.get(uuidParam(request));
    if (!record) throw notFound();
    return resources.partijIdentificator(save(mode, record, request.body));
  };
  scope.put('/partij-identificatoren/:uuid', update('update'));
  scope.patch('/partij-identificatoren/:uuid', update('partial'));

  scope.delete('/partij-identificatoren/:uuid', async (request, reply) => {
    const uuid = uuidParam(request);
    if (!store.identificatoren.has(uuid)) throw notFound();
    if (store.subIdentificatorenOf(uuid).length > 0) {
      // The foreign key of subIdentificatorVan is PROTECT in Open Klant.
      throw invalid([
        {
          name: 'nonFieldErrors',
          code: 'invalid',
          reason:
            "Cannot delete some instances of model 'PartijIdentificator' because they are referenced through protected foreign keys: 'PartijIdentificator.sub_identificator_van'.",
        },
      ]);
    }
    store.identificatoren.delete(uuid);
    return reply.code(204).send();
  });
}
