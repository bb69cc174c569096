/**
 * One zaaksysteem: its Zaken, Catalogi and Documenten APIs (ZGW), reached with the ZGW JWT.
 * Answers in domain terms (Zaak, ZaakDetail, ZaakDocument); the raw API shapes stay here.
 *
 * Whose zaak: Open Zaak matches each `rol__…` filter of the zaken list on its own, so the list
 * for "BSN X, initiator" also holds zaken where X is only belanghebbende. The list is therefore
 * only a candidate set: a zaak is the person's when one rol names them *and* is of a kind in
 * `ownRollen` (ZAKEN_ROLLEN_EIGEN), read from the rollen list (one filtered list, checked rol by
 * rol here), or per zaak when that list was cut off.
 * What may be shown: the zaak's vertrouwelijkheidaanduiding up to `maxZaakVertrouwelijkheid`
 * (sent as maximaleVertrouwelijkheidaanduiding and checked again), and never a zaaktype that is
 * `intern`.
 * Every URL taken from an answer is called only when it is in one of this system's configured
 * APIs (http/https, host case and a trailing slash aside; it is then called at the configured
 * address), so the token never goes elsewhere.
 *
 * Round trips, so that a page never waits for N calls one after another:
 * - zaken of a person: the zaken list (with `expand=status`: Open Zaak 1.5 sends each zaak's
 *   current status along in `_expand`) and the person's rollen in parallel (one page of 100 is the
 *   usual case; at most `maxPages` pages, the rest counted as not shown), then the catalogue
 *   (cached; every zaaktype of the list asked for at once, whatever the concurrency), and with bounded concurrency the statussen that did not come along (an older API
 *   ignores expand). Statussen are immutable in ZGW (a new status is a new resource), so they are
 *   cached by URL too.
 * - one zaak: the zaak, its rollen, its statussen and its documents links in parallel (ownership
 *   is checked on the rollen before anything is used or shown), then the documents, the resultaat
 *   and what other features show on the zaak's page (`owned`).
 * Per-zaak calls run with bounded concurrency per request; each call has the configured deadline.
 */
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { z } from 'zod';
import type { ZaaksysteemConfig } from '../../config.ts';
import { dutchToday } from '../../domain/calendar.ts';
import type { Subject } from '../../domain/identity.ts';
import {
  buildTimeline,
  isDocumentVisible,
  initiatorSubjects,
  isInitiator,
  type AddDocumentOutcome,
  type DocumentDownload,
  type InitiatorRol,
  isZaakVisible,
  type NewDocument,
  type Zaak,
  type Zaaksysteem,
  type ZakenOfSubject,
  type ZaakDetail,
  type ZaakDocument,
  type ZaakRef,
} from '../../domain/zaak.ts';
import type { Log } from '../../domain/log.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { SourceClient } from '../http.ts';
import { SourceRejectedError, SourceUnavailableError } from '../../domain/availability.ts';
import type { ZaakStarter } from '../../domain/aanvraag.ts';
import { ZgwToken } from '../zgw-token.ts';
import type { operations as ZakenOperations } from './generated/zaken.ts';
import type { components as DocumentenComponents } from './generated/documenten.ts';
import {
  enkelvoudiginformatieobjectSchema,
  informatieobjecttypeSchema,
  loosePage,
  resultaatSchema,
  resultaattypeSchema,
  rolSchema,
  statusSchema,
  statustypeSchema,
  zaakinformatieobjectSchema,
  zaakSchema,
  zaaktypeSchema,
  type RawDocument,
  type RawRol,
  type RawStatus,
  type RawStatustype,
  type RawZaak,
  type RawZaaktype,
} from './schemas.ts';

export interface ZaaksysteemOptions {
  timeoutMs: number;
  catalogueCacheSeconds: number;
  /** vertrouwelijkheidaanduidingen of documents the person may see. */
  documentAllowList: readonly string[];
  /** The vertrouwelijkheidaanduiding given to documents the person uploads. */
  uploadVertrouwelijkheidaanduiding: string;
  metrics: Metrics;
  /** At most this many calls at once for one person's request (e.g. one per zaak); default 10. */
  concurrency?: number;
  /** The most secret vertrouwelijkheidaanduiding of a zaak that is shown; default vertrouwelijk. */
  maxZaakVertrouwelijkheid?: string;
  /** The rollen (omschrijvingGeneriek) that make a zaak the person's own; default initiator. */
  ownRollen?: readonly string[];
  /** At most this many pages of one list are read (100 items each in Open Zaak); default 20. */
  maxPages?: number;
}

/** Why a zaak of a list is left out: it is not the person's to see, or it cannot be read. */
class SkippedZaak extends Error {}

const noLog: Pick<Log, 'warn'> = { warn: () => undefined };

/** Made once: zod compiles a schema the first time it parses with it. */
const zaakinformatieobjectenSchema = z.array(zaakinformatieobjectSchema);
const statustypenSchema = z.array(statustypeSchema);
const zaakMetBronorganisatieSchema = zaakSchema.extend({ bronorganisatie: z.string() });
/**
 * A zaak of a list asked with `expand=status` (Zaken API 1.5; Open Zaak puts it in `_expand`): its
 * current status comes along. An API that ignores expand, or an expanded status that does not fit,
 * leaves it out, and the status is read on its own.
 */
const zaakMetStatusSchema = zaakSchema.extend({
  _expand: z
    .object({ status: statusSchema.nullish().catch(undefined) })
    .partial()
    .optional()
    .catch(undefined),
});
const zaakMetKenmerkenSchema = zaakSchema.extend({
  kenmerken: z
    .array(z.object({ kenmerk: z.string() }))
    .optional()
    .catch(undefined),
});
const zaaktypeMetCatalogusSchema = zaaktypeSchema.extend({ catalogus: z.string() });
const catalogusSchema = z.object({ rsin: z.string() });
const informatieobjecttypeMetCatalogusSchema = informatieobjecttypeSchema.extend({ catalogus: z.string() });
const roltypeSchema = z.object({ url: z.string(), omschrijvingGeneriek: z.string() });

/** More pages than this of one person's zaken is not a person's list any more: stop there (and say how many are left). */
const MAX_PAGES = 20;

type ZaakListQuery = NonNullable<ZakenOperations['zaak_list']['parameters']['query']>;
type RolListQuery = NonNullable<ZakenOperations['rol_list']['parameters']['query']>;
type NewDocumentRequest = DocumentenComponents['schemas']['EnkelvoudigInformatieObjectCreateLockRequest'];

function query(params: { [key: string]: string | number | undefined } | ZaakListQuery | RolListQuery): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number');
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * `url` moved onto `base` when it is in that API: the same host and port and a path under the
 * base's, whether it says http or https and with or without a trailing slash. Null otherwise:
 * then it is not called (the token is sent only to configured APIs).
 */
export function inApi(url: string, base: string): string | null {
  let target: URL;
  let root: URL;
  try {
    target = new URL(url);
    root = new URL(base);
  } catch {
    return null;
  }
  const web = (protocol: string) => protocol === 'http:' || protocol === 'https:';
  if (!web(target.protocol) || !web(root.protocol) || target.username || target.password) return null;
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  // http://host and https://host are the same API; an explicit port must be the same one.
  const samePort = target.port === root.port || (port(target) === port(root) && target.protocol === root.protocol) || (!target.port && !root.port);
  if (target.hostname !== root.hostname || !samePort) return null;
  const rootPath = trimSlash(root.pathname);
  const path = trimSlash(target.pathname);
  if (path !== rootPath && !path.startsWith(`${rootPath}/`)) return null;
  return `${trimSlash(base)}${path.slice(rootPath.length)}${target.search}`;
}

/** The same resource, whatever http/https, host case or trailing slash its URL was written with. */
function sameResource(a: string, b: string): boolean {
  const key = (url: string) =>
    url
      .replace(/^https?:\/\//i, '')
      .replace(/^[^/]+/, (host) => host.toLowerCase())
      .replace(/\/+$/, '');
  return key(a) === key(b);
}

export class ZaaksysteemClient implements Zaaksysteem {
  readonly naam: string;
  private readonly zaken: SourceClient;
  private readonly catalogi: SourceClient;
  private readonly documenten: SourceClient;
  private readonly api: { zaken: string; catalogi: string; documenten: string };
  /** The Catalogi API and any other this system's zaaktypen may be in (`andereCatalogiApis`). */
  private readonly catalogiApis: string[];
  private readonly concurrency: number;
  private readonly maxZaak: string;
  private readonly own: readonly string[];
  private readonly maxPages: number;
  private readonly catalogue: LRUCache<string, object, SourceClient>;
  private readonly statusCache = new LRUCache<string, RawStatus>({ max: 20_000, ttl: 60 * 60 * 1000 });

  constructor(
    private readonly config: ZaaksysteemConfig,
    private readonly options: ZaaksysteemOptions,
  ) {
    this.naam = config.naam;
    this.api = { zaken: trimSlash(config.zakenApi), catalogi: trimSlash(config.catalogiApi), documenten: trimSlash(config.documentenApi) };
    this.catalogiApis = [this.api.catalogi, ...(config.andereCatalogiApis ?? []).map(trimSlash)];
    const token = new ZgwToken(config.clientId, config.secret);
    const client = (api: string, extra: Record<string, string> = {}) =>
      new SourceClient({
        name: `zgw-${api}`,
        timeoutMs: options.timeoutMs,
        metrics: options.metrics,
        headers: async () => ({ authorization: await token.header(), ...extra }),
      });
    // zaken-api.yaml marks Accept-Crs and Content-Crs required on zaak_list and zaak_retrieve (GET
    // included): Open Zaak answers 412 without Accept-Crs, a spec-enforcing gateway without either.
    this.zaken = client('zaken', { 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' });
    this.catalogi = client('catalogi');
    this.documenten = client('documenten');
    this.concurrency = options.concurrency ?? 10;
    this.maxZaak = options.maxZaakVertrouwelijkheid ?? 'vertrouwelijk';
    this.own = options.ownRollen ?? ['initiator'];
    this.maxPages = options.maxPages ?? MAX_PAGES;
    // Catalogue objects change rarely; one fetch per TTL, shared by concurrent requests, and
    // the last known value when the Catalogi API fails.
    this.catalogue = new LRUCache<string, object, SourceClient>({
      max: 5_000,
      ttl: options.catalogueCacheSeconds * 1000,
      allowStaleOnFetchRejection: true,
      noDeleteOnFetchRejection: true,
      fetchMethod: async (key, _stale, { options: set }) => {
        const [kind, url] = key.split(' ', 2) as [string, string];
        const fetched = await this.fetchCatalogue(kind, url);
        if (fetched !== null) return fetched;
        // Not there, or not fitting its schema: an answer too, kept for a moment only, so that the
        // zaken that ask for it at the same time (and join this fetch) all get it from one call.
        set.ttl = Math.min(set.ttl ?? notFoundMs, notFoundMs);
        return notFound;
      },
    });
  }

  /**
   * The subject's own zaken (see the top of this file), newest change first, with their current
   * status. A zaak that cannot be read (it fails its schema, its zaaktype is unknown or in a
   * catalogue that is not configured) is left out and logged; when every zaak fails that way the
   * system is taken as unavailable (it answers garbage).
   */
  async zakenOf(subject: Subject, log: Pick<Log, 'warn'> = noLog): Promise<ZakenOfSubject> {
    // One kind of own rol narrows the candidates; with more, the list is filtered on the subject only.
    const ownRol = this.own.length === 1 ? (this.own[0] as ZaakListQuery['rol__omschrijvingGeneriek']) : undefined;
    // A company's zaken are on the company and on its vestigingen: one pair of lists per identification, side by side.
    const perIdentification = await Promise.all(
      rolFilters(subject).map((identification) => {
        const filter = {
          ...prefixed('rol__betrokkeneIdentificatie__', identification),
          maximaleVertrouwelijkheidaanduiding: this.maxZaak,
          ...(ownRol ? { rol__omschrijvingGeneriek: ownRol } : {}),
        } as ZaakListQuery;
        const rolQuery = { ...prefixed('betrokkeneIdentificatie__', identification), ...(ownRol ? { omschrijvingGeneriek: ownRol } : {}) };
        // The spec sets no default order, and its `ordering` type is a nested array (a spec error): send it as text.
        return Promise.all([
          this.pages(
            this.zaken,
            this.api.zaken,
            `${this.api.zaken}/zaken?${query(filter)}&ordering=-startdatum&expand=status`,
            zaakMetStatusSchema,
            log,
            'zaak',
          ),
          this.pages(this.zaken, this.api.zaken, `${this.api.zaken}/rollen?${query(rolQuery)}`, rolSchema, log, 'rol'),
        ]);
      }),
    );
    const list = mergePages(perIdentification.map(([zaken]) => zaken));
    const rollen = mergePages(perIdentification.map(([, r]) => r));
    const owned = new Set(
      rollen.items.filter((rol) => isInitiator([toInitiatorRol(rol)], subject, this.own)).map((rol) => inApi(rol.zaak, this.api.zaken) ?? rol.zaak),
    );
    // The catalogue of every zaaktype among them, asked for side by side at once: the per-zaak work
    // below runs a few zaken at a time, and would otherwise wait a round trip per batch of zaken.
    // The cache joins a per-zaak lookup to the fetch already under way; a failure is handled per zaak.
    for (const zaaktype of new Set(list.items.map((zaak) => zaak.zaaktype))) {
      settled(this.zaaktype(zaaktype, 'skip'));
      if (list.items.some((zaak) => zaak.zaaktype === zaaktype && zaak.status)) settled(this.statustypen(zaaktype));
    }
    const limit = pLimit(this.concurrency);
    let failed: unknown;
    const results = await Promise.all(
      list.items.map((zaak) =>
        limit(async (): Promise<Zaak | null> => {
          try {
            // The rollen list was cut off: ask this zaak's rollen (rare: a person with more than maxPages pages).
            const mine = owned.has(inApi(zaak.url, this.api.zaken) ?? zaak.url) || (!rollen.complete && (await this.isOwn(zaak.url, subject)));
            if (!mine || !isZaakVisible(zaak.vertrouwelijkheidaanduiding, this.maxZaak)) return null;
            // Its zaaktype and its status side by side: one round trip, not two (an intern zaak's status is read for nothing).
            const expandedStatus = zaak._expand?.status ? [zaak._expand.status] : undefined;
            const [zaaktype, shown] = await Promise.all([this.zaaktype(zaak.zaaktype, 'skip'), this.toZaak(zaak, undefined, 'skip', log, expandedStatus)]);
            if (zaaktype?.indicatieInternOfExtern === 'intern') return null;
            return { ...shown, zaaktype: zaaktype?.omschrijving ?? '' };
          } catch (error) {
            if (!(error instanceof SkippedZaak)) throw error;
            failed ??= error;
            log.warn({ source: 'zgw-zaken', zaaksysteem: this.naam, zaak: zaak.uuid, reason: error.message }, 'zaak skipped: it cannot be read');
            return null;
          }
        }),
      ),
    );
    const zaken = results.filter((z): z is Zaak => z !== null);
    const skipped = list.skipped + results.length - zaken.length;
    if (zaken.length === 0 && (failed || (list.skipped > 0 && list.items.length === 0))) {
      throw new SourceUnavailableError('zgw-zaken', 'invalid', `no zaak could be read (${skipped} skipped)`);
    }
    const notShown = list.complete ? 0 : Math.max(0, list.total - list.items.length - list.skipped);
    if (notShown > 0)
      log.warn({ source: 'zgw-zaken', zaaksysteem: this.naam, read: list.items.length, notShown }, 'zaken cut off: more pages than Voordeur reads');
    return { zaken, notShown };
  }

  /**
   * A zaak with its timeline, resultaat and visible documents; null when it does not exist or is not
   * the subject's. Two round trips with a warm catalogue: its statussen and documents list are asked
   * for side by side with the zaak and its rollen, and used only once the zaak proves to be the
   * subject's (the current status is taken from the statussen, not read again); then the documents
   * and the resultaat. `owned` is called in between.
   */
  async zaakDetail(subject: Subject, uuid: string, owned?: () => void): Promise<ZaakDetail | null> {
    if (!zaakUuidPattern.test(uuid)) return null;
    const zaakUrl = `${this.api.zaken}/zaken/${uuid}`;
    const early = {
      statussen: settled(this.pages(this.zaken, this.api.zaken, `${this.api.zaken}/statussen?${query({ zaak: zaakUrl })}`, statusSchema)),
      links: settled(this.zaken.getJson(`${this.api.zaken}/zaakinformatieobjecten?${query({ zaak: zaakUrl })}`, zaakinformatieobjectenSchema)),
    };
    const zaak = await this.ownedZaak(subject, uuid);
    if (!zaak) return null;
    owned?.();
    // Without the Catalogi API the zaak is still worth showing: what is known, and a note that the steps cannot be shown now.
    const steps = this.statustypen(zaak.zaaktype).catch(orUndefined);
    const [statussen, links] = await Promise.all([early.statussen.then((p) => p.items), early.links]);
    // Without the Documenten API the zaak is still worth showing; its documents block says they are unavailable.
    const documents = settled(
      this.visibleDocuments((links ?? []).map((l) => l.informatieobject)).catch((error: unknown) => {
        if (error instanceof SourceUnavailableError) return undefined;
        throw error;
      }),
    );
    const [summary, stepsKnown, resultaat] = await Promise.all([
      this.toZaak(zaak, zaak.zaaktypeKnown, 'unknown', noLog, statussen),
      steps,
      zaak.resultaat ? this.resultaat(zaak.resultaat) : undefined,
    ]);
    const currentStatustype = zaak.status ? statussen.find((s) => sameResource(s.url, zaak.status ?? ''))?.statustype : undefined;
    const key = (url: string) => this.inCatalogi(url)?.url ?? url;
    const timeline =
      stepsKnown &&
      buildTimeline(
        stepsKnown.map((s) => ({
          key: key(s.url),
          volgnummer: s.volgnummer,
          naam: s.omschrijving,
          tekst: s.statustekst || undefined,
          isEindstatus: s.isEindstatus ?? false,
        })),
        statussen.map((s) => ({ statustype: key(s.statustype), datum: new Date(s.datumStatusGezet), toelichting: s.statustoelichting || undefined })),
        currentStatustype && key(currentStatustype),
      );
    return { zaak: summary, timeline, resultaat, documents: await documents };
  }

  /** A document of the subject's zaak, as a stream; null unless the zaak is theirs, the document belongs to it and may be shown. */
  async downloadDocument(subject: Subject, zaakUuid: string, documentUuid: string): Promise<DocumentDownload | null> {
    const zaak = await this.ownedZaak(subject, zaakUuid);
    if (!zaak) return null;
    const documentUrl = `${this.api.documenten}/enkelvoudiginformatieobjecten/${encodeURIComponent(documentUuid)}`;
    const [links, raw] = await Promise.all([
      this.zaken.getJson(`${this.api.zaken}/zaakinformatieobjecten?${query({ zaak: zaak.url, informatieobject: documentUrl })}`, zaakinformatieobjectenSchema),
      this.documenten.getJson(documentUrl, enkelvoudiginformatieobjectSchema),
    ]);
    // The filter is the API's; the check is Voordeur's own.
    if (!raw || !links?.some((l) => sameResource(l.informatieobject, documentUrl) && sameResource(l.zaak, zaak.url))) return null;
    return this.visibleFile(raw, documentUrl);
  }

  /** Whether a document URL is in this system's Documenten API (so this system may fetch it). */
  holdsDocument(url: string): boolean {
    return inApi(url, this.api.documenten) !== null;
  }

  /**
   * Documents by URL (e.g. a bericht's bijlagen) that may be shown; the caller has checked that
   * they are the person's. URLs outside this system's Documenten API are left out.
   */
  async documentsAt(urls: string[]): Promise<ZaakDocument[]> {
    return this.visibleDocuments(urls);
  }

  /** A document by URL as a stream, if it may be shown; the caller has checked that it is the person's. */
  async downloadAt(documentUrl: string): Promise<DocumentDownload | null> {
    const url = inApi(documentUrl, this.api.documenten);
    if (!url) return null;
    const raw = await this.documenten.getJson(url, enkelvoudiginformatieobjectSchema);
    return raw ? this.visibleFile(raw, url) : null;
  }

  /** The file of a document that may be shown; fetched only from this system's Documenten API. */
  private async visibleFile(raw: RawDocument, documentUrl: string): Promise<DocumentDownload | null> {
    if (!isDocumentVisible(raw.vertrouwelijkheidaanduiding, this.options.documentAllowList)) return null;
    const downloadUrl = (raw.inhoud && inApi(raw.inhoud, this.api.documenten)) || `${documentUrl}/download`;
    const file = await this.documenten.download(downloadUrl);
    if (!file) return null;
    return { document: await this.toDocument(raw), file };
  }

  /** Whether the person can add documents to zaken of this system. */
  get acceptsUploads(): boolean {
    return Boolean(this.config.uploadInformatieobjecttype);
  }

  /**
   * Adds a document to an open zaak of the subject: an enkelvoudiginformatieobject, then the
   * zaakinformatieobject linking it. 'not-found' when the zaak is not theirs or the system takes
   * no uploads; 'closed' when the zaak is closed.
   */
  async addDocument(subject: Subject, zaakUuid: string, file: NewDocument): Promise<AddDocumentOutcome> {
    const added = await this.createDocument(subject, zaakUuid, file, this.config.uploadInformatieobjecttype);
    return typeof added === 'string' ? added : 'added';
  }

  /**
   * A file sent with the form of a taak, stored as a document of the taak's zaak (as addDocument),
   * with the form's informatieobjecttype when it is one of this system's catalogues, else the
   * configured one. The document's URL, which the form's data refers to; null when the zaak is not
   * the subject's open zaak in this system, or the system takes no uploads.
   */
  async storeFormDocument(subject: Subject, zaakUuid: string, file: NewDocument, informatieobjecttype?: string): Promise<string | null> {
    if (!this.config.uploadInformatieobjecttype) return null;
    const type = informatieobjecttype && this.inCatalogi(informatieobjecttype) ? informatieobjecttype : this.config.uploadInformatieobjecttype;
    const added = await this.createDocument(subject, zaakUuid, file, type);
    return typeof added === 'string' ? null : added.url;
  }

  private async createDocument(
    subject: Subject,
    zaakUuid: string,
    file: NewDocument,
    informatieobjecttype: string | undefined,
  ): Promise<{ url: string } | 'not-found' | 'closed'> {
    const zaak = await this.ownedZaak(subject, zaakUuid);
    if (!zaak || !informatieobjecttype) return 'not-found';
    if (zaak.einddatum) return 'closed';
    const auteur = subject.type === 'persoon' ? 'Aanvrager (via Mijn Omgeving)' : 'Organisatie van de aanvrager (via Mijn Omgeving)';
    const document = await this.postDocument({ ...file, bronorganisatie: zaak.bronorganisatie, auteur, informatieobjecttype });
    await this.zaken.postJson(
      `${this.api.zaken}/zaakinformatieobjecten`,
      { informatieobject: document.url, zaak: zaak.url, titel: file.titel },
      zaakinformatieobjectSchema,
    );
    return { url: document.url };
  }

  /** A new document the person sent (final, in Dutch, with the upload vertrouwelijkheidaanduiding) in this system's Documenten API. */
  private postDocument(
    file: NewDocument & { identificatie?: string; bronorganisatie: string; auteur: string; informatieobjecttype: string },
  ): Promise<RawDocument> {
    const body = {
      ...(file.identificatie ? { identificatie: file.identificatie } : {}),
      bronorganisatie: file.bronorganisatie,
      creatiedatum: new Date().toISOString().slice(0, 10),
      titel: file.titel,
      auteur: file.auteur,
      taal: 'dut',
      bestandsnaam: file.bestandsnaam,
      formaat: file.formaat,
      inhoud: file.inhoud.toString('base64'),
      bestandsomvang: file.inhoud.length,
      informatieobjecttype: file.informatieobjecttype,
      vertrouwelijkheidaanduiding: this.options.uploadVertrouwelijkheidaanduiding,
      status: 'definitief',
      indicatieGebruiksrecht: false,
    } as NewDocumentRequest;
    return this.documenten.postJson(`${this.api.documenten}/enkelvoudiginformatieobjecten`, body, enkelvoudiginformatieobjectSchema);
  }

  private ref(uuid: string): ZaakRef {
    return { systeem: this.naam, uuid };
  }

  /**
   * The zaak, if it exists, the subject has one of the own rollen in it (checked on its rollen),
   * its vertrouwelijkheidaanduiding may be shown and its zaaktype is not intern. The zaaktype
   * comes along when the Catalogi API answered (else undefined: the zaak is still shown).
   */
  private async ownedZaak(subject: Subject, uuid: string): Promise<(RawZaak & { bronorganisatie: string; zaaktypeKnown: RawZaaktype | undefined }) | null> {
    if (!zaakUuidPattern.test(uuid)) return null;
    const zaakUrl = `${this.api.zaken}/zaken/${uuid}`;
    const [zaak, own] = await Promise.all([this.zaken.getJson(zaakUrl, zaakMetBronorganisatieSchema), this.isOwn(zaakUrl, subject)]);
    if (!zaak || !sameResource(zaak.url, zaakUrl) || !own || !isZaakVisible(zaak.vertrouwelijkheidaanduiding, this.maxZaak)) return null;
    const zaaktype = await this.zaaktype(zaak.zaaktype, 'unknown');
    if (zaaktype?.indicatieInternOfExtern === 'intern') return null;
    return { ...zaak, zaaktypeKnown: zaaktype };
  }

  /** The rollen of a zaak (the filter is the API's, the check Voordeur's, rol by rol). */
  private async rollenOf(zaakUrl: string): Promise<InitiatorRol[]> {
    const rolQuery: RolListQuery = { zaak: zaakUrl };
    if (this.own.length === 1) rolQuery.omschrijvingGeneriek = this.own[0] as RolListQuery['omschrijvingGeneriek'];
    const rollen = await this.pages(this.zaken, this.api.zaken, `${this.api.zaken}/rollen?${query(rolQuery)}`, rolSchema);
    return rollen.items.filter((rol) => sameResource(rol.zaak, zaakUrl)).map(toInitiatorRol);
  }

  private async isOwn(zaakUrl: string, subject: Subject): Promise<boolean> {
    const url = inApi(zaakUrl, this.api.zaken);
    return url !== null && isInitiator(await this.rollenOf(url), subject, this.own);
  }

  /** The doorlooptijd of one of this system's zaaktypen (ISO 8601 duration); undefined when it is not known or the catalogue cannot say now. */
  async doorlooptijd(zaaktypeUuid: string): Promise<string | undefined> {
    if (!/^[0-9a-fA-F-]{36}$/.test(zaaktypeUuid)) return undefined;
    return (await this.zaaktype(`${this.api.catalogi}/zaaktypen/${zaaktypeUuid.toLowerCase()}`, 'unknown'))?.doorlooptijd ?? undefined;
  }

  /**
   * Starts zaken for aanvragen in this system (Aanvragen's delivery route `zaken`). The zaak gets
   * the aanvraag's kenmerk as identificatie and the bronorganisatie of the zaaktype's catalogus;
   * each step first looks for what an earlier attempt made (the zaak by identificatie, the
   * subject's initiator rol, a document by its identificatie among the zaak's documents).
   */
  zaakStarter(): ZaakStarter {
    const zaken = this.api.zaken;
    return {
      keepsDocuments: Boolean(this.config.uploadInformatieobjecttype ?? this.config.aanvraagInformatieobjecttype),
      zaak: async ({ zaaktype, identificatie, omschrijving, toelichting }) => {
        const zaaktypeUrl = `${this.api.catalogi}/zaaktypen/${zaaktype}`;
        const type = await this.catalogi.getJson(zaaktypeUrl, zaaktypeMetCatalogusSchema);
        const catalogusUrl = type && inApi(type.catalogus, this.api.catalogi);
        const catalogus = catalogusUrl ? await this.catalogi.getJson(catalogusUrl, catalogusSchema) : null;
        if (!type || !catalogus) throw new SourceUnavailableError('zgw-catalogi', 'invalid', 'the zaaktype of the aanvraag or its catalogus is not there');
        const bronorganisatie = catalogus.rsin;
        const found = await this.pages(this.zaken, zaken, `${zaken}/zaken?${query({ identificatie, bronorganisatie })}`, zaakSchema);
        const earlier = found.items.find((zaak) => zaak.identificatie === identificatie);
        if (earlier) return earlier.url;
        const today = dutchToday();
        const created = await this.zaken.postJson(
          `${zaken}/zaken`,
          {
            identificatie,
            bronorganisatie,
            verantwoordelijkeOrganisatie: bronorganisatie,
            zaaktype: type.url,
            omschrijving,
            toelichting,
            registratiedatum: today,
            startdatum: today,
          },
          zaakSchema,
        );
        return created.url;
      },
      initiator: async (zaakUrl, zaaktype, subject) => {
        const url = inApi(zaakUrl, zaken);
        if (!url) throw new SourceUnavailableError('zgw-zaken', 'invalid', 'the zaak is not in this zaaksysteem');
        const rollen = await this.pages(this.zaken, zaken, `${zaken}/rollen?${query({ zaak: url, omschrijvingGeneriek: 'initiator' })}`, rolSchema);
        const earlier = rollen.items.find((rol) => sameResource(rol.zaak, url) && isInitiator([toInitiatorRol(rol)], subject));
        if (earlier) return earlier.url;
        const roltypen = await this.pages(
          this.catalogi,
          this.api.catalogi,
          `${this.api.catalogi}/roltypen?${query({ zaaktype: `${this.api.catalogi}/zaaktypen/${zaaktype}`, omschrijvingGeneriek: 'initiator' })}`,
          roltypeSchema,
        );
        const roltype = roltypen.items[0];
        if (!roltype) throw new SourceUnavailableError('zgw-catalogi', 'invalid', 'the zaaktype has no initiator roltype');
        const created = await this.zaken.postJson(
          `${zaken}/rollen`,
          {
            zaak: url,
            roltype: roltype.url,
            roltoelichting: 'Aanvrager (via Mijn Omgeving)',
            ...(subject.type === 'persoon'
              ? { betrokkeneType: 'natuurlijk_persoon', betrokkeneIdentificatie: { inpBsn: subject.bsn } }
              : { betrokkeneType: 'niet_natuurlijk_persoon', betrokkeneIdentificatie: { innNnpId: subject.kvkNummer } }),
          },
          rolSchema,
        );
        return created.url;
      },
      document: async (zaakUrl, file) => {
        const zaak = zaakUrl === undefined ? undefined : inApi(zaakUrl, zaken);
        const upload = this.config.uploadInformatieobjecttype;
        const informatieobjecttype = file.soort === 'antwoorden' ? (this.config.aanvraagInformatieobjecttype ?? upload) : upload;
        if (zaak === null || !informatieobjecttype)
          throw new SourceRejectedError('zgw-documenten', 400, 'no uploadInformatieobjecttype, or the zaak is not in this zaaksysteem');
        // The zaak's bronorganisatie; without a zaak, the RSIN of the informatieobjecttype's catalogus.
        const bronorganisatie = zaak
          ? (await this.zaken.getJson(zaak, zaakMetBronorganisatieSchema))?.bronorganisatie
          : await this.rsinOf(informatieobjecttype);
        if (!bronorganisatie)
          throw new SourceUnavailableError('zgw-zaken', 'invalid', 'the zaak of the aanvraag, or the catalogus of its informatieobjecttype, is not there');
        const documenten = `${this.api.documenten}/enkelvoudiginformatieobjecten`;
        // Made by an attempt that stopped before it could write it down (identificatie is unique per bronorganisatie).
        const found = await this.pages(
          this.documenten,
          this.api.documenten,
          `${documenten}?${query({ identificatie: file.identificatie, bronorganisatie })}`,
          enkelvoudiginformatieobjectSchema,
        );
        const document =
          found.items.find((candidate) => candidate.identificatie === file.identificatie) ??
          (await this.postDocument({ ...file, bronorganisatie, auteur: 'Aanvrager (via Mijn Omgeving)', informatieobjecttype }));
        if (zaak) {
          const linked = await this.zaken.getJson(
            `${zaken}/zaakinformatieobjecten?${query({ zaak, informatieobject: document.url })}`,
            zaakinformatieobjectenSchema,
          );
          if (!linked?.some((zio) => sameResource(zio.informatieobject, document.url) && sameResource(zio.zaak, zaak)))
            await this.zaken.postJson(
              `${zaken}/zaakinformatieobjecten`,
              { informatieobject: document.url, zaak, titel: file.titel },
              zaakinformatieobjectSchema,
            );
        }
        return document.url;
      },
    };
  }

  /** The RSIN of the catalogus an informatieobjecttype is in (the bronorganisatie of a document without a zaak). */
  private async rsinOf(informatieobjecttype: string): Promise<string | undefined> {
    const where = this.inCatalogi(informatieobjecttype);
    const type = where && (await this.catalogi.getJson(where.url, informatieobjecttypeMetCatalogusSchema));
    const catalogus = type && where && inApi(type.catalogus, where.api);
    return catalogus ? (await this.catalogi.getJson(catalogus, catalogusSchema))?.rsin : undefined;
  }

  /** What a zaak is known by (for an aanvraag it was made of): its identificatie and its kenmerken; [] when it is not in this system or not there. */
  async kenmerkenOf(zaakUrl: string): Promise<string[]> {
    const url = inApi(zaakUrl, this.api.zaken);
    const zaak = url ? await this.zaken.getJson(url, zaakMetKenmerkenSchema) : null;
    return zaak ? [...(zaak.identificatie ? [zaak.identificatie] : []), ...(zaak.kenmerken ?? []).map((k) => k.kenmerk)] : [];
  }

  /** Whether a zaak URL is in this system's Zaken API. */
  holdsZaak(url: string): boolean {
    return inApi(url, this.api.zaken) !== null;
  }

  /**
   * Whose zaak this is, as far as Voordeur shows it (for notifications: who to tell about a
   * change): the subjects of its own rollen, and nobody when the zaak is not shown to them (too
   * confidential, or of an intern zaaktype), so that no one is sent to a page they cannot open.
   */
  async initiatorsOf(zaakUrl: string): Promise<Subject[]> {
    const url = inApi(zaakUrl, this.api.zaken);
    if (!url) return [];
    const [zaak, rollen] = await Promise.all([this.zaken.getJson(url, zaakSchema), this.rollenOf(url)]);
    if (!zaak || !isZaakVisible(zaak.vertrouwelijkheidaanduiding, this.maxZaak)) return [];
    const zaaktype = await this.zaaktype(zaak.zaaktype, 'unknown');
    if (zaaktype?.indicatieInternOfExtern === 'intern') return [];
    return initiatorSubjects(rollen, this.own);
  }

  /**
   * A zaak's zaaktype from the catalogue. When it cannot be had: 'skip' throws SkippedZaak for
   * one that does not exist, fails its schema or is in a catalogue that is not configured (and
   * SourceUnavailableError when the Catalogi API does not answer); 'unknown' gives undefined in
   * every such case (a zaak's own page shows what is known).
   */
  private async zaaktype(url: string, missing: 'skip' | 'unknown'): Promise<RawZaaktype | undefined> {
    try {
      return await this.cached('zaaktype', url, zaaktypeSchema);
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      if (missing === 'unknown') return undefined;
      if (error.reason === 'invalid') throw new SkippedZaak(`zaaktype: ${error.message}`);
      throw error;
    }
  }

  /** A zaak in domain terms; its status and the status's name when they can be had ('unknown': also without the Catalogi API). */
  private async toZaak(
    zaak: RawZaak,
    zaaktype: RawZaaktype | undefined,
    missing: 'skip' | 'unknown',
    log: Pick<Log, 'warn'> = noLog,
    /** The zaak's statussen when they were read already: its current status is among them. */
    statussen?: RawStatus[],
  ): Promise<Zaak> {
    const current = zaak.status && statussen?.find((s) => sameResource(s.url, zaak.status ?? ''));
    const [status, statustypen] = await Promise.all([
      current || (zaak.status ? this.status(zaak.status, log) : undefined),
      zaak.status ? this.statustypen(zaak.zaaktype).catch(missing === 'unknown' ? orUndefined : orThrow) : [],
    ]);
    const statustype = status ? statustypen?.find((s) => sameResource(s.url, status.statustype)) : undefined;
    const datum = status ? new Date(status.datumStatusGezet) : new Date(zaak.startdatum);
    return {
      ref: this.ref(zaak.uuid),
      identificatie: zaak.identificatie ?? '',
      omschrijving: zaak.omschrijving ?? '',
      toelichting: zaak.toelichting || undefined,
      zaaktype: zaaktype?.omschrijving ?? '',
      startdatum: zaak.startdatum,
      einddatum: zaak.einddatum ?? undefined,
      einddatumGepland: zaak.einddatumGepland ?? undefined,
      uiterlijkeEinddatumAfdoening: zaak.uiterlijkeEinddatumAfdoening ?? undefined,
      status:
        status && statustype
          ? { naam: statustype.omschrijving, tekst: statustype.statustekst || undefined, datum, toelichting: status.statustoelichting || undefined }
          : undefined,
      laatsteWijziging: datum,
    };
  }

  /** A status by the URL a zaak gives; undefined (logged) when it is not in this Zaken API, does not exist or fails its schema. */
  private async status(given: string, log: Pick<Log, 'warn'>): Promise<RawStatus | undefined> {
    const url = inApi(given, this.api.zaken);
    if (!url) {
      log.warn({ source: 'zgw-zaken', zaaksysteem: this.naam }, 'status not read: its URL is outside the configured Zaken API');
      return undefined;
    }
    const known = this.statusCache.get(url);
    if (known) return known;
    const status = await this.zaken.getJson(url, statusSchema).catch((error: unknown) => {
      if (error instanceof SourceUnavailableError && error.reason === 'invalid') return null;
      throw error;
    });
    if (!status) {
      log.warn({ source: 'zgw-zaken', zaaksysteem: this.naam }, 'status not read: it does not exist or does not fit the schema');
      return undefined;
    }
    this.statusCache.set(url, status);
    return status;
  }

  private async statustypen(zaaktype: string): Promise<RawStatustype[]> {
    const list = await this.cached('statustypen', zaaktype, statustypenSchema);
    return list;
  }

  /** The resultaat, when its URL is in this Zaken API and its type can be read (not without the Catalogi API). */
  private async resultaat(given: string): Promise<{ omschrijving: string; toelichting?: string } | undefined> {
    const url = inApi(given, this.api.zaken);
    if (!url) return undefined;
    const resultaat = await this.zaken.getJson(url, resultaatSchema);
    if (!resultaat) return undefined;
    const type = await this.cached('resultaattype', resultaat.resultaattype, resultaattypeSchema).catch(orUndefined);
    return type && { omschrijving: type.omschrijving, toelichting: resultaat.toelichting || undefined };
  }

  private async visibleDocuments(urls: string[]): Promise<ZaakDocument[]> {
    // Only documents in this system's Documenten API: the token is not sent anywhere else.
    const limit = pLimit(this.concurrency);
    const inStore = urls.map((url) => inApi(url, this.api.documenten)).filter((url): url is string => url !== null);
    const raws = await Promise.all(inStore.map((url) => limit(() => this.documenten.getJson(url, enkelvoudiginformatieobjectSchema))));
    const visible = raws.filter((d): d is RawDocument => d !== null && isDocumentVisible(d.vertrouwelijkheidaanduiding, this.options.documentAllowList));
    const documents = await Promise.all(visible.map((d) => this.toDocument(d)));
    return documents.sort((a, b) => b.datum.localeCompare(a.datum) || a.titel.localeCompare(b.titel));
  }

  private async toDocument(raw: RawDocument): Promise<ZaakDocument> {
    const type = await this.cached('informatieobjecttype', raw.informatieobjecttype, informatieobjecttypeSchema).catch((error: unknown) => {
      if (error instanceof SourceUnavailableError) return undefined; // the document is still useful without its type's name
      throw error;
    });
    const uuid = raw.url.split('/').filter(Boolean).at(-1) ?? '';
    return {
      uuid,
      titel: raw.titel,
      type: type?.omschrijving,
      datum: raw.creatiedatum,
      grootte: raw.bestandsomvang ?? undefined,
      formaat: raw.formaat || undefined,
      bestandsnaam: raw.bestandsnaam || raw.titel,
    };
  }

  /** The configured Catalogi API that holds this URL, and the URL on it; null for any other. */
  private inCatalogi(url: string): { api: string; url: string } | null {
    for (const api of this.catalogiApis) {
      const found = inApi(url, api);
      if (found) return { api, url: found };
    }
    return null;
  }

  /** A catalogue object (or list), from the cache when fresh. */
  private async cached<S extends z.ZodType>(kind: string, given: string, schema: S): Promise<z.output<S>> {
    const url = this.inCatalogi(given)?.url;
    if (!url) throw new SourceUnavailableError('zgw-catalogi', 'invalid', `a ${kind} outside the configured Catalogi APIs`);
    const status: LRUCache.Status<string, object, SourceClient> = {};
    const value = await this.catalogue.fetch(`${kind} ${url}`, { context: this.catalogi, status });
    // A failed fetch without a stale value to fall back on gives undefined, not the error.
    if (value === undefined) {
      if (status.fetchError instanceof SourceUnavailableError) throw status.fetchError;
      throw new SourceUnavailableError('zgw-catalogi', 'network', `${kind} could not be read`, { cause: status.fetchError });
    }
    if (value === notFound) throw new SourceUnavailableError('zgw-catalogi', 'invalid', `${kind} not found`);
    return schema.parse(value);
  }

  private async fetchCatalogue(kind: string, url: string): Promise<object | null> {
    switch (kind) {
      case 'zaaktype':
        return this.catalogi.getJson(url, zaaktypeSchema);
      case 'statustypen': {
        // Asked of the Catalogi API that holds the zaaktype.
        const api = this.inCatalogi(url)?.api ?? this.api.catalogi;
        return (await this.pages(this.catalogi, api, `${api}/statustypen?${query({ zaaktype: url })}`, statustypeSchema)).items;
      }
      case 'resultaattype':
        return this.catalogi.getJson(url, resultaattypeSchema);
      case 'informatieobjecttype':
        return this.catalogi.getJson(url, informatieobjecttypeSchema);
      default:
        throw new Error(`unknown catalogue kind ${kind}`);
    }
  }

  /**
   * The pages of a paginated list, following `next` (only within `api`) up to `maxPages`. Items
   * are checked one by one: one that does not fit `item` is left out (counted in `skipped`,
   * logged). `complete` is false when pages were left unread; `total` is the API's count.
   */
  private async pages<S extends z.ZodType>(
    client: SourceClient,
    api: string,
    firstUrl: string,
    item: S,
    log: Pick<Log, 'warn'> = noLog,
    what = 'item',
  ): Promise<ReadPages<z.output<S>>> {
    const items: z.output<S>[] = [];
    let total = 0;
    let skipped = 0;
    let url: string | null = firstUrl;
    for (let page = 0; url && page < this.maxPages; page++) {
      const answer: z.output<typeof loosePage> | null = await client.getJson(url, loosePage);
      if (!answer) break;
      if (page === 0) total = answer.count;
      for (const raw of answer.results) {
        const parsed = item.safeParse(raw);
        if (parsed.success) items.push(parsed.data);
        else {
          skipped++;
          const issue = parsed.error.issues[0];
          log.warn(
            { source: client.name, zaaksysteem: this.naam, at: issue?.path.join('.'), problem: issue?.message },
            `${what} skipped: it does not fit the schema`,
          );
        }
      }
      url = answer.next ? inApi(answer.next, api) : null;
      if (answer.next && !url) log.warn({ source: client.name, zaaksysteem: this.naam }, 'next page not read: its URL is outside the API');
    }
    return { items, total: Math.max(total, items.length + skipped), skipped, complete: url === null };
  }
}

/** What was read of a list: its items, how many it said it holds, how many did not fit, and whether every page was read. */
interface ReadPages<T> {
  items: T[];
  total: number;
  skipped: number;
  complete: boolean;
}

/**
 * The identifications whose zaken are the subject's, as filters (to be prefixed with
 * `rol__betrokkeneIdentificatie__` for the zaken list, `betrokkeneIdentificatie__` for the rollen
 * list): a person's BSN; a company's KvK number and, logged in for one vestiging, that vestiging;
 * logged in as a whole, each of its vestigingen (the Zaken API has no filter on a vestiging rol's
 * KvK number).
 */
function rolFilters(subject: Subject): Record<string, string>[] {
  if (subject.type === 'persoon') return [{ natuurlijkPersoon__inpBsn: subject.bsn }];
  const vestigingen = subject.vestigingsnummer ? [subject.vestigingsnummer] : (subject.vestigingen ?? []);
  return [{ nietNatuurlijkPersoon__innNnpId: subject.kvkNummer }, ...vestigingen.map((v) => ({ vestiging__vestigingsNummer: v }))];
}

function prefixed(prefix: string, filter: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).map(([name, value]) => [`${prefix}${name}`, value]));
}

/** Lists read for several identifications as one: each item once (newest start first, as each list was), complete when all were. */
function mergePages<T extends { url: string; startdatum?: string }>(lists: ReadPages<T>[]): ReadPages<T> {
  if (lists.length === 1) return lists[0]!;
  const seen = new Set<string>();
  const items = lists.flatMap((l) => l.items).filter((item) => !seen.has(item.url) && seen.add(item.url));
  items.sort((a, b) => (b.startdatum ?? '').localeCompare(a.startdatum ?? ''));
  return {
    items,
    total: lists.reduce((sum, l) => sum + l.total, 0) - (lists.reduce((sum, l) => sum + l.items.length, 0) - items.length),
    skipped: lists.reduce((sum, l) => sum + l.skipped, 0),
    complete: lists.every((l) => l.complete),
  };
}

function toInitiatorRol(rol: RawRol): InitiatorRol {
  return { betrokkeneType: rol.betrokkeneType, omschrijvingGeneriek: rol.omschrijvingGeneriek, ...rol.betrokkeneIdentificatie };
}

/** The catalogue's answer for an object that is not there (or does not fit its schema), and how long it is kept. */
const notFound = Object.freeze({});
const notFoundMs = 10_000;

const zaakUuidPattern = /^[0-9a-fA-F-]{36}$/;

/** A promise that may be left unused (asked for early, before it is known to be needed) without an unhandled rejection. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** For .catch: the Catalogi API cannot answer now, so this part is not known. */
function orUndefined(error: unknown): undefined {
  if (error instanceof SourceUnavailableError) return undefined;
  throw error;
}

function orThrow(error: unknown): never {
  throw error;
}
