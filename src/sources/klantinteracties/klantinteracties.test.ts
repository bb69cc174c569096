/**
 * The Klantinteracties source against the simulator (also playing Open Klant 2.1, which ignores
 * the partij filters on klantcontacten and digitale adressen), and against a misbehaving API that
 * lists another partij's adressen under a partij and pages on without end: the person only ever
 * sees, changes or removes what is their partij's, and a list cut off at the bound says so.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { klantinteractiesDemo } from '../../../simulators/data/klantinteracties-demo.ts';
import { type KlantinteractiesSimulator, registerKlantinteractiesSimulator } from '../../../simulators/klantinteracties/index.ts';
import { SourceRejectedError } from '../../domain/availability.ts';
import type { Subject } from '../../domain/identity.ts';
import { Metrics } from '../../platform/metrics.ts';
import { PersonalAnswers } from '../answers.ts';
import { KlantinteractiesClient } from './klantinteracties.ts';

const token = 'voordeur-test-klantinteracties-token';
const suzanne: Subject = { type: 'persoon', bsn: '999993653' };
const pieter: Subject = { type: 'persoon', bsn: '999995571' };
const zaken = { systeemFor: () => 'demo' };
const partijOf = (uuid: string) => klantinteractiesDemo.partijen.find((p) => p.uuid === uuid)!;

function warnings() {
  const lines: { obj: object; msg: string }[] = [];
  return { lines, warn: (obj: object, msg: string) => lines.push({ obj, msg }) };
}

describe('Klantinteracties source against the simulator', () => {
  let app: FastifyInstance;
  let sim: KlantinteractiesSimulator;
  let client: KlantinteractiesClient;

  beforeAll(async () => {
    app = Fastify({ logger: false });
    sim = await registerKlantinteractiesSimulator(app, { baseUrl: 'http://127.0.0.1:0', tokens: [token] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    client = new KlantinteractiesClient({ url: sim.url, token }, { timeoutMs: 2000, metrics: new Metrics() }, zaken);
  });
  afterAll(() => app.close());

  const suzannesContacten = () =>
    partijOf(klantinteractiesDemo.notable.suzanne)
      .klantcontacten.map((k) => k.uuid)
      .sort();

  it('follows `next` until it has all of the person’s klantcontacten', async () => {
    sim.setOpenKlant('current');
    sim.setPageSize(1);
    try {
      const overview = await client.overview(suzanne);
      expect(overview.contactmomenten.map((c) => c.uuid).sort()).toEqual(suzannesContacten());
      expect(overview.incomplete).toBeUndefined();
    } finally {
      sim.setPageSize(100);
    }
  });

  it('shows only the person’s own klantcontacten and adressen when Open Klant 2.1 ignores the partij filters', async () => {
    sim.setOpenKlant('2.1');
    sim.setPageSize(2);
    try {
      const overview = await client.overview(suzanne);
      expect(overview.contactmomenten.map((c) => c.uuid).sort()).toEqual(suzannesContacten());
      expect(overview.adressen.map((a) => a.adres).sort()).toEqual(['0612345678', 'suzanne.devries@example.nl']);
      const other = await client.overview(pieter);
      expect(other.contactmomenten.map((c) => c.uuid)).toEqual(partijOf(klantinteractiesDemo.notable.pieter).klantcontacten.map((k) => k.uuid));
      // Another person's klantcontact, asked for by its UUID: not found.
      expect(await client.klantcontact(pieter, klantinteractiesDemo.notable.suzanneZaakKlantcontact)).toBeNull();
    } finally {
      sim.setOpenKlant('current');
      sim.setPageSize(100);
    }
  });
});

describe('Registering a klantcontact (against the simulator)', () => {
  let app: FastifyInstance;
  let sim: KlantinteractiesSimulator;
  /** Maps a klantcontact's codeRegister to the zaaksysteem of that name, as sources/index.ts does with one configured. */
  const openzaak = { systeemFor: (register: string | undefined) => (register === 'openzaak' ? 'openzaak' : undefined) };
  const newClient = () => new KlantinteractiesClient({ url: sim.url, token }, { timeoutMs: 2000, metrics: new Metrics() }, openzaak);
  const zaak = { systeem: 'openzaak', uuid: 'a1000000-0000-4000-8000-000000000777' };
  const vraag = { kanaal: 'website', onderwerp: 'Vraag over mijn aanvraag', inhoud: 'Wanneer hoor ik iets?', zaak };

  beforeAll(async () => {
    app = Fastify({ logger: false });
    sim = await registerKlantinteractiesSimulator(app, { baseUrl: 'http://127.0.0.1:0', tokens: [token] });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('keeps the overview of Mijn gegevens for a moment, and shows a klantcontact registered through Voordeur at once (issue 19)', async () => {
    const client = new KlantinteractiesClient(
      { url: sim.url, token },
      { timeoutMs: 2000, metrics: new Metrics(), answers: new PersonalAnswers({ ttlMs: 60_000 }) },
      openzaak,
    );
    const first = await client.overview(suzanne);
    const calls = sim.requestCount();
    expect(await client.overview(suzanne)).toBe(first);
    expect(sim.requestCount()).toBe(calls);
    const { uuid } = await client.registerKlantcontact(suzanne, { ...vraag, onderwerp: 'Vraag na het bewaren' });
    expect((await client.overview(suzanne)).contactmomenten.find((c) => c.uuid === uuid)?.onderwerp).toBe('Vraag na het bewaren');
  });

  it('shows the new klantcontact, with its zaak, among the person’s contactmomenten, and never another person’s', async () => {
    const client = newClient();
    const before = Date.now();
    const { uuid } = await client.registerKlantcontact(suzanne, vraag);
    const moment = (await client.overview(suzanne)).contactmomenten.find((c) => c.uuid === uuid);
    expect(moment).toMatchObject({ uuid, kanaal: 'website', onderwerp: 'Vraag over mijn aanvraag', zaak });
    expect(moment!.datum!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await client.klantcontact(suzanne, uuid)).toMatchObject({ inhoud: 'Wanneer hoor ik iets?', vertrouwelijk: false });
    const stored = sim.klantcontacten().find((k) => k.uuid === uuid)!;
    expect(stored).toMatchObject({ taal: 'nld', indicatieContactGelukt: true, vertrouwelijk: false });

    // Pieter does not see it, listed nor by its UUID.
    expect((await client.overview(pieter)).contactmomenten.map((c) => c.uuid)).not.toContain(uuid);
    expect(await client.klantcontact(pieter, uuid)).toBeNull();

    // Confidential, without zaak: listed, its inhoud not shown.
    const geheim = await client.registerKlantcontact(pieter, {
      kanaal: 'telefoon',
      onderwerp: 'Persoonlijke situatie',
      inhoud: 'Gevoelig',
      vertrouwelijk: true,
    });
    const detail = await client.klantcontact(pieter, geheim.uuid);
    expect(detail).toMatchObject({ vertrouwelijk: true, kanaal: 'telefoon', zaak: undefined });
    expect(detail!.inhoud).toBeUndefined();
    expect((await client.overview(suzanne)).contactmomenten.map((c) => c.uuid)).not.toContain(geheim.uuid);
  });

  it('gives a person or company without a partij one, with their BSN or KvK-nummer', async () => {
    const client = newClient();
    const anna: Subject = { type: 'persoon', bsn: klantinteractiesDemo.notable.withoutPartij.bsn };
    const stichting: Subject = { type: 'bedrijf', kvkNummer: klantinteractiesDemo.notable.withoutPartij.kvkNummer };
    const identified = (objectId: string) =>
      sim
        .partijen()
        .filter((p) => (p.partijIdentificatoren as { partijIdentificator: { objectId: string } }[]).some((i) => i.partijIdentificator.objectId === objectId));
    expect(identified(anna.bsn)).toEqual([]);
    const first = await client.registerKlantcontact(anna, vraag);
    expect(identified(anna.bsn)).toHaveLength(1);
    // The second contact goes to the same partij.
    const second = await client.registerKlantcontact(anna, { ...vraag, zaak: undefined, onderwerp: 'Nog een vraag' });
    expect(identified(anna.bsn)).toHaveLength(1);
    expect((await client.overview(anna)).contactmomenten.map((c) => c.uuid).sort()).toEqual([first.uuid, second.uuid].sort());

    const { uuid } = await client.registerKlantcontact(stichting, { ...vraag, kanaal: 'telefoon', naam: 'Stichting Buurtkracht' });
    const [partij] = identified(stichting.kvkNummer);
    expect(partij).toMatchObject({ soortPartij: 'organisatie', partijIdentificatie: { naam: 'Stichting Buurtkracht' } });
    expect((await client.overview(stichting)).contactmomenten).toEqual([expect.objectContaining({ uuid, kanaal: 'telefoon', zaak })]);
  });

  it('is refused, as Open Klant refuses it, without a required field, and stores nothing', async () => {
    const client = newClient();
    const count = sim.klantcontacten().length;
    const refusal = await client.registerKlantcontact(suzanne, { ...vraag, onderwerp: '', kanaal: '' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SourceRejectedError);
    expect((refusal as SourceRejectedError).status).toBe(400);
    expect(((refusal as SourceRejectedError).body as { invalidParams: { name: string; code: string }[] }).invalidParams).toEqual([
      expect.objectContaining({ name: 'klantcontact.kanaal', code: 'blank' }),
      expect.objectContaining({ name: 'klantcontact.onderwerp', code: 'blank' }),
    ]);
    expect(sim.klantcontacten()).toHaveLength(count);
  });

  it('with a terugbelverzoek, makes an interne taak for the department about the klantcontact; when that is refused, the klantcontact goes too', async () => {
    const client = newClient();
    const teamInkomen = '8b1c2f7e-6a3d-4e59-9f0a-1c2d3e4f5a61';
    const { uuid } = await client.registerKlantcontact(suzanne, { ...vraag, terugbelverzoek: { actor: teamInkomen, toelichting: 'Na 14.00 uur.' } });
    expect(sim.interneTaken().filter((t) => t.klantcontact === uuid)).toEqual([
      expect.objectContaining({ gevraagdeHandeling: 'Terugbellen', actoren: [teamInkomen], toelichting: 'Na 14.00 uur.', status: 'te_verwerken' }),
    ]);

    // A department that is not an actor in Open Klant (configured wrong): refused, and nothing is left behind.
    const count = sim.klantcontacten().length;
    const refusal = await client
      .registerKlantcontact(suzanne, { ...vraag, terugbelverzoek: { actor: '00000000-0000-4000-8000-000000000000', toelichting: 'x' } })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SourceRejectedError);
    expect(sim.klantcontacten()).toHaveLength(count);
  });

  it('creates the three in sequence on Open Klant 2.1, which has no /maak-klantcontact, and deletes the klantcontact when a later step is refused', async () => {
    sim.setOpenKlant('2.1');
    try {
      const client = newClient();
      const { uuid } = await client.registerKlantcontact(suzanne, vraag);
      const overview = await client.overview(suzanne);
      expect(overview.contactmomenten.find((c) => c.uuid === uuid)).toMatchObject({ onderwerp: vraag.onderwerp, kanaal: 'website', zaak });
      expect((await client.overview(pieter)).contactmomenten.map((c) => c.uuid)).not.toContain(uuid);

      // An onderwerpobjectidentificator field over 200 characters is refused after the klantcontact and betrokkene were made.
      const count = sim.klantcontacten().length;
      const refusal = await client
        .registerKlantcontact(suzanne, { ...vraag, zaak: { systeem: 'x'.repeat(201), uuid: zaak.uuid } })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(SourceRejectedError);
      expect(sim.klantcontacten()).toHaveLength(count);
    } finally {
      sim.setOpenKlant('current');
    }
  });
});

/**
 * A Klantinteracties API that gets it wrong: under Suzanne's partij it lists, besides her own
 * adres, one of another partij and one given at a klantcontact (no verstrektDoorPartij); her own
 * adres is read as another partij's when it is read by itself (it moved meanwhile); and the list of
 * klantcontacten pages on for ever.
 */
describe('Klantinteracties source against an API that gets ownership and paging wrong', () => {
  const base = 'http://127.0.0.1:0/klantinteracties/api/v1';
  const partij = 'e0000000-0000-4000-8000-000001000000';
  const other = 'e0000000-0000-4000-8000-000091000000';
  const own = 'e2000000-0000-4000-8000-000001000001';
  const foreign = 'e2000000-0000-4000-8000-000091000001';
  const atContact = 'e2000000-0000-4000-8000-000001000009';
  const moved = 'e2000000-0000-4000-8000-000001000002';
  let app: FastifyInstance;
  let url: string;
  let client: KlantinteractiesClient;
  const deleted: string[] = [];
  const patched: string[] = [];

  const adres = (uuid: string, adres: string, soort: string, by: string | null) => ({
    uuid,
    url: `${url}/digitaleadressen/${uuid}`,
    verstrektDoorPartij: by ? { uuid: by, url: `${url}/partijen/${by}` } : null,
    verstrektDoorBetrokkene: by ? null : { uuid: 'e4000000-0000-4000-8000-000001000001', url: `${url}/betrokkenen/x` },
    adres,
    soortDigitaalAdres: soort,
    isStandaardAdres: true,
    omschrijving: '',
    referentie: '',
    verificatieDatum: '2026-01-01',
  });
  const klantcontact = (n: number) => ({
    uuid: `e3000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kanaal: 'telefoon',
    onderwerp: `Gesprek ${n}`,
    vertrouwelijk: false,
    plaatsgevondenOp: new Date(Date.UTC(2026, 0, 1) - n * 86_400_000).toISOString(),
    _expand: { hadBetrokkenen: [{ wasPartij: { uuid: partij } }] },
  });

  beforeAll(async () => {
    app = Fastify({ logger: false });
    app.get('/klantinteracties/api/v1/partijen', async () => ({
      count: 1,
      next: null,
      previous: null,
      results: [
        {
          uuid: partij,
          indicatieActief: true,
          partijIdentificatoren: [{ partijIdentificator: { codeSoortObjectId: 'bsn', objectId: '999993653' } }],
          voorkeursDigitaalAdres: { uuid: own },
          _expand: {
            digitaleAdressen: [
              adres(own, 'suzanne@example.nl', 'email', partij),
              adres(foreign, '0687654321', 'telefoonnummer', other),
              adres(atContact, '0633333333', 'telefoonnummer', null),
              adres(moved, '0611111111', 'telefoonnummer', partij),
            ],
          },
        },
      ],
    }));
    app.get('/klantinteracties/api/v1/digitaleadressen/:uuid', async (request) => {
      const { uuid } = request.params as { uuid: string };
      if (uuid === own) return adres(own, 'suzanne@example.nl', 'email', partij);
      if (uuid === foreign) return adres(foreign, '0687654321', 'telefoonnummer', other);
      if (uuid === atContact) return adres(atContact, '0633333333', 'telefoonnummer', null);
      return adres(moved, '0611111111', 'telefoonnummer', other);
    });
    app.delete('/klantinteracties/api/v1/digitaleadressen/:uuid', async (request, reply) => {
      deleted.push((request.params as { uuid: string }).uuid);
      return reply.code(204).send();
    });
    app.patch('/klantinteracties/api/v1/digitaleadressen/:uuid', async (request) => {
      const { uuid } = request.params as { uuid: string };
      patched.push(uuid);
      return adres(uuid, 'nieuw@example.nl', 'email', partij);
    });
    app.post('/klantinteracties/api/v1/digitaleadressen', async (_request, reply) =>
      reply.code(201).send(adres('e2000000-0000-4000-8000-000001000077', 'nieuw@example.nl', 'email', partij)),
    );
    app.get('/klantinteracties/api/v1/klantcontacten', async (request) => {
      const page = Number((request.query as { page?: string }).page ?? '1');
      // One malformed klantcontact (no kanaal) on the first page: skipped, not the whole list.
      const results = page === 1 ? [klantcontact(page), { ...klantcontact(999), kanaal: undefined }] : [klantcontact(page)];
      // Behind a proxy: `next` names another host and scheme; only its query string counts.
      return {
        count: 1000,
        next: `https://intern.example:8443/klantinteracties/api/v1/klantcontacten?page=${page + 1}`,
        previous: null,
        results,
      };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = base.replace(':0', `:${(app.server.address() as { port: number }).port}`);
    client = new KlantinteractiesClient({ url, token }, { timeoutMs: 2000, metrics: new Metrics() }, zaken);
  });
  afterAll(() => app.close());

  it('shows only the adressen that are, by their own data, the partij’s', async () => {
    const adressen = await client.adressen(suzanne);
    expect(adressen.map((a) => a.uuid).sort()).toEqual([moved, own].sort());
    expect(adressen.map((a) => a.adres)).not.toContain('0633333333');
  });

  it('removes or changes an adres only when, read again by itself, it is still the partij’s', async () => {
    for (const uuid of [foreign, atContact, moved]) expect(await client.remove(suzanne, uuid)).toBe(false);
    expect(deleted).toEqual([]);
    expect(await client.remove(suzanne, own)).toBe(true);
    expect(deleted).toEqual([own]);

    // Replacing the moved adres: it is not changed, a new one is made instead.
    await client.save(suzanne, 'telefoonnummer', '+31622222222', moved);
    expect(patched).toEqual([]);
    await client.save(suzanne, 'email', 'nieuw@example.nl', own);
    expect(patched).toEqual([own]);
  });

  it('reads at most 10 pages of klantcontacten, on the configured API, skips a malformed one, and says the list is incomplete', async () => {
    const log = warnings();
    const overview = await client.overview(suzanne, log);
    expect(overview.contactmomenten).toHaveLength(10);
    expect(overview.contactmomenten.map((c) => c.onderwerp)).not.toContain('Gesprek 999');
    expect(overview.incomplete).toBe(true);
    expect(log.lines).toEqual([
      { obj: { source: 'klantinteracties', skipped: 1 }, msg: 'klantcontacten skipped: they do not fit the Klantcontact schema' },
      { obj: expect.objectContaining({ source: 'klantinteracties', shown: 10 }), msg: 'klantcontacten cut off: more pages than Voordeur reads' },
    ]);
  });
});
