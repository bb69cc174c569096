/**
 * Mijn taken: the list (/taken), a taak (/taken/<uuid>) of each soort (a page elsewhere, a form
 * in the portal, a payment), sending a form, and coming back from the payment page. A taak of
 * someone else is the same 404 as one that does not exist; a taak is finished exactly once.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isSourceFailure, SourceUnavailableError } from '../../domain/availability.ts';
import type { Taak } from '../../domain/taak.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { unavailablePage } from '../../platform/http/pages.ts';
import { listHref, pageNumber, paginate } from '../../platform/http/paging.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { Alert, Button, DataList, ErrorSummary, Form, Link, Paragraph } from '../../platform/ui/components.tsx';
import { Unavailable } from '../../platform/ui/sections.tsx';
import { OgoneRequestError, type OgonePayments } from '../../sources/ogone/ogone.ts';
import { hasFiles, isInput, parseFormOnce, type FileModel, type FormModel, type ParsedForm } from '../../platform/formio/definition.ts';
import { fileRules, inspectUpload, storeFiles, type Upload, type UploadRules } from '../../platform/formio/files.ts';
import { maxFilesPerForm, readSentForm } from '../../platform/formio/sent.ts';
import { FormFields, errorSummaryItems } from '../../platform/formio/render.tsx';
import { formMessages } from '../../platform/formio/messages.ts';
import { initialValues, validateSubmission, type FormError, type FormValues, type UploadedFile } from '../../platform/formio/validate.ts';
import type { TakenService } from './service.ts';
import { TaakHeader, TakenPage, UrlTaak, formatAmount, taakHref } from './views.tsx';

type Params = { Params: { uuid: string } };

export interface TakenRoutesDeps {
  service: TakenService;
  payments?: OgonePayments;
  publicUrl: URL;
  pageSize: number;
  /** How to reach the organisation, for when something cannot be done here. */
  /** The zaak page of a zaak UUID, when Voordeur shows that zaak. */
  zaakHref: (uuid: string) => string | undefined;
  /** Which files a form may take, and how large (UPLOAD_*). */
  uploads: UploadRules;
}

export function takenRoutes(deps: TakenRoutesDeps): FastifyPluginAsync {
  const { service, payments, pageSize } = deps;
  const now = () => new Date();

  /**
   * The form of a taak as Voordeur can take it: unsupported when the definition is, or when it has
   * file fields and the files cannot be kept (no zaak, or no zaaksysteem that takes files).
   */
  function formOf(taak: Taak, definition: Record<string, unknown> | null): ParsedForm {
    const parsed = parseFormOnce(definition);
    if (!parsed.supported || !hasFiles(parsed.form)) return parsed;
    if (!service.acceptsFiles(taak))
      return {
        supported: false,
        reasons: ['the form has file fields, but the taak has no zaak or no zaaksysteem takes uploads (ZAAKSYSTEMEN uploadInformatieobjecttype)'],
      };
    const closed = parsed.form.fields.filter(
      (field): field is FileModel => field.kind === 'file' && !field.disabled && !field.hidden && fileRules(field, deps.uploads).extensions.length === 0,
    );
    if (closed.length > 0)
      return { supported: false, reasons: closed.map((field) => `file "${field.key}": none of the types it accepts is in UPLOAD_ALLOWED_TYPES`) };
    return parsed;
  }

  /** Each uploaded file of a file field of the form, checked (type by content, size). */
  async function inspectUploads(form: FormModel, uploads: Map<string, Upload[]>, lang: 'nl' | 'en'): Promise<Record<string, UploadedFile[]>> {
    const files: Record<string, UploadedFile[]> = {};
    for (const field of form.fields.filter((f): f is FileModel => isInput(f) && f.kind === 'file')) {
      const sent = uploads.get(field.key);
      if (sent) files[field.key] = await Promise.all(sent.map((upload) => inspectUpload(field, deps.uploads, upload, lang)));
    }
    return files;
  }

  return async (app) => {
    // Forms with file fields come as multipart/form-data; a file over the limit is cut off and marked truncated.
    await app.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: deps.uploads.maxBytes, files: maxFilesPerForm, fields: 500, fieldSize: 100_000, parts: 600 },
    });

    app.get<{ Querystring: { open?: string; afgerond?: string } }>('/taken', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const lists = await service.lists(callerOf(request));
      const wanted = { open: pageNumber(request.query.open), afgerond: pageNumber(request.query.afgerond) };
      return reply.availablePage(lists, { title: t('taken.title') }, (taken) => {
        const paged = (name: 'open' | 'afgerond') =>
          paginate(taken[name], wanted[name], pageSize, (page) => listHref('/taken', { ...wanted, [name]: page }, `${name}-title`));
        return <TakenPage t={t} lang={request.lang} open={paged('open')} afgerond={paged('afgerond')} cutOff={taken.cutOff} now={now()} />;
      });
    });

    /** The person's taak (a 404 when it is not theirs; a source failure becomes the unavailable page). */
    async function taakOf(request: FastifyRequest<Params>): Promise<Taak> {
      const taak = await service.get(callerOf(request), request.params.uuid);
      if (!taak) throw new HttpError(404, 'taken.notFound');
      return taak;
    }

    /** A taak's page; for a form with what was typed and what was wrong. */
    async function renderTaak(
      request: FastifyRequest<Params>,
      reply: FastifyReply,
      taak: Taak,
      form: { values?: FormValues; errors?: FormError[]; failed?: boolean } = {},
      status = 200,
    ) {
      const t = request.t;
      const header = <TaakHeader t={t} lang={request.lang} taak={taak} now={now()} zaakHref={taak.zaakUuid ? deps.zaakHref(taak.zaakUuid) : undefined} />;
      let body;
      // A gemachtigde sees the taak; doing it (a form, a payment) only when the organisation allows it.
      if (taak.soort !== 'url' && taak.status === 'open' && !request.mayAct('taken')) body = <Paragraph>{t('machtiging.readOnly.taak')}</Paragraph>;
      else
        switch (taak.soort) {
          case 'url':
            body = <UrlTaak t={t} taak={taak} />;
            break;
          case 'portaalformulier':
            body = await formBody(request, taak, form);
            break;
          case 'ogonebetaling':
            body = paymentBody(request, taak);
            break;
        }
      const errors = form.errors?.length ?? 0;
      return reply.page(
        <>
          {header}
          {body}
        </>,
        { title: errors ? `${t('form.errors.title')}: ${taak.titel}` : taak.titel, status },
      );
    }

    async function formBody(
      request: FastifyRequest,
      taak: Extract<Taak, { soort: 'portaalformulier' }>,
      form: { values?: FormValues; errors?: FormError[]; failed?: boolean },
    ) {
      const t = request.t;
      if (taak.status !== 'open') {
        return (request.query as { verstuurd?: string }).verstuurd ? (
          <Alert type="ok" role="status" id="bevestiging">
            {t('taken.form.sent')}
          </Alert>
        ) : (
          <Paragraph>{t('taken.form.already')}</Paragraph>
        );
      }
      const definition = await service.formDefinition(taak, callerOf(request));
      if (definition.unavailable) return <Unavailable t={t} />;
      const parsed = formOf(taak, definition.value);
      if (!parsed.supported) {
        request.log.warn({ taak: taak.uuid, reasons: parsed.supported === false ? parsed.reasons : ['no form definition'] }, 'form of a taak cannot be shown');
        return (
          <Alert type="warning">
            {t('taken.form.unsupported')} <Link href="/contact">{t('help.contact.ask')}</Link>
          </Alert>
        );
      }
      const messages = formMessages(request.lang);
      const errors = form.errors ?? [];
      return (
        <>
          {form.failed && (
            <Alert type="error" role="alert">
              {t('taken.form.failed')}
            </Alert>
          )}
          <ErrorSummary errors={errorSummaryItems(parsed.form, errors, messages)} title={t('form.errors.title')} />
          <Form action={taakHref(taak)} csrfToken={request.session!.csrfToken} multipart={hasFiles(parsed.form)}>
            <FormFields
              form={parsed.form}
              values={form.values ?? initialValues(parsed.form, taak.prefill)}
              errors={errors}
              lang={request.lang}
              messages={messages}
              uploads={deps.uploads}
              prefill={taak.prefill}
            />
            <Button>{t('taken.form.submit')}</Button>
          </Form>
        </>
      );
    }

    function paymentBody(request: FastifyRequest, taak: Extract<Taak, { soort: 'ogonebetaling' }>) {
      const t = request.t;
      const outcome = (request.query as { betaling?: string }).betaling;
      const amount = [
        { key: t('taken.betaling.bedrag'), value: formatAmount(request.lang, taak.bedrag) },
        { key: t('taken.betaling.kenmerk'), value: taak.betaalkenmerk },
      ];
      const message =
        outcome && ['betaald', 'in-behandeling', 'geannuleerd', 'geweigerd', 'mislukt', 'invalid'].includes(outcome)
          ? (`taken.betaling.${outcome}` as MessageKey)
          : undefined;
      const alert = message && (
        <Alert type={outcome === 'betaald' ? 'ok' : outcome === 'in-behandeling' ? 'info' : 'warning'} role="status" id="bevestiging">
          {t(message)}
        </Alert>
      );
      if (taak.status !== 'open') {
        return (
          <>
            {alert ?? <Paragraph>{t('taken.done')}</Paragraph>}
            <DataList items={amount} />
          </>
        );
      }
      if (!payments?.has(taak.pspid)) {
        request.log.warn({ taak: taak.uuid }, 'no Ogone account configured for the PSPID of this taak');
        return (
          <>
            <DataList items={amount} />
            <Alert type="warning">{t('taken.betaling.unavailable')}</Alert>
          </>
        );
      }
      const back = new URL(`${taakHref(taak)}/betaling`, deps.publicUrl).href;
      let payment;
      try {
        payment = payments.paymentRequest(taak.pspid, {
          orderId: taak.betaalkenmerk,
          amountEuros: taak.bedrag,
          description: taak.titel.slice(0, 100),
          language: request.lang === 'nl' ? 'nl_NL' : 'en_US',
          acceptUrl: back,
          declineUrl: back,
          exceptionUrl: back,
          cancelUrl: back,
        });
      } catch (error) {
        if (!(error instanceof OgoneRequestError)) throw error;
        request.log.warn({ taak: taak.uuid, reason: error.message }, 'taak cannot be paid with Ogone');
        return (
          <>
            <DataList items={amount} />
            <Alert type="warning">{t('taken.betaling.unavailable')}</Alert>
          </>
        );
      }
      return (
        <>
          {alert}
          <DataList items={amount} />
          <Paragraph>{t('taken.betaling.text')}</Paragraph>
          {/* Straight to the payment page: no session token goes to another site. */}
          <form class="utrecht-form" method="post" action={payment.action}>
            {Object.entries(payment.fields).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <Button>{t('taken.betaling.button')}</Button>
          </form>
        </>
      );
    }

    app.get<Params>('/taken/:uuid', { config: { auth: true } }, async (request, reply) => renderTaak(request, reply, await taakOf(request)));

    // The CSRF token is checked here: in a multipart form before any file is read.
    app.post<Params & { Body: Record<string, unknown> }>(
      '/taken/:uuid',
      { config: { auth: true, handeling: 'taken', csrf: 'in-handler' } },
      async (request, reply) => {
        const sent = await readSentForm(request);
        const taak = await taakOf(request);
        if (taak.soort !== 'portaalformulier') throw new HttpError(404, 'taken.notFound');
        if (taak.status !== 'open') return reply.redirect(`${taakHref(taak)}?verstuurd=1#bevestiging`, 303);
        const definition = await service.formDefinition(taak, callerOf(request));
        const parsed = definition.unavailable ? undefined : formOf(taak, definition.value);
        // Without its form definition the answers cannot be checked: kept in the page to send again.
        if (definition.unavailable) return reply.page(unavailablePage(request), { title: taak.titel, status: 503 });
        if (!parsed?.supported) return renderTaak(request, reply, taak, {}, 422);
        const files = await inspectUploads(parsed.form, sent.uploads, request.lang);
        const submission = validateSubmission(parsed.form, sent.body, taak.prefill, files);
        if (!submission.ok) return renderTaak(request, reply, taak, { values: submission.values, errors: submission.errors }, 400);
        let outcome;
        try {
          // Each file of a shown file field becomes a document of the taak's zaak, once the taak is
          // claimed (a second press stores nothing); the data refers to it.
          const storeAll = () =>
            storeFiles(parsed.form, submission.data, async (field, file) => {
              const url = await service.storeFile(
                callerOf(request),
                taak,
                { titel: field.label.slice(0, 200), bestandsnaam: file.name, formaat: file.formaat, inhoud: file.content },
                field.informatieobjecttype,
              );
              if (!url) throw new SourceUnavailableError('zaken', 'invalid', 'no zaaksysteem took the file of a form (is the zaak open?)');
              return url;
            });
          outcome = await service.complete(callerOf(request), taak.uuid, { how: 'formulier', data: submission.data }, storeAll);
        } catch (error) {
          // Shown again with the answers, and that sending did not work: nothing typed is lost.
          if (!isSourceFailure(error)) throw error;
          request.log.warn({ source: error.source, detail: error.message }, 'form answers not sent');
          return renderTaak(request, reply, taak, { values: initialValues(parsed.form, submission.data), failed: true }, 502);
        }
        if (outcome === 'not-found') throw new HttpError(404, 'taken.notFound');
        if (outcome === 'completed') request.log.info({ taak: taak.uuid }, 'taak finished with a form');
        return reply.redirect(`${taakHref(taak)}?verstuurd=1#bevestiging`, 303);
      },
    );

    // Back from the payment page: the outcome is believed only with a valid SHA-OUT signature.
    app.get<Params & { Querystring: Record<string, string | string[] | undefined> }>(
      '/taken/:uuid/betaling',
      { config: { auth: true } },
      async (request, reply) => {
        const taak = await taakOf(request);
        if (taak.soort !== 'ogonebetaling' || !payments?.has(taak.pspid)) throw new HttpError(404, 'taken.notFound');
        // Signed by Ogone, and for this taak's order, amount and currency (another payment is signed just as well).
        const result = payments.verifyReturn(taak.pspid, request.query, { orderId: taak.betaalkenmerk, amountEuros: taak.bedrag });
        if (!result.valid || result.orderId !== taak.betaalkenmerk) {
          request.log.warn(
            { taak: taak.uuid, mismatch: result.valid ? 'order' : result.mismatch },
            "payment return with an invalid signature, or not this taak's payment",
          );
          return reply.redirect(`${taakHref(taak)}?betaling=invalid#bevestiging`, 303);
        }
        if (result.outcome === 'betaald') {
          try {
            const outcome = await service.complete(callerOf(request), taak.uuid, { how: 'betaling' });
            if (outcome === 'completed') request.log.info({ taak: taak.uuid, status: result.status }, 'taak paid');
          } catch (error) {
            if (!isSourceFailure(error)) throw error;
            // The money is paid; only the taak's status is behind. The person is told it is paid.
            request.log.error({ taak: taak.uuid, source: error.source }, 'taak paid, but its status could not be set to afgerond');
          }
        }
        return reply.redirect(`${taakHref(taak)}?betaling=${result.outcome}#bevestiging`, 303);
      },
    );
  };
}
