/**
 * The simulator's memory: the catalogue, zaken with their statussen, rollen, resultaten and
 * zaakinformatieobjecten, and documents with their bytes. Records hold plain values and refer to
 * each other by UUID; the API modules turn them into the specs' JSON with absolute URLs (Links).
 * Every create goes through here, so that each one is announced as a Notificatie in one place.
 */
import { randomUUID } from 'node:crypto';
import type { DemoParty, DemoZaaktype, DemoInformatieobjecttype, Vertrouwelijkheidaanduiding } from '../data/zgw-demo.ts';
import { demoInformatieobjecttypen, demoOrganisatie, demoUuid, demoZaaktypen, demoZaken } from '../data/zgw-demo.ts';
import type { BaseUrl } from '../shared/base-url.ts';
import { dutchDate } from '../../src/domain/calendar.ts';
import type { Notificatie } from '../shared/notificatie.ts';
import { contentSize, demoContent } from './content.ts';
import type { DocumentContent } from './content.ts';

export type ApiName = 'zaken' | 'catalogi' | 'documenten';

export type { Notificatie } from '../shared/notificatie.ts';

/** Absolute URLs of every resource, and the way back from a URL to a UUID. */
export class Links {
  constructor(private readonly base: BaseUrl) {}

  get origin(): string {
    return this.base.origin;
  }

  get zaken(): string {
    return `${this.base.href}/zaken/api/v1`;
  }

  get catalogi(): string {
    return `${this.base.href}/catalogi/api/v1`;
  }

  get documenten(): string {
    return `${this.base.href}/documenten/api/v1`;
  }

  api(name: ApiName): string {
    return this[name];
  }

  zaak = (uuid: string) => `${this.zaken}/zaken/${uuid}`;
  status = (uuid: string) => `${this.zaken}/statussen/${uuid}`;
  rol = (uuid: string) => `${this.zaken}/rollen/${uuid}`;
  resultaat = (uuid: string) => `${this.zaken}/resultaten/${uuid}`;
  zaakinformatieobject = (uuid: string) => `${this.zaken}/zaakinformatieobjecten/${uuid}`;
  catalogus = (uuid: string) => `${this.catalogi}/catalogussen/${uuid}`;
  zaaktype = (uuid: string) => `${this.catalogi}/zaaktypen/${uuid}`;
  statustype = (uuid: string) => `${this.catalogi}/statustypen/${uuid}`;
  resultaattype = (uuid: string) => `${this.catalogi}/resultaattypen/${uuid}`;
  roltype = (uuid: string) => `${this.catalogi}/roltypen/${uuid}`;
  informatieobjecttype = (uuid: string) => `${this.catalogi}/informatieobjecttypen/${uuid}`;
  document = (uuid: string) => `${this.documenten}/enkelvoudiginformatieobjecten/${uuid}`;
  download = (uuid: string) => `${this.document(uuid)}/download`;

  /** The UUID in `url` if it is a URL of `collection` in `api` (e.g. a zaak URL given as a filter). */
  uuidIn(url: string, api: ApiName, collection: string): string | undefined {
    const prefix = `${this.api(api)}/${collection}/`;
    if (!url.startsWith(prefix)) return undefined;
    const rest = url.slice(prefix.length).replace(/\/$/, '');
    return isUuid(rest) ? rest.toLowerCase() : undefined;
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Records

export interface ZaakRecord {
  uuid: string;
  identificatie: string;
  omschrijving: string;
  toelichting: string;
  zaaktype: string;
  bronorganisatie: string;
  registratiedatum: string;
  startdatum: string;
  einddatum: string | null;
  uiterlijkeEinddatumAfdoening: string | null;
  vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding;
}

export interface StatusRecord {
  uuid: string;
  zaak: string;
  statustype: string;
  datumStatusGezet: Date;
  statustoelichting: string;
}

export interface RolRecord {
  uuid: string;
  zaak: string;
  roltype: string;
  party: DemoParty;
  registratiedatum: Date;
}

export interface ResultaatRecord {
  uuid: string;
  zaak: string;
  resultaattype: string;
  toelichting: string;
}

export interface ZaakInformatieObjectRecord {
  uuid: string;
  zaak: string;
  informatieobject: string;
  titel: string;
  beschrijving: string;
  registratiedatum: Date;
}

export interface DocumentRecord {
  uuid: string;
  identificatie: string;
  bronorganisatie: string;
  creatiedatum: string;
  titel: string;
  vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding;
  auteur: string;
  status: string;
  formaat: string;
  taal: string;
  bestandsnaam: string;
  beschrijving: string;
  link: string;
  ontvangstdatum: string | null;
  verzenddatum: string | null;
  indicatieGebruiksrecht: boolean | null;
  verschijningsvorm: string;
  trefwoorden: string[];
  informatieobjecttype: string;
  beginRegistratie: Date;
  /** None: a document without a file (inhoud null). */
  content: DocumentContent | undefined;
}

/** The catalogue as given in the demo data; the API modules serve it as it is. */
export interface Catalogue {
  catalogusUuid: string;
  zaaktypen: DemoZaaktype[];
  informatieobjecttypen: DemoInformatieobjecttype[];
}

export type StatustypeEntry = { zaaktype: DemoZaaktype; statustype: DemoZaaktype['statustypen'][number] };
export type ResultaattypeEntry = { zaaktype: DemoZaaktype; resultaattype: DemoZaaktype['resultaattypen'][number] };
export type RoltypeEntry = { zaaktype: DemoZaaktype; roltype: DemoZaaktype['roltypen'][number] };

export interface StoreOptions {
  links: Links;
  /** The simulated time: `now` at start, moving on with the real clock. */
  clock: () => Date;
  dataset: 'demo' | 'empty';
  largeDocumentBytes: number;
}

export class Store {
  readonly links: Links;
  readonly clock: () => Date;
  readonly catalogue: Catalogue = {
    catalogusUuid: demoOrganisatie.catalogusUuid,
    zaaktypen: demoZaaktypen,
    informatieobjecttypen: demoInformatieobjecttypen,
  };

  readonly zaken = new Map<string, ZaakRecord>();
  readonly statussen = new Map<string, StatusRecord>();
  /** Statussen by zaak, as a real Zaken API's database indexes them (the benchmarks' residents hold thousands). */
  private readonly statussenByZaak = new Map<string, StatusRecord[]>();
  readonly rollen = new Map<string, RolRecord>();
  private readonly rollenByZaak = new Map<string, RolRecord[]>();
  readonly resultaten = new Map<string, ResultaatRecord>();
  readonly zaakinformatieobjecten = new Map<string, ZaakInformatieObjectRecord>();
  readonly documents = new Map<string, DocumentRecord>();

  private readonly listeners: ((n: Notificatie) => void)[] = [];

  constructor(options: StoreOptions) {
    this.links = options.links;
    this.clock = options.clock;
    if (options.dataset === 'demo') this.seedDemo(options.largeDocumentBytes);
  }

  // --- catalogue look-ups --------------------------------------------------------------------

  zaaktype(uuid: string): DemoZaaktype | undefined {
    return this.catalogue.zaaktypen.find((z) => z.uuid === uuid);
  }

  statustype(uuid: string): StatustypeEntry | undefined {
    for (const zaaktype of this.catalogue.zaaktypen) {
      const statustype = zaaktype.statustypen.find((s) => s.uuid === uuid);
      if (statustype) return { zaaktype, statustype };
    }
    return undefined;
  }

  resultaattype(uuid: string): ResultaattypeEntry | undefined {
    for (const zaaktype of this.catalogue.zaaktypen) {
      const resultaattype = zaaktype.resultaattypen.find((r) => r.uuid === uuid);
      if (resultaattype) return { zaaktype, resultaattype };
    }
    return undefined;
  }

  roltype(uuid: string): RoltypeEntry | undefined {
    for (const zaaktype of this.catalogue.zaaktypen) {
      const roltype = zaaktype.roltypen.find((r) => r.uuid === uuid);
      if (roltype) return { zaaktype, roltype };
    }
    return undefined;
  }

  informatieobjecttype(uuid: string): DemoInformatieobjecttype | undefined {
    return this.catalogue.informatieobjecttypen.find((i) => i.uuid === uuid);
  }

  // --- zaken ---------------------------------------------------------------------------------

  /** Statussen of a zaak, oldest first. */
  statussenOf(zaakUuid: string): StatusRecord[] {
    return [...(this.statussenByZaak.get(zaakUuid) ?? [])].sort((a, b) => a.datumStatusGezet.getTime() - b.datumStatusGezet.getTime());
  }

  /** The last status set (the one with the latest datumStatusGezet). */
  currentStatus(zaakUuid: string): StatusRecord | undefined {
    return this.statussenOf(zaakUuid).at(-1);
  }

  /** A zaak's rollen, oldest first (from an index by zaak, as a real Zaken API's database has: the benchmarks hold 10,000 zaken). */
  rollenOf(zaakUuid: string): RolRecord[] {
    return [...(this.rollenByZaak.get(zaakUuid) ?? [])];
  }

  private addRol(record: RolRecord): void {
    this.rollen.set(record.uuid, record);
    const ofZaak = this.rollenByZaak.get(record.zaak);
    if (ofZaak) ofZaak.push(record);
    else this.rollenByZaak.set(record.zaak, [record]);
  }

  resultaatOf(zaakUuid: string): ResultaatRecord | undefined {
    return [...this.resultaten.values()].find((r) => r.zaak === zaakUuid);
  }

  zaakinformatieobjectenOf(zaakUuid: string): ZaakInformatieObjectRecord[] {
    return [...this.zaakinformatieobjecten.values()].filter((z) => z.zaak === zaakUuid);
  }

  /**
   * Sets a status. When its statustype is the eindstatus, the zaak is closed: einddatum becomes
   * the date of the status (Zaken API, status_create: "dan wordt de zaak afgesloten").
   */
  createStatus(input: Omit<StatusRecord, 'uuid'>, uuid: string = randomUUID()): StatusRecord {
    const record: StatusRecord = { uuid, ...input };
    this.statussen.set(uuid, record);
    const ofZaak = this.statussenByZaak.get(record.zaak);
    if (ofZaak) ofZaak.push(record);
    else this.statussenByZaak.set(record.zaak, [record]);
    const zaak = this.zaken.get(record.zaak);
    if (zaak && this.statustype(record.statustype)?.statustype.isEindstatus) zaak.einddatum = dutchDate(record.datumStatusGezet);
    this.notifyZaken(record.zaak, 'status', this.links.status(uuid));
    return record;
  }

  /** A new zaak (POST /zaken, or back-office routing of a productaanvraag); notified on kanaal zaken. */
  createZaak(input: Omit<ZaakRecord, 'uuid'>, uuid: string = randomUUID()): ZaakRecord {
    const record: ZaakRecord = { uuid, ...input };
    this.zaken.set(uuid, record);
    this.notifyZaken(uuid, 'zaak', this.links.zaak(uuid));
    return record;
  }

  createRol(input: Omit<RolRecord, 'uuid'>, uuid: string = randomUUID()): RolRecord {
    const record: RolRecord = { uuid, ...input };
    this.addRol(record);
    this.notifyZaken(record.zaak, 'rol', this.links.rol(uuid));
    return record;
  }

  createResultaat(input: Omit<ResultaatRecord, 'uuid'>, uuid: string = randomUUID()): ResultaatRecord {
    const record: ResultaatRecord = { uuid, ...input };
    this.resultaten.set(uuid, record);
    this.notifyZaken(record.zaak, 'resultaat', this.links.resultaat(uuid));
    return record;
  }

  createZaakinformatieobject(input: Omit<ZaakInformatieObjectRecord, 'uuid'>, uuid: string = randomUUID()): ZaakInformatieObjectRecord {
    const record: ZaakInformatieObjectRecord = { uuid, ...input };
    this.zaakinformatieobjecten.set(uuid, record);
    this.notifyZaken(record.zaak, 'zaakinformatieobject', this.links.zaakinformatieobject(uuid));
    return record;
  }

  createDocument(input: Omit<DocumentRecord, 'uuid'>, uuid: string = randomUUID()): DocumentRecord {
    const record: DocumentRecord = { uuid, ...input };
    this.documents.set(uuid, record);
    const url = this.links.document(uuid);
    this.notify({
      kanaal: 'documenten',
      hoofdObject: url,
      resource: 'enkelvoudiginformatieobject',
      resourceUrl: url,
      actie: 'create',
      aanmaakdatum: this.clock().toISOString(),
      kenmerken: {
        bronorganisatie: record.bronorganisatie,
        informatieobjecttype: this.links.informatieobjecttype(record.informatieobjecttype),
        vertrouwelijkheidaanduiding: record.vertrouwelijkheidaanduiding,
      },
    });
    return record;
  }

  documentSize(record: DocumentRecord): number | null {
    return record.content ? contentSize(record.content) : null;
  }

  // --- notifications -------------------------------------------------------------------------

  onNotification(listener: (n: Notificatie) => void): void {
    this.listeners.push(listener);
  }

  private notify(notificatie: Notificatie): void {
    for (const listener of this.listeners) listener(notificatie);
  }

  /** On kanaal `zaken` the hoofdObject is the zaak and the kenmerken are the zaak's (zaken-api.yaml, info). */
  private notifyZaken(zaakUuid: string, resource: string, resourceUrl: string): void {
    const zaak = this.zaken.get(zaakUuid);
    if (!zaak) return;
    this.notify({
      kanaal: 'zaken',
      hoofdObject: this.links.zaak(zaakUuid),
      resource,
      resourceUrl,
      actie: 'create',
      aanmaakdatum: this.clock().toISOString(),
      kenmerken: {
        bronorganisatie: zaak.bronorganisatie,
        zaaktype: this.links.zaaktype(zaak.zaaktype),
        vertrouwelijkheidaanduiding: zaak.vertrouwelijkheidaanduiding,
      },
    });
  }

  // --- demo data -----------------------------------------------------------------------------

  /** Turns simulators/data/zgw-demo.ts into records, with dates counted back from the clock. */
  private seedDemo(largeDocumentBytes: number): void {
    const now = this.clock().getTime();
    const ago = (days: number) => new Date(now - days * DAY);
    const number = (uuid: string) => Number(uuid.slice(-6));

    for (const demo of demoZaken) {
      const type = demoZaaktypen.find((z) => z.key === demo.zaaktype)!;
      const first = demo.statussen[0];
      if (!first) throw new Error(`zgw-demo: zaak ${demo.identificatie} has no status`);
      const start = ago(first.daysAgo);
      this.zaken.set(demo.uuid, {
        uuid: demo.uuid,
        identificatie: demo.identificatie,
        omschrijving: demo.omschrijving,
        toelichting: demo.toelichting,
        zaaktype: type.uuid,
        bronorganisatie: demoOrganisatie.rsin,
        registratiedatum: dutchDate(start),
        startdatum: dutchDate(start),
        einddatum: null,
        uiterlijkeEinddatumAfdoening: dutchDate(new Date(start.getTime() + type.doorlooptijdDagen * DAY)),
        vertrouwelijkheidaanduiding: demo.vertrouwelijkheidaanduiding ?? type.vertrouwelijkheidaanduiding,
      });

      const roltype = (generiek: string) => type.roltypen.find((r) => r.omschrijvingGeneriek === generiek)!.uuid;
      const parties = [
        { party: demo.owner, roltype: roltype('initiator') },
        ...demo.belanghebbenden.map((party) => ({ party, roltype: roltype('belanghebbende') })),
      ];
      parties.forEach(({ party, roltype }, index) => {
        const uuid = demoUuid('a2', number(demo.uuid), index + 1);
        this.addRol({ uuid, zaak: demo.uuid, roltype, party, registratiedatum: start });
      });

      demo.statussen.forEach((status, index) => {
        const statustype = type.statustypen.find((s) => s.volgnummer === status.volgnummer);
        if (!statustype) throw new Error(`zgw-demo: zaak ${demo.identificatie} has a status with unknown volgnummer ${status.volgnummer}`);
        // A few seconds apart, so that statussen set on one day still have an order.
        this.createStatus(
          {
            zaak: demo.uuid,
            statustype: statustype.uuid,
            datumStatusGezet: new Date(ago(status.daysAgo).getTime() + index * 1000),
            statustoelichting: status.toelichting ?? '',
          },
          demoUuid('a1', number(demo.uuid), index + 1),
        );
      });

      if (demo.resultaat !== undefined) {
        const resultaattype = type.resultaattypen.find((r) => r.omschrijving === demo.resultaat);
        if (!resultaattype) throw new Error(`zgw-demo: zaak ${demo.identificatie} has unknown resultaat ${demo.resultaat}`);
        this.createResultaat(
          { zaak: demo.uuid, resultaattype: resultaattype.uuid, toelichting: resultaattype.toelichting },
          demoUuid('a3', number(demo.uuid), 1),
        );
      }

      for (const document of demo.documenten) {
        const created = ago(document.daysAgo);
        const informatieobjecttype = demoInformatieobjecttypen.find((i) => i.key === document.informatieobjecttype)!;
        this.createDocument(
          {
            identificatie: document.identificatie,
            bronorganisatie: demoOrganisatie.rsin,
            creatiedatum: dutchDate(created),
            titel: document.titel,
            vertrouwelijkheidaanduiding: document.vertrouwelijkheidaanduiding,
            auteur: document.auteur,
            status: 'definitief',
            formaat: document.formaat,
            taal: 'dut',
            bestandsnaam: document.bestandsnaam,
            beschrijving: document.beschrijving,
            link: '',
            ontvangstdatum: null,
            verzenddatum: null,
            // Set on every demo document, so that a zaak can be closed through POST /statussen.
            indicatieGebruiksrecht: false,
            verschijningsvorm: '',
            trefwoorden: [],
            informatieobjecttype: informatieobjecttype.uuid,
            beginRegistratie: created,
            content: demoContent(document.content, largeDocumentBytes),
          },
          document.uuid,
        );
        this.createZaakinformatieobject(
          { zaak: demo.uuid, informatieobject: document.uuid, titel: '', beschrijving: '', registratiedatum: created },
          `a4${document.uuid.slice(2)}`,
        );
      }
    }
  }
}
