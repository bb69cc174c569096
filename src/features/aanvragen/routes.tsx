/**
 * Aanvragen's pages: the catalogue (/aanvragen, by theme, searchable with a GET form) and one
 * producttype (/aanvragen/<id>). A producttype that is not offered to this login is a 404, the
 * same as one that does not exist.
 */
import type { FastifyPluginAsync } from 'fastify';
import { searchProducttypen } from '../../domain/aanvraag.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { HttpError } from '../../platform/http/errors.ts';
import type { AanvragenService } from './service.ts';
import { CataloguePage, ProducttypePage } from './views.tsx';

export interface AanvragenRoutesDeps {
  service: AanvragenService;
}

export function aanvragenRoutes(deps: AanvragenRoutesDeps): FastifyPluginAsync {
  const { service } = deps;
  return async (app) => {
    app.get<{ Querystring: { zoek?: string } }>('/aanvragen', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const zoek = (typeof request.query.zoek === 'string' ? request.query.zoek : '').trim().slice(0, 100);
      const offered = await service.offered(callerOf(request));
      return reply.availablePage(
        offered,
        { title: zoek ? `${t('aanvragen.title')}: ${t('aanvragen.search.result', { zoek })}` : t('aanvragen.title') },
        (all) => <CataloguePage t={t} lang={request.lang} producttypen={searchProducttypen(all, zoek)} zoek={zoek} mayApply={request.mayAct('aanvragen')} />,
      );
    });

    app.get<{ Params: { id: string } }>('/aanvragen/:id', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const found = await service.producttype(callerOf(request), request.params.id);
      if (!found.unavailable && !found.value) throw new HttpError(404, 'aanvragen.notFound');
      return reply.availablePage(found, { title: found.unavailable ? t('aanvragen.title') : found.value!.titel }, (producttype) => (
        <ProducttypePage t={t} lang={request.lang} producttype={producttype!} mayApply={request.mayAct('aanvragen')} />
      ));
    });
  };
}
