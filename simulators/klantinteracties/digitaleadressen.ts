/**
 * /digitaleadressen: the e-mail addresses and phone numbers of a partij (verstrektDoorPartij) or
 * given at a klantcontact (verstrektDoorBetrokkene): finding, creating, changing and deleting them.
 *
 * Open Klant's rules, kept here on purpose:
 * - `adres` is checked by `soortDigitaalAdres` (SoortDigitaalAdresValidator): an e-mail address
 *   as Django's EmailValidator checks it, a phone number against
 *   ^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$ and not starting with 0800, 0900, 088 or 140
 *   (which covers 1400 and 140xx); 'overig' is not checked. With PATCH the soort or adres that
 *   is not given is the stored one.
 * - isStandaardAdres (default false) can only be set with a verstrektDoorPartij; setting it makes
 *   the partij's other adressen of the same soort non-standaard, and an adres without partij is
 *   not standaard.
 * - A referentie is unique per partij and soort.
 * - An adres that leaves its partij (or is deleted) is no longer that partij's voorkeursDigitaalAdres.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { icontains, knownFilters, list, one, partijIdentificatorFilter, relationFilter, uuidParam } from './api.ts';
import type { Api } from './api.ts';
import { booleanFilter, choice, dateFilter, notFound, queryOf, text } from './http.ts';
import { expandable } from './resources.ts';
import { rollen, soortenDigitaalAdres, soortenPartij } from './store.ts';
import type { DigitaalAdresRecord, SoortDigitaalAdres, Store } from './store.ts';
import { Check, requireObject } from './validation.ts';
import type { Mode } from './validation.ts';

// ---------------------------------------------------------------------------------------------
// E-mail addresses and phone numbers

// Django 4.2's EmailValidator (django/core/validators.py), its regular expressions as they are.
const userPart =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Django's quoted local part allows these control characters, and so does Open Klant
  /^([-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$|^"([\u0001-\u0008\u000b\u000c\u000e-\u001f!#-[\]-\u007f]|\\[\u0001-\u0009\u000b\u000c\u000e-\u007f])*"$)/i;
const domainPart = /^((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))$/i;
const literalPart = /^\[([A-F0-9:.]+)\]$/i;

function validDomain(domain: string): boolean {
  if (domainPart.test(domain)) return true;
  const literal = literalPart.exec(domain);
  return literal !== null && isIP(literal[1]!) !== 0;
}

export function isEmailAddress(value: string): boolean {
  if (value === '' || !value.includes('@') || value.length > 320) return false;
  const at = value.lastIndexOf('@');
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!userPart.test(user)) return false;
  if (domain === 'localhost' || validDomain(domain)) return true;
  // An internationalised domain name counts in its punycode form.
  const ascii = domainToASCII(domain);
  return ascii !== '' && validDomain(ascii);
}

const forbiddenPhonePrefixes = ['0800', '0900', '088', '1400', '140'];
const phonePattern = /^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$/;

/** Why `adres` is no address of its soort (Open Klant's wording), or undefined. */
export function adresProblem(soort: SoortDigitaalAdres, adres: string): string | undefined {
  switch (soort) {
    case 'email':
      return isEmailAddress(adres) ? undefined : 'Voer een geldig e-mailadres in.';
    case 'telefoonnummer':
      if (forbiddenPhonePrefixes.some((prefix) => adres.startsWith(prefix))) {
        return 'Het opgegeven telefoonnummer is ongeldig, telefoonnummers beginnend met 0800, 0900, 088, 1400 of 140xx zijn niet toegestaan.';
      }
      return phonePattern.test(adres) ? undefined : 'Het opgegeven telefoonnummer is ongeldig.';
    case 'overig':
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies

type AdresChanges = Partial<Omit<DigitaalAdresRecord, 'uuid'>>;

function checkDigitaalAdres(body: unknown, mode: Mode, store: Store, existing: DigitaalAdresRecord | undefined): AdresChanges {
  const check = new Check(requireObject(body), mode);
  const changes: AdresChanges = {};
  const set = <K extends keyof AdresChanges>(key: K, value: AdresChanges[K] | undefined) => {
    if (value !== undefined) changes[key] = value;
  };
  set(
    'partij',
    check.foreignKey('verstrektDoorPartij', (uuid) => store.partijen.has(uuid), 'Partij', { nullable: true }),
  );
  set(
    'betrokkene',
    check.foreignKey('verstrektDoorBetrokkene', (uuid) => store.betrokkenen.has(uuid), 'Betrokkene', { nullable: true }),
  );
  set('adres', check.string('adres', { required: true, blank: false, max: 80 }) ?? undefined);
  set('soortDigitaalAdres', check.choice('soortDigitaalAdres', soortenDigitaalAdres, { required: true }));
  set('isStandaardAdres', check.boolean('isStandaardAdres') ?? undefined);
  set('omschrijving', check.string('omschrijving', { max: 40 }) ?? undefined);
  set(
    'referentie',
    check.pattern(
      'referentie',
      /^[-a-zA-Z0-9_]+$/,
      () => "Voer een geldige 'slug' in, bestaande uit letters, cijfers, liggende streepjes en verbindingsstreepjes.",
      { max: 50 },
    ),
  );
  set('verificatieDatum', check.date('verificatieDatum', { nullable: true }));
  check.done();

  // The rules between fields, on the adres as it will be.
  const after = { isStandaardAdres: false, omschrijving: '', referentie: '', partij: null, betrokkene: null, ...existing, ...changes } as DigitaalAdresRecord;
  const problem = adresProblem(after.soortDigitaalAdres, after.adres);
  if (problem) check.add('adres', 'invalid', problem);
  if (changes.isStandaardAdres && after.partij === null) {
    check.add('isStandaardAdres', 'invalid', '`is_standaard_adres` kan alleen gezet worden als `verstrekt_door_partij` niet leeg is.');
  }
  const clash = [...store.digitaleAdressen.values()].some(
    (other) =>
      other.uuid !== existing?.uuid &&
      after.partij !== null &&
      after.referentie !== '' &&
      other.partij === after.partij &&
      other.referentie === after.referentie &&
      other.soortDigitaalAdres === after.soortDigitaalAdres,
  );
  if (clash) check.add('nonFieldErrors', 'unique', 'Digitaal adres met deze Partij, Referentie en Soort digitaal adres bestaat al.');
  check.done();
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Filters

function adresFilter(query: URLSearchParams, store: Store): (adres: DigitaalAdresRecord) => boolean {
  const adres = text(query, 'adres');
  const adresContains = text(query, 'adres__icontains');
  const isGeverifieerd = booleanFilter(query, 'isGeverifieerd');
  const isStandaardAdres = booleanFilter(query, 'isStandaardAdres');
  const omschrijving = text(query, 'omschrijving');
  const referentie = text(query, 'referentie');
  const soort = choice(query, 'soortDigitaalAdres', soortenDigitaalAdres);
  const dates = (['', '__gt', '__gte', '__lt', '__lte'] as const).flatMap((lookup) => {
    const value = dateFilter(query, `verificatieDatum${lookup}`);
    return value === undefined ? [] : [{ lookup, value }];
  });
  const betrokkeneRol = choice(query, 'verstrektDoorBetrokkene__rol', rollen);
  const betrokkene = relationFilter(query, 'verstrektDoorBetrokkene');
  const identificator = partijIdentificatorFilter(store, query, 'verstrektDoorPartij__partijIdentificator');
  const soortPartij = choice(query, 'verstrektDoorPartij__soortPartij', soortenPartij);
  const partij = relationFilter(query, 'verstrektDoorPartij');
  const onDate = (date: string | null) =>
    dates.every(({ lookup, value }) => {
      if (date === null) return false;
      if (lookup === '') return date === value;
      if (lookup === '__gt') return date > value;
      if (lookup === '__gte') return date >= value;
      if (lookup === '__lt') return date < value;
      return date <= value;
    });
  return (a) =>
    (adres === undefined || a.adres === adres) &&
    (adresContains === undefined || icontains(a.adres, adresContains)) &&
    (isGeverifieerd === undefined || (a.verificatieDatum !== null) === isGeverifieerd) &&
    (isStandaardAdres === undefined || a.isStandaardAdres === isStandaardAdres) &&
    (omschrijving === undefined || icontains(a.omschrijving, omschrijving)) &&
    (referentie === undefined || a.referentie === referentie) &&
    (soort === undefined || a.soortDigitaalAdres === soort) &&
    onDate(a.verificatieDatum) &&
    (betrokkeneRol === undefined || (a.betrokkene !== null && store.betrokkenen.get(a.betrokkene)?.rol === betrokkeneRol)) &&
    betrokkene([a.betrokkene]) &&
    identificator([a.partij]) &&
    (soortPartij === undefined || (a.partij !== null && store.partijen.get(a.partij)?.soortPartij === soortPartij)) &&
    partij([a.partij]);
}

// ---------------------------------------------------------------------------------------------
// Routes

export function registerDigitaleAdressen(scope: FastifyInstance, api: Api): void {
  const { store, resources } = api;

  scope.get('/digitaleadressen', async (request) =>
    list(request, api, 'digitaalAdres', {
      expandable: expandable.digitaalAdres,
      records: store.digitaleAdressen.values(),
      keep: adresFilter(knownFilters(api, 'digitaleadressen', queryOf(request)), store),
    }),
  );

  scope.get('/digitaleadressen/:uuid', async (request) => one(request, api, 'digitaalAdres', expandable.digitaalAdres));

  scope.post('/digitaleadressen', async (request, reply) => {
    const changes = checkDigitaalAdres(request.body, 'create', store, undefined);
    const record: DigitaalAdresRecord = {
      uuid: randomUUID(),
      partij: null,
      betrokkene: null,
      adres: changes.adres!,
      soortDigitaalAdres: changes.soortDigitaalAdres!,
      isStandaardAdres: false,
      omschrijving: '',
      referentie: '',
      verificatieDatum: null,
      ...changes,
    };
    store.digitaleAdressen.set(record.uuid, record);
    store.settleDigitaalAdres(record);
    return reply.code(201).send(resources.digitaalAdres(record));
  });

  const update = (mode: Mode) => async (request: FastifyRequest) => {
    const record = store.digitaleAdressen.get(uuidParam(request));
    if (!record) throw notFound();
    Object.assign(record, checkDigitaalAdres(request.body, mode, store, record));
    store.settleDigitaalAdres(record);
    return resources.digitaalAdres(record);
  };
  scope.put('/digitaleadressen/:uuid', update('update'));
  scope.patch('/digitaleadressen/:uuid', update('partial'));

  scope.delete('/digitaleadressen/:uuid', async (request, reply) => {
    const uuid = uuidParam(request);
    if (!store.digitaleAdressen.has(uuid)) throw notFound();
    store.deleteDigitaalAdres(uuid);
    return reply.code(204).send();
  });
}
