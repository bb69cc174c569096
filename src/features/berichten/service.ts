/**
 * Mijn berichten: the person's published berichten from the Objecten API, newest first; one
 * bericht (marked geopend the first time it is opened); its bijlagen from the Documenten API of
 * the zaaksysteem that holds them; and the number of unread berichten for the navigation, kept
 * for a short while per person so that not every page asks the Objecten API.
 */
import { LRUCache } from 'lru-cache';
import { isPublished, toBericht, type Bericht } from '../../domain/bericht.ts';
import type { Subject } from '../../domain/identity.ts';
import type { ZaakDocument } from '../../domain/zaak.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { type DownloadResponse } from '../../sources/http.ts';
import { whenAvailable, type Availability } from '../../domain/availability.ts';
import type { ObjectenApi } from '../../sources/objecten/objecten.ts';

/** Where bijlagen live: the Documenten APIs of the configured zaaksystemen. */
export interface DocumentStore {
  holdsDocument(url: string): boolean;
  documentsAt(urls: string[]): Promise<ZaakDocument[]>;
  downloadAt(url: string): Promise<{ document: ZaakDocument; file: DownloadResponse } | null>;
}

interface Log {
  warn(obj: object, msg: string): void;
}

export interface Bijlage extends ZaakDocument {
  /** Its place in the bericht's list, which is how the portal's URL names it. */
  index: number;
}

const unreadCacheMs = 30_000;

export class BerichtenService {
  private readonly unread = new LRUCache<string, number>({ max: 10_000, ttl: unreadCacheMs });

  constructor(
    private readonly objecten: ObjectenApi,
    private readonly type: string,
    private readonly stores: DocumentStore[],
    private readonly keys: IdentityKeys,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The subject's published berichten, newest first (throws SourceUnavailableError). */
  async all(subject: Subject, log: Log): Promise<Bericht[]> {
    const objects = await this.objecten.list(this.type, subject, [], '-record__data__publicatiedatum');
    const now = this.now();
    const berichten: Bericht[] = [];
    for (const object of objects) {
      const bericht = toBericht(object.uuid, object.data);
      if (!bericht) log.warn({ source: 'objecten', object: object.uuid }, 'bericht skipped: its data does not fit the Bericht type');
      else if (isPublished(bericht, now)) berichten.push(bericht);
    }
    this.unread.set(this.keys.subject(subject), berichten.filter((b) => !b.geopend).length);
    return berichten.sort((a, b) => b.publicatiedatum.getTime() - a.publicatiedatum.getTime());
  }

  /** The number of unread berichten, from a short-lived cache (throws SourceUnavailableError). */
  async unreadCount(subject: Subject, log: Log): Promise<number> {
    const cached = this.unread.get(this.keys.subject(subject));
    if (cached !== undefined) return cached;
    return (await this.all(subject, log)).filter((b) => !b.geopend).length;
  }

  /** One published bericht of the subject, with its bijlagen; null when it is not theirs or not published yet. */
  async open(subject: Subject, uuid: string, log: Log): Promise<{ bericht: Bericht; bijlagen: Availability<Bijlage[]> } | null> {
    const object = await this.objecten.get(this.type, subject, uuid);
    const bericht = object && toBericht(object.uuid, object.data);
    if (!object || !bericht || !isPublished(bericht, this.now())) return null;
    if (!bericht.geopend) {
      await this.objecten.patchData(object, { geopend: true });
      this.unread.delete(this.keys.subject(subject));
    }
    // The bericht is readable even when its bijlagen cannot be listed now.
    return { bericht, bijlagen: await whenAvailable(() => this.bijlagen(bericht), log) };
  }

  /** A bijlage of one of the subject's published berichten, as a stream; null otherwise. */
  async bijlage(subject: Subject, uuid: string, index: number): Promise<{ document: ZaakDocument; file: DownloadResponse } | null> {
    const object = await this.objecten.get(this.type, subject, uuid);
    const bericht = object && toBericht(object.uuid, object.data);
    const url = bericht && isPublished(bericht, this.now()) ? bericht.bijlagen[index] : undefined;
    const store = url && this.stores.find((s) => s.holdsDocument(url));
    return store ? store.downloadAt(url) : null;
  }

  private async bijlagen(bericht: Bericht): Promise<Bijlage[]> {
    const found = await Promise.all(
      this.stores.map(async (store) => {
        const urls = bericht.bijlagen.filter((url) => store.holdsDocument(url));
        return urls.length ? store.documentsAt(urls) : [];
      }),
    );
    const byUuid = new Map(found.flat().map((document) => [document.uuid, document]));
    return bericht.bijlagen.flatMap((url, index) => {
      const document = byUuid.get(url.split('/').filter(Boolean).at(-1) ?? '');
      return document ? [{ ...document, index }] : [];
    });
  }
}
