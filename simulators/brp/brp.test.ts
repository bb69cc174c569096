/**
 * Contract and behaviour tests of the BRP simulator. Every kind of answer it gives is checked
 * against the spec (through spec.ts, which handles what OpenAPI 3.1 and the discriminators need),
 * the `fields` rules against RvIG's feature files, and the portal's own BrpClient is run against
 * it, so that client and simulator are known to agree.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/platform/metrics.ts';
import { BrpClient, brpFields } from '../../src/sources/brp/brp.ts';
import { SourceUnavailableError } from '../../src/domain/availability.ts';
import { brpDemo } from '../data/brp-demo.ts';
import { testPersons } from '../data/test-identities.ts';
import { persoonFields, validFieldPaths } from './fields.ts';
import { registerBrpSimulator } from './index.ts';
import type { BrpSimulator } from './index.ts';
import { BrpSpec } from './spec.ts';

const apiKey = 'voordeur-test-brp-key';
const now = new Date('2026-03-10T10:00:00Z');
const spec = new BrpSpec();
/**
 * RvIG's own acceptance tests (features/…/fout-cases.feature) prescribe error texts that the
 * spec's patterns do not allow: detail "De foutieve parameter(s) zijn: fields[0].", invalidParams
 * names "fields[0]", reasons quoting a pattern, and a relative instance "/haalcentraal/api/brp/personen".
 * The simulator says what the API says; its error bodies are checked against the spec with exactly
 * those four constraints lifted (and the strict spec is shown to object to nothing else).
 */
const errorSpec = new BrpSpec((schemas: any) => {
  delete schemas.Foutbericht.properties.detail.pattern;
  delete schemas.Foutbericht.properties.instance.format;
  delete schemas.InvalidParam.properties.name.pattern;
  delete schemas.InvalidParam.properties.reason.pattern;
});

const suzanne = '999993653';
const jan = '999990019';
const lotte = '999990482';
const fatima = '999991772';
const anna = '999992570';
const thomas = '999991073';
const unknownBsn = '999990010';

interface Running {
  app: FastifyInstance;
  brp: BrpSimulator;
  /** POST /personen with a valid key; `headers` replace or (undefined) remove the defaults. */
  personen(body: unknown, headers?: Record<string, string | undefined>): Promise<Response>;
}

async function start(baseUrl = 'http://127.0.0.1:0', extra?: (app: FastifyInstance) => void): Promise<Running> {
  const app = Fastify({ logger: false });
  extra?.(app);
  const brp = await registerBrpSimulator(app, { baseUrl, apiKeys: [apiKey], now });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    brp,
    async personen(body, headers = {}) {
      const all: Record<string, string | undefined> = { 'x-api-key': apiKey, 'content-type': 'application/json', accept: 'application/json', ...headers };
      const sent: Record<string, string> = {};
      for (const [name, value] of Object.entries(all)) if (value !== undefined) sent[name] = value;
      return fetch(`${brp.url}/personen`, { method: 'POST', headers: sent, body: typeof body === 'string' ? body : JSON.stringify(body) });
    },
  };
}

const question = (bsns: string[], fields: string[]) => ({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: bsns, fields });

/** The 200 body, after checking status, content type and the spec. */
async function answer(response: Response): Promise<any> {
  const text = await response.text();
  expect(response.status, text.slice(0, 500)).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(spec.checkResponse(200, body)).toEqual([]);
  return body;
}

/** The error body, after checking status, content type and the spec (with the lifted constraints above). */
async function fout(response: Response, status: number): Promise<any> {
  const text = await response.text();
  expect(response.status, text.slice(0, 500)).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text);
  expect(body.status).toBe(status);
  const declared = [400, 401, 403, 406, 415, 429, 500, 503].includes(status);
  expect(declared ? errorSpec.checkResponse(status, body) : errorSpec.checkComponent('Foutbericht', body)).toEqual([]);
  return body;
}

describe('BRP simulator', () => {
  let sim: Running;
  beforeAll(async () => {
    sim = await start('http://127.0.0.1:0', (app) => {
      // Another simulator on the same instance, as in the demo: must not see the BRP's hooks.
      app.get('/oidc/ping', async () => ({ pong: true }));
    });
  });
  afterAll(() => sim.app.close());
  afterEach(() => {
    sim.brp.setFault('none');
    sim.brp.setLatency(0);
  });

  describe('contract: every answer fits the spec', () => {
    it('every demo person with every field: the whole record, plus leeftijd', async () => {
      const demo = brpDemo(now);
      const body = await answer(
        await sim.personen(
          question(
            demo.map((p) => p.burgerservicenummer!),
            Object.keys(persoonFields),
          ),
        ),
      );
      expect(body.type).toBe('RaadpleegMetBurgerservicenummer');
      expect(body.personen).toHaveLength(demo.length);
      for (const [i, persoon] of demo.entries()) {
        const { leeftijd, ...rest } = body.personen[i];
        expect(rest).toEqual(persoon);
        const birth = persoon.geboorte!.datum as { type: string; datum?: string };
        if (birth.type === 'Datum') {
          const [y, m, d] = birth.datum!.split('-').map(Number) as [number, number, number];
          const birthdayPassed = now.getUTCMonth() + 1 > m || (now.getUTCMonth() + 1 === m && now.getUTCDate() >= d);
          expect(leeftijd).toBe(now.getUTCFullYear() - y - (birthdayPassed ? 0 : 1));
        }
      }
      // The demo has each kind of date and verblijfplaats the brief asks for.
      const json = JSON.stringify(body);
      for (const kind of [
        '"type":"Datum"',
        '"type":"JaarMaandDatum"',
        '"type":"Adres"',
        '"type":"VerblijfplaatsBuitenland"',
        '"ontbindingHuwelijkPartnerschap"',
      ])
        expect(json).toContain(kind);
    });

    it('every test person with the portal’s fields; an unknown BSN gives no one', async () => {
      for (const person of testPersons) {
        const body = await answer(await sim.personen(question([person.bsn], [...brpFields])));
        expect(body.personen).toHaveLength(1);
        expect(body.personen[0].naam.geslachtsnaam).toBe(person.geslachtsnaam);
        expect(body.personen[0].naam.voornamen).toBe(person.voornamen);
        expect(body.personen[0].geboorte.datum).toEqual({ type: 'Datum', datum: person.geboortedatum, langFormaat: expect.any(String) });
      }
      expect(await answer(await sim.personen(question([unknownBsn], ['naam'])))).toEqual({ type: 'RaadpleegMetBurgerservicenummer', personen: [] });
    });

    it('the demo’s persons in the spec’s Persoon, and the portal’s question in the spec’s RaadpleegMetBurgerservicenummer', () => {
      for (const persoon of brpDemo(now)) expect(spec.checkComponent('Persoon', persoon)).toEqual([]);
      expect(spec.checkComponent('PersonenQuery', question([suzanne], [...brpFields]))).toEqual([]);
    });

    it('the error answers; the strict spec objects only to the four texts RvIG’s features prescribe', async () => {
      const bad = await fout(await sim.personen(question(['12345678'], ['naam', 'bestaatNiet'])), 400);
      const objections = spec.checkResponse(400, bad).map((e) => e.split(' ')[3]);
      // invalidParams/1 is "Parameter bevat een niet bestaande veldnaam.", which fits; the pattern quoted in /0 does not.
      expect(new Set(objections)).toEqual(new Set(['/detail', '/instance', '/invalidParams/0/name', '/invalidParams/0/reason', '/invalidParams/1/name']));
      await fout(await sim.personen(question([suzanne], ['naam']), { 'x-api-key': undefined }), 401);
      await fout(await sim.personen(question([suzanne], ['naam']), { 'x-api-key': 'wrong' }), 403);
      await fout(await sim.personen(question([suzanne], ['naam']), { accept: 'application/xml' }), 406);
      await fout(await sim.personen('burgerservicenummer=999993653', { 'content-type': 'text/plain' }), 415);
      await fout(await sim.personen('{"type":', {}), 400);
      await fout(await fetch(`${sim.brp.url}/reisdocumenten`, { headers: { 'x-api-key': apiKey } }), 404);
      sim.brp.setFault('down');
      await fout(await sim.personen(question([suzanne], ['naam'])), 503);
    });
  });

  describe('fields: only what is asked for', () => {
    const ask = async (bsn: string, fields: string[]) => (await answer(await sim.personen(question([bsn], fields)))).personen[0];

    it('a field of a group gives that field only; a group gives all its fields', async () => {
      expect(await ask(suzanne, ['naam.voornamen'])).toEqual({ naam: { voornamen: 'Suzanne' } });
      expect(await ask(suzanne, ['naam.voornamen', 'naam.geslachtsnaam', 'burgerservicenummer'])).toEqual({
        burgerservicenummer: suzanne,
        naam: { voornamen: 'Suzanne', geslachtsnaam: 'Vries' },
      });
      expect(await ask(suzanne, ['naam'])).toEqual({
        naam: {
          voornamen: 'Suzanne',
          voorvoegsel: 'de',
          geslachtsnaam: 'Vries',
          voorletters: 'S.',
          volledigeNaam: 'Suzanne de Vries',
          aanduidingNaamgebruik: { code: 'E', omschrijving: 'eigen geslachtsnaam' },
        },
      });
      expect(await ask(suzanne, ['partners.naam.geslachtsnaam', 'kinderen.naam.voornamen'])).toEqual({
        partners: [{ naam: { geslachtsnaam: 'Bos' } }],
        kinderen: [{ naam: { voornamen: 'Noor' } }, { naam: { voornamen: 'Daan Pieter' } }],
      });
    });

    it('any field of a date or a Waardetabel gives all of it, whatever the date’s kind', async () => {
      const whole = { type: 'Datum', datum: '1985-03-14', langFormaat: '14 maart 1985' };
      for (const path of ['geboorte.datum', 'geboorte.datum.jaar', 'geboorte.datum.langFormaat', 'geboorte.datum.onbekend']) {
        expect(await ask(suzanne, [path])).toEqual({ geboorte: { datum: whole } });
      }
      expect((await ask(jan, ['partners.geboorte.datum.datum'])).partners[0].geboorte.datum).toEqual({
        type: 'JaarMaandDatum',
        jaar: 1946,
        maand: 5,
        langFormaat: 'mei 1946',
      });
      expect(await ask(suzanne, ['geslacht.code'])).toEqual({ geslacht: { code: 'V', omschrijving: 'vrouw' } });
    });

    it('a polymorphic object keeps its type; a field without a value is left out, and so is what ends up empty', async () => {
      expect(await ask(suzanne, ['verblijfplaats.verblijfadres.postcode'])).toEqual({
        verblijfplaats: { type: 'Adres', verblijfadres: { postcode: '1234KL' } },
      });
      expect(await ask(thomas, ['verblijfplaats.verblijfadres.regel2'])).toMatchObject({
        verblijfplaats: { type: 'VerblijfplaatsBuitenland', verblijfadres: { regel2: '2960 Brecht' } },
      });
      expect(await ask(suzanne, ['nationaliteiten.nationaliteit'])).toEqual({
        nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0001', omschrijving: 'Nederlandse' } }],
      });
      expect(await ask(suzanne, ['naam.adellijkeTitelPredicaat', 'overlijden'])).toEqual({});
      expect(await ask(anna, ['partners', 'kinderen'])).toEqual({});
    });

    it('computes leeftijd on the day of the question', async () => {
      // Born 1985-03-14, asked 2026-03-10: 40, her 41st birthday is days away.
      expect(await ask(suzanne, ['leeftijd'])).toEqual({ leeftijd: 40 });
    });

    it('delivers geheimhouding (when true), opschortingBijhouding and inOnderzoek without being asked', async () => {
      expect(await ask(fatima, ['naam.geslachtsnaam'])).toEqual({ naam: { geslachtsnaam: 'El Amrani' }, geheimhoudingPersoonsgegevens: true });
      expect(await ask(suzanne, ['naam.geslachtsnaam'])).toEqual({ naam: { geslachtsnaam: 'Vries' } });
      expect(await ask(thomas, ['burgerservicenummer'])).toEqual({
        burgerservicenummer: thomas,
        opschortingBijhouding: {
          reden: { code: 'E', omschrijving: 'emigratie' },
          datum: { type: 'Datum', datum: '2015-09-01', langFormaat: '1 september 2015' },
        },
      });
      const verblijf = (await ask(anna, ['verblijfplaats.datumVan'])).verblijfplaats;
      expect(verblijf).toEqual({
        type: 'Adres',
        datumVan: { type: 'Datum', datum: '2026-02-18', langFormaat: '18 februari 2026' },
        inOnderzoek: expect.objectContaining({ datumVan: true }),
      });
      expect(await ask(anna, ['naam.voornamen'])).toEqual({ naam: { voornamen: 'Anna' } });
    });

    it('refuses automatic fields, inOnderzoek and paths that do not exist, naming each by its index', async () => {
      const body = await fout(
        await sim.personen(question([suzanne], ['naam', 'geheimhoudingPersoonsgegevens', 'naam.inOnderzoek', 'anummer', 'gezag.ouders', 'a*nummer'])),
        400,
      );
      expect(body).toEqual({
        type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
        title: 'Een of meerdere parameters zijn niet correct.',
        status: 400,
        detail: 'De foutieve parameter(s) zijn: fields[1], fields[2], fields[3], fields[4], fields[5].',
        instance: '/haalcentraal/api/brp/personen',
        code: 'paramsValidation',
        invalidParams: [
          { name: 'fields[1]', code: 'fields', reason: 'Parameter bevat een niet toegestane veldnaam.' },
          { name: 'fields[2]', code: 'fields', reason: 'Parameter bevat een niet toegestane veldnaam.' },
          { name: 'fields[3]', code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' },
          { name: 'fields[4]', code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' },
          { name: 'fields[5]', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,200}$.' },
        ],
      });
      const empty = await fout(await sim.personen(question([suzanne], [])), 400);
      expect(empty.invalidParams).toEqual([{ name: 'fields', code: 'minItems', reason: 'Array bevat minder dan 1 items.' }]);
    });

    it('accepts exactly the field paths of the spec’s Persoon (without inOnderzoek and the automatic fields)', () => {
      expect(validFieldPaths().sort()).toEqual(specFieldPaths(spec).sort());
    });
  });

  describe('the question', () => {
    it('answers several BSNs in the order asked, once each, leaving out the unknown', async () => {
      const body = await answer(await sim.personen(question([jan, unknownBsn, suzanne, jan], ['burgerservicenummer'])));
      expect(body.personen).toEqual([{ burgerservicenummer: jan }, { burgerservicenummer: suzanne }]);
    });

    it('narrows to a gemeenteVanInschrijving when one is given', async () => {
      const ask = (gemeente: string) => sim.personen({ ...question([suzanne, thomas], ['burgerservicenummer']), gemeenteVanInschrijving: gemeente });
      expect((await answer(await ask('9999'))).personen).toEqual([{ burgerservicenummer: suzanne }]);
      expect((await answer(await ask('1999'))).personen).toEqual([{ burgerservicenummer: thomas, opschortingBijhouding: expect.any(Object) }]);
      expect((await answer(await ask('0344'))).personen).toEqual([]);
      expect((await fout(await ask('Voorbeeldstad'), 400)).invalidParams).toEqual([
        { name: 'gemeenteVanInschrijving', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{4}$.' },
      ]);
    });

    it('refuses a BSN that is not nine digits, with its index', async () => {
      const body = await fout(await sim.personen(question(['12345678', suzanne, '1234567890'], ['naam'])), 400);
      expect(body.detail).toBe('De foutieve parameter(s) zijn: burgerservicenummer[0], burgerservicenummer[2].');
      expect(body.invalidParams).toEqual([
        { name: 'burgerservicenummer[0]', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.' },
        { name: 'burgerservicenummer[2]', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.' },
      ]);
    });

    it('answers RaadpleegMetBurgerservicenummer only: another type is a 400', async () => {
      for (const type of ['ZoekMetGeslachtsnaamEnGeboortedatum', 'raadpleegmetburgerservicenummer', '']) {
        const body = await fout(await sim.personen({ type, geslachtsnaam: 'Vries', geboortedatum: '1985-03-14', fields: ['naam'] }), 400);
        expect(body.invalidParams).toEqual([{ name: 'type', code: 'value', reason: 'Waarde is geen geldig zoek type.' }]);
      }
    });

    it('wants fields and burgerservicenummer, and no parameters of other search types', async () => {
      const missing = await fout(await sim.personen({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [suzanne] }), 400);
      expect(missing).toMatchObject({
        title: 'Minimale combinatie van parameters moet worden opgegeven.',
        code: 'paramsCombination',
        invalidParams: [{ name: 'fields', code: 'required', reason: 'Parameter is verplicht.' }],
      });
      const extra = await fout(await sim.personen({ ...question([suzanne], ['naam']), voornamen: 'Suzanne' }), 400);
      expect(extra.invalidParams).toEqual([{ name: 'voornamen', code: 'unknownParam', reason: 'Parameter is niet verwacht.' }]);
      const notArray = await fout(await sim.personen({ ...question([suzanne], []), fields: 'naam,geboorte' }), 400);
      expect(notArray.invalidParams).toEqual([{ name: 'fields', code: 'array', reason: 'Parameter is geen array.' }]);
    });
  });

  describe('API key', () => {
    it('401 without X-API-KEY, 403 with a key it does not know; neither question is seen', async () => {
      await sim.personen(question([jan], ['naam']));
      expect((await fout(await sim.personen(question([suzanne], ['naam']), { 'x-api-key': undefined }), 401)).title).toBe('Niet correct geauthenticeerd.');
      expect((await fout(await sim.personen(question([suzanne], ['naam']), { 'x-api-key': 'not-the-key' }), 403)).code).toBe('autorisation');
      expect(sim.brp.lastRequest()).toEqual(question([jan], ['naam']));
    });
  });

  describe('faults, latency and request counts', () => {
    it("'down' answers 503 with a Foutbericht, and the other simulator on the instance is not affected", async () => {
      sim.brp.setFault('down');
      expect((await fout(await sim.personen(question([suzanne], ['naam'])), 503)).code).toBe('notAvailable');
      const other = await fetch(`${sim.brp.url.replace('/haalcentraal/api/brp', '')}/oidc/ping`);
      expect(await other.json()).toEqual({ pong: true });
      // The BRP's 404 stays inside its scope too.
      const outside = await fetch(`${sim.brp.url.replace('/haalcentraal/api/brp', '')}/elders`);
      expect(outside.status).toBe(404);
      expect(outside.headers.get('content-type')).not.toMatch(/problem/);
    });

    it("'garbage' answers 200 with a body that is not the spec's: wrong JSON, then HTML", async () => {
      sim.brp.setFault('garbage');
      const first = await sim.personen(question([suzanne], ['naam']));
      expect(first.status).toBe(200);
      const body = await first.json();
      expect(body).toEqual({ unexpected: true });
      expect(spec.checkResponse(200, body)).not.toEqual([]);
      const second = await sim.personen(question([suzanne], ['naam']));
      expect(second.status).toBe(200);
      expect(second.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await second.text()).toContain('<html');
    });

    it("'hang' holds requests until the fault is lifted", async () => {
      sim.brp.setFault('hang');
      const held = sim.personen(question([suzanne], ['naam']));
      const outcome = await Promise.race([held.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
      expect(outcome).toBe('still waiting');
      sim.brp.setFault('none');
      expect((await answer(await held)).personen).toHaveLength(1);
    });

    it('a held request does not keep the app from closing', async () => {
      const other = await start();
      other.brp.setFault('hang');
      const held = other.personen(question([suzanne], ['naam']));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await other.app.close();
      expect((await held).status).toBe(503);
    });

    it('adds latency before every answer', async () => {
      sim.brp.setLatency(250);
      const startedAt = performance.now();
      await answer(await sim.personen(question([suzanne], ['naam'])));
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(240);
    });

    it('counts every request, refused ones too', async () => {
      sim.brp.resetCounts();
      await sim.personen(question([suzanne], ['naam']));
      await sim.personen(question([suzanne], ['naam']), { 'x-api-key': undefined });
      expect(sim.brp.requestCount()).toBe(2);
      sim.brp.resetCounts();
      expect(sim.brp.requestCount()).toBe(0);
    });
  });
});

describe('BRP simulator options', () => {
  it('serves under the path of baseUrl', async () => {
    const sim = await start('http://127.0.0.1:0/bronnen/');
    try {
      expect(sim.brp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bronnen\/haalcentraal\/api\/brp$/);
      const body = await answer(await sim.personen(question([suzanne], ['burgerservicenummer'])));
      expect(body.personen).toEqual([{ burgerservicenummer: suzanne }]);
      expect((await fout(await sim.personen(question(['1'], ['naam'])), 400)).instance).toBe('/bronnen/haalcentraal/api/brp/personen');
    } finally {
      await sim.app.close();
    }
  });
});

describe("the portal's BrpClient against the simulator", () => {
  let sim: Running;
  let client: BrpClient;
  beforeAll(async () => {
    sim = await start();
    client = new BrpClient({ url: sim.brp.url, apiKey }, { timeoutMs: 2000, metrics: new Metrics() });
  });
  afterAll(() => sim.app.close());

  it('maps Suzanne: name, birth, address lines, partner and two children; asks only the fields it shows', async () => {
    expect(await client.persoon(suzanne)).toEqual({
      naam: 'Suzanne de Vries',
      voornamen: 'Suzanne',
      geboortedatum: { iso: '1985-03-14', tekst: '14 maart 1985' },
      geboorteplaats: 'Utrecht',
      geboorteland: 'Nederland',
      nationaliteiten: ['Nederlandse'],
      adres: ['Kastanjelaan 12', '1234KL Voorbeeldstad'],
      adresSinds: { iso: '2013-04-01', tekst: '1 april 2013' },
      partners: [
        {
          naam: 'Martijn Willem Bos',
          geboortedatum: { iso: '1983-08-02', tekst: '2 augustus 1983' },
          soortVerbintenis: 'huwelijk',
          sinds: { iso: '2012-06-15', tekst: '15 juni 2012' },
        },
      ],
      kinderen: [
        { naam: 'Noor Bos', geboortedatum: { iso: '2014-04-22', tekst: '22 april 2014' } },
        { naam: 'Daan Pieter Bos', geboortedatum: { iso: '2017-10-05', tekst: '5 oktober 2017' } },
      ],
      geheimhouding: false,
    });
    expect(sim.brp.lastRequest()).toEqual(question([suzanne], [...brpFields]));
    expect(spec.checkComponent('PersonenQuery', sim.brp.lastRequest())).toEqual([]);
  });

  it('maps the other cases: an ex-partner is not a partner, a date without a day, an address abroad, geheimhouding, huisletter and toevoeging', async () => {
    const lotteP = (await client.persoon(lotte))!;
    expect(lotteP.partners).toEqual([]);
    expect(lotteP.adres).toEqual(['Stationsweg 45-2', '1234ST Voorbeeldstad']);
    expect((await client.persoon(jan))!.partners[0]).toMatchObject({ naam: 'Maria Elisabeth Peeters', geboortedatum: { iso: undefined, tekst: 'mei 1946' } });
    expect((await client.persoon(thomas))!.adres).toEqual(['Kapelstraat 17', '2960 Brecht', 'Provincie Antwerpen', 'België']);
    const fatimaP = (await client.persoon(fatima))!;
    expect(fatimaP.geheimhouding).toBe(true);
    expect(fatimaP.adres).toEqual(['Esdoornstraat 21A', '1234ES Voorbeeldstad']);
    expect(fatimaP.kinderen).toHaveLength(2);
  });

  it('null for a BSN the BRP does not know; SourceUnavailableError when the BRP is down or talks nonsense', async () => {
    expect(await client.persoon(unknownBsn)).toBeNull();
    sim.brp.setFault('down');
    await expect(client.persoon(suzanne)).rejects.toBeInstanceOf(SourceUnavailableError);
    sim.brp.setFault('garbage');
    await expect(client.persoon(suzanne)).rejects.toMatchObject({ source: 'brp', reason: 'invalid' });
    sim.brp.setFault('none');
    const wrongKey = new BrpClient({ url: sim.brp.url, apiKey: 'wrong' }, { timeoutMs: 2000, metrics: new Metrics() });
    await expect(wrongKey.persoon(suzanne)).rejects.toMatchObject({ source: 'brp', reason: 'status' });
  });
});

/** Every field path of the spec's Persoon: properties through $ref, allOf, discriminator variants and arrays. */
function specFieldPaths(brpSpec: BrpSpec): string[] {
  const schemas = brpSpec.schemas as Record<string, any>;
  const resolve = (node: any): any => (node?.$ref ? schemas[node.$ref.replace('#/components/schemas/', '')] : node);
  /** Property name → every schema it has in `nodes` (variants may each define it). */
  const properties = (nodes: any[], seen = new Set<any>()): Map<string, any[]> => {
    const out = new Map<string, any[]>();
    const add = (name: string, schema: any) => out.set(name, [...(out.get(name) ?? []), schema]);
    const visit = (raw: any) => {
      const node = resolve(raw);
      if (!node || seen.has(node)) return;
      seen.add(node);
      if (node.type === 'array') return visit(node.items);
      for (const [name, schema] of Object.entries(node.properties ?? {})) add(name, schema);
      for (const part of node.allOf ?? []) visit(part);
      for (const variant of Object.values<string>(node.discriminator?.mapping ?? {})) visit({ $ref: variant });
    };
    for (const node of nodes) visit(node);
    return out;
  };
  const walk = (nodes: any[], prefix: string): string[] =>
    [...properties(nodes)].flatMap(([name, subs]) => {
      const path = prefix + name;
      if (name === 'inOnderzoek') return [];
      if (prefix === '' && ['geheimhoudingPersoonsgegevens', 'opschortingBijhouding', 'rni', 'verificatie'].includes(name)) return [];
      if (path === 'gezag') return [path];
      return [path, ...walk(subs, `${path}.`)];
    });
  return walk([{ $ref: '#/components/schemas/Persoon' }], '');
}
