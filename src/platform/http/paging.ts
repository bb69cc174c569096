/** The one way to page a list: which page was asked for, that page's items, and links to the others. */

/** One page of a list, with what the page links need. */
export interface Paged<T> {
  items: T[];
  /** Items in the whole list. */
  total: number;
  /** This page (from 1) and the number of pages (at least 1). */
  page: number;
  pages: number;
  href: (page: number) => string;
}

/** A page number from the query string: a whole number from 1, else 1. */
export function pageNumber(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** The asked-for page of `items` (the last page when it asks for more), `pageSize` at a time. */
export function paginate<T>(items: readonly T[], requested: number, pageSize: number, href: (page: number) => string): Paged<T> {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(Math.max(1, requested), pages);
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pages, href };
}

/**
 * A page of a list that was cut off where it is kept: `items` are the list's first ones (at least
 * up to the page asked for, if there are that many), `total` how many it has in all.
 */
export function pageOf<T>(items: readonly T[], total: number, requested: number, pageSize: number, href: (page: number) => string): Paged<T> {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requested), pages);
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total, page, pages, href };
}

/** The last page of a list of `total` items, `pageSize` at a time, when a later one is asked for; else the one asked for. */
export const lastPage = (requested: number, total: number, pageSize: number) => Math.min(requested, Math.max(1, Math.ceil(total / pageSize)));

/**
 * A link to a list page with these query parameters, leaving out the empty ones and page numbers
 * of 1 (the default), so that the first page has one address.
 */
export function listHref(path: string, params: Record<string, string | number | undefined>, hash?: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '' || value === 1) continue;
    query.set(name, String(value));
  }
  const search = query.toString();
  return `${path}${search ? `?${search}` : ''}${hash ? `#${hash}` : ''}`;
}
