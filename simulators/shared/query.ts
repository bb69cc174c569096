/**
 * Reading a request as Django and DRF do, for the simulators of Django systems: the query string,
 * UUIDs, and paginated lists with absolute next/previous links.
 */
import type { FastifyRequest } from 'fastify';

/** The query string as given (repeated keys and order intact; `+` is a space, as in Django). */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const index = request.url.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : request.url.slice(index + 1));
}

/** A UUID in any form Python's uuid.UUID reads (with or without hyphens), lowercased and hyphenated; undefined otherwise. */
export function parseUuid(value: string): string | undefined {
  const hex = value
    .replace(/^urn:uuid:/i, '')
    .replace(/^\{(.*)\}$/, '$1')
    .replaceAll('-', '')
    .toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Page `page` (from 1) of `items`, `size` a page; the links keep the rest of the query string. */
export function pageOf<T>(request: FastifyRequest, items: T[], page: number, size: number, origin: string): Page<T> {
  const last = Math.max(1, Math.ceil(items.length / size));
  const pageUrl = (n: number) => {
    const url = new URL(request.url, origin);
    if (n === 1) url.searchParams.delete('page');
    else url.searchParams.set('page', String(n));
    return url.href;
  };
  return {
    count: items.length,
    next: page < last ? pageUrl(page + 1) : null,
    previous: page > 1 ? pageUrl(page - 1) : null,
    results: items.slice((page - 1) * size, page * size),
  };
}

const maxPageSize = 500;

/**
 * One page as vng-api-common's DynamicPageSizePagination gives it: `page` (also `last`), and
 * `pageSize` up to 500 (one that is not a positive number gives the default size). A page that
 * does not exist is `invalidPage` (DRF: a 404 "Invalid page.").
 */
export function dynamicPage<T>(request: FastifyRequest, items: T[], defaultSize: number, origin: string, invalidPage: () => Error): Page<T> {
  const query = queryOf(request);
  const rawSize = query.get('pageSize');
  const size = rawSize !== null && /^\d+$/.test(rawSize) && Number(rawSize) > 0 ? Math.min(Number(rawSize), maxPageSize) : defaultSize;
  const last = Math.max(1, Math.ceil(items.length / size));
  const rawPage = query.get('page');
  const page = rawPage === null || rawPage === '' ? 1 : rawPage === 'last' ? last : /^\d+$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > last) throw invalidPage();
  return pageOf(request, items, page, size, origin);
}
