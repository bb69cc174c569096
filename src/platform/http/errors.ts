/**
 * One error type for answers the person should see, and the 404/500 pages in the page shell.
 * No stack trace or internal message ever reaches the browser; a 500 shows the request id so
 * support can find the log line.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { MessageKey } from '../i18n/index.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { isSourceFailure, SourceRejectedError, type SourceFailure } from '../../domain/availability.ts';
import { unavailablePage } from './pages.ts';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    /** The text the person sees. */
    readonly messageKey: MessageKey,
    readonly titleKey?: MessageKey,
  ) {
    super(messageKey);
    this.name = 'HttpError';
  }
}

const titles: Record<number, MessageKey> = { 400: 'error.badRequest.title', 403: 'error.forbidden.title', 404: 'error.notFound.title' };

const wantsJson = (accept: string | undefined, url: string) =>
  url.startsWith('/api/') || (accept?.includes('application/json') && !accept.includes('text/html'));

export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    if (wantsJson(request.headers.accept, request.url)) return reply.code(404).send({ error: 'not_found', message: 'Not found' });
    const t = request.t;
    return reply.page(h(ErrorPage, { title: t('error.notFound.title'), text: t('error.notFound.text'), homeLabel: t('error.home') }), {
      title: t('error.notFound.title'),
      status: 404,
    });
  });

  app.setErrorHandler((error: FastifyError | HttpError | SourceFailure, request, reply) => {
    if (isSourceFailure(error)) {
      // A source that is down or refuses costs this page, never a 500: the person is told what cannot be done now.
      const status = error instanceof SourceRejectedError ? 502 : 503;
      request.log.warn(
        { source: error.source, reason: error instanceof SourceRejectedError ? `HTTP ${error.status}` : error.reason, detail: error.message },
        'source unavailable',
      );
      if (wantsJson(request.headers.accept, request.url)) return reply.code(status).send({ error: 'unavailable', message: 'A source is not available' });
      return reply.page(unavailablePage(request, request.routeOptions.config?.unavailable), { title: request.t('error.unavailable.title'), status });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ statusCode: status, code: (error as FastifyError).code }, 'request refused');
    if (wantsJson(request.headers.accept, request.url)) {
      return reply.code(status).send({ error: status >= 500 ? 'server_error' : 'bad_request', message: status >= 500 ? 'Internal error' : error.message });
    }
    const t = request.t;
    let titleKey: MessageKey = 'error.server.title';
    let textKey: MessageKey = 'error.server.text';
    if (error instanceof HttpError) {
      titleKey = error.titleKey ?? titles[status] ?? 'error.badRequest.title';
      textKey = error.messageKey;
    } else if (status < 500) {
      titleKey = titles[status] ?? 'error.badRequest.title';
      textKey = status === 404 ? 'error.notFound.text' : 'error.badRequest.text';
    }
    const reference = status >= 500 ? t('error.reference', { id: request.id }) : undefined;
    return reply.page(h(ErrorPage, { title: t(titleKey), text: t(textKey), reference, homeLabel: t('error.home') }), { title: t(titleKey), status });
  });
}
