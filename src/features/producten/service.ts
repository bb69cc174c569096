/**
 * Mijn producten: the person's products in the order that matters to them (what ends soonest
 * first), the one product with the zaken it is linked to (only those that are the person's own,
 * as links to their pages) and its documents, and the short summary for the overzicht. Every read
 * is written in the processing log, with the source it came from.
 */
import { type Availability, type Listed, whenAvailable } from '../../domain/availability.ts';
import { dutchToday } from '../../domain/calendar.ts';
import { byRelevance, expiresSoon, type Product, type ProductStore } from '../../domain/product.ts';
import type { TaakStatus, TaakStore } from '../../domain/taak.ts';
import { type DocumentDownload, type ZaakDocument, type ZaakRef, type Zaaksysteem, zaakPath } from '../../domain/zaak.ts';
import type { ProcessingEntry, ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Caller } from '../../platform/http/caller.ts';

export interface LinkedZaak {
  href: string;
  identificatie: string;
  omschrijving: string;
}

export interface LinkedTaak {
  href: string;
  titel: string;
  status: TaakStatus;
}

export interface ProductDocument extends ZaakDocument {
  /** Its place in the product's list, which is how the portal's URL names it. */
  index: number;
}

export interface ProductDetail {
  product: Product;
  /** The linked zaken that are the person's own; unavailable when a zaaksysteem could not say. */
  zaken: Availability<LinkedZaak[]>;
  /** The linked taken that are the person's own; empty when Mijn taken is not configured. */
  taken: Availability<LinkedTaak[]>;
  documenten: Availability<ProductDocument[]>;
}

export interface ProductenSummary {
  count: number;
  /** How many current products end within the notice period. */
  expiringCount: number;
  /** The current product that ends soonest, if one ends within the notice period. */
  expiring?: Product;
}

export class ProductenService {
  constructor(
    private readonly store: ProductStore,
    private readonly zaaksystemen: readonly Zaaksysteem[],
    /** Where documents are: the Documenten APIs of the zaaksystemen. */
    private readonly documentStores: readonly Zaaksysteem[],
    private readonly taakStore: TaakStore | undefined,
    private readonly processingLog: ProcessingLog,
    readonly expiryNoticeDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return dutchToday(this.now());
  }

  /** The caller's products, current ones that end soonest first. */
  async list(caller: Caller): Promise<Availability<Listed<Product>>> {
    return whenAvailable(async () => {
      const { items, cutOff } = await this.store.list(caller.identity.subject, caller.log);
      await this.record(
        caller,
        this.store.sources.map((source) => ({ action: 'lezen', category: 'producten', source })),
      );
      return { items: [...items].sort(byRelevance(this.today())), cutOff };
    }, caller.log);
  }

  /** For the overzicht: how many products, and the one that ends soonest within the notice period. */
  async summary(caller: Caller): Promise<Availability<ProductenSummary>> {
    const listed = await this.list(caller);
    if (listed.unavailable) return listed;
    const today = this.today();
    const ending = listed.value.items.filter((product) => expiresSoon(product, today, this.expiryNoticeDays));
    return { unavailable: false, value: { count: listed.value.items.length, expiringCount: ending.length, expiring: ending[0] } };
  }

  /**
   * The caller's products linked to one of their zaken (for the zaak's page): those whose zaken
   * include a URL of that zaaksysteem ending in the zaak's UUID.
   */
  async forZaak(caller: Caller, zaak: ZaakRef): Promise<Availability<Product[]>> {
    const systeem = this.zaaksystemen.find((s) => s.naam === zaak.systeem);
    if (!systeem) return { unavailable: false, value: [] };
    const listed = await this.list(caller);
    if (listed.unavailable) return listed;
    const linked = (url: string) => systeem.holdsZaak(url) && url.split('/').filter(Boolean).at(-1)?.toLowerCase() === zaak.uuid.toLowerCase();
    return { unavailable: false, value: listed.value.items.filter((product) => product.zaken.some(linked)) };
  }

  /** One product of the caller with its zaken and documents; null when it is not theirs (throws SourceUnavailableError). */
  async detail(caller: Caller, id: string): Promise<ProductDetail | null> {
    const product = await this.store.get(caller.identity.subject, id);
    if (!product) return null;
    const [zaken, taken, documenten] = await Promise.all([
      whenAvailable(() => this.linkedZaken(caller, product), caller.log),
      whenAvailable(() => this.linkedTaken(caller, product), caller.log),
      whenAvailable(() => this.documents(product), caller.log),
    ]);
    const entries: ProcessingEntry[] = [{ action: 'lezen', category: 'producten', source: product.source }];
    if (!documenten.unavailable)
      for (const systeem of documenten.value.systemen) entries.push({ action: 'lezen', category: 'documenten', source: `zgw:${systeem}` });
    await this.record(caller, entries);
    return { product, zaken, taken, documenten: documenten.unavailable ? documenten : { unavailable: false, value: documenten.value.documents } };
  }

  /** One of the caller's products, without what it links to (e.g. to start an aanvraag from it); null when it is not theirs. */
  async own(caller: Caller, id: string): Promise<Product | null> {
    const product = await this.store.get(caller.identity.subject, id);
    if (product) await this.record(caller, [{ action: 'lezen', category: 'producten', source: product.source }]);
    return product;
  }

  /** A document of one of the caller's products, as a stream; null otherwise (throws SourceUnavailableError). */
  async document(caller: Caller, id: string, index: number): Promise<DocumentDownload | null> {
    const product = await this.store.get(caller.identity.subject, id);
    const url = product?.documenten[index];
    const store = url && this.documentStores.find((s) => s.holdsDocument(url));
    const found = store ? await store.downloadAt(url) : null;
    if (found && store) await this.record(caller, [{ action: 'lezen', category: 'documenten', source: `zgw:${store.naam}` }]);
    return found;
  }

  /** The product's zaken that are the person's own (a zaak of someone else is left out, as if it were not linked). */
  private async linkedZaken(caller: Caller, product: Product): Promise<LinkedZaak[]> {
    const subject = caller.identity.subject;
    const found = await Promise.all(
      product.zaken.map(async (url) => {
        const systeem = this.zaaksystemen.find((s) => s.holdsZaak(url));
        const uuid = url.split('/').filter(Boolean).at(-1);
        if (!systeem || !uuid) return null;
        const detail = await systeem.zaakDetail(subject, uuid);
        if (!detail) return null;
        await this.record(caller, [{ action: 'lezen', category: 'zaken', source: `zgw:${systeem.naam}` }]);
        return { href: zaakPath({ systeem: systeem.naam, uuid }), identificatie: detail.zaak.identificatie, omschrijving: detail.zaak.omschrijving };
      }),
    );
    return found.filter((zaak) => zaak !== null);
  }

  /** The product's taken that are the person's own, as links to their pages in Mijn taken (another's taak is left out). */
  private async linkedTaken(caller: Caller, product: Product): Promise<LinkedTaak[]> {
    const store = this.taakStore;
    if (!store || product.taken.length === 0) return [];
    const found = await Promise.all(
      product.taken.map(async (url) => {
        const uuid = url.split('/').filter(Boolean).at(-1);
        const stored = uuid ? await store.get(caller.identity.subject, uuid) : null;
        if (!stored) return null;
        // The address of a taak's page in Mijn taken (features/taken).
        return { href: `/taken/${encodeURIComponent(stored.taak.uuid)}`, titel: stored.taak.titel, status: stored.taak.status };
      }),
    );
    const taken = found.filter((taak) => taak !== null);
    if (taken.length > 0) await this.record(caller, [{ action: 'lezen', category: 'taken', source: 'objecten' }]);
    return taken;
  }

  /** The product's documents that may be shown, and the zaaksystemen they were read from. */
  private async documents(product: Product): Promise<{ documents: ProductDocument[]; systemen: string[] }> {
    const systemen: string[] = [];
    const found = await Promise.all(
      this.documentStores.map(async (store) => {
        const urls = product.documenten.filter((url) => store.holdsDocument(url));
        if (urls.length === 0) return [];
        systemen.push(store.naam);
        return store.documentsAt(urls);
      }),
    );
    const byUuid = new Map(found.flat().map((document) => [document.uuid, document]));
    const documents = product.documenten.flatMap((url, index) => {
      const document = byUuid.get(url.split('/').filter(Boolean).at(-1) ?? '');
      return document ? [{ ...document, index }] : [];
    });
    return { documents, systemen };
  }

  private async record(caller: Caller, entries: ProcessingEntry[]): Promise<void> {
    await this.processingLog.record(caller.identity, entries, caller.requestId);
  }
}
