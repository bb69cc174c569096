/**
 * Mijn berichten: the person's published berichten, newest first; one bericht (marked geopend
 * the first time it is opened); its bijlagen from the Documenten API of the zaaksysteem that
 * holds them; and the number of unread berichten for the navigation, kept as the sources' answers
 * about a person are (sources/answers.ts: a few seconds, dropped when the Notificaties API tells of a
 * change in the Objecten API and when the person opens or archives a bericht).
 */
import {
  isPublished,
  newestFirst,
  searchIn,
  unreadIn,
  type Bericht,
  type BerichtInLijst,
  type BerichtenGevonden,
  type BerichtQuery,
  type BerichtStore,
} from '../../domain/bericht.ts';
import type { Subject } from '../../domain/identity.ts';
import type { DocumentDownload, DocumentStore, ZaakDocument, ZaakRef, Zaaksysteem } from '../../domain/zaak.ts';
import { isOpen as isOpenTaak, type TaakStore } from '../../domain/taak.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Caller } from '../../platform/http/caller.ts';
import type { PersonalAnswers } from '../../sources/answers.ts';
import { whenAvailable, type Availability, type Listed } from '../../domain/availability.ts';

export interface Bijlage extends ZaakDocument {
  /** Its place in the bericht's list, which is how the portal's URL names it. */
  index: number;
}

export { isUnread } from '../../domain/bericht.ts';

/** Where a bericht's kenmerk and handelingsperspectief lead, when they lead to something of the person's. */
export interface BerichtLinks {
  /** The person's zaak whose zaaknummer is the bericht's referentie. */
  zaak?: ZaakRef;
  /** An open taak of the person for that zaak: what the bericht asks them to do. */
  taak?: string;
}

/** What a bericht can be linked to: the zaaksystemen (a referentie is a zaaknummer) and the store of taken. */
export interface BerichtRelations {
  zaaksystemen?: readonly Zaaksysteem[];
  taken?: TaakStore;
}

export class BerichtenService {
  constructor(
    private readonly berichten: BerichtStore,
    /** Where bijlagen live: the Documenten APIs of the configured zaaksystemen. */
    private readonly stores: readonly DocumentStore[],
    private readonly processingLog: ProcessingLog,
    private readonly relations: BerichtRelations = {},
    /** Where the unread count is kept for a moment; without it, it is counted on every page. */
    private readonly answers?: PersonalAnswers,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The bericht's kenmerk as a link to the zaak when the person has a zaak with that zaaknummer,
   * and its handelingsperspectief as a link to their open taak for that zaak, if there is one. A
   * system that cannot answer costs only the link; each read is in the processing log.
   */
  async links(caller: Caller, bericht: Bericht): Promise<BerichtLinks> {
    const referentie = bericht.referentie?.trim();
    const systems = this.relations.zaaksystemen ?? [];
    if (!referentie || systems.length === 0) return {};
    const subject = caller.identity.subject;
    const found = await Promise.all(
      systems.map(async (system) => {
        const zaken = await whenAvailable(() => system.zakenOf(subject, caller.log), caller.log);
        return { system, zaak: zaken.unavailable ? undefined : zaken.value.zaken.find((zaak) => zaak.identificatie === referentie) };
      }),
    );
    await this.processingLog.record(
      caller.identity,
      found.map(({ system }) => ({ action: 'lezen' as const, category: 'zaken' as const, source: `zgw:${system.naam}` })),
      caller.requestId,
    );
    const zaak = found.find((f) => f.zaak)?.zaak;
    if (!zaak) return {};
    const taken = this.relations.taken;
    if (!bericht.handelingsperspectief || !taken) return { zaak: zaak.ref };
    const listed = await whenAvailable(() => taken.list(subject, caller.log), caller.log);
    await this.processingLog.record(caller.identity, [{ action: 'lezen', category: 'taken', source: 'objecten' }], caller.requestId);
    const taak = listed.unavailable ? undefined : listed.value.items.find((t) => t.zaakUuid === zaak.ref.uuid && isOpenTaak(t));
    return { zaak: zaak.ref, ...(taak ? { taak: taak.uuid } : {}) };
  }

  /**
   * The caller's published berichten as a list shows them (without their text, which only a
   * bericht's own page shows, so that what is kept stays small), newest first, and whether the
   * list was cut off (the person has more than are read).
   */
  async inbox(caller: Caller): Promise<Availability<Listed<BerichtInLijst>>> {
    return whenAvailable(async () => {
      const berichten = await this.kept(caller.identity.subject, 'inbox', () => this.published(caller.identity.subject, caller));
      await this.record(caller, 'berichten');
      return berichten;
    }, caller.log);
  }

  /**
   * What the inbox page shows: the first `query.limit` of the caller's published berichten that
   * match, newest first, how many match, and the senders of them all; found where each store
   * keeps them (a page of those organisations pushed is a page of an index, not the whole list).
   */
  async search(caller: Caller, query: Omit<BerichtQuery, 'now'>): Promise<Availability<BerichtenGevonden>> {
    return whenAvailable(async () => {
      const subject = caller.identity.subject;
      const question = ['zoek', query.filter, query.zoek, query.van, query.eigenAfzender, query.limit].join('\u0000');
      const found = await this.kept(subject, question, () => searchIn(this.berichten, subject, { ...query, now: this.now() }, caller.log));
      await this.record(caller, 'berichten');
      return found;
    }, caller.log);
  }

  /** The number of unread berichten in the inbox (kept for a moment); undefined when the store of berichten cannot say now. */
  async unreadCount(caller: Caller): Promise<number | undefined> {
    const subject = caller.identity.subject;
    // Counted by the stores that can (the berichten organisations pushed: one index-only count), else from their list.
    const counted = await whenAvailable(() => this.kept(subject, 'ongelezen', () => unreadIn(this.berichten, subject, this.now(), caller.log)), caller.log);
    return counted.unavailable ? undefined : counted.value;
  }

  /** One published bericht of the caller, with its bijlagen; null when it is not theirs or not published yet (throws SourceUnavailableError). */
  async open(caller: Caller, uuid: string): Promise<{ bericht: Bericht; bijlagen: Availability<Bijlage[]> } | null> {
    const subject = caller.identity.subject;
    const found = await this.berichten.get(subject, uuid);
    if (!found || !isPublished(found.bericht, this.now())) return null;
    const { bericht } = found;
    if (!bericht.geopend) {
      await found.markOpened();
      // The count in the navigation follows at once.
      this.answers?.forget('berichten', subject);
    }
    await this.record(caller, 'berichten');
    // The bericht is readable even when its bijlagen cannot be listed now.
    return { bericht, bijlagen: await whenAvailable(() => this.bijlagen(bericht, subject), caller.log) };
  }

  /**
   * Archives one of the caller's published berichten (true) or puts it back in the inbox (false);
   * false when it is not theirs or not published yet. A gemachtigde may: reading is theirs too.
   * The change is in the person's processing log.
   */
  async archive(caller: Caller, uuid: string, archived: boolean): Promise<boolean> {
    const subject = caller.identity.subject;
    const found = await this.berichten.get(subject, uuid);
    if (!found?.archive || !isPublished(found.bericht, this.now())) return false;
    if (found.bericht.gearchiveerd !== archived) {
      await found.archive(archived);
      // The count in the navigation follows at once.
      this.answers?.forget('berichten', subject);
      await this.processingLog.record(caller.identity, [{ action: 'wijzigen', category: 'berichten', source: 'voordeur' }], caller.requestId);
    }
    return true;
  }

  /** A bijlage of one of the caller's published berichten, as a stream; null otherwise (throws SourceUnavailableError). */
  async bijlage(caller: Caller, uuid: string, index: number): Promise<DocumentDownload | null> {
    const bericht = (await this.berichten.get(caller.identity.subject, uuid))?.bericht;
    const url = bericht && isPublished(bericht, this.now()) ? bericht.bijlagen[index] : undefined;
    const store = url && this.stores.find((s) => s.holdsDocument(url));
    const found = store ? await store.downloadAt(url) : null;
    if (found) await this.record(caller, 'documenten');
    return found;
  }

  /** The subject's published berichten without their text, newest first (throws SourceUnavailableError). */
  private async published(subject: Subject, caller: Caller): Promise<Listed<BerichtInLijst>> {
    const now = this.now();
    const { items, cutOff } = await this.berichten.list(subject, caller.log);
    const berichten = items.filter((bericht) => isPublished(bericht, now)).map(({ tekst: _, ...inLijst }) => inLijst);
    return { items: berichten.sort(newestFirst), cutOff };
  }

  /**
   * The answer to `question` about the subject's berichten, kept for a moment with the person's
   * other answers (when there are kept answers): dropped when a bericht of theirs is opened,
   * archived or arrives (pushed by an organisation, a confirmation of what they sent, a
   * notification of the Objecten API).
   */
  private kept<T>(subject: Subject, question: string, ask: () => Promise<T>): Promise<T> {
    return this.answers ? this.answers.get('berichten', subject, question, ask) : ask();
  }

  private async record(caller: Caller, category: 'berichten' | 'documenten'): Promise<void> {
    await this.processingLog.record(caller.identity, [{ action: 'lezen', category, source: 'objecten' }], caller.requestId);
  }

  private async bijlagen(bericht: Bericht, subject: Subject): Promise<Bijlage[]> {
    const found = await Promise.all(
      this.stores.map(async (store) => {
        const urls = bericht.bijlagen.filter((url) => store.holdsDocument(url));
        return urls.length ? store.documentsAt(urls, subject) : [];
      }),
    );
    const byUuid = new Map(found.flat().map((document) => [document.uuid, document]));
    return bericht.bijlagen.flatMap((url, index) => {
      const document = byUuid.get(url.split('/').filter(Boolean).at(-1) ?? '');
      return document ? [{ ...document, index }] : [];
    });
  }
}
