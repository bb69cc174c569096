/**
 * One zaaksysteem: its Zaken, Catalogi and Documenten APIs (ZGW), reached with the ZGW JWT.
 * Answers in domain terms (Zaak, ZaakDetail, ZaakDocument); the raw API shapes stay here.
 *
 * Round trips, so that a page never waits for N calls one after another:
 * - zaken of a person: the zaken list (one page of 100 is the usual case), then in parallel the
 *   current statussen and the catalogue (cached). Statussen are immutable in ZGW (a new status
 *   is a new resource), so they are cached by URL too.
 * - one zaak: zaak and initiator rollen in parallel (ownership is checked before anything
 *   else is read), then statussen, documents links, zaaktype, statustypen, resultaat in
 *   parallel, then the documents and the resultaattype.
 * Per-zaak calls run with bounded concurrency per request; each call has the configured deadline.
 */
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { z } from 'zod';
import type { ZaaksysteemConfig } from '../../config.ts';
import type { Subject } from '../../domain/identity.ts';
import {
  buildTimeline,
  isDocumentVisible,
  initiatorSubjects,
  isInitiator,
  type AddDocumentOutcome,
  type DocumentDownload,
  type InitiatorRol,
  type NewDocument,
  type Zaak,
  type Zaaksysteem,
  type ZaakDetail,
  type ZaakDocument,
  type ZaakRef,
} from '../../domain/zaak.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { SourceClient } from '../http.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import { ZgwToken } from '../zgw-token.ts';
import type { operations as ZakenOperations } from './generated/zaken.ts';
import type { components as DocumentenComponents } from './generated/documenten.ts';
import {
  enkelvoudiginformatieobjectSchema,
  informatieobjecttypeSchema,
  paginated,
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
}

/** Made once: zod compiles a schema the first time it parses with it. */
const zaakinformatieobjectenSchema = z.array(zaakinformatieobjectSchema);
const statustypenSchema = z.array(statustypeSchema);
const zaakMetBronorganisatieSchema = zaakSchema.extend({ bronorganisatie: z.string() });

/** More pages than this of one person's zaken is not a person's list any more: stop there. */
const MAX_PAGES = 20;

type ZaakListQuery = NonNullable<ZakenOperations['zaak_list']['parameters']['query']>;
type RolListQuery = NonNullable<ZakenOperations['rol_list']['parameters']['query']>;
type NewDocumentRequest = DocumentenComponents['schemas']['EnkelvoudigInformatieObjectCreateLockRequest'];

function query(params: { [key: string]: string | number | undefined } | ZaakListQuery | RolListQuery): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number');
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export class ZaaksysteemClient implements Zaaksysteem {
  readonly naam: string;
  private readonly zaken: SourceClient;
  private readonly catalogi: SourceClient;
  private readonly documenten: SourceClient;
  private readonly api: { zaken: string; catalogi: string; documenten: string };
  private readonly concurrency: number;
  private readonly catalogue: LRUCache<string, object, SourceClient>;
  private readonly statusCache = new LRUCache<string, RawStatus>({ max: 20_000, ttl: 60 * 60 * 1000 });

  constructor(
    private readonly config: ZaaksysteemConfig,
    private readonly options: ZaaksysteemOptions,
  ) {
    this.naam = config.naam;
    this.api = { zaken: trimSlash(config.zakenApi), catalogi: trimSlash(config.catalogiApi), documenten: trimSlash(config.documentenApi) };
    const token = new ZgwToken(config.clientId, config.secret);
    const client = (api: string, extra: Record<string, string> = {}) =>
      new SourceClient({
        name: `zgw-${api}`,
        timeoutMs: options.timeoutMs,
        metrics: options.metrics,
        headers: async () => ({ authorization: await token.header(), ...extra }),
      });
    // The Zaken API answers only when the client says which coordinate system it wants.
    this.zaken = client('zaken', { 'accept-crs': 'EPSG:4326' });
    this.catalogi = client('catalogi');
    this.documenten = client('documenten');
    this.concurrency = options.concurrency ?? 10;
    // Catalogue objects change rarely; one fetch per TTL, shared by concurrent requests, and
    // the last known value when the Catalogi API fails.
    this.catalogue = new LRUCache<string, object, SourceClient>({
      max: 5_000,
      ttl: options.catalogueCacheSeconds * 1000,
      allowStaleOnFetchRejection: true,
      noDeleteOnFetchRejection: true,
      fetchMethod: async (key) => {
        const [kind, url] = key.split(' ', 2) as [string, string];
        const fetched = await this.fetchCatalogue(kind, url);
        if (fetched === null) throw new SourceUnavailableError('zgw-catalogi', 'invalid', `${kind} not found`);
        return fetched;
      },
    });
  }

  /** The zaken of which the subject is the initiator, newest change first, with their current status. */
  async zakenOf(subject: Subject): Promise<Zaak[]> {
    const filter: ZaakListQuery = { rol__omschrijvingGeneriek: 'initiator' };
    if (subject.type === 'persoon') filter.rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn = subject.bsn;
    else if (subject.vestigingsnummer) filter.rol__betrokkeneIdentificatie__vestiging__vestigingsNummer = subject.vestigingsnummer;
    else filter.rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId = subject.kvkNummer;
    // The spec sets no default order, and its `ordering` type is a nested array (a spec error): send it as text.
    const raw = await this.allPages(this.zaken, `${this.api.zaken}/zaken?${query(filter)}&ordering=-startdatum`, zaakSchema);
    const limit = pLimit(this.concurrency);
    return Promise.all(raw.map((zaak) => limit(() => this.toZaak(zaak))));
  }

  /** A zaak with its timeline, resultaat and visible documents; null when it does not exist or is not the subject's. */
  async zaakDetail(subject: Subject, uuid: string): Promise<ZaakDetail | null> {
    const zaak = await this.ownedZaak(subject, uuid);
    if (!zaak) return null;
    const [statussen, links, steps, resultaat, summary] = await Promise.all([
      this.allPages(this.zaken, `${this.api.zaken}/statussen?${query({ zaak: zaak.url })}`, statusSchema),
      this.zaken.getJson(`${this.api.zaken}/zaakinformatieobjecten?${query({ zaak: zaak.url })}`, zaakinformatieobjectenSchema),
      this.statustypen(zaak.zaaktype),
      zaak.resultaat ? this.resultaat(zaak.resultaat) : undefined,
      this.toZaak(zaak),
    ]);
    const currentStatustype = zaak.status ? statussen.find((s) => s.url === zaak.status)?.statustype : undefined;
    const timeline = buildTimeline(
      steps.map((s) => ({
        key: s.url,
        volgnummer: s.volgnummer,
        naam: s.omschrijving,
        tekst: s.statustekst || undefined,
        isEindstatus: s.isEindstatus ?? false,
      })),
      statussen.map((s) => ({ statustype: s.statustype, datum: new Date(s.datumStatusGezet), toelichting: s.statustoelichting || undefined })),
      currentStatustype,
    );
    // Without the Documenten API the zaak is still worth showing; its documents block says they are unavailable.
    const documents = await this.visibleDocuments((links ?? []).map((l) => l.informatieobject)).catch((error: unknown) => {
      if (error instanceof SourceUnavailableError) return undefined;
      throw error;
    });
    return { zaak: summary, timeline, resultaat, documents };
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
    if (!raw || !links?.some((l) => l.informatieobject === documentUrl && l.zaak === zaak.url)) return null;
    return this.visibleFile(raw, documentUrl);
  }

  /** Whether a document URL is in this system's Documenten API (so this system may fetch it). */
  holdsDocument(url: string): boolean {
    return this.isUnder(url, this.api.documenten);
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
    if (!this.holdsDocument(documentUrl)) return null;
    const raw = await this.documenten.getJson(documentUrl, enkelvoudiginformatieobjectSchema);
    return raw ? this.visibleFile(raw, documentUrl) : null;
  }

  /** The file of a document that may be shown; fetched only from this system's Documenten API. */
  private async visibleFile(raw: RawDocument, documentUrl: string): Promise<DocumentDownload | null> {
    if (!isDocumentVisible(raw.vertrouwelijkheidaanduiding, this.options.documentAllowList)) return null;
    const downloadUrl = raw.inhoud && this.isUnder(raw.inhoud, this.api.documenten) ? raw.inhoud : `${documentUrl}/download`;
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
    const informatieobjecttype = this.config.uploadInformatieobjecttype;
    const zaak = await this.ownedZaak(subject, zaakUuid);
    if (!zaak || !informatieobjecttype) return 'not-found';
    if (zaak.einddatum) return 'closed';
    const body: NewDocumentRequest = {
      bronorganisatie: zaak.bronorganisatie,
      creatiedatum: new Date().toISOString().slice(0, 10),
      titel: file.titel,
      auteur: subject.type === 'persoon' ? 'Aanvrager (via Mijn Omgeving)' : 'Organisatie van de aanvrager (via Mijn Omgeving)',
      taal: 'dut',
      bestandsnaam: file.bestandsnaam,
      formaat: file.formaat,
      inhoud: file.inhoud.toString('base64'),
      bestandsomvang: file.inhoud.length,
      informatieobjecttype,
      vertrouwelijkheidaanduiding: this.options.uploadVertrouwelijkheidaanduiding,
      status: 'definitief',
      indicatieGebruiksrecht: false,
    } as NewDocumentRequest;
    const document = await this.documenten.postJson(`${this.api.documenten}/enkelvoudiginformatieobjecten`, body, enkelvoudiginformatieobjectSchema);
    await this.zaken.postJson(
      `${this.api.zaken}/zaakinformatieobjecten`,
      { informatieobject: document.url, zaak: zaak.url, titel: file.titel },
      zaakinformatieobjectSchema,
    );
    return 'added';
  }

  private ref(uuid: string): ZaakRef {
    return { systeem: this.naam, uuid };
  }

  /** The zaak, if it exists and the subject is its initiator (checked through its rollen). */
  private async ownedZaak(subject: Subject, uuid: string): Promise<(RawZaak & { bronorganisatie: string }) | null> {
    if (!/^[0-9a-fA-F-]{36}$/.test(uuid)) return null;
    const zaakUrl = `${this.api.zaken}/zaken/${uuid}`;
    const rolQuery: RolListQuery = { zaak: zaakUrl, omschrijvingGeneriek: 'initiator' };
    const [zaak, rollen] = await Promise.all([
      this.zaken.getJson(zaakUrl, zaakMetBronorganisatieSchema),
      this.allPages(this.zaken, `${this.api.zaken}/rollen?${query(rolQuery)}`, rolSchema),
    ]);
    if (!zaak || zaak.url !== zaakUrl) return null;
    return isInitiator(initiatorRollen(rollen, zaakUrl), subject) ? zaak : null;
  }

  /** Whether a zaak URL is in this system's Zaken API. */
  holdsZaak(url: string): boolean {
    return this.isUnder(url, this.api.zaken);
  }

  /** The initiators of a zaak of this system (for notifications: who to tell about a change). */
  async initiatorsOf(zaakUrl: string): Promise<Subject[]> {
    if (!this.holdsZaak(zaakUrl)) return [];
    const rolQuery: RolListQuery = { zaak: zaakUrl, omschrijvingGeneriek: 'initiator' };
    const rollen = await this.allPages(this.zaken, `${this.api.zaken}/rollen?${query(rolQuery)}`, rolSchema);
    return initiatorSubjects(initiatorRollen(rollen, zaakUrl));
  }

  private async toZaak(zaak: RawZaak): Promise<Zaak> {
    const [zaaktype, status, statustypen] = await Promise.all([
      this.cached('zaaktype', zaak.zaaktype, zaaktypeSchema),
      zaak.status ? this.status(zaak.status) : undefined,
      zaak.status ? this.statustypen(zaak.zaaktype) : [],
    ]);
    const statustype = status ? statustypen.find((s) => s.url === status.statustype) : undefined;
    const datum = status ? new Date(status.datumStatusGezet) : new Date(zaak.startdatum);
    return {
      ref: this.ref(zaak.uuid),
      identificatie: zaak.identificatie ?? '',
      omschrijving: zaak.omschrijving ?? '',
      toelichting: zaak.toelichting || undefined,
      zaaktype: zaaktype.omschrijving,
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

  private async status(url: string): Promise<RawStatus> {
    const known = this.statusCache.get(url);
    if (known) return known;
    const status = await this.zaken.getJson(url, statusSchema);
    if (!status) throw new SourceUnavailableError('zgw-zaken', 'invalid', 'the status of a zaak does not exist');
    this.statusCache.set(url, status);
    return status;
  }

  private async statustypen(zaaktype: string): Promise<RawStatustype[]> {
    const list = await this.cached('statustypen', zaaktype, statustypenSchema);
    return list;
  }

  private async resultaat(url: string): Promise<{ omschrijving: string; toelichting?: string } | undefined> {
    const resultaat = await this.zaken.getJson(url, resultaatSchema);
    if (!resultaat) return undefined;
    const type = await this.cached('resultaattype', resultaat.resultaattype, resultaattypeSchema);
    return { omschrijving: type.omschrijving, toelichting: resultaat.toelichting || undefined };
  }

  private async visibleDocuments(urls: string[]): Promise<ZaakDocument[]> {
    // Only documents in this system's Documenten API: the token is not sent anywhere else.
    const limit = pLimit(this.concurrency);
    const raws = await Promise.all(
      urls.filter((url) => this.isUnder(url, this.api.documenten)).map((url) => limit(() => this.documenten.getJson(url, enkelvoudiginformatieobjectSchema))),
    );
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

  /** A catalogue object (or list), from the cache when fresh. */
  private async cached<S extends z.ZodType>(kind: string, url: string, schema: S): Promise<z.output<S>> {
    if (!this.isUnder(url, this.api.catalogi)) {
      throw new SourceUnavailableError('zgw-catalogi', 'invalid', `a ${kind} outside the configured Catalogi API`);
    }
    const value = await this.catalogue.fetch(`${kind} ${url}`, { context: this.catalogi });
    return schema.parse(value);
  }

  private async fetchCatalogue(kind: string, url: string): Promise<object | null> {
    switch (kind) {
      case 'zaaktype':
        return this.catalogi.getJson(url, zaaktypeSchema);
      case 'statustypen':
        return this.allPages(this.catalogi, `${this.api.catalogi}/statustypen?${query({ zaaktype: url })}`, statustypeSchema);
      case 'resultaattype':
        return this.catalogi.getJson(url, resultaattypeSchema);
      case 'informatieobjecttype':
        return this.catalogi.getJson(url, informatieobjecttypeSchema);
      default:
        throw new Error(`unknown catalogue kind ${kind}`);
    }
  }

  /** Every page of a paginated list (following `next`, which must stay in the same API). */
  private async allPages<S extends z.ZodType>(client: SourceClient, firstUrl: string, item: S): Promise<z.output<S>[]> {
    const results: z.output<S>[] = [];
    let url: string | null | undefined = firstUrl;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const answer: { results: z.output<S>[]; next?: string | null } | null = await client.getJson(url, paginated(item));
      if (!answer) break;
      results.push(...answer.results);
      url = answer.next && this.isUnder(answer.next, new URL(firstUrl).origin) ? answer.next : null;
    }
    return results;
  }

  private isUnder(url: string, base: string): boolean {
    return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
  }
}

/** The rollen of this zaak (the filter is the API's, the check Voordeur's) with their identification. */
function initiatorRollen(rollen: RawRol[], zaakUrl: string): InitiatorRol[] {
  return rollen
    .filter((rol) => rol.zaak === zaakUrl)
    .map((rol) => ({ betrokkeneType: rol.betrokkeneType, omschrijvingGeneriek: rol.omschrijvingGeneriek, ...rol.betrokkeneIdentificatie }));
}
