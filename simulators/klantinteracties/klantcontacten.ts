/**
 * /klantcontacten, /betrokkenen and /onderwerpobjecten: the contacts someone had with the
 * organisation, who took part (a betrokkene, usually as a partij) and what they were about (an
 * onderwerpobject naming, for instance, a zaak). Read only: the simulator does not create
 * klantcontacten (the demo has them); writing answers 405 (see index.ts).
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
import type { FastifyInstance } from 'fastify';
import { icontains, knownFilters, list, one, partijIdentificatorFilter, relationFilter } from './api.ts';
import type { Api } from './api.ts';
import { booleanFilter, dateTimeFilter, queryOf, text } from './http.ts';
import { expandable } from './resources.ts';
import type { BetrokkeneRecord, KlantcontactRecord, OnderwerpobjectRecord, Store } from './store.ts';

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
