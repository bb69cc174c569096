/**
 * A bericht in Mijn berichten: a message from the organisation to a person or company (the
 * Bericht object type of the Objecten API). Its text is plain text: shown with its line breaks,
 * with web addresses as links, and never as HTML.
 */
import type { Listed } from './availability.ts';
import type { Subject } from './identity.ts';
import type { Log } from './log.ts';

export interface Bericht {
  uuid: string;
  /** Who sent it, when another organisation than the portal's own did (through the organisation API). */
  afzender?: string;
  onderwerp: string;
  tekst: string;
  publicatiedatum: Date;
  /** The organisation's reference, e.g. a zaaknummer. */
  referentie?: string;
  /** What the person is asked to do (betalen, informatie verstrekken), if anything. */
  handelingsperspectief?: string;
  /** Until when they can do it. */
  einddatumHandelingstermijn?: Date;
  geopend: boolean;
  /** Moved out of the inbox by the person (Mijn berichten, "Gearchiveerd"); undefined when the store keeps no archive state (Voordeur then keeps it). */
  gearchiveerd?: boolean;
  /** URLs of the attachments in a Documenten API. */
  bijlagen: string[];
}

/** A bericht as a list shows it: without its text (only the bericht's own page shows that). */
export type BerichtInLijst = Omit<Bericht, 'tekst'>;

/** Which berichten a list shows: those in the inbox (all, unread or read), or the archived ones. */
export const berichtFilters = ['alle', 'ongelezen', 'gelezen', 'gearchiveerd'] as const;
export type BerichtFilter = (typeof berichtFilters)[number];

/** What a list of berichten asks for: the first `limit` of the subject's published berichten that match, newest first. */
export interface BerichtQuery {
  /** Published at this moment (a later publicatiedatum is not shown yet). */
  now: Date;
  filter: BerichtFilter;
  /** Only those whose onderwerp holds this (lower case, `toLocaleLowerCase('nl')`); empty for all. */
  zoek: string;
  /** Only those of this sender (a bericht without `afzender` is `eigenAfzender`'s); empty for all. */
  van: string;
  /** The sender of the berichten that name none (the organisation's own). */
  eigenAfzender: string;
  /** How many to return at most: a page's worth times the page number. */
  limit: number;
}

/** The answer to a BerichtQuery. */
export interface BerichtenGevonden {
  /** The first `limit` that match, newest first (`newestFirst`). */
  items: BerichtInLijst[];
  /** How many match in all (as far as the store reads: see `cutOff`). */
  total: number;
  /** The senders of all the subject's published berichten, whatever the query (for the sender filter). */
  senders: string[];
  /** The store has more berichten of the subject than it reads. */
  cutOff: boolean;
}

/** One of the subject's berichten as its store holds it, and how to mark it opened there. */
export interface StoredBericht {
  bericht: Bericht;
  markOpened(): Promise<void>;
  /** Archives it (true) or puts it back in the inbox (false); absent when the store keeps no archive state. */
  archive?(archived: boolean): Promise<void>;
}

/**
 * Where berichten are kept (Bericht objects in the Objecten API). Every answer is the subject's
 * own; each call throws SourceUnavailableError when the store cannot answer.
 */
export interface BerichtStore {
  /** The subject's berichten, published or not; objects that do not fit the type are left out (and logged). */
  list(subject: Subject, log: Pick<Log, 'warn'>): Promise<Listed<Bericht>>;
  /** One bericht of the subject, published or not; null when it does not exist, is someone else's, or does not fit the type. */
  get(subject: Subject, uuid: string): Promise<StoredBericht | null>;
  /**
   * How many of the subject's berichten published at `now` are in the inbox and not opened yet,
   * counted by the store itself (a store that has this keeps its own archive state); without it,
   * the list is read and counted.
   */
  unread?(subject: Subject, now: Date, log: Pick<Log, 'warn'>): Promise<number>;
  /**
   * One page's worth of the subject's list as the store itself finds it (filtered, searched,
   * sorted and cut off where the data is: a store that has this keeps its own archive state);
   * without it, the list is read and filtered (`searchIn`).
   */
  search?(subject: Subject, query: BerichtQuery, log: Pick<Log, 'warn'>): Promise<BerichtenGevonden>;
}

/**
 * The order of every list of berichten: newest publicatiedatum first, then the greater uuid
 * first (as a database orders `publicatiedatum desc, id desc`), so that lists of several stores
 * merge into one order whatever page they are cut into.
 */
export function newestFirst(a: Pick<Bericht, 'publicatiedatum' | 'uuid'>, b: Pick<Bericht, 'publicatiedatum' | 'uuid'>): number {
  return b.publicatiedatum.getTime() - a.publicatiedatum.getTime() || (a.uuid < b.uuid ? 1 : a.uuid > b.uuid ? -1 : 0);
}

/** Whether a bericht is one the query asks for (its filter, search and sender; publication is checked apart). */
export function matches(bericht: BerichtInLijst, query: Pick<BerichtQuery, 'filter' | 'zoek' | 'van' | 'eigenAfzender'>): boolean {
  const { filter, zoek, van } = query;
  // The archived ones only under "Gearchiveerd".
  if (filter === 'gearchiveerd' ? !bericht.gearchiveerd : bericht.gearchiveerd) return false;
  if (filter === 'ongelezen' && bericht.geopend) return false;
  if (filter === 'gelezen' && !bericht.geopend) return false;
  if (van && (bericht.afzender ?? query.eigenAfzender) !== van) return false;
  return !zoek || bericht.onderwerp.toLocaleLowerCase('nl').includes(zoek);
}

const bySender = (a: string, b: string) => a.localeCompare(b, 'nl');

/** The query's berichten in one store: found by the store when it can, else read from its list and filtered here. */
export async function searchIn(store: BerichtStore, subject: Subject, query: BerichtQuery, log: Pick<Log, 'warn'>): Promise<BerichtenGevonden> {
  if (store.search) return store.search(subject, query, log);
  const { items, cutOff } = await store.list(subject, log);
  const published = items.filter((bericht) => isPublished(bericht, query.now));
  const found = published.filter((bericht) => matches(bericht, query)).sort(newestFirst);
  return {
    items: found.slice(0, query.limit),
    total: found.length,
    senders: [...new Set(published.map((bericht) => bericht.afzender ?? query.eigenAfzender))].sort(bySender),
    cutOff,
  };
}

/** In the inbox (not archived) and not opened yet: what the navigation and the overzicht count. */
export const isUnread = (bericht: BerichtInLijst) => !bericht.geopend && !bericht.gearchiveerd;

/** The subject's unread published berichten in one store: counted by the store when it can, else read from its list. */
export async function unreadIn(store: BerichtStore, subject: Subject, now: Date, log: Pick<Log, 'warn'>): Promise<number> {
  if (store.unread) return store.unread(subject, now, log);
  const { items } = await store.list(subject, log);
  return items.filter((bericht) => isPublished(bericht, now) && isUnread(bericht)).length;
}

export function isPublished(bericht: Bericht, now: Date): boolean {
  return bericht.publicatiedatum.getTime() <= now.getTime();
}

/** Plain text cut into lines, each into text and web addresses (http and https only). */
export type TextPart = { text: string } | { link: string };

const urlPattern = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]']/gi;

export function textParts(text: string): TextPart[][] {
  return text.split(/\r?\n/).map((line) => {
    const parts: TextPart[] = [];
    let last = 0;
    for (const match of line.matchAll(urlPattern)) {
      if (match.index > last) parts.push({ text: line.slice(last, match.index) });
      parts.push({ link: match[0] });
      last = match.index + match[0].length;
    }
    if (last < line.length) parts.push({ text: line.slice(last) });
    return parts;
  });
}

/**
 * Several stores as one (the Objecten API and the berichten organisations pushed): the list is
 * theirs together, newest first; one bericht is looked up in each until found. A store that
 * cannot answer makes the whole answer unavailable, as one store would.
 */
export function allBerichten(stores: readonly BerichtStore[]): BerichtStore {
  if (stores.length === 1) return stores[0]!;
  return {
    async list(subject, log) {
      const lists = await Promise.all(stores.map((store) => store.list(subject, log)));
      return {
        items: lists.flatMap((list) => list.items).sort(newestFirst),
        cutOff: lists.some((list) => list.cutOff),
      };
    },
    // Each store's first `limit` in the one order: together they hold the first `limit` of all, whatever page is asked.
    async search(subject, query, log) {
      const found = await Promise.all(stores.map((store) => searchIn(store, subject, query, log)));
      return {
        items: found
          .flatMap((f) => f.items)
          .sort(newestFirst)
          .slice(0, query.limit),
        total: found.reduce((sum, f) => sum + f.total, 0),
        senders: [...new Set(found.flatMap((f) => f.senders))].sort(bySender),
        cutOff: found.some((f) => f.cutOff),
      };
    },
    async unread(subject, now, log) {
      const counts = await Promise.all(stores.map((store) => unreadIn(store, subject, now, log)));
      return counts.reduce((sum, n) => sum + n, 0);
    },
    async get(subject, uuid) {
      for (const store of stores) {
        const found = await store.get(subject, uuid);
        if (found) return found;
      }
      return null;
    },
  };
}
