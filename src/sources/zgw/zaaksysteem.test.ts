/**
 * The ZGW source against a small hand-made zaaksysteem whose answers each test shapes: the
 * cases the simulator does not produce (a zaak that fails its schema, a zaaktype of another
 * catalogue, URLs that point elsewhere, thousands of zaken), and what is sent (headers).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Subject } from '../../domain/identity.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { inApi, ZaaksysteemClient, type ZaaksysteemOptions } from './zaaksysteem.ts';

const bsn = '999993653';
const suzanne: Subject = { type: 'persoon', bsn };
const uuid = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Seen {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A fake Open Zaak: zaken, rollen, statussen, zaaktypen; and a host that must never be called. */
class FakeZgw {
  app: FastifyInstance = Fastify({ logger: false });
  evil: FastifyInstance = Fastify({ logger: false });
  base = '';
  evilBase = '';
  seen: Seen[] = [];
  evilHits: string[] = [];
  pageSize = 100;
  statusDelayMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  zaaktypenInFlight = 0;
  maxZaaktypenInFlight = 0;
  zaken: Record<string, unknown>[] = [];
  rollen: { zaak: string; omschrijvingGeneriek: string; inpBsn: string }[] = [];
  zaaktypen = new Map<string, Record<string, unknown>>();
  statussen = new Map<string, Record<string, unknown>>();

  get zakenApi() {
    return `${this.base}/zaken/api/v1`;
  }
  get catalogiApi() {
    return `${this.base}/catalogi/api/v1`;
  }
  get documentenApi() {
    return `${this.base}/documenten/api/v1`;
  }

  async start(): Promise<void> {
    const page = (request: { url: string }, items: unknown[]) => {
      const url = new URL(request.url, this.base);
      const number = Number(url.searchParams.get('page') ?? '1');
      const results = items.slice((number - 1) * this.pageSize, number * this.pageSize);
      url.searchParams.set('page', String(number + 1));
      const next = number * this.pageSize < items.length ? `${this.base}${url.pathname}${url.search}` : null;
      return { count: items.length, next, previous: null, results };
    };
    this.app.addHook('onRequest', async (request) => {
      this.seen.push({ url: request.url, headers: request.headers });
    });
    this.app.get('/zaken/api/v1/zaken', async (request) => page(request, this.zaken));
    this.app.get<{ Params: { id: string } }>('/zaken/api/v1/zaken/:id', async (request, reply) => {
      const zaak = this.zaken.find((z) => z.uuid === request.params.id);
      return zaak ? { bronorganisatie: '002220647', ...zaak } : reply.code(404).send({});
    });
    this.app.get<{ Querystring: Record<string, string> }>('/zaken/api/v1/rollen', async (request) => {
      const q = request.query;
      const rollen = this.rollen
        .filter((r) => !q.zaak || r.zaak === q.zaak)
        .filter((r) => !q.omschrijvingGeneriek || r.omschrijvingGeneriek === q.omschrijvingGeneriek)
        .filter((r) => !q.betrokkeneIdentificatie__natuurlijkPersoon__inpBsn || r.inpBsn === q.betrokkeneIdentificatie__natuurlijkPersoon__inpBsn)
        .map((r, i) => ({
          url: `${this.zakenApi}/rollen/${i}`,
          zaak: r.zaak,
          betrokkeneType: 'natuurlijk_persoon',
          omschrijvingGeneriek: r.omschrijvingGeneriek,
          betrokkeneIdentificatie: { inpBsn: r.inpBsn },
        }));
      return page(request, rollen);
    });
    this.app.get('/zaken/api/v1/statussen', async (request) => page(request, []));
    this.app.get('/zaken/api/v1/zaakinformatieobjecten', async () => [
      {
        url: `${this.zakenApi}/zaakinformatieobjecten/1`,
        informatieobject: `${this.evilBase}/documenten/api/v1/enkelvoudiginformatieobjecten/1`,
        zaak: `${this.zakenApi}/zaken/${uuid(1)}`,
      },
    ]);
    this.app.get<{ Params: { id: string } }>('/zaken/api/v1/statussen/:id', async (request, reply) => {
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      await new Promise((resolve) => setTimeout(resolve, this.statusDelayMs));
      this.inFlight--;
      const status = this.statussen.get(request.params.id);
      return status ?? reply.code(404).send({});
    });
    this.app.get<{ Params: { id: string } }>('/catalogi/api/v1/zaaktypen/:id', async (request, reply) => {
      this.zaaktypenInFlight++;
      this.maxZaaktypenInFlight = Math.max(this.maxZaaktypenInFlight, this.zaaktypenInFlight);
      await new Promise((resolve) => setTimeout(resolve, this.statusDelayMs));
      this.zaaktypenInFlight--;
      const zaaktype = this.zaaktypen.get(request.params.id);
      return zaaktype ?? reply.code(404).send({});
    });
    this.app.get('/catalogi/api/v1/statustypen', async (request) =>
      page(request, [{ url: `${this.catalogiApi}/statustypen/1`, omschrijving: 'Ontvangen', zaaktype: `${this.catalogiApi}/zaaktypen/t1`, volgnummer: 1 }]),
    );
    // A second, shared catalogue on its own base path.
    this.app.get<{ Params: { id: string } }>('/gedeeld/catalogi/api/v1/zaaktypen/:id', async (request, reply) =>
      request.params.id === 'g1'
        ? {
            url: `${this.base}/gedeeld/catalogi/api/v1/zaaktypen/g1`,
            identificatie: 'G1',
            omschrijving: 'Gedeelde subsidie',
            indicatieInternOfExtern: 'extern',
          }
        : reply.code(404).send({}),
    );
    this.app.get('/gedeeld/catalogi/api/v1/statustypen', async (request) =>
      page(request, [
        {
          url: `${this.base}/gedeeld/catalogi/api/v1/statustypen/9`,
          omschrijving: 'Ingediend',
          zaaktype: `${this.base}/gedeeld/catalogi/api/v1/zaaktypen/g1`,
          volgnummer: 1,
        },
      ]),
    );
    this.evil.all('/*', async (request) => {
      this.evilHits.push(request.url);
      return {};
    });
    this.base = await this.app.listen({ port: 0, host: '127.0.0.1' });
    this.evilBase = await this.evil.listen({ port: 0, host: '127.0.0.1' });
    this.zaaktypen.set('t1', {
      url: `${this.catalogiApi}/zaaktypen/t1`,
      identificatie: 'T1',
      omschrijving: 'Parkeervergunning',
      indicatieInternOfExtern: 'extern',
    });
  }

  reset(): void {
    this.seen = [];
    this.evilHits = [];
    this.zaken = [];
    this.rollen = [];
    this.statussen.clear();
    this.pageSize = 100;
    this.statusDelayMs = 0;
    this.maxInFlight = 0;
    this.maxZaaktypenInFlight = 0;
  }

  /** A zaak of Suzanne (initiator unless `rol` says otherwise), with `extra` fields over the defaults. */
  addZaak(n: number, extra: Record<string, unknown> = {}, rol = 'initiator'): void {
    const url = `${this.zakenApi}/zaken/${uuid(n)}`;
    this.zaken.push({
      url,
      uuid: uuid(n),
      identificatie: `ZAAK-${n}`,
      omschrijving: `Zaak ${n}`,
      zaaktype: `${this.catalogiApi}/zaaktypen/t1`,
      startdatum: '2026-11-01',
      einddatum: null,
      status: null,
      resultaat: null,
      vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
      ...extra,
    });
    this.rollen.push({ zaak: url, omschrijvingGeneriek: rol, inpBsn: bsn });
  }

  async close(): Promise<void> {
    await Promise.all([this.app.close(), this.evil.close()]);
  }
}

const fake = new FakeZgw();
beforeAll(() => fake.start());
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const metrics = { timeSource: (_name: string, run: () => Promise<unknown>) => run() } as unknown as Metrics;
function client(options: Partial<ZaaksysteemOptions> = {}, andereCatalogiApis?: string[]): ZaaksysteemClient {
  return new ZaaksysteemClient(
    {
      andereCatalogiApis,
      naam: 'fake',
      zakenApi: fake.zakenApi,
      catalogiApi: fake.catalogiApi,
      documentenApi: fake.documentenApi,
      clientId: 'voordeur',
      secret: 'a-secret-that-is-long-enough-for-hs256-0123456789',
    },
    { timeoutMs: 2000, catalogueCacheSeconds: 60, documentAllowList: ['openbaar'], uploadVertrouwelijkheidaanduiding: 'openbaar', metrics, ...options },
  );
}
function recordingLog() {
  const lines: { obj: object; msg: string }[] = [];
  return { lines, warn: (obj: object, msg: string) => lines.push({ obj, msg }) };
}

describe('ZaaksysteemClient: whose zaken', () => {
  it('keeps only zaken where one rol names the person and is initiator (Open Zaak also returns those where she is only belanghebbende)', async () => {
    fake.addZaak(1);
    fake.addZaak(2, {}, 'belanghebbende');
    const { zaken } = await client().zakenOf(suzanne);
    expect(zaken.map((z) => z.identificatie)).toEqual(['ZAAK-1']);
  });

  it('takes the rollen configured as own (ZAKEN_ROLLEN_EIGEN)', async () => {
    fake.addZaak(1);
    fake.addZaak(2, {}, 'mede_initiator');
    fake.addZaak(3, {}, 'belanghebbende');
    const { zaken } = await client({ ownRollen: ['initiator', 'mede_initiator'] }).zakenOf(suzanne);
    expect(zaken.map((z) => z.identificatie).sort()).toEqual(['ZAAK-1', 'ZAAK-2']);
  });

  it('sends maximaleVertrouwelijkheidaanduiding and checks it again; initiatorsOf names nobody for a zaak that may not be shown', async () => {
    fake.addZaak(1);
    fake.addZaak(2, { vertrouwelijkheidaanduiding: 'confidentieel' });
    const source = client({ maxZaakVertrouwelijkheid: 'vertrouwelijk' });
    const { zaken } = await source.zakenOf(suzanne);
    expect(zaken.map((z) => z.identificatie)).toEqual(['ZAAK-1']);
    expect(fake.seen.some((s) => s.url.startsWith('/zaken/api/v1/zaken?') && s.url.includes('maximaleVertrouwelijkheidaanduiding=vertrouwelijk'))).toBe(true);
    expect(await source.initiatorsOf(`${fake.zakenApi}/zaken/${uuid(1)}`)).toEqual([suzanne]);
    expect(await source.initiatorsOf(`${fake.zakenApi}/zaken/${uuid(2)}`)).toEqual([]);
    expect(await source.zaakDetail(suzanne, uuid(2))).toBeNull();
  });

  it('never shows a zaak of an intern zaaktype', async () => {
    fake.zaaktypen.set('intern', {
      url: `${fake.catalogiApi}/zaaktypen/intern`,
      identificatie: 'I',
      omschrijving: 'Intern',
      indicatieInternOfExtern: 'intern',
    });
    fake.addZaak(1);
    fake.addZaak(2, { zaaktype: `${fake.catalogiApi}/zaaktypen/intern` });
    const source = client();
    expect((await source.zakenOf(suzanne)).zaken.map((z) => z.identificatie)).toEqual(['ZAAK-1']);
    expect(await source.zaakDetail(suzanne, uuid(2))).toBeNull();
  });
});

describe('ZaaksysteemClient: one bad item costs only itself', () => {
  it('skips and logs a zaak that fails its schema, one with an unknown zaaktype and one from a catalogue that is not configured', async () => {
    fake.addZaak(1);
    fake.addZaak(2, { startdatum: 'gisteren' });
    fake.addZaak(3, { zaaktype: `${fake.catalogiApi}/zaaktypen/bestaat-niet` });
    fake.addZaak(4, { zaaktype: `${fake.evilBase}/catalogi/api/v1/zaaktypen/t1` });
    const log = recordingLog();
    const { zaken } = await client().zakenOf(suzanne, log);
    expect(zaken.map((z) => z.identificatie)).toEqual(['ZAAK-1']);
    expect(log.lines.map((l) => l.msg).sort()).toEqual([
      'zaak skipped: it cannot be read',
      'zaak skipped: it cannot be read',
      'zaak skipped: it does not fit the schema',
    ]);
    expect(fake.evilHits).toEqual([]);
  });

  it('skips every zaak of a zaaktype that is not there, asked for once, and still shows the others', async () => {
    fake.addZaak(1);
    for (const n of [2, 3, 4]) fake.addZaak(n, { zaaktype: `${fake.catalogiApi}/zaaktypen/weg` });
    const { zaken } = await client().zakenOf(suzanne);
    expect(zaken.map((z) => z.identificatie)).toEqual(['ZAAK-1']);
    expect(fake.seen.filter((seen) => seen.url === '/catalogi/api/v1/zaaktypen/weg')).toHaveLength(1);
  });

  it('reads a zaaktype from another Catalogi API only when the zaaksysteem is configured with it', async () => {
    const gedeeld = `${fake.base}/gedeeld/catalogi/api/v1`;
    fake.addZaak(1);
    fake.addZaak(2, { zaaktype: `${gedeeld}/zaaktypen/g1`, status: `${fake.zakenApi}/statussen/s2` });
    fake.statussen.set('s2', {
      url: `${fake.zakenApi}/statussen/s2`,
      zaak: `${fake.zakenApi}/zaken/${uuid(2)}`,
      statustype: `${gedeeld}/statustypen/9`,
      datumStatusGezet: '2026-11-02T10:00:00Z',
    });
    expect((await client().zakenOf(suzanne)).zaken.map((z) => z.identificatie)).toEqual(['ZAAK-1']);
    const { zaken } = await client({}, [gedeeld]).zakenOf(suzanne);
    expect(zaken.map((z) => [z.identificatie, z.zaaktype, z.status?.naam])).toEqual([
      ['ZAAK-1', 'Parkeervergunning', undefined],
      ['ZAAK-2', 'Gedeelde subsidie', 'Ingediend'],
    ]);
  });

  it('is unavailable when no zaak at all can be read (garbage, not one bad item)', async () => {
    fake.addZaak(1, { zaaktype: `${fake.catalogiApi}/zaaktypen/bestaat-niet` });
    await expect(client().zakenOf(suzanne)).rejects.toMatchObject({ name: 'SourceUnavailableError' });
  });

  it('recognises a zaaktype URL that differs only by http/https, host case or a trailing slash, and calls it at the configured address', async () => {
    const https = fake.catalogiApi.replace('http://', 'https://');
    fake.addZaak(1, { zaaktype: `${https}/zaaktypen/t1/` });
    const { zaken } = await client().zakenOf(suzanne);
    expect(zaken.map((z) => z.zaaktype)).toEqual(['Parkeervergunning']);
    expect(inApi('HTTPS://Zaken.Example.nl/catalogi/api/v1/zaaktypen/x/', 'https://zaken.example.nl/catalogi/api/v1')).toBe(
      'https://zaken.example.nl/catalogi/api/v1/zaaktypen/x',
    );
    expect(inApi('https://zaken.example.nl.evil.nl/catalogi/api/v1/zaaktypen/x', 'https://zaken.example.nl/catalogi/api/v1')).toBeNull();
    expect(inApi('https://zaken.example.nl/catalogi/api/v10/zaaktypen/x', 'https://zaken.example.nl/catalogi/api/v1')).toBeNull();
    expect(inApi('https://zaken.example.nl:8443/catalogi/api/v1/x', 'https://zaken.example.nl/catalogi/api/v1')).toBeNull();
  });
});

describe('ZaaksysteemClient: what is called and sent', () => {
  it('never calls a status, next page or document URL outside the configured APIs (the token goes nowhere else)', async () => {
    fake.addZaak(1, { status: `${fake.evilBase}/zaken/api/v1/statussen/1`, resultaat: `${fake.evilBase}/zaken/api/v1/resultaten/1` });
    const source = client();
    const { zaken } = await source.zakenOf(suzanne);
    expect(zaken).toHaveLength(1);
    expect(zaken[0]!.status).toBeUndefined();
    const detail = await source.zaakDetail(suzanne, uuid(1));
    expect(detail?.zaak.identificatie).toBe('ZAAK-1');
    expect(detail?.documents).toEqual([]);
    expect(await source.downloadAt(`${fake.evilBase}/documenten/api/v1/enkelvoudiginformatieobjecten/1`)).toBeNull();
    expect(fake.evilHits).toEqual([]);
  });

  it('sends Accept-Crs and Content-Crs on zaak_list and zaak_retrieve (zaken-api.yaml marks both required, GET included)', async () => {
    fake.addZaak(1);
    const source = client();
    await source.zakenOf(suzanne);
    await source.zaakDetail(suzanne, uuid(1));
    const zaakCalls = fake.seen.filter((s) => /^\/zaken\/api\/v1\/zaken(\?|\/)/.test(s.url));
    expect(zaakCalls.length).toBeGreaterThanOrEqual(2);
    for (const call of zaakCalls) {
      expect(call.headers['accept-crs']).toBe('EPSG:4326');
      expect(call.headers['content-crs']).toBe('EPSG:4326');
    }
  });
});

describe('ZaaksysteemClient: long lists', () => {
  it('follows next and reads every page of zaken', async () => {
    fake.pageSize = 2;
    for (let n = 1; n <= 7; n++) fake.addZaak(n);
    const { zaken, notShown } = await client().zakenOf(suzanne);
    expect(zaken).toHaveLength(7);
    expect(notShown).toBe(0);
  });

  it('stops at the page bound and says how many zaken are not shown, with a log line', async () => {
    fake.pageSize = 2;
    for (let n = 1; n <= 7; n++) fake.addZaak(n);
    const log = recordingLog();
    const { zaken, notShown } = await client({ maxPages: 2 }).zakenOf(suzanne, log);
    expect(zaken).toHaveLength(4);
    expect(notShown).toBe(3);
    expect(log.lines.map((l) => l.msg)).toContain('zaken cut off: more pages than Voordeur reads');
  });

  it("asks the list with expand=status and takes a zaak's status from _expand (Open Zaak 1.5); reads it on its own from an API that ignores expand", async () => {
    const status = (n: number) => ({
      url: `${fake.zakenApi}/statussen/${n}`,
      zaak: `${fake.zakenApi}/zaken/${uuid(n)}`,
      statustype: `${fake.catalogiApi}/statustypen/1`,
      datumStatusGezet: '2026-11-02T10:00:00Z',
    });
    // Zaak 1 comes with its status expanded (not in the fake's statussen: reading it would fail); zaak 2 without.
    fake.addZaak(1, { status: status(1).url, _expand: { status: status(1) } });
    fake.statussen.set('2', status(2));
    fake.addZaak(2, { status: status(2).url });
    const { zaken } = await client().zakenOf(suzanne);
    expect(zaken.map((z) => [z.identificatie, z.status?.naam])).toEqual([
      ['ZAAK-1', 'Ontvangen'],
      ['ZAAK-2', 'Ontvangen'],
    ]);
    const list = fake.seen.find((seen) => seen.url.startsWith('/zaken/api/v1/zaken?'))!;
    expect(new URL(list.url, fake.base).searchParams.get('expand')).toBe('status');
    expect(fake.seen.map((seen) => seen.url).filter((url) => url.startsWith('/zaken/api/v1/statussen/'))).toEqual(['/zaken/api/v1/statussen/2']);
  });

  it('reads the statussen of many zaken in parallel, but at most `concurrency` at once', async () => {
    fake.statusDelayMs = 20;
    for (let n = 1; n <= 12; n++) {
      fake.statussen.set(String(n), {
        url: `${fake.zakenApi}/statussen/${n}`,
        zaak: `${fake.zakenApi}/zaken/${uuid(n)}`,
        statustype: `${fake.catalogiApi}/statustypen/1`,
        datumStatusGezet: '2026-11-02T10:00:00Z',
      });
      fake.addZaak(n, { status: `${fake.zakenApi}/statussen/${n}` });
    }
    const { zaken } = await client({ concurrency: 4 }).zakenOf(suzanne);
    expect(zaken.every((z) => z.status?.naam === 'Ontvangen')).toBe(true);
    expect(fake.maxInFlight).toBeGreaterThan(1);
    expect(fake.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('asks for the zaaktypen of all the zaken side by side, not a few zaken at a time: one round trip for a cold catalogue', async () => {
    // Long enough that all twelve are still open when the last is sent on a busy machine (30 ms was not, at load 8).
    fake.statusDelayMs = 250;
    for (let n = 1; n <= 12; n++) {
      fake.zaaktypen.set(`many-${n}`, {
        url: `${fake.catalogiApi}/zaaktypen/many-${n}`,
        identificatie: `M${n}`,
        omschrijving: `Soort ${n}`,
        indicatieInternOfExtern: 'extern',
      });
      fake.addZaak(n, { zaaktype: `${fake.catalogiApi}/zaaktypen/many-${n}` });
    }
    const { zaken } = await client({ concurrency: 4 }).zakenOf(suzanne);
    expect(zaken.map((z) => z.zaaktype).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Soort ${i + 1}`).sort());
    expect(fake.maxZaaktypenInFlight).toBe(12);
  });
});
