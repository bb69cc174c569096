/**
 * The KvK simulator: KVK Handelsregister Basisprofiel API v1 (1.5.0) and Vestigingsprofiel API v1
 * (1.4), the three reads a portal needs, with the demo companies of simulators/data/kvk-demo.ts:
 *
 *   GET /basisprofielen/{kvkNummer}                 Basisprofiel with _embedded.hoofdvestiging and .eigenaar
 *   GET /basisprofielen/{kvkNummer}/vestigingen     VestigingList
 *   GET /vestigingsprofielen/{vestigingsnummer}     Vestiging with adressen
 *   (and /basisprofielen/{kvkNummer}/hoofdvestiging and /eigenaar, which the links point to)
 *
 * under `${baseUrl}/kvk/api/v1`, in its own Fastify scope (API key, faults, counts and error
 * shapes stay inside). The key goes in the `apikey` header. Errors are the spec's Error,
 * `{"fout": [{"code": "IPD…", "omschrijving": "…"}]}`.
 *
 * KvK publishes no spec in a public repository (specs/README.md); the shapes come from:
 * - the OpenAPI files of both APIs as KvK serves them (developers.kvk.nl/cms/api/uploads/
 *   api_basisprofiel.yaml, 1.5.0), vendored by infonl/dimpact-zaakafhandelcomponent in
 *   src/main/resources/api-specs/kvk/{basisprofiel,vestigingsprofiel}-openapi.yaml: fields, types,
 *   the Error/Fout body, the `apikey` header, the 400/401/403/404 responses;
 * - the API documentation pages developers.kvk.nl/documentation/basisprofiel-api and
 *   …/vestigingsprofiel-api (fields, Ja/Nee indicators, the address table) and the release notes
 *   (IPD codes, 400 on unknown query parameters with IPD1999);
 * - a real answer of the KvK test environment kept as a test fixture by Open Inwoner
 *   (maykinmedia/open-inwoner, src/open_inwoner/kvk/tests/mocks.py, basisprofiel of 68750110):
 *   _embedded, links as [{rel, href}], adressen with indAfgeschermd and volledigAdres, the
 *   correspondentieadres before the bezoekadres, a postbus as straatnaam "Postbus" + postbusnummer,
 *   dates as YYYYMMDD, Ja/Nee indicators;
 * - KvK's IPD codes (developers.kvk.nl/documentation#status-codes, as listed by client libraries):
 *   IPD0004/IPD0006 invalid number (400), IPD0005/IPD0007 not deliverable (404), IPD1003
 *   temporarily unavailable, IPD1999 unknown parameter.
 * What is not documented there: the body of a 401 (the simulator uses the Error shape with code
 * "UNAUTHORIZED") and geo data (geoData=true is accepted; there are no coordinates in the demo).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { kvkDemo, type DemoBedrijf, type DemoKvkAdres, type DemoSbiActiviteit, type DemoVestiging } from '../data/kvk-demo.ts';
import { BaseUrl } from '../shared/base-url.ts';
import { ApiError } from '../shared/errors.ts';
import { Faults, type FaultControls } from '../shared/faults.ts';
import { setUpApiScope } from '../shared/scope.ts';

export type { Fault } from '../shared/faults.ts';

export interface KvkSimulatorOptions {
  /** Public base URL where `app` listens; the APIs live at `${baseUrl}/kvk/api/v1`. With port 0
   *  the port is the one the app listens on. */
  baseUrl: string;
  /** Accepted values of the `apikey` header. */
  apiKeys: string[];
}

/** The faults of shared/faults.ts; 'down' = 503 with an Error body (IPD1003). */
export interface KvkSimulator extends FaultControls {
  /** `${baseUrl}/kvk/api/v1`. */
  readonly url: string;
}

const apiPath = '/kvk/api/v1';

/** A KvK error: HTTP status and one Fout. */
interface Fout {
  code: string;
  omschrijving: string;
}

const kvkError = (status: number, code: string, omschrijving: string) => new ApiError<Fout>(status, { code, omschrijving }, omschrijving);

const send = (reply: FastifyReply, error: ApiError<Fout>) =>
  reply
    .code(error.status)
    .type('application/json')
    .send({ fout: [error.body] });

const errors = {
  unauthorized: () => kvkError(401, 'UNAUTHORIZED', 'Geen of onjuiste apikey aangeleverd.'),
  down: () => kvkError(503, 'IPD1003', 'De gegevens zijn tijdelijk niet leverbaar. Probeer het over 5 minuten nog een keer.'),
  invalidKvkNummer: (value: string) => kvkError(400, 'IPD0004', `Het KVK-nummer ${value} is niet valide.`),
  unknownKvkNummer: (value: string) => kvkError(404, 'IPD0005', `Op basis van het KVK-nummer ${value} kan het product niet worden geleverd.`),
  invalidVestigingsnummer: (value: string) => kvkError(400, 'IPD0006', `Het vestigingsnummer ${value} is niet valide.`),
  unknownVestigingsnummer: (value: string) => kvkError(404, 'IPD0007', `Op basis van het vestigingsnummer ${value} kan het product niet worden geleverd.`),
  invalidParameters: (names: string[]) => kvkError(400, 'IPD1999', `De volgende opgegeven parameter(s) is(zijn) ongeldig: ${names.join(', ')}`),
  generalParameter: () => kvkError(400, 'IPD1998', 'Algemene invoer parameter fout.'),
  noProduct: () => kvkError(404, 'IPD0001', 'Het gevraagde product bestaat niet.'),
};

export async function registerKvkSimulator(app: FastifyInstance, options: KvkSimulatorOptions): Promise<KvkSimulator> {
  const base = BaseUrl.of(app, options.baseUrl);
  const faults = new Faults();
  const apiKeys = new Set(options.apiKeys);
  const bedrijven = new Map(kvkDemo.map((b) => [b.kvkNummer, b]));
  const vestigingen = new Map(kvkDemo.flatMap((b) => b.vestigingen.map((v) => [v.vestigingsnummer, { bedrijf: b, vestiging: v }] as const)));
  const json = new Json(() => base.href + apiPath);

  // Requests held by the 'hang' fault would keep app.close() waiting for ever.
  app.addHook('preClose', async () => faults.close());

  await app.register(
    async (scope) => {
      setUpApiScope(scope, {
        name: 'KvK simulator',
        faults,
        send,
        down: (reply) => send(reply, errors.down()),
        check(request) {
          const key = request.headers.apikey;
          return typeof key !== 'string' || !apiKeys.has(key) ? errors.unauthorized() : undefined;
        },
        serverError: () => kvkError(500, 'IPD9999', 'Algemene technische fout.'),
        unknownUrl: (reply) => send(reply, errors.noProduct()),
        // The APIs are read only: no request bodies to refuse.
        jsonOnly: false,
      });

      const bedrijfOf = (request: FastifyRequest<{ Params: { kvkNummer: string } }>, allowed: string[]): DemoBedrijf => {
        checkQuery(request, allowed);
        const { kvkNummer } = request.params;
        if (!/^[0-9]{8}$/.test(kvkNummer)) throw errors.invalidKvkNummer(kvkNummer);
        const bedrijf = bedrijven.get(kvkNummer);
        if (!bedrijf) throw errors.unknownKvkNummer(kvkNummer);
        return bedrijf;
      };

      scope.get<{ Params: { kvkNummer: string } }>('/basisprofielen/:kvkNummer', async (request, reply) => {
        const bedrijf = bedrijfOf(request, ['geoData']);
        return ok(reply, '1.5.0', json.basisprofiel(bedrijf));
      });

      scope.get<{ Params: { kvkNummer: string } }>('/basisprofielen/:kvkNummer/hoofdvestiging', async (request, reply) => {
        const bedrijf = bedrijfOf(request, ['geoData']);
        return ok(reply, '1.5.0', json.hoofdvestiging(bedrijf, true));
      });

      scope.get<{ Params: { kvkNummer: string } }>('/basisprofielen/:kvkNummer/eigenaar', async (request, reply) => {
        const bedrijf = bedrijfOf(request, ['geoData']);
        return ok(reply, '1.5.0', json.eigenaar(bedrijf));
      });

      scope.get<{ Params: { kvkNummer: string } }>('/basisprofielen/:kvkNummer/vestigingen', async (request, reply) => {
        const bedrijf = bedrijfOf(request, []);
        return ok(reply, '1.5.0', json.vestigingList(bedrijf));
      });

      scope.get<{ Params: { vestigingsnummer: string } }>('/vestigingsprofielen/:vestigingsnummer', async (request, reply) => {
        checkQuery(request, ['geoData']);
        const { vestigingsnummer } = request.params;
        if (!/^[0-9]{12}$/.test(vestigingsnummer)) throw errors.invalidVestigingsnummer(vestigingsnummer);
        const found = vestigingen.get(vestigingsnummer);
        if (!found) throw errors.unknownVestigingsnummer(vestigingsnummer);
        return ok(reply, '1.4.0', json.vestigingsprofiel(found.bedrijf, found.vestiging));
      });
    },
    { prefix: base.path + apiPath },
  );

  return {
    get url() {
      return base.href + apiPath;
    },
    ...faults.controls(),
  };
}

function ok(reply: FastifyReply, apiVersion: string, body: unknown): FastifyReply {
  return reply.code(200).header('api-version', apiVersion).type('application/json').send(body);
}

/** Unknown query parameters are a 400 (IPD1999), as since release 1.1.1; geoData must be a boolean. */
function checkQuery(request: FastifyRequest, allowed: string[]): void {
  const index = request.url.indexOf('?');
  const query = new URLSearchParams(index === -1 ? '' : request.url.slice(index + 1));
  const unknown = [...new Set(query.keys())].filter((name) => !allowed.includes(name));
  if (unknown.length > 0) throw errors.invalidParameters(unknown);
  const geoData = query.get('geoData');
  if (geoData !== null && !['true', 'false'].includes(geoData.toLowerCase())) throw errors.generalParameter();
}

const jaNee = (value: boolean) => (value ? 'Ja' : 'Nee');

/** The API's JSON for the demo records, with absolute links. */
class Json {
  constructor(private readonly api: () => string) {}

  private link = (rel: string, path: string) => ({ rel, href: `${this.api()}${path}` });

  private sbi = (activiteiten: DemoSbiActiviteit[]) =>
    activiteiten.map((a) => ({ sbiCode: a.sbiCode, sbiOmschrijving: a.sbiOmschrijving, indHoofdactiviteit: jaNee(a.hoofdactiviteit) }));

  private adres(adres: DemoKvkAdres) {
    const nummer = adres.postbusnummer ?? [adres.huisnummer, adres.huisletter, adres.huisnummerToevoeging].filter((p) => p !== undefined).join(' ');
    return {
      type: adres.type,
      indAfgeschermd: 'Nee',
      volledigAdres: [adres.straatnaam, nummer, adres.postcode, adres.plaats].filter((p) => p !== '').join(' '),
      straatnaam: adres.straatnaam,
      ...(adres.huisnummer !== undefined ? { huisnummer: adres.huisnummer } : {}),
      ...(adres.huisletter ? { huisletter: adres.huisletter } : {}),
      ...(adres.huisnummerToevoeging ? { huisnummerToevoeging: adres.huisnummerToevoeging } : {}),
      ...(adres.toevoegingAdres ? { toevoegingAdres: adres.toevoegingAdres } : {}),
      postcode: adres.postcode,
      ...(adres.postbusnummer !== undefined ? { postbusnummer: adres.postbusnummer } : {}),
      plaats: adres.plaats,
      land: 'Nederland',
    };
  }

  private personen = (v: DemoVestiging) => ({
    voltijdWerkzamePersonen: v.voltijdWerkzamePersonen,
    totaalWerkzamePersonen: v.voltijdWerkzamePersonen + v.deeltijdWerkzamePersonen,
    deeltijdWerkzamePersonen: v.deeltijdWerkzamePersonen,
  });

  basisprofiel(b: DemoBedrijf) {
    return {
      kvkNummer: b.kvkNummer,
      indNonMailing: b.indNonMailing,
      naam: b.naam,
      formeleRegistratiedatum: b.formeleRegistratiedatum,
      materieleRegistratie: { datumAanvang: b.datumAanvang },
      totaalWerkzamePersonen: b.vestigingen.reduce((sum, v) => sum + this.personen(v).totaalWerkzamePersonen, 0),
      ...(b.statutaireNaam ? { statutaireNaam: b.statutaireNaam } : {}),
      handelsnamen: b.handelsnamen.map((naam, volgorde) => ({ naam, volgorde })),
      sbiActiviteiten: this.sbi(b.sbiActiviteiten),
      links: [this.link('self', `/basisprofielen/${b.kvkNummer}`), this.link('vestigingen', `/basisprofielen/${b.kvkNummer}/vestigingen`)],
      _embedded: { hoofdvestiging: this.hoofdvestiging(b, false), eigenaar: this.eigenaar(b) },
    };
  }

  /** The hoofdvestiging; embedded in the basisprofiel without rsin and handelsnamen (the spec's note). */
  hoofdvestiging(b: DemoBedrijf, subresource: boolean) {
    const hoofd = b.vestigingen.find((v) => v.hoofdvestiging)!;
    return {
      vestigingsnummer: hoofd.vestigingsnummer,
      kvkNummer: b.kvkNummer,
      ...(subresource && b.eigenaar.rsin ? { rsin: b.eigenaar.rsin } : {}),
      formeleRegistratiedatum: hoofd.formeleRegistratiedatum,
      materieleRegistratie: { datumAanvang: hoofd.datumAanvang },
      eersteHandelsnaam: hoofd.eersteHandelsnaam,
      indHoofdvestiging: 'Ja',
      indCommercieleVestiging: jaNee(hoofd.commercieel),
      ...this.personen(hoofd),
      ...(subresource ? { handelsnamen: hoofd.handelsnamen.map((naam, volgorde) => ({ naam, volgorde })) } : {}),
      adressen: hoofd.adressen.map((a) => this.adres(a)),
      ...(hoofd.websites.length > 0 ? { websites: hoofd.websites } : {}),
      links: [
        this.link('self', `/basisprofielen/${b.kvkNummer}/hoofdvestiging`),
        this.link('vestigingen', `/basisprofielen/${b.kvkNummer}/vestigingen`),
        this.link('basisprofiel', `/basisprofielen/${b.kvkNummer}`),
        this.link('vestigingsprofiel', `/vestigingsprofielen/${hoofd.vestigingsnummer}`),
      ],
    };
  }

  eigenaar(b: DemoBedrijf) {
    return {
      ...(b.eigenaar.rsin ? { rsin: b.eigenaar.rsin } : {}),
      rechtsvorm: b.eigenaar.rechtsvorm,
      uitgebreideRechtsvorm: b.eigenaar.uitgebreideRechtsvorm,
      links: [this.link('self', `/basisprofielen/${b.kvkNummer}/eigenaar`), this.link('basisprofiel', `/basisprofielen/${b.kvkNummer}`)],
    };
  }

  vestigingList(b: DemoBedrijf) {
    const commercieel = b.vestigingen.filter((v) => v.commercieel).length;
    return {
      kvkNummer: b.kvkNummer,
      aantalCommercieleVestigingen: commercieel,
      aantalNietCommercieleVestigingen: b.vestigingen.length - commercieel,
      totaalAantalVestigingen: b.vestigingen.length,
      vestigingen: b.vestigingen.map((v) => {
        const bezoekadres = v.adressen.find((a) => a.type === 'bezoekadres');
        return {
          vestigingsnummer: v.vestigingsnummer,
          kvkNummer: b.kvkNummer,
          eersteHandelsnaam: v.eersteHandelsnaam,
          indHoofdvestiging: jaNee(v.hoofdvestiging),
          indAdresAfgeschermd: 'Nee',
          indCommercieleVestiging: jaNee(v.commercieel),
          ...(bezoekadres ? { volledigAdres: this.adres(bezoekadres).volledigAdres } : {}),
          links: [this.link('vestigingsprofiel', `/vestigingsprofielen/${v.vestigingsnummer}`)],
        };
      }),
      links: [this.link('self', `/basisprofielen/${b.kvkNummer}/vestigingen`), this.link('basisprofiel', `/basisprofielen/${b.kvkNummer}`)],
    };
  }

  vestigingsprofiel(b: DemoBedrijf, v: DemoVestiging) {
    return {
      vestigingsnummer: v.vestigingsnummer,
      kvkNummer: b.kvkNummer,
      ...(b.eigenaar.rsin ? { rsin: b.eigenaar.rsin } : {}),
      indNonMailing: b.indNonMailing,
      formeleRegistratiedatum: v.formeleRegistratiedatum,
      materieleRegistratie: { datumAanvang: v.datumAanvang },
      ...(b.statutaireNaam ? { statutaireNaam: b.statutaireNaam } : {}),
      eersteHandelsnaam: v.eersteHandelsnaam,
      indHoofdvestiging: jaNee(v.hoofdvestiging),
      indCommercieleVestiging: jaNee(v.commercieel),
      ...this.personen(v),
      handelsnamen: v.handelsnamen.map((naam, volgorde) => ({ naam, volgorde })),
      adressen: v.adressen.map((a) => this.adres(a)),
      websites: v.websites,
      sbiActiviteiten: this.sbi(v.sbiActiviteiten),
      links: [this.link('self', `/vestigingsprofielen/${v.vestigingsnummer}`), this.link('basisprofiel', `/basisprofielen/${b.kvkNummer}`)],
    };
  }
}
