/**
 * The ZGW simulator: Zaken API 1.5.1, Catalogi API 1.3.1 and Documenten API 1.5.0, built from
 * the official specs in specs/ and checked against them in zgw.test.ts. It stands in
 * for Open Zaak in the demo and the tests, with the demo data of simulators/data/zgw-demo.ts.
 *
 * Each API is its own Fastify scope under `${baseUrl}/<api>/api/v1`, so its hooks (ZGW JWT,
 * faults, request counts) and error shapes do not leak into the other simulators on the same
 * Fastify instance. Besides the HTTP APIs, tests get handles to make the simulator slow, down or
 * nonsensical, to count round trips, to move a zaak on (addStatus), and to see what was stored.
 */
import type { FastifyInstance } from 'fastify';
import { createAuthenticator } from './auth.ts';
import { registerCatalogiApi } from './catalogi.ts';
import { registerDocumentenApi } from './documenten.ts';
import { BaseUrl } from '../shared/base-url.ts';
import { Faults } from '../shared/faults.ts';
import type { Fault } from '../shared/faults.ts';
import type { ApiContext } from './http.ts';
import { Links, Store } from './store.ts';
import type { ApiName, Notificatie } from './store.ts';
import { registerZakenApi } from './zaken.ts';
import { type DemoParty, demoOrganisatie } from '../data/zgw-demo.ts';

export type { Notificatie } from './store.ts';

export interface ZgwSimulatorOptions {
  /** Public base URL where `app` listens, e.g. http://127.0.0.1:3001. APIs live at
   *  `${baseUrl}/zaken/api/v1`, `${baseUrl}/catalogi/api/v1`, `${baseUrl}/documenten/api/v1`.
   *  With port 0 (http://127.0.0.1:0, for tests) the port is the one the app listens on. */
  baseUrl: string;
  /** ZGW JWT clients: HS256 tokens signed with `secret`, claim `client_id` names the client. */
  clients: { clientId: string; secret: string }[];
  /** 'demo' (default) seeds the demo data; 'empty' starts with only the catalogue. */
  dataset?: 'demo' | 'empty';
  /** Dates of the demo data are relative to this moment (default: now). */
  now?: Date;
  /** Size of the large demo document (default 100 * 1024 * 1024). */
  largeDocumentBytes?: number;
  /** Page size of paginated lists (default 100, like Open Zaak). */
  pageSize?: number;
}

export interface ZgwSimulator {
  urls: { zaken: string; catalogi: string; documenten: string };
  /** Extra delay before every answer (ms). */
  setLatency(ms: number): void;
  /** 'down' = 503 with a Fout body; 'garbage' = 200 with a body that is not the spec's shape
   *  (alternately `{"unexpected":true}` and an HTML page); 'hang' = never answers until the
   *  fault is set to something else (held requests then go on) or the app closes;
   *  'none' = normal. */
  setFault(api: ApiName, fault: Fault): void;
  /** Number of HTTP requests received per API (all three without `api`) since the last reset. */
  requestCount(api?: ApiName): number;
  resetCounts(): void;
  /** Adds a status to a zaak (the statustype with that volgnummer of its zaaktype); when it is the
   *  eindstatus the zaak gets an einddatum, and a resultaat if `resultaat` names the omschrijving
   *  of one of its zaaktype's resultaattypen. Emits a notification (resultaat first, then status). */
  addStatus(zaakUuid: string, statustypeVolgnummer: number, statustoelichting?: string, resultaat?: string): Promise<{ url: string }>;
  /** Starts a zaak as a back office would (e.g. routing a productaanvraag): of the zaaktype with this
   *  UUID, with its first status and the party as initiator, and the `documenten` (URLs in this
   *  Documenten API, e.g. the productaanvraag's attachments and pdf_url) linked to it; its URL. Emits notifications. */
  startZaak(input: { zaaktype: string; identificatie: string; omschrijving: string; toelichting?: string; party: DemoParty; documenten?: string[] }): {
    url: string;
    uuid: string;
  };
  /** Listeners get every create (status, resultaat, zaakinformatieobject, enkelvoudiginformatieobject)
   *  in the shape of a Notificaties API "Notificatie". */
  onNotification(listener: (n: Notificatie) => void): void;
  /** What was stored, e.g. documents uploaded through the API (for tests). */
  documents(): {
    uuid: string;
    identificatie: string;
    bronorganisatie: string;
    titel: string;
    bestandsnaam: string;
    formaat: string;
    bestandsomvang: number;
    vertrouwelijkheidaanduiding: string;
    informatieobjecttype: string;
    content?: Buffer;
  }[];
  zaakinformatieobjecten(): { uuid: string; zaak: string; informatieobject: string }[];
  /** The zaken, with their URL and identificatie (for tests). */
  zaken(): { uuid: string; url: string; identificatie: string }[];
  /** The rollen, with the URL of their zaak (for tests). */
  rollen(): { uuid: string; zaak: string }[];
}

const apiPath = { zaken: '/zaken/api/v1', catalogi: '/catalogi/api/v1', documenten: '/documenten/api/v1' } as const;

export async function registerZgwSimulator(app: FastifyInstance, options: ZgwSimulatorOptions): Promise<ZgwSimulator> {
  const base = BaseUrl.of(app, options.baseUrl);
  const links = new Links(base);
  // The simulated clock starts at `now` and runs on with real time, so that a status added
  // during a test comes after the demo's statussen even when `now` lies in the past or future.
  const startedAt = Date.now();
  const now = options.now?.getTime() ?? startedAt;
  const clock = () => new Date(now + (Date.now() - startedAt));
  const store = new Store({
    links,
    clock,
    dataset: options.dataset ?? 'demo',
    largeDocumentBytes: options.largeDocumentBytes ?? 100 * 1024 * 1024,
  });
  const faults: Record<ApiName, Faults> = { zaken: new Faults(), catalogi: new Faults(), documenten: new Faults() };
  const allFaults = Object.values(faults);
  const context: ApiContext = {
    links,
    faults,
    authenticate: createAuthenticator(options.clients),
    pageSize: options.pageSize ?? 100,
  };

  // Requests held by the 'hang' fault would keep app.close() waiting for ever.
  app.addHook('preClose', async () => {
    for (const f of allFaults) f.close();
  });

  await registerZakenApi(app, base.path + apiPath.zaken, store, context);
  await registerCatalogiApi(app, base.path + apiPath.catalogi, store, context);
  await registerDocumentenApi(app, base.path + apiPath.documenten, store, context);

  return {
    // A getter: with port 0 in baseUrl the URLs are complete once the app listens.
    get urls() {
      return { zaken: links.zaken, catalogi: links.catalogi, documenten: links.documenten };
    },
    setLatency: (ms) => {
      for (const f of allFaults) f.latencyMs = Math.max(0, ms);
    },
    setFault: (api, fault) => faults[api].setFault(fault),
    requestCount: (api) => (api ? faults[api].requestCount() : allFaults.reduce((sum, f) => sum + f.requestCount(), 0)),
    resetCounts: () => {
      for (const f of allFaults) f.resetCounts();
    },

    startZaak({ zaaktype: zaaktypeUuid, identificatie, omschrijving, toelichting = '', party, documenten = [] }) {
      const zaaktype = store.zaaktype(zaaktypeUuid);
      if (!zaaktype) throw new Error(`ZGW simulator: no zaaktype ${zaaktypeUuid}`);
      const now = store.clock();
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
      const zaak = store.createZaak({
        identificatie,
        omschrijving,
        toelichting,
        zaaktype: zaaktype.uuid,
        bronorganisatie: demoOrganisatie.rsin,
        registratiedatum: today,
        startdatum: today,
        einddatum: null,
        uiterlijkeEinddatumAfdoening: null,
        vertrouwelijkheidaanduiding: zaaktype.vertrouwelijkheidaanduiding,
      });
      const initiator = zaaktype.roltypen.find((rol) => rol.omschrijvingGeneriek === 'initiator')!;
      store.createRol({ zaak: zaak.uuid, roltype: initiator.uuid, party, registratiedatum: now });
      store.createStatus({ zaak: zaak.uuid, statustype: zaaktype.statustypen[0]!.uuid, datumStatusGezet: now, statustoelichting: '' });
      for (const url of documenten) {
        const document = store.documents.get(links.uuidIn(url, 'documenten', 'enkelvoudiginformatieobjecten') ?? '');
        if (document)
          store.createZaakinformatieobject({
            zaak: zaak.uuid,
            informatieobject: document.uuid,
            titel: document.titel,
            beschrijving: '',
            registratiedatum: now,
          });
      }
      return { url: links.zaak(zaak.uuid), uuid: zaak.uuid };
    },

    async addStatus(zaakUuid, statustypeVolgnummer, statustoelichting, resultaat) {
      const zaak = store.zaken.get(zaakUuid);
      if (!zaak) throw new Error(`ZGW simulator: no zaak ${zaakUuid}`);
      const zaaktype = store.zaaktype(zaak.zaaktype)!;
      const statustype = zaaktype.statustypen.find((s) => s.volgnummer === statustypeVolgnummer);
      if (!statustype) throw new Error(`ZGW simulator: zaaktype ${zaaktype.identificatie} has no statustype with volgnummer ${statustypeVolgnummer}`);
      if (resultaat !== undefined) {
        if (!statustype.isEindstatus) throw new Error('ZGW simulator: a resultaat goes with the eindstatus only');
        const resultaattype = zaaktype.resultaattypen.find((r) => r.omschrijving === resultaat);
        if (!resultaattype) throw new Error(`ZGW simulator: zaaktype ${zaaktype.identificatie} has no resultaattype "${resultaat}"`);
        const existing = store.resultaatOf(zaakUuid);
        if (existing) existing.resultaattype = resultaattype.uuid;
        else store.createResultaat({ zaak: zaakUuid, resultaattype: resultaattype.uuid, toelichting: resultaattype.toelichting });
      }
      const status = store.createStatus({
        zaak: zaakUuid,
        statustype: statustype.uuid,
        datumStatusGezet: clock(),
        statustoelichting: statustoelichting ?? '',
      });
      return { url: links.status(status.uuid) };
    },

    onNotification: (listener) => store.onNotification(listener),

    documents: () =>
      [...store.documents.values()].map((d) => ({
        uuid: d.uuid,
        identificatie: d.identificatie,
        bronorganisatie: d.bronorganisatie,
        titel: d.titel,
        bestandsnaam: d.bestandsnaam,
        formaat: d.formaat,
        bestandsomvang: store.documentSize(d) ?? 0,
        vertrouwelijkheidaanduiding: d.vertrouwelijkheidaanduiding,
        informatieobjecttype: links.informatieobjecttype(d.informatieobjecttype),
        ...(d.content?.kind === 'bytes' ? { content: d.content.bytes } : {}),
      })),

    zaakinformatieobjecten: () =>
      [...store.zaakinformatieobjecten.values()].map((z) => ({ uuid: z.uuid, zaak: links.zaak(z.zaak), informatieobject: links.document(z.informatieobject) })),

    zaken: () => [...store.zaken.values()].map((z) => ({ uuid: z.uuid, url: links.zaak(z.uuid), identificatie: z.identificatie })),

    rollen: () => [...store.rollen.values()].map((r) => ({ uuid: r.uuid, zaak: links.zaak(r.zaak) })),
  };
}
