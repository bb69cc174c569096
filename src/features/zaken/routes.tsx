/**
 * Mijn zaken: the list (/zaken), a zaak (/zaken/<systeem>/<uuid>), its documents (download,
 * upload). Identity comes from the session only; a zaak or document that is not the person's
 * is answered with the same 404 as one that does not exist.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { fileTypeFromBuffer } from 'file-type';
import type { Config } from '../../config.ts';
import type { ProcessingAction, ProcessingLog } from '../../platform/audit/processing-log.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { contentDisposition, pageNumber } from '../../platform/http/responses.ts';
import { assertCsrfToken } from '../../platform/http/session.ts';
import { formatBytes } from '../../platform/i18n/format.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import { Alert, Heading, Link, Paragraph, type FieldError } from '../../platform/ui/components.tsx';
import { SourceRejectedError, SourceUnavailableError } from '../../domain/availability.ts';
import type { NewDocument } from '../../sources/zgw/zaaksysteem.ts';
import type { OverviewBlock } from '../overzicht/routes.tsx';
import { matchesSearch, type ZakenService } from './service.ts';
import { ZaakPage, ZakenOverviewBlock, ZakenPage, zaakHref, type ListSection, type UploadState } from './views.tsx';

interface ZaakParams {
  systeem: string;
  uuid: string;
}

/** Types without magic bytes, recognised by their extension only. */
const textTypes: Record<string, string> = { txt: 'text/plain', csv: 'text/csv' };

/** Something another feature shows on a zaak's page, for the zaak with this UUID; null for nothing. */
export type ZaakSection = (request: FastifyRequest, zaakUuid: string) => Promise<VNode | null>;

export function registerZaken(
  app: FastifyInstance,
  deps: { config: Config; service: ZakenService; overviewBlocks: OverviewBlock[]; zaakSections: ZaakSection[]; processingLog: ProcessingLog },
): void {
  const { config, service, processingLog } = deps;
  /** Every read or change of zaken and documents goes into the person's processing log. */
  const logProcessing = (request: FastifyRequest, action: ProcessingAction, category: 'zaken' | 'documenten', systems: string[]) =>
    processingLog.record(
      request.session!.identity,
      systems.map((systeem) => ({ action, category, source: `zgw:${systeem}`, purpose: action === 'lezen' ? 'inzage' : 'wijziging-op-verzoek' })),
      request.id,
    );
  const { pageSize, upload: uploadRules } = config.zaken;
  const allowedTypes = uploadRules.allowedTypes.map((type) => type.toUpperCase()).join(', ');
  const accept = uploadRules.allowedTypes.map((type) => `.${type}`).join(',');

  deps.overviewBlocks.push(async (request) => {
    const [overview] = await Promise.all([service.overview(request.session!.identity.subject, request.log), logProcessing(request, 'lezen', 'zaken', service.systemNames)]);
    const nothing = overview.unavailable.length > 0 && overview.lopend.length === 0 && overview.afgerond.length === 0;
    return <ZakenOverviewBlock t={request.t} lang={request.lang} lopend={overview.lopend} unavailable={nothing} />;
  });

  app.get<{ Querystring: { zoek?: string; lopend?: string; afgerond?: string } }>('/zaken', { config: { auth: true } }, async (request, reply) => {
    const t = request.t;
    const zoek = (request.query.zoek ?? '').trim().slice(0, 100);
    const [overview] = await Promise.all([service.overview(request.session!.identity.subject, request.log), logProcessing(request, 'lezen', 'zaken', service.systemNames)]);
    const pages = { lopend: pageNumber(request.query.lopend), afgerond: pageNumber(request.query.afgerond) };
    const href = (section: 'lopend' | 'afgerond') => (page: number) => {
      const params = new URLSearchParams();
      if (zoek) params.set('zoek', zoek);
      const next = { ...pages, [section]: page };
      if (next.lopend > 1) params.set('lopend', String(next.lopend));
      if (next.afgerond > 1) params.set('afgerond', String(next.afgerond));
      const query = params.toString();
      return `/zaken${query ? `?${query}` : ''}#${section}-title`;
    };
    const section = (name: 'lopend' | 'afgerond'): ListSection => {
      const zaken = zoek ? overview[name].filter((zaak) => matchesSearch(zaak, zoek)) : overview[name];
      const pageCount = Math.max(1, Math.ceil(zaken.length / pageSize));
      const page = Math.min(pages[name], pageCount);
      return { zaken: zaken.slice((page - 1) * pageSize, page * pageSize), page, pages: pageCount, total: zaken.length, href: href(name) };
    };
    const all = service.systemNames.length;
    return reply.page(
      <ZakenPage
        t={t}
        lang={request.lang}
        organisation={config.theme.organisationName}
        zoek={zoek}
        lopend={section('lopend')}
        afgerond={section('afgerond')}
        unavailable={all > 0 && overview.unavailable.length === all}
        partlyUnavailable={overview.unavailable.length > 0}
      />,
      { title: zoek ? `${t('zaken.title')}: ${t('zaken.search.result', { zoek })}` : t('zaken.title'), nav: 'zaken' },
    );
  });

  /** The zaak page; with the upload form's state when it is shown again after an error. */
  async function renderZaak(request: FastifyRequest<{ Params: ZaakParams }>, reply: FastifyReply, upload: Partial<UploadState> = {}, status = 200) {
    const t = request.t;
    const { systeem, uuid } = request.params;
    let detail;
    try {
      detail = await service.detail(request.session!.identity.subject, systeem, uuid);
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      request.log.warn({ source: error.source, reason: error.reason, detail: error.message }, 'source unavailable');
      return reply.page(<ZaakUnavailable t={t} />, { title: t('zaken.title'), nav: 'zaken', status: 503 });
    }
    if (!detail) throw new HttpError(404, 'error.notFound.text');
    const [sections] = await Promise.all([Promise.all(deps.zaakSections.map((section) => section(request, uuid))), logProcessing(request, 'lezen', 'zaken', [systeem])]);
    const uploadState: UploadState | undefined = service.acceptsUploads(systeem)
      ? {
          csrfToken: request.session!.csrfToken,
          allowedTypes,
          maxSize: formatBytes(request.lang, t, uploadRules.maxBytes),
          accept,
          errors: [],
          titel: '',
          ...upload,
        }
      : undefined;
    return reply.page(<ZaakPage t={t} lang={request.lang} detail={detail} upload={uploadState} sections={sections.filter((s): s is VNode => s !== null)} />, {
      title: detail.zaak.omschrijving || detail.zaak.zaaktype,
      nav: 'zaken',
      status,
    });
  }

  app.get<{ Params: ZaakParams; Querystring: { document?: string } }>('/zaken/:systeem/:uuid', { config: { auth: true } }, async (request, reply) => {
    return renderZaak(request, reply, { added: request.query.document === 'toegevoegd' });
  });

  app.get<{ Params: ZaakParams & { document: string } }>('/zaken/:systeem/:uuid/documenten/:document', { config: { auth: true } }, async (request, reply) => {
    const { systeem, uuid, document } = request.params;
    let found;
    try {
      found = await service.download(request.session!.identity.subject, systeem, uuid, document);
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      request.log.warn({ source: error.source, reason: error.reason, detail: error.message }, 'source unavailable');
      return reply.page(<ZaakUnavailable t={request.t} />, { title: request.t('zaken.title'), nav: 'zaken', status: 503 });
    }
    if (!found) throw new HttpError(404, 'error.notFound.text');
    await logProcessing(request, 'lezen', 'documenten', [systeem]);
    const { file } = found;
    reply
      .header('content-type', found.document.formaat || file.contentType || 'application/octet-stream')
      .header('content-disposition', contentDisposition(found.document.bestandsnaam))
      .header('cache-control', 'private, no-store');
    if (file.contentLength !== undefined) reply.header('content-length', file.contentLength);
    // Streamed straight through: a large file never sits in memory.
    return reply.send(file.body);
  });

  // Uploads: multipart only in this scope, with the size limit from the configuration.
  app.register(async (scope) => {
    // A file over the limit is cut off and marked truncated (not thrown), so the form can say so.
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: uploadRules.maxBytes, files: 1, fields: 4, fieldSize: 10_000, parts: 6 } });

    scope.post<{ Params: ZaakParams }>('/zaken/:systeem/:uuid/documenten', { config: { auth: true, csrf: 'in-handler' } }, async (request, reply) => {
      const t = request.t;
      if (!request.isMultipart()) throw new HttpError(400, 'error.badRequest.text');
      const { systeem, uuid } = request.params;
      if (!service.acceptsUploads(systeem)) throw new HttpError(404, 'error.notFound.text');

      let csrf: unknown;
      let titel = '';
      let file: { filename: string; content: Buffer; truncated: boolean } | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === '_csrf') csrf = part.value;
          if (part.fieldname === 'titel' && typeof part.value === 'string') titel = part.value.trim();
          continue;
        }
        // The token comes first in the form: nothing of a file is read without it.
        assertCsrfToken(request, csrf);
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.fieldname === 'bestand' && part.filename) file = { filename: part.filename, content: Buffer.concat(chunks), truncated: part.file.truncated };
      }
      assertCsrfToken(request, csrf);

      const errors: FieldError[] = [];
      if (!titel) errors.push({ field: 'titel', message: t('zaak.upload.error.titelMissing') });
      else if (titel.length > 200) errors.push({ field: 'titel', message: t('zaak.upload.error.titelTooLong') });
      let document: NewDocument | undefined;
      if (!file) errors.push({ field: 'bestand', message: t('zaak.upload.error.fileMissing') });
      else if (file.truncated) errors.push({ field: 'bestand', message: t('zaak.upload.error.tooLarge', { size: formatBytes(request.lang, t, uploadRules.maxBytes) }) });
      else if (file.content.length === 0) errors.push({ field: 'bestand', message: t('zaak.upload.error.empty') });
      else {
        const formaat = await detectType(file.filename, file.content, uploadRules.allowedTypes);
        if (!formaat) errors.push({ field: 'bestand', message: t('zaak.upload.error.type', { types: allowedTypes }) });
        else document = { titel: titel.slice(0, 200), bestandsnaam: file.filename.slice(-255), formaat, inhoud: file.content };
      }
      if (errors.length > 0 || !document) return renderZaak(request, reply, { errors, titel }, 400);

      try {
        const outcome = await service.addDocument(request.session!.identity.subject, systeem, uuid, document);
        if (outcome === 'not-found') throw new HttpError(404, 'error.notFound.text');
        if (outcome === 'closed') return renderZaak(request, reply, { titel }, 409);
      } catch (error) {
        if (!(error instanceof SourceUnavailableError || error instanceof SourceRejectedError)) throw error;
        request.log.warn({ source: error.source, reason: error instanceof SourceUnavailableError ? error.reason : `HTTP ${error.status}` }, 'document upload failed at the source');
        return renderZaak(request, reply, { titel, failed: true }, 502);
      }
      await logProcessing(request, 'toevoegen', 'documenten', [systeem]);
      request.log.info({ zaaksysteem: systeem, bytes: document.inhoud.length, formaat: document.formaat }, 'document added to zaak');
      return reply.redirect(`${zaakHref({ ref: { systeem, uuid } })}?document=toegevoegd#zaak-documents-title`, 303);
    });
  });
}

/** The file's type from its content (not from what the browser says), if it is allowed. */
async function detectType(filename: string, content: Buffer, allowed: string[]): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) {
    const ext = detected.ext === 'jpg' ? ['jpg', 'jpeg'] : [detected.ext];
    return ext.some((e) => allowed.includes(e)) ? detected.mime : undefined;
  }
  const extension = filename.toLowerCase().split('.').at(-1) ?? '';
  return allowed.includes(extension) ? textTypes[extension] : undefined;
}

function ZaakUnavailable({ t }: { t: Translate }) {
  return (
    <>
      <Heading level={1}>{t('zaken.title')}</Heading>
      <Alert type="warning">{t('error.unavailable')}</Alert>
      <Paragraph>
        <Link href="/zaken">{t('zaak.back')}</Link>
      </Paragraph>
    </>
  );
}
