import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { expiresSoon, type Product } from '../../domain/product.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { listHref, pageNumber, paginate } from '../../platform/http/paging.ts';
import { contentDisposition } from '../../platform/http/responses.ts';
import type { ProductenService } from './service.ts';
import { type ProductContext, ProductenPage, ProductPage } from './views.tsx';

/** Lower case without accents, for searching in names. */
const normalise = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('nl');

export function productenRoutes(deps: {
  service: ProductenService;
  pageSize: number;
  /** Where renewing starts online in another feature (Aanvragen), by product id. */
  renewals?: (request: FastifyRequest, products: readonly Product[]) => Promise<Record<string, string>>;
  /** The organisation's renewal address, for products no feature renews online. */
  renewHref?: (product: Product) => string;
}): FastifyPluginAsync {
  const { service, pageSize, renewHref } = deps;
  /** What the pages say about time, with where each of `ending` (the products that end soon) is renewed. */
  const context = async (request: FastifyRequest, ending: readonly Product[]): Promise<ProductContext> => {
    const online = deps.renewals && ending.length > 0 ? await deps.renewals(request, ending) : {};
    return {
      today: service.today(),
      expiryNoticeDays: service.expiryNoticeDays,
      renewHref: (product) => (Object.hasOwn(online, product.id) ? online[product.id] : renewHref?.(product)),
    };
  };
  const endingSoon = (products: readonly Product[]) => {
    const today = service.today();
    return products.filter((product) => expiresSoon(product, today, service.expiryNoticeDays));
  };
  return async (app) => {
    app.get<{ Querystring: { pagina?: string; zoek?: string } }>('/producten', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const zoek = (request.query.zoek ?? '').trim().slice(0, 100);
      const needle = normalise(zoek);
      const listed = await service.list(callerOf(request));
      const expiring = listed.unavailable ? [] : endingSoon(listed.value.items);
      const now = await context(request, expiring);
      const producten = listed.unavailable
        ? listed
        : {
            ...listed,
            value: paginate(
              listed.value.items.filter((product) => !needle || normalise(`${product.naam} ${product.producttype.naam}`).includes(needle)),
              pageNumber(request.query.pagina),
              pageSize,
              (page) => listHref('/producten', { zoek, pagina: page }),
            ),
          };
      return reply.page(
        <ProductenPage
          t={t}
          lang={request.lang}
          producten={producten}
          expiring={expiring}
          context={now}
          cutOff={!listed.unavailable && listed.value.cutOff}
          zoek={zoek}
        />,
        { title: zoek ? `${t('producten.title')}: ${t('producten.search.result', { zoek })}` : t('producten.title') },
      );
    });

    app.get<{ Params: { id: string } }>('/producten/:id', { config: { auth: true } }, async (request, reply) => {
      const detail = await service.detail(callerOf(request), request.params.id);
      if (!detail) throw new HttpError(404, 'producten.notFound');
      const now = await context(request, endingSoon([detail.product]));
      return reply.page(<ProductPage t={request.t} lang={request.lang} {...detail} context={now} />, { title: detail.product.naam });
    });

    app.get<{ Params: { id: string; index: string } }>('/producten/:id/documenten/:index', { config: { auth: true } }, async (request, reply) => {
      const index = Number(request.params.index);
      if (!Number.isInteger(index) || index < 0 || index > 1000) throw new HttpError(404, 'producten.notFound');
      const found = await service.document(callerOf(request), request.params.id, index);
      if (!found) throw new HttpError(404, 'producten.notFound');
      const { file, document } = found;
      reply
        .header('content-type', document.formaat || file.contentType || 'application/octet-stream')
        .header('content-disposition', contentDisposition(document.bestandsnaam))
        .header('cache-control', 'private, no-store');
      if (file.contentLength !== undefined) reply.header('content-length', file.contentLength);
      return reply.send(file.body);
    });
  };
}
