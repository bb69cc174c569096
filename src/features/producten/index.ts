/**
 * Mijn producten: what the person or company holds from the organisation (Open Product's
 * Producten API): the list (/producten, current products that end soonest first, status in
 * words, a notice for those that end within PRODUCTEN_VERLOOPT_BINNEN_DAGEN), one product
 * (/producten/<id>: validity, usage, the linked zaken that are the person's own, documents), and
 * the overzicht block. A product of someone else is the same 404 as one that does not exist.
 *
 * "Verlengen" of a product that ends soon leads to the aanvraag of its producttype when a feature
 * offers that online for this login (`renewals`, through the Feature contract: Aanvragen), which
 * then starts from the product's own values (`ownProduct`, offered here); else to
 * PRODUCTEN_VERLENGEN_URL with {producttype} and {product} filled in, when the organisation set it
 * (its own website); without either, the notice says to contact the organisation. When the notification pipeline is there (`tell`), people are told
 * once that a product is about to end (notices.ts).
 */
import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { ProductPrefill } from '../../domain/aanvraag.ts';
import type { Product, ProductStore } from '../../domain/product.ts';
import type { TaakStore } from '../../domain/taak.ts';
import type { Zaaksysteem } from '../../domain/zaak.ts';
import type { Log } from '../../domain/log.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import { callerOf } from '../../platform/http/caller.ts';
import type { Feature, RenewableProduct } from '../../platform/http/feature.ts';
import type { Change } from '../../sources/voordeur/notification-messages.ts';
import { startExpiryNotices } from './notices.ts';
import { productenRoutes } from './routes.tsx';
import { ProductenService } from './service.ts';
import { productenCard } from './overview.ts';
import { ZaakProducten } from './views.tsx';

export interface ProductenDeps {
  /** Where products are kept (Open Product). */
  producten?: ProductStore;
  /** For the linked zaken (only the person's own are shown) and documents. */
  zaaksystemen: readonly Zaaksysteem[];
  /** Where documents are: the Documenten APIs of the zaaksystemen. */
  documentStores: readonly Zaaksysteem[];
  /** For the linked taken (only the person's own are shown), when Mijn taken is configured. */
  taken?: TaakStore;
  processingLog: ProcessingLog;
  pageSize: number;
  expiryNoticeDays: number;
  /** Where renewing products starts online in another feature (Aanvragen), by product id, for those it offers to this login. */
  renewals?: (request: FastifyRequest, products: readonly RenewableProduct[]) => Promise<Record<string, string>>;
  /** The renewal address for the other products, with {producttype} and {product}; none: no "Verlengen" link for them. */
  renewUrl?: string;
  /** Records changes for the notification pipeline: to tell people once that a product is about to end. */
  tell?: (changes: Change[]) => Promise<void>;
  /** How often to look for products that enter the notice period. */
  noticeIntervalMs: number;
  log: Pick<Log, 'warn' | 'info'>;
}

/** The address of "Verlengen" for a product, from the configured template. */
export function renewHref(template: string): (product: Product) => string {
  return (product) => template.replaceAll('{producttype}', encodeURIComponent(product.producttype.id)).replaceAll('{product}', encodeURIComponent(product.id));
}

/**
 * A product as the values an aanvraag starts from: its name, dates and the flat values of its data
 * (the dataobject, by key), which a producttype's prefill mapping reads with `product` paths.
 */
export function prefillOf(product: Product): ProductPrefill {
  const data: ProductPrefill['data'] = {};
  for (const { key, value } of product.gegevens) data[key] = value;
  return {
    id: product.id,
    naam: product.naam,
    producttype: { id: product.producttype.id, code: product.producttype.code },
    startDatum: product.startDatum,
    eindDatum: product.eindDatum,
    data,
  };
}

/** Mijn producten, when Open Product is configured. */
export function createProducten(deps: ProductenDeps): Feature | undefined {
  if (!deps.producten) return undefined;
  const { producten: store, tell } = deps;
  const service = new ProductenService(deps.producten, deps.zaaksystemen, deps.documentStores, deps.taken, deps.processingLog, deps.expiryNoticeDays);
  return {
    id: 'producten',
    nav: { id: 'producten', href: '/producten', label: 'nav.producten' },
    async overviewBlock(request) {
      return productenCard(request.t, request.lang, await service.summary(callerOf(request)));
    },
    async zaakSection(request, zaak) {
      const producten = await service.forZaak(callerOf(request), zaak);
      return producten.unavailable || producten.value.length > 0
        ? h(ZaakProducten, { t: request.t, lang: request.lang, producten, today: service.today() })
        : null;
    },
    // A product of the logged-in person, for the aanvraag that renews it (a 404 there when it is not theirs).
    async ownProduct(request, id) {
      const product = await service.own(callerOf(request), id);
      return product && prefillOf(product);
    },
    plugin: productenRoutes({
      service,
      pageSize: deps.pageSize,
      renewals: deps.renewals,
      renewHref: deps.renewUrl ? renewHref(deps.renewUrl) : undefined,
    }),
    start:
      tell && store.endingBetween
        ? () => startExpiryNotices({ store, expiryNoticeDays: deps.expiryNoticeDays, tell, log: deps.log, intervalMs: deps.noticeIntervalMs })
        : undefined,
  };
}
