/**
 * A product in Mijn producten: something a person or company holds from the organisation (a
 * parkeervergunning, an afvalpas, a subsidie, a terrasvergunning), as Open Product's Producten API
 * keeps it: its producttype, status, validity, the zaken, taken and documenten it is linked to, and
 * how much of it is used (the verbruiksobject, e.g. bezoekersuren left).
 *
 * Whose a product is, is decided here and nowhere else (`isEigenaar`), on the eigenaren the source
 * gives: the filter a store asks the source with is the source's business, the check is Voordeur's.
 */
import type { Listed } from './availability.ts';
import type { Subject } from './identity.ts';
import type { Log } from './log.ts';

export const productStatussen = ['initieel', 'in_aanvraag', 'gereed', 'actief', 'ingetrokken', 'geweigerd', 'verlopen'] as const;
export type ProductStatus = (typeof productStatussen)[number];

/** One eigenaar of a product, as Open Product names them (empty strings are absent). */
export interface ProductEigenaar {
  bsn?: string;
  kvkNummer?: string;
  vestigingsnummer?: string;
}

/** A value in the product's usage or data: a name (from the producttype's schema, else the key) and the value. */
export interface ProductValue {
  key: string;
  label?: string;
  value: string | number | boolean;
}

export interface Product {
  /** Its id in the source (a UUID in Open Product). */
  id: string;
  /** The system it was read from, as the processing log names it ("openproduct", "objecten"). */
  source: string;
  naam: string;
  producttype: { id: string; naam: string; code?: string };
  status: ProductStatus;
  /** YYYY-MM-DD */
  startDatum?: string;
  /** YYYY-MM-DD: the last day it is valid. */
  eindDatum?: string;
  /** What it costs, in euros (a decimal string), and how often. */
  prijs?: string;
  frequentie?: 'eenmalig' | 'maandelijks' | 'jaarlijks';
  eigenaren: ProductEigenaar[];
  /** URLs of zaken (a Zaken API), taken (the Objecten API) and documenten (a Documenten API). */
  zaken: string[];
  taken: string[];
  documenten: string[];
  /** How much is used or left (the verbruiksobject), flat values only. */
  verbruik: ProductValue[];
  /** Its data meant for the eigenaar (the dataobject), flat values only. */
  gegevens: ProductValue[];
}

/**
 * Where products are kept. Every answer is the subject's own (checked with `isEigenaar` on what
 * the source answered, whatever it was asked); each call throws SourceUnavailableError when the
 * source cannot answer.
 */
export interface ProductStore {
  /** The systems it reads, as the processing log names them. */
  readonly sources: readonly string[];
  /** The subject's products; items that do not fit are left out (and logged); cut off past the bound of what is read. */
  list(subject: Subject, log: Pick<Log, 'warn'>): Promise<Listed<Product>>;
  /** One product of the subject; null when it does not exist or is someone else's. */
  get(subject: Subject, id: string): Promise<Product | null>;
  /**
   * Everyone's current products (gereed, actief) whose last day is from `from` to `to` (YYYY-MM-DD),
   * for the notice that a product is about to end; cut off past the bound of what is read.
   */
  endingBetween?(from: string, to: string, log: Pick<Log, 'warn'>): Promise<Listed<Product>>;
}

/** Who to tell about a product: each eigenaar as a person (BSN) or a company (KvK number, company-wide, as a zaak's vestiging rol is told). */
export function eigenaarSubjects(eigenaren: readonly ProductEigenaar[]): Subject[] {
  const subjects = new Map<string, Subject>();
  for (const eigenaar of eigenaren) {
    if (eigenaar.bsn) subjects.set(`bsn:${eigenaar.bsn}`, { type: 'persoon', bsn: eigenaar.bsn });
    else if (eigenaar.kvkNummer) subjects.set(`kvk:${eigenaar.kvkNummer}`, { type: 'bedrijf', kvkNummer: eigenaar.kvkNummer });
  }
  return [...subjects.values()];
}

/** A day `days` after `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * Whether the subject is one of the product's eigenaren: a person by BSN; a company by KvK number —
 * logged in for one vestiging, the company-wide products (no vestigingsnummer) and that vestiging's;
 * logged in as a whole, all of the company's.
 */
export function isEigenaar(eigenaren: readonly ProductEigenaar[], subject: Subject): boolean {
  return eigenaren.some((eigenaar) => {
    if (subject.type === 'persoon') return !!eigenaar.bsn && eigenaar.bsn === subject.bsn;
    if (!eigenaar.kvkNummer || eigenaar.kvkNummer !== subject.kvkNummer) return false;
    if (!subject.vestigingsnummer || !eigenaar.vestigingsnummer) return true;
    return eigenaar.vestigingsnummer === subject.vestigingsnummer;
  });
}

const DAY = 24 * 60 * 60 * 1000;

/** Days from `today` to `date` (both YYYY-MM-DD); negative when it has passed. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
}

/**
 * The status the person is shown: the source's, except that a product whose last day has passed is
 * verlopen (Open Product sets that by a nightly task, which may not have run yet).
 */
export function shownStatus(product: Pick<Product, 'status' | 'eindDatum'>, today: string): ProductStatus {
  if (product.eindDatum && product.eindDatum < today && (product.status === 'actief' || product.status === 'gereed')) return 'verlopen';
  return product.status;
}

/** Whether a product is in force now or about to be: gereed or actief, and not past its last day. */
export function isCurrent(product: Pick<Product, 'status' | 'eindDatum'>, today: string): boolean {
  const status = shownStatus(product, today);
  return status === 'actief' || status === 'gereed';
}

/** Whether a current product ends within `days` days (from today, today included). */
export function expiresSoon(product: Pick<Product, 'status' | 'eindDatum'>, today: string, days: number): boolean {
  return isCurrent(product, today) && product.eindDatum !== undefined && daysUntil(product.eindDatum, today) <= days;
}

/**
 * The order of Mijn producten: current products first, the one that ends soonest on top (those
 * without an end after them), then applications in progress, then the ones that ended (the most
 * recent first); by name within the same.
 */
export function byRelevance(today: string): (a: Product, b: Product) => number {
  const rank = (p: Product) => {
    if (isCurrent(p, today)) return 0;
    const status = shownStatus(p, today);
    return status === 'initieel' || status === 'in_aanvraag' ? 1 : 2;
  };
  return (a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    const ea = a.eindDatum ?? '9999-12-31';
    const eb = b.eindDatum ?? '9999-12-31';
    if (ea !== eb) return rank(a) === 2 ? eb.localeCompare(ea) : ea.localeCompare(eb);
    return a.naam.localeCompare(b.naam, 'nl');
  };
}

/**
 * Several stores as one (Open Product and PDCProductInstantie objects): the list is theirs
 * together; one product is looked up in each until found. A store that cannot answer makes the
 * whole answer unavailable, as one store would.
 */
export function allProducten(stores: readonly ProductStore[]): ProductStore {
  if (stores.length === 1) return stores[0]!;
  const ending = stores.filter((store) => store.endingBetween);
  return {
    sources: stores.flatMap((store) => store.sources),
    async list(subject, log) {
      const lists = await Promise.all(stores.map((store) => store.list(subject, log)));
      return { items: lists.flatMap((list) => list.items), cutOff: lists.some((list) => list.cutOff) };
    },
    async get(subject, id) {
      for (const store of stores) {
        const found = await store.get(subject, id);
        if (found) return found;
      }
      return null;
    },
    endingBetween:
      ending.length > 0
        ? async (from, to, log) => {
            const lists = await Promise.all(ending.map((store) => store.endingBetween!(from, to, log)));
            return { items: lists.flatMap((list) => list.items), cutOff: lists.some((list) => list.cutOff) };
          }
        : undefined,
  };
}
