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
}

/** In the inbox (not archived) and not opened yet: what the navigation and the overzicht count. */
export const isUnread = (bericht: Bericht) => !bericht.geopend && !bericht.gearchiveerd;

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
        items: lists.flatMap((list) => list.items).sort((a, b) => b.publicatiedatum.getTime() - a.publicatiedatum.getTime()),
        cutOff: lists.some((list) => list.cutOff),
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
