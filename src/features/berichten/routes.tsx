import type { FastifyPluginAsync } from 'fastify';
import { callerOf } from '../../platform/http/caller.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { lastPage, listHref, pageNumber, pageOf } from '../../platform/http/paging.ts';
import { contentDisposition } from '../../platform/http/responses.ts';
import type { BerichtenService } from './service.ts';
import { archiefMeldingen, BerichtPage, berichtFilters, InboxPage, type ArchiefMelding, type BerichtFilter } from './views.tsx';

export function berichtenRoutes(deps: { service: BerichtenService; pageSize: number; organisationName: string }): FastifyPluginAsync {
  const { service, pageSize, organisationName } = deps;
  return async (app) => {
    app.get<{ Querystring: { zoek?: string; toon?: string; van?: string; pagina?: string; archief?: string } }>(
      '/berichten',
      { config: { auth: true } },
      async (request, reply) => {
        const t = request.t;
        const zoek = (request.query.zoek ?? '').trim().slice(0, 100);
        const filter: BerichtFilter = (berichtFilters as readonly string[]).includes(request.query.toon ?? '') ? (request.query.toon as BerichtFilter) : 'alle';
        const caller = callerOf(request);
        const asked = request.query.van ?? '';
        const requested = pageNumber(request.query.pagina);
        // The first pages' worth of each store (a page of the pushed berichten is read from an index), merged into one order.
        const search = (sender: string, page: number) =>
          service.search(caller, { filter, zoek: zoek.toLocaleLowerCase('nl'), van: sender, eigenAfzender: organisationName, limit: page * pageSize });
        let inbox = await search(asked, requested);
        // Who sent them: the organisation itself, or another through the organisation API; a filter when there is more than one.
        // A sender that is not (or no longer) among them filters nothing.
        if (asked && !inbox.unavailable && !inbox.value.senders.includes(asked)) inbox = await search('', requested);
        const senders = inbox.unavailable ? [] : inbox.value.senders;
        const van = senders.includes(asked) ? asked : '';
        // Asked for a page beyond the last: the last one.
        const page = inbox.unavailable ? 1 : lastPage(requested, inbox.value.total, pageSize);
        if (page < requested) inbox = await search(van, page);
        const href = (p: number) => listHref('/berichten', { zoek, toon: filter === 'alle' ? undefined : filter, van: van || undefined, pagina: p });
        const shown = inbox.unavailable ? inbox : { ...inbox, value: pageOf(inbox.value.items, inbox.value.total, page, pageSize, href) };
        const cutOff = !inbox.unavailable && inbox.value.cutOff;
        const archief = (archiefMeldingen as readonly string[]).includes(request.query.archief ?? '') ? (request.query.archief as ArchiefMelding) : undefined;
        return reply.page(
          <InboxPage t={t} lang={request.lang} inbox={shown} filter={filter} zoek={zoek} senders={senders} van={van} cutOff={cutOff} archief={archief} />,
          {
            title: zoek ? `${t('berichten.title')}: ${t('berichten.search.result', { zoek })}` : t('berichten.title'),
          },
        );
      },
    );

    // Archiving and putting back: a plain form on the bericht's page, then back to the inbox (or the archive) with what happened.
    app.post<{ Params: { uuid: string }; Body: { archief?: unknown } }>('/berichten/:uuid/archief', { config: { auth: true } }, async (request, reply) => {
      const wanted = request.body?.archief;
      if (wanted !== 'ja' && wanted !== 'nee') throw new HttpError(400, 'error.badRequest.text');
      const done = await service.archive(callerOf(request), request.params.uuid, wanted === 'ja');
      if (!done) throw new HttpError(404, 'berichten.notFound');
      return reply.redirect(
        wanted === 'ja' ? '/berichten?archief=gearchiveerd#archief-melding' : '/berichten?toon=gearchiveerd&archief=teruggezet#archief-melding',
        303,
      );
    });

    app.get<{ Params: { uuid: string } }>('/berichten/:uuid', { config: { auth: true } }, async (request, reply) => {
      const caller = callerOf(request);
      const opened = await service.open(caller, request.params.uuid);
      if (!opened) throw new HttpError(404, 'berichten.notFound');
      const links = await service.links(caller, opened.bericht);
      return reply.page(
        <BerichtPage
          t={request.t}
          lang={request.lang}
          bericht={opened.bericht}
          bijlagen={opened.bijlagen}
          links={links}
          csrfToken={request.session!.csrfToken}
        />,
        {
          title: opened.bericht.onderwerp,
        },
      );
    });

    app.get<{ Params: { uuid: string; index: string } }>('/berichten/:uuid/bijlagen/:index', { config: { auth: true } }, async (request, reply) => {
      const index = Number(request.params.index);
      if (!Number.isInteger(index) || index < 0 || index > 1000) throw new HttpError(404, 'berichten.notFound');
      const found = await service.bijlage(callerOf(request), request.params.uuid, index);
      if (!found) throw new HttpError(404, 'berichten.notFound');
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
