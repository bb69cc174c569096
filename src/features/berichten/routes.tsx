/**
 * Mijn berichten: the inbox (/berichten, filter read/unread, search in onderwerp, pages), one
 * bericht (/berichten/<uuid>, marked geopend the first time), its bijlagen (streamed), the unread
 * count in the navigation and on the overzicht. A bericht of someone else, or one whose
 * publicatiedatum has not come, is the same 404 as one that does not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { SourceUnavailableError, whenAvailable } from '../../domain/availability.ts';
import { contentDisposition, pageNumber } from '../../platform/http/responses.ts';
import type { OverviewBlock } from '../overzicht/routes.tsx';
import type { BerichtenService } from './service.ts';
import { BerichtenOverviewBlock, BerichtPage, berichtFilters, InboxPage, type BerichtFilter } from './views.tsx';

const pageSize = 10;

export function registerBerichten(app: FastifyInstance, deps: { service: BerichtenService; overviewBlocks: OverviewBlock[]; processingLog: ProcessingLog }): void {
  const { service, processingLog } = deps;
  const logRead = (request: FastifyRequest, category: 'berichten' | 'documenten') =>
    processingLog.record(request.session!.identity, [{ action: 'lezen', category, source: 'objecten' }], request.id);

  // The unread count next to "Mijn berichten" on every page of a logged-in person (cached briefly in the service).
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || !request.session || request.routeOptions.config.auth !== true) return;
    const count = await whenAvailable(() => service.unreadCount(request.session!.identity.subject, request.log), request.log);
    if (!count.unavailable) request.navCounts = { ...request.navCounts, berichten: count.value };
  });

  deps.overviewBlocks.push(async (request) => {
    const count = await whenAvailable(() => service.unreadCount(request.session!.identity.subject, request.log), request.log);
    return <BerichtenOverviewBlock t={request.t} unread={count.unavailable ? undefined : count.value} />;
  });

  app.get<{ Querystring: { zoek?: string; toon?: string; pagina?: string } }>('/berichten', { config: { auth: true } }, async (request, reply) => {
    const t = request.t;
    const zoek = (request.query.zoek ?? '').trim().slice(0, 100);
    const filter: BerichtFilter = (berichtFilters as readonly string[]).includes(request.query.toon ?? '') ? (request.query.toon as BerichtFilter) : 'alle';
    const all = await whenAvailable(() => service.all(request.session!.identity.subject, request.log), request.log);
    if (all.unavailable) return reply.page(<InboxPage t={t} lang={request.lang} unavailable />, { title: t('berichten.title'), nav: 'berichten' });
    await logRead(request, 'berichten');
    const needle = zoek.toLocaleLowerCase('nl');
    const matching = all.value.filter(
      (bericht) => (filter === 'alle' || (filter === 'ongelezen') === !bericht.geopend) && (!needle || bericht.onderwerp.toLocaleLowerCase('nl').includes(needle)),
    );
    const pages = Math.max(1, Math.ceil(matching.length / pageSize));
    const page = Math.min(pageNumber(request.query.pagina), pages);
    const href = (n: number) => {
      const params = new URLSearchParams();
      if (zoek) params.set('zoek', zoek);
      if (filter !== 'alle') params.set('toon', filter);
      if (n > 1) params.set('pagina', String(n));
      const query = params.toString();
      return `/berichten${query ? `?${query}` : ''}`;
    };
    const inbox = { berichten: matching.slice((page - 1) * pageSize, page * pageSize), total: matching.length, page, pages, filter, zoek, href };
    return reply.page(<InboxPage t={t} lang={request.lang} inbox={inbox} unavailable={false} />, {
      title: zoek ? `${t('berichten.title')}: ${t('berichten.search.result', { zoek })}` : t('berichten.title'),
      nav: 'berichten',
    });
  });

  app.get<{ Params: { uuid: string } }>('/berichten/:uuid', { config: { auth: true } }, async (request, reply) => {
    const t = request.t;
    let opened;
    try {
      opened = await service.open(request.session!.identity.subject, request.params.uuid, request.log);
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      request.log.warn({ source: error.source, reason: error.reason, detail: error.message }, 'source unavailable');
      return reply.page(<InboxPage t={t} lang={request.lang} unavailable />, { title: t('berichten.title'), nav: 'berichten', status: 503 });
    }
    if (!opened) throw new HttpError(404, 'berichten.notFound');
    await logRead(request, 'berichten');
    // Opening it may have made it read: the count in the navigation follows.
    if (request.navCounts?.berichten && !opened.bericht.geopend) request.navCounts = { ...request.navCounts, berichten: request.navCounts.berichten - 1 };
    return reply.page(<BerichtPage t={t} lang={request.lang} bericht={opened.bericht} bijlagen={opened.bijlagen} />, { title: opened.bericht.onderwerp, nav: 'berichten' });
  });

  app.get<{ Params: { uuid: string; index: string } }>('/berichten/:uuid/bijlagen/:index', { config: { auth: true } }, async (request, reply) => {
    const index = Number(request.params.index);
    if (!Number.isInteger(index) || index < 0 || index > 1000) throw new HttpError(404, 'berichten.notFound');
    let found;
    try {
      found = await service.bijlage(request.session!.identity.subject, request.params.uuid, index);
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      request.log.warn({ source: error.source, reason: error.reason, detail: error.message }, 'source unavailable');
      return reply.page(<InboxPage t={request.t} lang={request.lang} unavailable />, { title: request.t('berichten.title'), nav: 'berichten', status: 503 });
    }
    if (!found) throw new HttpError(404, 'berichten.notFound');
    await logRead(request, 'documenten');
    const { file, document } = found;
    reply
      .header('content-type', document.formaat || file.contentType || 'application/octet-stream')
      .header('content-disposition', contentDisposition(document.bestandsnaam))
      .header('cache-control', 'private, no-store');
    if (file.contentLength !== undefined) reply.header('content-length', file.contentLength);
    return reply.send(file.body);
  });
}
