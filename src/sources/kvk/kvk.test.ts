/**
 * The portal's KvK client against the KvK simulator: what Mijn gegevens gets for each demo company,
 * in how many round trips, and how it fails when the KvK does.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kvkDemo } from '../../../simulators/data/kvk-demo.ts';
import { testCompanies } from '../../../simulators/data/test-identities.ts';
import { registerKvkSimulator, type KvkSimulator } from '../../../simulators/kvk/index.ts';
import { Metrics } from '../../platform/metrics.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import { KvkClient } from './kvk.ts';

const apiKey = 'voordeur-test-kvk-key';
let app: FastifyInstance;
let kvk: KvkSimulator;
let client: KvkClient;

beforeAll(async () => {
  app = Fastify({ logger: false });
  kvk = await registerKvkSimulator(app, { baseUrl: 'http://127.0.0.1:0', apiKeys: [apiKey] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  client = new KvkClient({ url: kvk.url, apiKey }, { timeoutMs: 500, metrics: new Metrics() });
});
afterAll(() => app.close());
afterEach(() => {
  kvk.setFault('none');
  kvk.setLatency(0);
});

describe('KvkClient: mapping', () => {
  it('Bakkerij Van den Berg B.V.: rechtsvorm, handelsnamen in order, activiteiten, both vestigingen with their bezoekadres', async () => {
    kvk.resetCounts();
    expect(await client.bedrijf('69599084')).toEqual({
      kvkNummer: '69599084',
      naam: 'Bakkerij Van den Berg B.V.',
      rechtsvorm: 'Besloten Vennootschap met gewone structuur',
      handelsnamen: ['Bakkerij Van den Berg B.V.', 'Bakkerij Van den Berg', 'Van den Berg Brood & Banket'],
      activiteiten: [
        { code: '10711', omschrijving: 'Brood- en banketbakkerijen (ambachtelijk)', hoofdactiviteit: true },
        { code: '47241', omschrijving: 'Winkels in brood en banketbakkerswerk', hoofdactiviteit: false },
        { code: '56102', omschrijving: 'Lunchrooms, cafetaria’s, ijssalons e.d.', hoofdactiviteit: false },
      ],
      vestigingen: [
        {
          vestigingsnummer: '000038509504',
          naam: 'Bakkerij Van den Berg, Marktstraat',
          adres: ['Marktstraat 12', '1234AC Voorbeeldstad'],
          hoofdvestiging: true,
        },
        {
          vestigingsnummer: '000038509520',
          naam: 'Bakkerij Van den Berg, Stationsplein',
          adres: ['Stationsplein 1B', '1234SP Voorbeeldstad'],
          hoofdvestiging: false,
        },
      ],
      registratiedatum: '2008-03-01',
    });
    // Basisprofiel and vestigingen list, plus one vestigingsprofiel: the hoofdvestiging's address came embedded.
    expect(kvk.requestCount()).toBe(3);
  });

  it('Fietsenmaker De Snelle Spaak: an eenmanszaak with one vestiging, in two round trips', async () => {
    kvk.resetCounts();
    const bedrijf = await client.bedrijf('68750110');
    expect(bedrijf).toMatchObject({
      naam: 'Fietsenmaker De Snelle Spaak',
      rechtsvorm: 'Eenmanszaak',
      handelsnamen: ['Fietsenmaker De Snelle Spaak', 'De Snelle Spaak'],
      registratiedatum: '2017-05-12',
      vestigingen: [
        { vestigingsnummer: '000037143557', naam: 'Fietsenmaker De Snelle Spaak', adres: ['Spoorstraat 8-a', '1234SR Voorbeeldstad'], hoofdvestiging: true },
      ],
    });
    expect(bedrijf!.activiteiten.filter((a) => a.hoofdactiviteit).map((a) => a.code)).toEqual(['95290']);
    expect(kvk.requestCount()).toBe(2);
  });

  it('Stichting Buurtkracht: the bezoekadres, not the postbus listed before it, with the addition to the address', async () => {
    const bedrijf = await client.bedrijf('90001745');
    expect(bedrijf).toMatchObject({ naam: 'Stichting Buurtkracht', rechtsvorm: 'Stichting', registratiedatum: '2021-01-18' });
    expect(bedrijf!.vestigingen).toEqual([
      {
        vestigingsnummer: '000044123456',
        naam: 'Stichting Buurtkracht',
        adres: ['Lindelaan 40', 'Wijkcentrum De Linde', '1234LN Voorbeeldstad'],
        hoofdvestiging: true,
      },
    ]);
  });

  it('every test company, with the vestigingen of test-identities', async () => {
    for (const company of testCompanies) {
      const bedrijf = (await client.bedrijf(company.kvkNummer))!;
      expect(bedrijf.naam).toBe(company.naam);
      expect(bedrijf.vestigingen.map((v) => [v.vestigingsnummer, v.naam])).toEqual(company.vestigingen.map((v) => [v.vestigingsnummer, v.naam]));
      expect(bedrijf.vestigingen.every((v) => v.adres && v.adres.length >= 2)).toBe(true);
      expect(bedrijf.vestigingen.filter((v) => v.hoofdvestiging)).toHaveLength(1);
      expect(bedrijf.activiteiten.filter((a) => a.hoofdactiviteit)).toHaveLength(1);
    }
    expect(kvkDemo.map((b) => b.kvkNummer).sort()).toEqual(testCompanies.map((c) => c.kvkNummer).sort());
  });
});

describe('KvkClient: not found and failures', () => {
  it('null for a KvK number the KvK does not know (404), and for something that is not a KvK number, without asking', async () => {
    expect(await client.bedrijf('12345678')).toBeNull();
    kvk.resetCounts();
    expect(await client.bedrijf('1234')).toBeNull();
    expect(kvk.requestCount()).toBe(0);
  });

  it('SourceUnavailableError when the KvK is down', async () => {
    kvk.setFault('down');
    await expect(client.bedrijf('69599084')).rejects.toMatchObject({ name: 'SourceUnavailableError', source: 'kvk', reason: 'status' });
  });

  it('SourceUnavailableError when the KvK answers nonsense, JSON or HTML', async () => {
    kvk.setFault('garbage');
    for (let i = 0; i < 2; i++) {
      const error = await client.bedrijf('68750110').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceUnavailableError);
      expect(error).toMatchObject({ reason: 'invalid' });
    }
  });

  it('SourceUnavailableError (timeout) when the KvK is too slow or does not answer at all', async () => {
    kvk.setLatency(800);
    await expect(client.bedrijf('69599084')).rejects.toMatchObject({ source: 'kvk', reason: 'timeout' });
    kvk.setLatency(0);
    kvk.setFault('hang');
    const startedAt = performance.now();
    await expect(client.bedrijf('69599084')).rejects.toMatchObject({ source: 'kvk', reason: 'timeout' });
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it('SourceUnavailableError when the API key is refused', async () => {
    const refused = new KvkClient({ url: kvk.url, apiKey: 'wrong' }, { timeoutMs: 500, metrics: new Metrics() });
    await expect(refused.bedrijf('69599084')).rejects.toMatchObject({ source: 'kvk', reason: 'status' });
  });
});
