/**
 * Aanvragen's pages: the catalogue (/aanvragen, by theme, searchable with a GET form, with the
 * person's concepts and sent aanvragen), one producttype (/aanvragen/<id>, where applying starts),
 * the form page by page (/aanvragen/formulier/<concept>/<page>, one POST per page, a file field as
 * multipart), the summary (/aanvragen/formulier/<concept>/controleren), sending, and the
 * confirmation (/aanvragen/ontvangen/<id>). A producttype that is not offered to this login, and a
 * concept or aanvraag of someone else, are a 404, as one that does not exist. Works without
 * JavaScript.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isProducttypeOf, type ProductPrefill, searchProducttypen } from '../../domain/aanvraag.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Database } from '../../platform/db/schema.ts';
import { type FileModel, type FormModel, hasFiles, isInput, parseFormOnce } from '../../platform/formio/definition.ts';
import { inspectUpload, type UploadRules } from '../../platform/formio/files.ts';
import { formMessages } from '../../platform/formio/messages.ts';
import { errorSummaryItems, FormFields } from '../../platform/formio/render.tsx';
import { maxFilesPerForm, readSentForm } from '../../platform/formio/sent.ts';
import { type FormError, type FormValues, initialValues, type UploadedFile, validateSubmission } from '../../platform/formio/validate.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatBytes, formatDate, formatDateTime } from '../../platform/i18n/format.ts';
import { Alert, Button, Dutch, ErrorSummary, Form, Heading, Link, Message, Paragraph } from '../../platform/ui/components.tsx';
import type { AanvraagStore, Answers, Concept } from '../../sources/voordeur/aanvragen.ts';
import type { Change } from '../../sources/voordeur/notification-messages.ts';
import { displayValue, filesOf, formUpTo, keptAsUploaded, type Page, pageValues, pagesOf, valuesUpTo, withoutContents } from './form.ts';
import type { AanvragenService, Offered } from './service.ts';
import {
  AnswersList,
  CataloguePage,
  ConceptList,
  conceptHref,
  doorlooptijdText,
  ProducttypePage,
  ReceivedList,
  receiptHref,
  StepIndicator,
  type SummaryItem,
} from './views.tsx';

export interface AanvragenRoutesDeps {
  service: AanvragenService;
  store: AanvraagStore;
  /** Which files and how large (UPLOAD_*). */
  uploads: UploadRules;
  /** How long a concept is kept after it was last saved (AANVRAGEN_CONCEPT_BEWAARDAGEN). */
  conceptDays: number;
  /** Adds the job that delivers a sent aanvraag, in the transaction that stores it. */
  deliver: (id: string, trx: Kysely<Database>) => Promise<void>;
  /** How to reach the organisation, for when something cannot be done here. */
  /** The author of the PDF of the answers. */
  organisationName: string;
  /** Records changes for the notification pipeline: the person is told of their confirmation. */
  tell?: (changes: Change[]) => Promise<void>;
  /** After an aanvraag is received: what Mijn berichten kept about the person is old (the confirmation is a new bericht). */
  berichtenChanged?: (subject: Subject) => void;
  /** The page of a zaak in Mijn zaken by its URL, when Voordeur shows that zaaksysteem's zaken. */
  zaakHref?: (zaakUrl: string) => string | undefined;
  /** One of the logged-in person's own products (Mijn producten, through the Feature contract), to renew; null when not theirs. */
  ownProduct?: (request: FastifyRequest, id: string) => Promise<ProductPrefill | null>;
}

type ConceptParams = { Params: { concept: string; page: string } };

const DAY = 24 * 60 * 60 * 1000;

export function aanvragenRoutes(deps: AanvragenRoutesDeps): FastifyPluginAsync {
  const { service, store } = deps;
  const deleteOn = (updatedAt: Date) => new Date(updatedAt.getTime() + deps.conceptDays * DAY);

  /** The producttype of a concept, as long as it is offered to this login; else a 404. */
  async function producttypeOf(request: FastifyRequest, id: string): Promise<Offered> {
    const found = await service.producttype(callerOf(request), id);
    if (found.unavailable) throw new HttpError(503, 'error.unavailable');
    if (!found.value) throw new HttpError(404, 'aanvragen.notFound');
    return found.value;
  }

  /**
   * The product being renewed (`verlengen` in the address or the form): one of the person's own,
   * of this producttype; a 404 otherwise, the same as one that does not exist.
   */
  async function renewed(request: FastifyRequest, producttype: Offered, id: unknown): Promise<ProductPrefill | undefined> {
    if (id === undefined || id === '') return undefined;
    const found = typeof id === 'string' && id.length <= 100 && deps.ownProduct ? await deps.ownProduct(request, id) : null;
    if (!found || !isProducttypeOf(producttype, found)) throw new HttpError(404, 'aanvragen.verlengen.notFound');
    return found;
  }

  /** The form of a producttype, when Voordeur can show it; null (with a log line) when it cannot. */
  async function formOf(request: FastifyRequest, producttype: Offered): Promise<FormModel | null> {
    const definition = await service.formDefinition(producttype);
    const parsed = parseFormOnce(definition);
    if (!parsed.supported) {
      request.log.warn({ producttype: producttype.id, reasons: parsed.reasons }, 'form of a producttype cannot be shown');
      return null;
    }
    return parsed.form;
  }

  /** Whoever logged in's concept; a 404 when it is not theirs, was sent or does not exist. */
  async function conceptOf(request: FastifyRequest<ConceptParams>): Promise<{ concept: Concept; producttype: Offered; form: FormModel; pages: Page[] }> {
    const concept = await store.concept(request.session!.identity, request.params.concept);
    if (!concept) throw new HttpError(404, 'aanvragen.concept.notFound');
    const producttype = await producttypeOf(request, concept.producttype);
    const form = await formOf(request, producttype);
    if (!form) throw new HttpError(503, 'aanvragen.formulier.kanNiet');
    return { concept, producttype, form, pages: pagesOf(form) };
  }

  /** The page number in the address; a 404 for one the form does not have. */
  function pageNumberOf(request: FastifyRequest<ConceptParams>, pages: Page[]): number {
    const number = Number(request.params.page);
    if (!Number.isInteger(number) || number < 1 || number > pages.length) throw new HttpError(404, 'aanvragen.concept.notFound');
    return number;
  }

  const pageTitles = (request: FastifyRequest, pages: Page[]) =>
    pages.map((page, index) => page.title ?? (pages.length === 1 ? request.t('aanvragen.stap.formulier') : request.t('aanvragen.stap.n', { n: index + 1 })));

  /** The titles of the steps on a page: the form's own (Dutch) marked as such. */
  const shownTitles = (request: FastifyRequest, pages: Page[]) =>
    pageTitles(request, pages).map((title, index) => (pages[index]!.title ? <Dutch>{title}</Dutch> : title));

  /** A page of the form, with what was typed and what was wrong. */
  async function renderPage(
    request: FastifyRequest<ConceptParams>,
    reply: FastifyReply,
    found: { concept: Concept; producttype: Offered; form: FormModel; pages: Page[] },
    number: number,
    shown: { values?: FormValues; errors?: FormError[] } = {},
    status = 200,
  ) {
    const t = request.t;
    const { concept, producttype, pages } = found;
    const page = pages[number - 1]!;
    const pageForm: FormModel = { fields: page.fields };
    const errors = shown.errors ?? [];
    const values = shown.values ?? { ...initialValues(pageForm, concept.answers.prefill), ...(concept.answers.values[String(number)] ?? {}) };
    const messages = formMessages(request.lang);
    const kept = await store.fileList(concept.id);
    const keptHere = page.fields.filter((field): field is FileModel => isInput(field) && field.kind === 'file').flatMap((field) => filesOf(kept, field.key));
    const prefilledHere = page.keys.filter((key) => concept.answers.prefilled.includes(key));
    return reply.page(
      <>
        <Paragraph>
          <Link href="/aanvragen">{t('aanvragen.back')}</Link>
        </Paragraph>
        <Heading level={1}>
          <Dutch>{producttype.titel}</Dutch>
        </Heading>
        <StepIndicator t={t} titles={shownTitles(request, pages)} current={number} />
        <ErrorSummary errors={errorSummaryItems(pageForm, errors, messages)} title={t('form.errors.title')} />
        {prefilledHere.length > 0 && <Alert type="info">{t('aanvragen.prefill')}</Alert>}
        <Form action={conceptHref(concept.id, number)} csrfToken={request.session!.csrfToken} multipart={hasFiles(pageForm)}>
          <FormFields
            form={pageForm}
            values={values}
            errors={errors}
            lang={request.lang}
            messages={messages}
            uploads={deps.uploads}
            prefill={concept.answers.prefill}
          />
          {keptHere.length > 0 && (
            <div class="voordeur-kept-files">
              <Paragraph>{t('aanvragen.bestanden.bewaard')}</Paragraph>
              <ul class="utrecht-unordered-list">
                {keptHere.map((file) => (
                  <li class="utrecht-unordered-list__item">
                    {file.name} ({formatBytes(request.lang, t, file.size)})
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div class="utrecht-button-group">
            <Button name="actie" value="volgende">
              {number < pages.length ? t('aanvragen.volgende') : t('aanvragen.naarControleren')}
            </Button>
            {number > 1 && (
              <Button appearance="secondary-action" name="actie" value="vorige">
                {t('aanvragen.vorige')}
              </Button>
            )}
            <Button appearance="secondary-action" name="actie" value="opslaan">
              {t('aanvragen.opslaan')}
            </Button>
          </div>
        </Form>
      </>,
      {
        title: `${errors.length > 0 ? `${t('form.errors.title')}: ` : ''}${producttype.titel} — ${t('aanvragen.stap.vanTitel', { n: number, count: pages.length + 1 })}`,
        status,
      },
    );
  }

  /** Each uploaded file of the page's file fields, checked (type by content, size). */
  async function inspectUploads(page: Page, uploads: Map<string, { filename: string; content: Buffer; truncated: boolean }[]>, lang: 'nl' | 'en') {
    const files: Record<string, UploadedFile[]> = {};
    for (const field of page.fields.filter((f): f is FileModel => isInput(f) && f.kind === 'file' && !f.disabled)) {
      const sent = uploads.get(field.key);
      if (sent) files[field.key] = await Promise.all(sent.map((upload) => inspectUpload(field, deps.uploads, upload, lang)));
    }
    return files;
  }

  /**
   * The whole form checked with what was typed on every page and the files kept: the data to send,
   * or the first page with an error.
   */
  async function checkAll(
    concept: Concept,
    form: FormModel,
    pages: Page[],
  ): Promise<{ ok: true; data: Record<string, unknown> } | { ok: false; page: number }> {
    const files = keptAsUploaded(await store.files(concept.id));
    const submission = validateSubmission(form, valuesUpTo(concept.answers, pages.length), concept.answers.prefill, files);
    if (submission.ok) return { ok: true, data: withoutContents(form, submission.data) };
    const wrong = submission.errors.map((error) => error.field);
    const page = pages.findIndex((candidate) => candidate.keys.some((key) => wrong.includes(key)));
    return { ok: false, page: page + 1 || 1 };
  }

  function summaryItems(request: FastifyRequest, page: Page, data: Record<string, unknown>): SummaryItem[] {
    return page.fields.filter(isInput).flatMap((field) => {
      if (field.hidden || field.kind === 'hidden') return [];
      const value = field.key
        .split('.')
        .reduce<unknown>((holder, part) => (holder && typeof holder === 'object' ? (holder as Record<string, unknown>)[part] : undefined), data);
      // A field whose condition did not hold is not in the data, and not shown.
      if (value === undefined && field.conditions.length > 0) return [];
      return [{ label: field.label, value: displayValue(field, value, request.t, request.lang) }];
    });
  }

  return async (app) => {
    // Forms with file fields come as multipart/form-data; a file over the limit is cut off and marked truncated.
    await app.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: deps.uploads.maxBytes, files: maxFilesPerForm, fields: 500, fieldSize: 100_000, parts: 600 },
    });

    app.get<{ Querystring: { zoek?: string; bewaard?: string; verwijderd?: string } }>('/aanvragen', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const zoek = (typeof request.query.zoek === 'string' ? request.query.zoek : '').trim().slice(0, 100);
      const identity = request.session!.identity;
      const [offered, concepts, received] = await Promise.all([
        service.offered(callerOf(request)),
        store.concepts(identity),
        store.receivedList(identity.subject),
      ]);
      const stappen = await Promise.all(concepts.map(async (concept) => ({ ...concept, stap: (await store.concept(identity, concept.id))?.stap ?? 1 })));
      const notice = request.query.bewaard ? (
        <Alert type="ok" role="status" id="bewaard">
          {t('aanvragen.concept.opgeslagen', { dagen: deps.conceptDays })}
        </Alert>
      ) : request.query.verwijderd ? (
        <Alert type="ok" role="status" id="verwijderd">
          {t('aanvragen.concept.verwijderd')}
        </Alert>
      ) : null;
      const lists = (
        <>
          {notice}
          <ConceptList
            t={t}
            lang={request.lang}
            concepts={stappen}
            csrfToken={request.session!.csrfToken}
            deleteOn={deleteOn}
            warnFrom={new Date(Date.now() + 7 * DAY)}
          />
          <ReceivedList t={t} lang={request.lang} received={received} />
        </>
      );
      return reply.availablePage(
        offered,
        { title: zoek ? `${t('aanvragen.title')}: ${t('aanvragen.search.result', { zoek })}` : t('aanvragen.title') },
        (all) => (
          <CataloguePage
            t={t}
            lang={request.lang}
            producttypen={searchProducttypen(all, zoek)}
            zoek={zoek}
            mayApply={request.mayAct('aanvragen')}
            concepts={lists}
          />
        ),
      );
    });

    app.get<{ Params: { id: string }; Querystring: { verlengen?: unknown } }>('/aanvragen/:id', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const producttype = await producttypeOf(request, request.params.id);
      const product = await renewed(request, producttype, request.query.verlengen);
      const form = await formOf(request, producttype);
      const start = form ? (
        <>
          {product && (
            <Alert type="info" id="verlengen">
              <Paragraph>
                <Message
                  t={t}
                  id="aanvragen.verlengen.product"
                  params={{ naam: <Dutch>{product.naam}</Dutch>, datum: product.eindDatum ? formatDate(request.lang, product.eindDatum) : '-' }}
                />
              </Paragraph>
              <Paragraph>{t('aanvragen.verlengen.tekst')}</Paragraph>
            </Alert>
          )}
          <Form action={`/aanvragen/${producttype.id}`} csrfToken={request.session!.csrfToken}>
            {product && <input type="hidden" name="verlengen" value={product.id} />}
            <Button>{product ? t('aanvragen.verlengen.start') : t('aanvragen.start')}</Button>
          </Form>
        </>
      ) : (
        <Alert type="warning">
          {t('aanvragen.formulier.kanNiet')} <Link href="/contact">{t('help.contact.ask')}</Link>
        </Alert>
      );
      return reply.page(<ProducttypePage t={t} lang={request.lang} producttype={producttype} mayApply={request.mayAct('aanvragen')} start={start} />, {
        title: producttype.titel,
      });
    });

    // Applying starts: a concept with the prefilled values, bound to whoever logged in.
    // Renewing a product (`verlengen`): its values are starting values too, with those of the registers.
    app.post<{ Params: { id: string }; Body: { verlengen?: unknown } }>(
      '/aanvragen/:id',
      { config: { auth: true, handeling: 'aanvragen' } },
      async (request, reply) => {
        const producttype = await producttypeOf(request, request.params.id);
        const product = await renewed(request, producttype, request.body?.verlengen);
        const form = await formOf(request, producttype);
        if (!form) throw new HttpError(503, 'aanvragen.formulier.kanNiet');
        const prefill = await service.prefill(callerOf(request), producttype, product);
        const keys = form.fields.filter(isInput).map((field) => field.key);
        const answers: Answers = { prefill, data: {}, values: {}, prefilled: Object.keys(prefill).filter((key) => keys.includes(key)) };
        const id = await store.createConcept(request.session!.identity, producttype, answers);
        request.log.info({ producttype: producttype.id, concept: id, renews: product?.id }, 'aanvraag started');
        return reply.redirect(conceptHref(id, 1), 303);
      },
    );

    app.get<ConceptParams>('/aanvragen/formulier/:concept/:page', { config: { auth: true } }, async (request, reply) => {
      const found = await conceptOf(request);
      if (request.params.page === 'controleren') return renderSummary(request, reply, found);
      const number = pageNumberOf(request, found.pages);
      // Sent back from the summary: the errors of this page at once.
      if ((request.query as { controle?: string }).controle) {
        const files = keptAsUploaded(await store.files(found.concept.id));
        const checked = validateSubmission(formUpTo(found.pages, number), valuesUpTo(found.concept.answers, number), found.concept.answers.prefill, files);
        const errors = checked.ok ? [] : checked.errors.filter((error) => found.pages[number - 1]!.keys.includes(error.field));
        return renderPage(request, reply, found, number, { errors }, errors.length > 0 ? 400 : 200);
      }
      return renderPage(request, reply, found, number);
    });

    // One page sent: kept as typed; with "Volgende" checked with the pages before it first.
    app.post<ConceptParams>(
      '/aanvragen/formulier/:concept/:page',
      { config: { auth: true, handeling: 'aanvragen', csrf: 'in-handler' } },
      async (request, reply) => {
        const sent = await readSentForm(request);
        const identity = request.session!.identity;
        if (request.params.page === 'verwijderen') {
          if (!(await store.deleteConcept(identity, request.params.concept))) throw new HttpError(404, 'aanvragen.concept.notFound');
          return reply.redirect('/aanvragen?verwijderd=1#verwijderd', 303);
        }
        if (request.params.page === 'versturen') return send(request, reply);
        const found = await conceptOf(request);
        const { concept, pages } = found;
        const number = pageNumberOf(request, pages);
        const page = pages[number - 1]!;
        const typed = pageValues(page, sent.body);
        const uploaded = await inspectUploads(page, sent.uploads, request.lang);
        const actie = sent.body.actie;
        const answers: Answers = { ...concept.answers, values: { ...concept.answers.values, [String(number)]: typed } };
        // Files that passed their checks are kept, in place of those kept before for that field.
        const keep = async () => {
          for (const [key, files] of Object.entries(uploaded)) {
            if (files.some((file) => file.problem)) continue;
            await store.replaceFiles(
              concept.id,
              key,
              files.map((file) => ({ name: file.name, formaat: file.formaat!, content: file.content })),
            );
          }
        };
        if (actie === 'opslaan' || actie === 'vorige') {
          await keep();
          await store.saveConcept(identity, concept.id, number, answers);
          return reply.redirect(actie === 'opslaan' ? '/aanvragen?bewaard=1#bewaard' : conceptHref(concept.id, number - 1), 303);
        }
        const kept = keptAsUploaded(await store.files(concept.id));
        const checked = validateSubmission(formUpTo(pages, number), valuesUpTo(answers, number, typed), concept.answers.prefill, { ...kept, ...uploaded });
        if (!checked.ok) {
          const here = checked.errors.filter((error) => page.keys.includes(error.field));
          // An earlier page is not right (it was skipped): back there, with its errors.
          if (here.length === 0) {
            await store.saveConcept(identity, concept.id, concept.stap, answers);
            const wrong = pages.findIndex((candidate) => candidate.keys.some((key) => checked.errors.some((error) => error.field === key)));
            return reply.redirect(`${conceptHref(concept.id, wrong + 1)}?controle=1#error-summary`, 303);
          }
          return renderPage(request, reply, found, number, { values: typed, errors: here }, 400);
        }
        await keep();
        const next = number < pages.length ? number + 1 : number;
        await store.saveConcept(identity, concept.id, Math.max(concept.stap, next), {
          ...answers,
          data: withoutContents(formUpTo(pages, number), checked.data),
        });
        return reply.redirect(number < pages.length ? conceptHref(concept.id, number + 1) : conceptHref(concept.id, 'controleren'), 303);
      },
    );

    /** The answers to check before sending, each page with a link to change it. */
    async function renderSummary(request: FastifyRequest<ConceptParams>, reply: FastifyReply, found: Awaited<ReturnType<typeof conceptOf>>) {
      const t = request.t;
      const { concept, producttype, form, pages } = found;
      const all = await checkAll(concept, form, pages);
      if (!all.ok) return reply.redirect(`${conceptHref(concept.id, all.page)}?controle=1#error-summary`, 303);
      return reply.page(
        <>
          <Paragraph>
            <Link href="/aanvragen">{t('aanvragen.back')}</Link>
          </Paragraph>
          <Heading level={1}>
            <Dutch>{producttype.titel}</Dutch>
          </Heading>
          <StepIndicator t={t} titles={shownTitles(request, pages)} current={pages.length + 1} />
          <Heading level={2}>{t('aanvragen.controleren.title')}</Heading>
          <Paragraph>{t('aanvragen.controleren.text')}</Paragraph>
          {pages.map((page, index) => (
            <section aria-labelledby={`pagina-${index + 1}`}>
              <Heading level={3} id={`pagina-${index + 1}`}>
                {shownTitles(request, pages)[index]}
              </Heading>
              <AnswersList items={summaryItems(request, page, all.data)} />
              <Paragraph>
                <Link href={conceptHref(concept.id, index + 1)}>
                  <Message t={t} id="aanvragen.wijzigen" params={{ titel: shownTitles(request, pages)[index] }} />
                </Link>
              </Paragraph>
            </section>
          ))}
          <Form action={conceptHref(concept.id, 'versturen')} csrfToken={request.session!.csrfToken}>
            <Paragraph>{t('aanvragen.versturen.text', { doorlooptijd: doorlooptijdText(t, producttype.doorlooptijdIso).toLowerCase() })}</Paragraph>
            <Button>{t('aanvragen.versturen')}</Button>
          </Form>
        </>,
        { title: `${producttype.titel} — ${t('aanvragen.controleren.title')}` },
      );
    }

    /** Sending: stored first (with its delivery job, in one transaction), then the confirmation at once. A second press stores nothing. */
    async function send(request: FastifyRequest<ConceptParams>, reply: FastifyReply) {
      const identity = request.session!.identity;
      const id = request.params.concept;
      const concept = await store.concept(identity, id);
      if (!concept) {
        // Sent before (a second press, a replayed request): the same confirmation.
        if (await store.received(identity.subject, id)) return reply.redirect(`${receiptHref(id)}#bevestiging`, 303);
        throw new HttpError(404, 'aanvragen.concept.notFound');
      }
      const found = await conceptOf(request);
      const all = await checkAll(concept, found.form, found.pages);
      if (!all.ok) return reply.redirect(`${conceptHref(concept.id, all.page)}?controle=1#error-summary`, 303);
      // What the person sees now, kept for the confirmation in Mijn berichten and its PDF.
      const t = request.t;
      const titles = pageTitles(request, found.pages);
      const summary = found.pages.map((page, index) => ({ title: titles[index]!, items: summaryItems(request, page, all.data) }));
      const ontvangen = formatDateTime(request.lang, new Date());
      const doorlooptijd = doorlooptijdText(t, found.producttype.doorlooptijdIso);
      // The kenmerk is given when it is stored (one no other aanvraag has); the confirmation names it.
      const bevestiging = (kenmerk: string) => ({
        onderwerp: t('aanvragen.bericht.onderwerp', { titel: found.producttype.titel }),
        tekst: t('aanvragen.bericht.tekst', { titel: found.producttype.titel, ontvangen, kenmerk, doorlooptijd: doorlooptijd.toLowerCase() }),
        facts: [
          { label: t('aanvragen.kenmerk'), value: kenmerk },
          { label: t('aanvragen.ontvangen.op'), value: ontvangen },
          { label: t('aanvragen.doorlooptijd'), value: doorlooptijd },
        ],
        author: deps.organisationName,
        bestandsnaam: `${t('aanvragen.bericht.bestand')} ${kenmerk}.pdf`,
      });
      const { outcome } = await store.submit(
        identity,
        id,
        found.producttype.route,
        (kenmerk) => ({ ...concept.answers, data: all.data, summary, bevestiging: bevestiging(kenmerk) }),
        (trx) => deps.deliver(id, trx),
      );
      if (outcome === 'not-found') throw new HttpError(404, 'aanvragen.concept.notFound');
      if (outcome === 'sent') {
        request.log.info({ producttype: found.producttype.id, aanvraag: id }, 'aanvraag received');
        deps.berichtenChanged?.(identity.subject);
        // Told through the person's channels: a new bericht (the confirmation) in Mijn berichten.
        try {
          await deps.tell?.([{ subject: identity.subject, topic: 'bericht', key: `aanvraag:${id}` }]);
        } catch (error) {
          request.log.warn({ err: error, aanvraag: id }, 'the confirmation of an aanvraag was not told');
        }
      }
      return reply.redirect(`${receiptHref(id)}#bevestiging`, 303);
    }

    // The ontvangstbevestiging: kenmerk, date and time of receipt, what happens next, how long it takes.
    app.get<{ Params: { id: string } }>('/aanvragen/ontvangen/:id', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const received = await store.received(request.session!.identity.subject, request.params.id);
      if (!received) throw new HttpError(404, 'aanvragen.ontvangen.notFound');
      const offered = await service.producttype(callerOf(request), received.producttype);
      const producttype = offered.unavailable ? undefined : (offered.value ?? undefined);
      const form = producttype && (await formOf(request, producttype));
      const pages = form ? pagesOf(form) : [];
      // Delivered as a zaak (route zaken): its page in Mijn zaken.
      const zaakHref = received.zaakUrl ? deps.zaakHref?.(received.zaakUrl) : undefined;
      return reply.page(
        <>
          <Heading level={1}>
            <Message t={t} id="aanvragen.ontvangen.title" params={{ titel: <Dutch>{received.titel}</Dutch> }} />
          </Heading>
          <Alert type="ok" role="status" id="bevestiging">
            {t('aanvragen.ontvangen.text')}
          </Alert>
          <AnswersList
            items={[
              { label: t('aanvragen.kenmerk'), value: received.kenmerk },
              { label: t('aanvragen.ontvangen.op'), value: formatDateTime(request.lang, received.ontvangenAt) },
              { label: t('aanvragen.doorlooptijd'), value: doorlooptijdText(t, producttype?.doorlooptijdIso) },
            ]}
          />
          <Heading level={2}>{t('aanvragen.ontvangen.verder')}</Heading>
          <Paragraph>{t('aanvragen.ontvangen.verderText')}</Paragraph>
          <Paragraph>
            {t('aanvragen.ontvangen.bericht')} <Link href={`/berichten/${received.id}`}>{t('aanvragen.ontvangen.berichtLink')}</Link>
          </Paragraph>
          {zaakHref && (
            <Paragraph>
              {t('aanvragen.ontvangen.zaak')} <Link href={zaakHref}>{t('aanvragen.ontvangen.zaakLink')}</Link>
            </Paragraph>
          )}
          {form && (
            <section aria-labelledby="antwoorden-title">
              <Heading level={2} id="antwoorden-title">
                {t('aanvragen.ontvangen.antwoorden')}
              </Heading>
              {pages.map((page) => (
                <AnswersList items={summaryItems(request, page, received.answers.data)} />
              ))}
            </section>
          )}
          <Paragraph>
            <Link href="/aanvragen">{t('aanvragen.back')}</Link>
          </Paragraph>
        </>,
        { title: t('aanvragen.ontvangen.title', { titel: received.titel }) },
      );
    });
  };
}
