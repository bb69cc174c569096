import type { FastifyPluginAsync } from 'fastify';
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

export function productenRoutes(deps: { service: ProductenService; pageSize: number; renewHref?: (product: Product) => string }): FastifyPluginAsync {
  const { service, pageSize, renewHref } = deps;
  const context = (): ProductContext => ({ today: service.today(), expiryNoticeDays: service.expiryNoticeDays, renewHref });
  return async (app) => {
    app.get<{ Querystring: { pagina?: string; zoek?: string } }>('/producten', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const zoek = (request.query.zoek ?? '').trim().slice(0, 100);
      const needle = normalise(zoek);
      const listed = await service.list(callerOf(request));
      const now = context();
      const expiring = listed.unavailable ? [] : listed.value.items.filter((product) => expiresSoon(product, now.today, now.expiryNoticeDays));
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
      return reply.page(<ProductPage t={request.t} lang={request.lang} {...detail} context={context()} />, { title: detail.product.naam });
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
