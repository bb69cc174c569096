/**
 * Behaviour tests of the KvK simulator: the shapes a client reads (see index.ts for where they come
 * from), the demo companies, the API key, the KvK's error bodies, faults and the Fastify scope.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCompanies } from '../data/test-identities.ts';
import { registerKvkSimulator } from './index.ts';
import type { KvkSimulator } from './index.ts';

const apiKey = 'voordeur-test-kvk-key';

interface Running {
  app: FastifyInstance;
  kvk: KvkSimulator;
  get(path: string, headers?: Record<string, string | undefined>): Promise<Response>;
}

async function start(baseUrl = 'http://127.0.0.1:0', extra?: (app: FastifyInstance) => void): Promise<Running> {
  const app = Fastify({ logger: false });
  extra?.(app);
  const kvk = await registerKvkSimulator(app, { baseUrl, apiKeys: [apiKey] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    kvk,
    get(path, headers = {}) {
      const all: Record<string, string | undefined> = { apikey: apiKey, accept: 'application/json', ...headers };
      const sent: Record<string, string> = {};
      for (const [name, value] of Object.entries(all)) if (value !== undefined) sent[name] = value;
      return fetch(path.startsWith('http') ? path : `${kvk.url}${path}`, { headers: sent });
    },
  };
}

async function json(response: Response, status = 200): Promise<any> {
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(text);
}

/** The KvK's Error body with exactly one Fout. */
async function fout(response: Response, status: number, code: string): Promise<string> {
  const body = await json(response, status);
  expect(body).toEqual({ fout: [{ code, omschrijving: expect.any(String) }] });
  return body.fout[0].omschrijving;
}

const adresShape = {
  type: expect.stringMatching(/^(bezoekadres|correspondentieadres)$/),
  indAfgeschermd: 'Nee',
  volledigAdres: expect.any(String),
  straatnaam: expect.any(String),
  postcode: expect.stringMatching(/^\d{4}[A-Z]{2}$/),
  plaats: 'Voorbeeldstad',
  land: 'Nederland',
};

describe('KvK simulator', () => {
  let sim: Running;
  beforeAll(async () => {
    sim = await start('http://127.0.0.1:0', (app) => app.get('/oidc/ping', async () => ({ pong: true })));
  });
  afterAll(() => sim.app.close());
  afterEach(() => {
    sim.kvk.setFault('none');
    sim.kvk.setLatency(0);
  });

  describe('the demo companies in the API’s shapes', () => {
    it('basisprofiel, vestigingen and each vestigingsprofiel of every test company, with links that lead somewhere', async () => {
      for (const company of testCompanies) {
        const profiel = await json(await sim.get(`/basisprofielen/${company.kvkNummer}`));
        expect(profiel).toMatchObject({
          kvkNummer: company.kvkNummer,
          naam: company.naam,
          formeleRegistratiedatum: expect.stringMatching(/^\d{8}$/),
          materieleRegistratie: { datumAanvang: expect.stringMatching(/^\d{8}$/) },
          indNonMailing: expect.stringMatching(/^(Ja|Nee)$/),
          totaalWerkzamePersonen: expect.any(Number),
        });
        expect(profiel.handelsnamen.map((h: any) => h.volgorde)).toEqual(profiel.handelsnamen.map((_: unknown, i: number) => i));
        expect(profiel.handelsnamen[0].naam).toBe(company.naam);
        for (const a of profiel.sbiActiviteiten)
          expect(a).toEqual({
            sbiCode: expect.stringMatching(/^\d{4,5}$/),
            sbiOmschrijving: expect.any(String),
            indHoofdactiviteit: expect.stringMatching(/^(Ja|Nee)$/),
          });
        expect(profiel.sbiActiviteiten.filter((a: any) => a.indHoofdactiviteit === 'Ja')).toHaveLength(1);
        const { hoofdvestiging, eigenaar } = profiel._embedded;
        expect(hoofdvestiging).toMatchObject({
          vestigingsnummer: company.vestigingen[0]!.vestigingsnummer,
          indHoofdvestiging: 'Ja',
          eersteHandelsnaam: company.vestigingen[0]!.naam,
        });
        expect(hoofdvestiging).not.toHaveProperty('rsin');
        expect(hoofdvestiging).not.toHaveProperty('handelsnamen');
        for (const adres of hoofdvestiging.adressen) expect(adres).toMatchObject(adresShape);
        expect(eigenaar).toMatchObject({ rechtsvorm: expect.any(String), uitgebreideRechtsvorm: expect.any(String) });

        const lijst = await json(await sim.get(`/basisprofielen/${company.kvkNummer}/vestigingen`));
        expect(lijst).toMatchObject({ kvkNummer: company.kvkNummer, totaalAantalVestigingen: company.vestigingen.length });
        expect(lijst.aantalCommercieleVestigingen + lijst.aantalNietCommercieleVestigingen).toBe(company.vestigingen.length);
        expect(lijst.vestigingen.map((v: any) => [v.vestigingsnummer, v.eersteHandelsnaam, v.indHoofdvestiging])).toEqual(
          company.vestigingen.map((v, i) => [v.vestigingsnummer, v.naam, i === 0 ? 'Ja' : 'Nee']),
        );

        for (const listed of lijst.vestigingen) {
          const href = listed.links.find((l: any) => l.rel === 'vestigingsprofiel').href;
          const vestiging = await json(await sim.get(href));
          expect(vestiging).toMatchObject({
            vestigingsnummer: listed.vestigingsnummer,
            kvkNummer: company.kvkNummer,
            eersteHandelsnaam: listed.eersteHandelsnaam,
            indHoofdvestiging: listed.indHoofdvestiging,
          });
          expect(vestiging.adressen.filter((a: any) => a.type === 'bezoekadres')).toHaveLength(1);
          for (const adres of vestiging.adressen) expect(adres).toMatchObject(adresShape);
          expect(vestiging.totaalWerkzamePersonen).toBe(vestiging.voltijdWerkzamePersonen + vestiging.deeltijdWerkzamePersonen);
        }
        const links = [...profiel.links, ...hoofdvestiging.links, ...eigenaar.links, ...lijst.links].map((l: any) => l.href);
        for (const href of new Set(links)) expect((await sim.get(href)).status, href).toBe(200);
      }
    });

    it('the addresses as the KvK gives them: correspondentieadres first, a postbus, a huisletter', async () => {
      const stichting = await json(await sim.get('/basisprofielen/90001745'));
      expect(stichting._embedded.hoofdvestiging.adressen.map((a: any) => a.type)).toEqual(['correspondentieadres', 'bezoekadres']);
      expect(stichting._embedded.hoofdvestiging.adressen[0]).toMatchObject({
        straatnaam: 'Postbus',
        postbusnummer: 123,
        volledigAdres: 'Postbus 123 1230AA Voorbeeldstad',
      });
      expect(stichting._embedded.hoofdvestiging.adressen[0]).not.toHaveProperty('huisnummer');
      const stationsplein = await json(await sim.get('/vestigingsprofielen/000038509520'));
      expect(stationsplein.adressen[0]).toMatchObject({
        straatnaam: 'Stationsplein',
        huisnummer: 1,
        huisletter: 'B',
        volledigAdres: 'Stationsplein 1 B 1234SP Voorbeeldstad',
      });
    });

    it('an eenmanszaak has no rsin and no statutaire naam; a B.V. and a stichting have an rsin', async () => {
      const fietsenmaker = await json(await sim.get('/basisprofielen/68750110'));
      expect(fietsenmaker).not.toHaveProperty('statutaireNaam');
      expect(fietsenmaker._embedded.eigenaar).not.toHaveProperty('rsin');
      expect(fietsenmaker._embedded.eigenaar.rechtsvorm).toBe('Eenmanszaak');
      for (const kvkNummer of ['69599084', '90001745'])
        expect((await json(await sim.get(`/basisprofielen/${kvkNummer}`)))._embedded.eigenaar.rsin).toMatch(/^\d{9}$/);
    });
  });

  describe('errors in the KvK’s shape', () => {
    it('404 IPD0005 for an unknown KvK number, 404 IPD0007 for an unknown vestigingsnummer', async () => {
      expect(await fout(await sim.get('/basisprofielen/12345678'), 404, 'IPD0005')).toContain('12345678');
      await fout(await sim.get('/basisprofielen/12345678/vestigingen'), 404, 'IPD0005');
      expect(await fout(await sim.get('/vestigingsprofielen/000000000001'), 404, 'IPD0007')).toContain('000000000001');
    });

    it('400 IPD0004/IPD0006 for numbers of the wrong form, IPD1999 for unknown query parameters', async () => {
      await fout(await sim.get('/basisprofielen/1234'), 400, 'IPD0004');
      await fout(await sim.get('/vestigingsprofielen/38509504'), 400, 'IPD0006');
      expect(await fout(await sim.get('/basisprofielen/69599084?include=eigenaar'), 400, 'IPD1999')).toContain('include');
      await fout(await sim.get('/basisprofielen/69599084/vestigingen?geoData=true'), 400, 'IPD1999');
      await fout(await sim.get('/basisprofielen/69599084?geoData=misschien'), 400, 'IPD1998');
      await json(await sim.get('/basisprofielen/69599084?geoData=true'));
    });

    it('401 without an apikey header or with one it does not know', async () => {
      await fout(await sim.get('/basisprofielen/69599084', { apikey: undefined }), 401, 'UNAUTHORIZED');
      await fout(await sim.get('/basisprofielen/69599084', { apikey: 'wrong' }), 401, 'UNAUTHORIZED');
      // The key goes in `apikey`, not in Authorization.
      await fout(await sim.get('/basisprofielen/69599084', { apikey: undefined, authorization: `Bearer ${apiKey}` }), 401, 'UNAUTHORIZED');
    });

    it('404 IPD0001 for a path the API does not have; paths outside it are not its business', async () => {
      await fout(await sim.get('/zoeken?kvkNummer=69599084'), 404, 'IPD0001');
      const root = sim.kvk.url.replace('/kvk/api/v1', '');
      expect(await (await fetch(`${root}/oidc/ping`)).json()).toEqual({ pong: true });
      const outside = await fetch(`${root}/elders`);
      expect(outside.status).toBe(404);
      expect(await outside.text()).not.toContain('fout');
    });
  });

  describe('faults, latency and request counts', () => {
    it("'down' answers 503 with IPD1003; the other simulator on the instance is not affected", async () => {
      sim.kvk.setFault('down');
      await fout(await sim.get('/basisprofielen/69599084'), 503, 'IPD1003');
      expect((await fetch(`${sim.kvk.url.replace('/kvk/api/v1', '')}/oidc/ping`)).status).toBe(200);
    });

    it("'garbage' answers 200 with wrong JSON, then HTML", async () => {
      sim.kvk.setFault('garbage');
      expect(await json(await sim.get('/basisprofielen/69599084'))).toEqual({ unexpected: true });
      const html = await sim.get('/basisprofielen/69599084');
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await html.text()).toContain('<html');
    });

    it("'hang' holds requests until the fault is lifted, and does not keep the app from closing", async () => {
      sim.kvk.setFault('hang');
      const held = sim.get('/basisprofielen/69599084');
      const outcome = await Promise.race([held.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
      expect(outcome).toBe('still waiting');
      sim.kvk.setFault('none');
      expect((await json(await held)).kvkNummer).toBe('69599084');

      const other = await start();
      other.kvk.setFault('hang');
      const closing = other.get('/basisprofielen/69599084');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await other.app.close();
      expect((await closing).status).toBe(503);
    });

    it('adds latency, and counts every request', async () => {
      sim.kvk.resetCounts();
      sim.kvk.setLatency(200);
      const startedAt = performance.now();
      await json(await sim.get('/basisprofielen/69599084'));
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(190);
      await sim.get('/basisprofielen/69599084', { apikey: undefined });
      expect(sim.kvk.requestCount()).toBe(2);
      sim.kvk.resetCounts();
      expect(sim.kvk.requestCount()).toBe(0);
    });
  });
});

describe('KvK simulator options', () => {
  it('serves under the path of baseUrl, with links to match', async () => {
    const sim = await start('http://127.0.0.1:0/bronnen');
    try {
      expect(sim.kvk.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bronnen\/kvk\/api\/v1$/);
      const profiel = await json(await sim.get('/basisprofielen/69599084'));
      expect(profiel.links[0]).toEqual({ rel: 'self', href: `${sim.kvk.url}/basisprofielen/69599084` });
    } finally {
      await sim.app.close();
    }
  });
});
