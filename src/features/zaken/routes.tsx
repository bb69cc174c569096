/**
 * Mijn zaken: the list (/zaken), a zaak (/zaken/<systeem>/<uuid>), its documents (download,
 * upload). Identity comes from the session only; a zaak or document that is not the person's
 * is answered with the same 404 as one that does not exist.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import { isSourceFailure } from '../../domain/availability.ts';
import { dutchToday } from '../../domain/calendar.ts';
import { storedFileName } from '../../domain/file-name.ts';
import { zaakPath, type NewDocument, type Zaak, type ZaakRef } from '../../domain/zaak.ts';
import { detectType } from '../../platform/files/detect.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { listHref, pageNumber, paginate } from '../../platform/http/paging.ts';
import { contentDisposition } from '../../platform/http/responses.ts';
import { assertCsrfToken } from '../../platform/http/session.ts';
import { formatBytes } from '../../platform/i18n/format.ts';
import type { FieldError } from '../../platform/ui/components.tsx';
import { matchesSearch, type ZakenService } from './service.ts';
import { ZaakPage, ZakenPage, zakenShown, type LateContact, type UploadState, type ZakenFilter } from './views.tsx';

type ZaakParams = ZaakRef;

export interface ZakenRoutesDeps {
  service: ZakenService;
  organisationName: string;
  pageSize: number;
  upload: { maxBytes: number; allowedTypes: string[] };
  /** What other features show on a zaak's page. */
  zaakSections: (request: FastifyRequest, zaak: ZaakRef) => Promise<JSX.Element[]>;
  /** Where a person whose zaak is late can ask about it. */
  contact: LateContact;
}

export function zakenRoutes(deps: ZakenRoutesDeps): FastifyPluginAsync {
  const { service, pageSize, upload: uploadRules } = deps;
  const allowedTypes = uploadRules.allowedTypes.map((type) => type.toUpperCase()).join(', ');
  const accept = uploadRules.allowedTypes.map((type) => `.${type}`).join(',');

  return async (app) => {
    app.get<{ Querystring: { zoek?: string; lopend?: string; afgerond?: string; toon?: string; soort?: string; volgorde?: string } }>(
      '/zaken',
      { config: { auth: true } },
      async (request, reply) => {
        const t = request.t;
        const zoek = (request.query.zoek ?? '').trim().slice(0, 100);
        const lists = await service.lists(callerOf(request));
        // The soorten the person has, to choose from; a soort they do not have is no filter.
        const soorten = lists.unavailable
          ? []
          : [...new Set([...lists.value.lopend, ...lists.value.afgerond].map((zaak) => zaak.zaaktype).filter(Boolean))].sort((a, b) =>
              a.localeCompare(b, 'nl'),
            );
        const filter: ZakenFilter = {
          zoek,
          toon: (zakenShown as readonly string[]).includes(request.query.toon ?? '') ? (request.query.toon as ZakenFilter['toon']) : 'alle',
          soort: soorten.includes(request.query.soort ?? '') ? request.query.soort! : '',
          volgorde: request.query.volgorde === 'oud' ? 'oud' : 'nieuw',
        };
        const pages = { lopend: pageNumber(request.query.lopend), afgerond: pageNumber(request.query.afgerond) };
        const kept = {
          zoek,
          toon: filter.toon === 'alle' ? undefined : filter.toon,
          soort: filter.soort || undefined,
          volgorde: filter.volgorde === 'oud' ? 'oud' : undefined,
        };
        const paged = (name: 'lopend' | 'afgerond', zaken: Zaak[]) => {
          const chosen = zaken.filter((zaak) => (!zoek || matchesSearch(zaak, zoek)) && (!filter.soort || zaak.zaaktype === filter.soort));
          // The lists come newest first; oldest first is the same list turned round.
          return paginate(filter.volgorde === 'oud' ? chosen.reverse() : chosen, pages[name], pageSize, (page) =>
            listHref('/zaken', { ...kept, ...pages, [name]: page }, `${name}-title`),
          );
        };
        const shown = lists.unavailable
          ? lists
          : {
              ...lists,
              value: { lopend: paged('lopend', lists.value.lopend), afgerond: paged('afgerond', lists.value.afgerond), notShown: lists.value.notShown },
            };
        return reply.page(
          <ZakenPage t={t} lang={request.lang} organisation={deps.organisationName} filter={filter} soorten={soorten} lists={shown} today={dutchToday()} />,
          {
            title: zoek ? `${t('zaken.title')}: ${t('zaken.search.result', { zoek })}` : t('zaken.title'),
          },
        );
      },
    );

    /** The zaak page; with the upload form's state when it is shown again after an error. */
    async function renderZaak(request: FastifyRequest<{ Params: ZaakParams }>, reply: FastifyReply, upload: Partial<UploadState> = {}, status = 200) {
      const t = request.t;
      const ref = { systeem: request.params.systeem, uuid: request.params.uuid };
      // The other features' sections (the person's own taken and producten for this zaak) need only its
      // address: started as soon as the zaak is known to be the person's, side by side with the rest of
      // it (its documents); for a zaak that is not theirs nothing of theirs is read.
      let early: Promise<JSX.Element[]> | undefined;
      const detail = await service.detail(callerOf(request), ref, () => {
        early = deps.zaakSections(request, ref);
        early.catch(() => {});
      });
      if (!detail) throw new HttpError(404, 'error.notFound.text');
      const sections = await (early ?? deps.zaakSections(request, ref));
      // A gemachtigde sees the zaak; adding a document only when the organisation allows it.
      const uploadState: UploadState | undefined =
        service.acceptsUploads(ref.systeem) && request.mayAct('documenten')
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
      return reply.page(
        <ZaakPage
          t={t}
          lang={request.lang}
          detail={detail}
          upload={uploadState}
          sections={sections}
          today={dutchToday()}
          organisation={deps.organisationName}
          contact={{ ...deps.contact, href: deps.contact.about?.(ref) ?? deps.contact.href }}
        />,
        {
          title: detail.zaak.omschrijving || detail.zaak.zaaktype,
          status,
        },
      );
    }

    app.get<{ Params: ZaakParams; Querystring: { document?: string } }>('/zaken/:systeem/:uuid', { config: { auth: true } }, async (request, reply) => {
      return renderZaak(request, reply, { added: request.query.document === 'toegevoegd' });
    });

    app.get<{ Params: ZaakParams & { document: string } }>('/zaken/:systeem/:uuid/documenten/:document', { config: { auth: true } }, async (request, reply) => {
      const { systeem, uuid, document } = request.params;
      const found = await service.download(callerOf(request), { systeem, uuid }, document);
      if (!found) throw new HttpError(404, 'error.notFound.text');
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
      await scope.register(fastifyMultipart, {
        throwFileSizeLimit: false,
        limits: { fileSize: uploadRules.maxBytes, files: 1, fields: 4, fieldSize: 10_000, parts: 6 },
      });

      scope.post<{ Params: ZaakParams }>(
        '/zaken/:systeem/:uuid/documenten',
        { config: { auth: true, csrf: 'in-handler', handeling: 'documenten' } },
        async (request, reply) => {
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
            if (part.fieldname === 'bestand' && part.filename)
              file = { filename: part.filename, content: Buffer.concat(chunks), truncated: part.file.truncated };
          }
          assertCsrfToken(request, csrf);

          const errors: FieldError[] = [];
          if (!titel) errors.push({ field: 'titel', message: t('zaak.upload.error.titelMissing') });
          else if (titel.length > 200) errors.push({ field: 'titel', message: t('zaak.upload.error.titelTooLong') });
          let document: NewDocument | undefined;
          if (!file) errors.push({ field: 'bestand', message: t('zaak.upload.error.fileMissing') });
          else if (file.truncated)
            errors.push({ field: 'bestand', message: t('zaak.upload.error.tooLarge', { size: formatBytes(request.lang, t, uploadRules.maxBytes) }) });
          else if (file.content.length === 0) errors.push({ field: 'bestand', message: t('zaak.upload.error.empty') });
          else {
            const formaat = await detectType(file.filename, file.content, uploadRules.allowedTypes);
            if (!formaat) errors.push({ field: 'bestand', message: t('zaak.upload.error.type', { types: allowedTypes }) });
            // Stored under the name given, with the extension of what the content is ("scan.png" that is a PDF: "scan.pdf").
            else document = { titel: titel.slice(0, 200), bestandsnaam: storedFileName(file.filename, formaat), formaat, inhoud: file.content };
          }
          if (errors.length > 0 || !document) return renderZaak(request, reply, { errors, titel }, 400);

          try {
            const outcome = await service.addDocument(callerOf(request), { systeem, uuid }, document);
            if (outcome === 'not-found') throw new HttpError(404, 'error.notFound.text');
            if (outcome === 'closed') return renderZaak(request, reply, { titel }, 409);
          } catch (error) {
            // Shown again with what was typed, and that it did not work.
            if (!isSourceFailure(error)) throw error;
            request.log.warn({ source: error.source, detail: error.message }, 'document upload failed at the source');
            return renderZaak(request, reply, { titel, failed: true }, 502);
          }
          request.log.info({ zaaksysteem: systeem, bytes: document.inhoud.length, formaat: document.formaat }, 'document added to zaak');
          return reply.redirect(`${zaakPath({ systeem, uuid })}?document=toegevoegd#zaak-documents-title`, 303);
        },
      );
    });
  };
}
