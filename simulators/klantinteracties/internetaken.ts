/**
 * /actoren (read) and /internetaken (create and read): the tasks for the organisation's own
 * people that a klantcontact leads to, e.g. a terugbelverzoek ("bel de inwoner terug") for a
 * department. As Open Klant's InterneTaakSerializer checks them:
 * - aanleidinggevendKlantcontact ({uuid} of an existing klantcontact) and gevraagdeHandeling (up
 *   to 200 characters, not blank) are required; toelichting may be blank (up to 1000); status is
 *   te_verwerken or verwerkt; afgehandeldOp only with status verwerkt;
 * - exactly one of toegewezenAanActor (deprecated) and toegewezenAanActoren, each actor an
 *   existing one ("… mag niet beiden gebruikt worden" / "… is required");
 * - nummer and referentienummer are optional text (up to 10); toegewezenOp is set to now.
 * A klantcontact that is deleted takes its interne taken along (a CASCADE foreign key).
 * The demo has three actoren: departments (organisatorische_eenheid) that take terugbelverzoeken.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { uuidParam } from './api.ts';
import type { Api } from './api.ts';
import { notFound, paginate, queryOf, uuidFilter, choice as choiceFilter } from './http.ts';
import { amsterdamIso, amsterdamLocal } from './store.ts';
import { Check, requireObject } from './validation.ts';

export const soortenActor = ['medewerker', 'geautomatiseerde_actor', 'organisatorische_eenheid'] as const;
export const taakstatussen = ['te_verwerken', 'verwerkt'] as const;

export interface ActorRecord {
  uuid: string;
  naam: string;
  soortActor: (typeof soortenActor)[number];
  indicatieActief: boolean;
}

export interface InterneTaakRecord {
  uuid: string;
  nummer: string;
  referentienummer: string;
  gevraagdeHandeling: string;
  klantcontact: string;
  actoren: string[];
  toelichting: string;
  status: (typeof taakstatussen)[number];
  toegewezenOp: Date;
  afgehandeldOp: Date | null;
}

/** The demo's departments that take terugbelverzoeken (their UUIDs are in the demo's and tests' configuration). */
export const demoActoren: ActorRecord[] = [
  { uuid: '8b1c2f7e-6a3d-4e59-9f0a-1c2d3e4f5a60', naam: 'Klantcontactcentrum', soortActor: 'organisatorische_eenheid', indicatieActief: true },
  { uuid: '8b1c2f7e-6a3d-4e59-9f0a-1c2d3e4f5a61', naam: 'Team Inkomen', soortActor: 'organisatorische_eenheid', indicatieActief: true },
  { uuid: '8b1c2f7e-6a3d-4e59-9f0a-1c2d3e4f5a62', naam: 'Team Parkeren', soortActor: 'organisatorische_eenheid', indicatieActief: true },
];

const dateTimePattern = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function registerInterneTaken(scope: FastifyInstance, api: Api): void {
  const { store, links } = api;
  const actorUrl = (uuid: string) => `${links.api}/actoren/${uuid}`;
  const taakUrl = (uuid: string) => `${links.api}/internetaken/${uuid}`;
  const actorJson = (actor: ActorRecord) => ({
    uuid: actor.uuid,
    url: actorUrl(actor.uuid),
    naam: actor.naam,
    soortActor: actor.soortActor,
    indicatieActief: actor.indicatieActief,
    actoridentificator: null,
    // For an organisatorische eenheid: its omschrijving (the demo has no e-mail, fax or phone for it).
    actorIdentificatie: { omschrijving: actor.naam },
  });
  const taakJson = (taak: InterneTaakRecord) => {
    const actoren = taak.actoren.map((uuid) => ({ uuid, url: actorUrl(uuid) }));
    return {
      uuid: taak.uuid,
      url: taakUrl(taak.uuid),
      nummer: taak.nummer,
      referentienummer: taak.referentienummer,
      gevraagdeHandeling: taak.gevraagdeHandeling,
      aanleidinggevendKlantcontact: { uuid: taak.klantcontact, url: links.klantcontact(taak.klantcontact) },
      toegewezenAanActor: actoren[0] ?? null,
      toegewezenAanActoren: actoren,
      toelichting: taak.toelichting,
      status: taak.status,
      toegewezenOp: amsterdamIso(taak.toegewezenOp),
      afgehandeldOp: taak.afgehandeldOp ? amsterdamIso(taak.afgehandeldOp) : null,
    };
  };

  scope.get('/actoren', async (request) => {
    const query = queryOf(request);
    const soort = choiceFilter(query, 'soortActor', soortenActor);
    const actief = query.get('indicatieActief');
    const matching = [...store.actoren.values()].filter(
      (a) => (soort === undefined || a.soortActor === soort) && (actief === null || String(a.indicatieActief) === actief),
    );
    const page = paginate(request, matching, api.pageSize, links);
    return { ...page, results: page.results.map(actorJson) };
  });

  scope.get('/actoren/:uuid', async (request) => {
    const actor = store.actoren.get(uuidParam(request));
    if (!actor) throw notFound();
    return actorJson(actor);
  });

  scope.get('/internetaken', async (request) => {
    const query = queryOf(request);
    const klantcontact = uuidFilter(query, 'aanleidinggevendKlantcontact__uuid');
    const actor = uuidFilter(query, 'toegewezenAanActor__uuid');
    const status = choiceFilter(query, 'status', taakstatussen);
    const matching = [...store.internetaken.values()].filter(
      (t) =>
        (klantcontact === undefined || t.klantcontact === klantcontact) &&
        (actor === undefined || t.actoren.includes(actor)) &&
        (status === undefined || t.status === status),
    );
    const page = paginate(request, matching, api.pageSize, links);
    return { ...page, results: page.results.map(taakJson) };
  });

  scope.get('/internetaken/:uuid', async (request) => {
    const taak = store.internetaken.get(uuidParam(request));
    if (!taak) throw notFound();
    return taakJson(taak);
  });

  scope.post('/internetaken', async (request, reply) => {
    const body = requireObject(request.body);
    const check = new Check(body, 'create');
    const nummer = check.string('nummer', { nullable: true, max: 10 });
    const referentienummer = check.string('referentienummer', { nullable: true, max: 10 });
    const gevraagdeHandeling = check.string('gevraagdeHandeling', { required: true, blank: false, max: 200 });
    const klantcontact = check.foreignKey('aanleidinggevendKlantcontact', (uuid) => store.klantcontacten.has(uuid), 'Klantcontact', { required: true });
    const toelichting = check.string('toelichting', { max: 1000 });
    const status = check.choice('status', taakstatussen, { required: true });
    const actorExists = (uuid: string) => store.actoren.has(uuid);
    const actoren: string[] = [];
    const one = 'toegewezenAanActor' in body;
    const many = 'toegewezenAanActoren' in body;
    if (one === many) {
      check.add(
        'nonFieldErrors',
        'invalid',
        one
          ? '`toegewezen_aan_actor` en `toegewezen_aan_actoren` mag niet beiden gebruikt worden.'
          : '`toegewezen_aan_actor` of `toegewezen_aan_actoren` is required (mag niet beiden gebruiken).',
      );
    } else if (one) {
      const actor = check.foreignKey('toegewezenAanActor', actorExists, 'Actor', { required: true });
      if (actor) actoren.push(actor);
    } else {
      (check.list('toegewezenAanActoren') ?? []).forEach((item, index) => {
        const actor = check.item('toegewezenAanActoren', index, item, 'create')?.uuidOf(actorExists, 'Actor');
        if (actor) actoren.push(actor);
      });
    }
    let afgehandeldOp: Date | null = null;
    if (check.has('afgehandeldOp') && body.afgehandeldOp !== null) {
      const value = body.afgehandeldOp;
      if (typeof value !== 'string' || !dateTimePattern.test(value)) check.add('afgehandeldOp', 'invalid', 'Datetime heeft een ongeldig formaat.');
      else afgehandeldOp = /(Z|[+-]\d{2}(?::?\d{2})?)$/.test(value) ? new Date(value) : amsterdamLocal(value);
      if (status !== 'verwerkt')
        check.add('afgehandeldOp', 'invalid', "De Internetaak kan geen afgehandeld op datum bevatten als de status niet op 'verwerkt' staat.");
    }
    check.done();
    const taak: InterneTaakRecord = {
      uuid: randomUUID(),
      nummer: nummer ?? '',
      referentienummer: referentienummer ?? '',
      gevraagdeHandeling: gevraagdeHandeling!,
      klantcontact: klantcontact!,
      actoren,
      toelichting: toelichting ?? '',
      status: status!,
      toegewezenOp: store.now(),
      afgehandeldOp,
    };
    store.internetaken.set(taak.uuid, taak);
    return reply.code(201).send(taakJson(taak));
  });
}
