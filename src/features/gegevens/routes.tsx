/**
 * Mijn gegevens: /gegevens (persoons- or bedrijfsgegevens, contactgegevens, meldingen,
 * contactmomenten), the forms to add, change, confirm and remove an e-mail address or mobile
 * number, a contactmoment's page, and /gegevens/verwerkingen (who used my data).
 *
 * URLs name the kind of address (email, telefoonnummer), never an id of the source: which
 * address is meant is always looked up from the session's identity, so nobody can change or
 * remove another partij's address by editing a URL or a form.
 */
import type { Doel } from '../../domain/medewerker.ts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isSourceFailure } from '../../domain/availability.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { pageNumber } from '../../platform/http/paging.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { Alert, Button, Form, Heading, Link, Paragraph, type FieldError } from '../../platform/ui/components.tsx';
import { channels, topics, type Channel, type Preferences } from '../../domain/preferences.ts';
import { shownContact, type ContactKind } from '../../domain/persoon.ts';
import { channelOf } from '../../domain/preferences.ts';
import { parsePeriod } from './period.ts';
import { verifiedChannelsOf, type ContactInputError, type GegevensService } from './service.ts';
import {
  BedrijfBlock,
  ConfirmForm,
  ContactBlock,
  ContactForm,
  ContactmomentenBlock,
  ContactmomentPage,
  PersoonBlock,
  PreferencesBlock,
  ProcessingLogPage,
  RemoveConfirmation,
  contactKinds,
} from './views.tsx';

const processingPageSize = 25;

/** What /gegevens?opgeslagen=… confirms after a change. */
const savedMessages: Record<string, MessageKey> = {
  email: 'gegevens.saved.email',
  telefoonnummer: 'gegevens.saved.telefoonnummer',
  verwijderd: 'gegevens.removed',
  voorkeuren: 'gegevens.preferences.saved',
};

const contactErrorMessage: Record<ContactInputError, MessageKey> = {
  emailMissing: 'contact.error.emailMissing',
  emailInvalid: 'contact.error.emailInvalid',
  phoneMissing: 'contact.error.phoneMissing',
  phoneInvalid: 'contact.error.phoneInvalid',
  same: 'contact.error.same',
  tooManySends: 'contact.error.tooManySends',
  sendFailed: 'contact.error.sendFailed',
};

function contactKind(value: string): ContactKind {
  if (!(contactKinds as readonly string[]).includes(value)) throw new HttpError(404, 'error.notFound.text');
  return value as ContactKind;
}

/** The six checkboxes of the preferences form: a channel.topic field with value "aan" is on. */
function preferencesFrom(body: Record<string, unknown>): Preferences {
  const on = (channel: Channel, topic: (typeof topics)[number]) => body[`${channel}.${topic}`] === 'aan';
  return Object.fromEntries(channels.map((channel) => [channel, Object.fromEntries(topics.map((topic) => [topic, on(channel, topic)]))])) as Preferences;
}

/**
 * A change the Klantinteracties API cannot take (or an address it cannot read before a change)
 * ends on a page that says nothing was changed (the error handler shows it).
 */
const change = { auth: true, unavailable: 'contact.saveFailed', handeling: 'contactgegevens' } as const;

export function gegevensRoutes(deps: {
  service: GegevensService;
  processingLog: ProcessingLog;
  /** The purposes staff state in the medewerkersportaal, to tell the person why a staff member looked. */
  staffPurposes: readonly Doel[];
  /** Whose zaken they are, in the processing log ("uw zaken bij Gemeente Voorbeeldstad"). */
  organisationName: string;
}): FastifyPluginAsync {
  const { service, processingLog } = deps;
  return async (app) => {
    /** The overview page; after a refused preferences form, with what was chosen and why it was refused. */
    async function renderOverview(
      request: FastifyRequest,
      reply: FastifyReply,
      form?: { preferences: Preferences; errors: FieldError[]; failed?: boolean },
      status = 200,
    ) {
      const t = request.t;
      const overview = await service.overview(callerOf(request));
      const verified =
        overview.adressen && !overview.adressen.unavailable
          ? verifiedChannelsOf(overview.adressen.value)
          : service.hasContacts
            ? undefined
            : { email: false, sms: false };
      const saved = savedMessages[(request.query as { opgeslagen?: string }).opgeslagen ?? ''];
      return reply.page(
        <>
          <Heading level={1}>{t('gegevens.title')}</Heading>
          <Paragraph lead>{t('gegevens.intro')}</Paragraph>
          {saved && !form && (
            <Alert type="ok" role="status">
              {t(saved)}
            </Alert>
          )}
          {overview.persoon && <PersoonBlock t={t} lang={request.lang} persoon={overview.persoon} />}
          {overview.bedrijf && <BedrijfBlock t={t} bedrijf={overview.bedrijf} />}
          <ContactBlock t={t} adressen={overview.adressen} undeliverable={overview.undeliverable} mayChange={request.mayAct('contactgegevens')} />
          {form?.failed && (
            <Alert type="error" role="alert">
              {t('contact.saveFailed')}
            </Alert>
          )}
          <PreferencesBlock
            t={t}
            csrfToken={request.session!.csrfToken}
            // The resident's own overview always has them.
            preferences={form?.preferences ?? overview.preferences!}
            verified={verified}
            errors={form?.errors ?? []}
            mayChange={request.mayAct('meldingen')}
          />
          <ContactmomentenBlock t={t} lang={request.lang} contactmomenten={overview.contactmomenten} />
          <section class="voordeur-block" aria-labelledby="verwerkingen-link-title">
            <Heading level={2} id="verwerkingen-link-title">
              {t('verwerkingen.title')}
            </Heading>
            <Paragraph>{t('verwerkingen.intro')}</Paragraph>
            <Paragraph>
              <Link href="/gegevens/verwerkingen">{t('verwerkingen.link')}</Link>
            </Paragraph>
          </section>
          {/* eHerkenning names the company, not the employee: "overal" would end only this session. */}
          {request.session!.identity.method === 'digid' && (
            <section class="voordeur-block" aria-labelledby="overal-uitloggen-title">
              <Heading level={2} id="overal-uitloggen-title">
                {t('logoutEverywhere.title')}
              </Heading>
              <Paragraph>{t(request.session!.identity.actor ? 'logoutEverywhere.textActor' : 'logoutEverywhere.text')}</Paragraph>
              <Form action="/uitloggen" csrfToken={request.session!.csrfToken}>
                <input type="hidden" name="overal" value="ja" />
                <Button appearance="secondary-action">{t('logoutEverywhere.button')}</Button>
              </Form>
            </section>
          )}
        </>,
        { title: form?.errors.length ? `${t('form.errors.title')}: ${t('gegevens.title')}` : t('gegevens.title'), status },
      );
    }

    app.get('/gegevens', { config: { auth: true } }, async (request, reply) => renderOverview(request, reply));

    app.post<{ Body: Record<string, unknown> }>('/gegevens/voorkeuren', { config: { auth: true, handeling: 'meldingen' } }, async (request, reply) => {
      const t = request.t;
      const preferences = preferencesFrom(request.body ?? {});
      let outcome;
      try {
        outcome = await service.savePreferences(callerOf(request), preferences, request.lang);
      } catch (error) {
        // Shown again with what was chosen, and that saving did not work.
        if (!isSourceFailure(error)) throw error;
        request.log.warn({ source: error.source, detail: error.message }, 'preferences not saved: contact details unknown');
        return renderOverview(request, reply, { preferences, errors: [], failed: true }, 503);
      }
      if (!outcome.saved) {
        const errors = outcome.withoutAddress.map((channel) => ({
          field: `voorkeur-${channel}-zaak`,
          message: t(`voorkeuren.error.noAddress.${channel}` as MessageKey),
        }));
        return renderOverview(request, reply, { preferences, errors }, 400);
      }
      return reply.redirect('/gegevens?opgeslagen=voorkeuren#voorkeuren-title', 303);
    });

    app.get<{ Querystring: { pagina?: string; periode?: string; van?: string; tot?: string } }>(
      '/gegevens/verwerkingen',
      { config: { auth: true } },
      async (request, reply) => {
        const t = request.t;
        const parsed = parsePeriod(request.query);
        const errors: FieldError[] = parsed.ok
          ? []
          : parsed.errors.map(({ field, error }) => ({ field, message: t(`verwerkingen.filter.error.${error}` as MessageKey) }));
        const wanted = pageNumber(request.query.pagina);
        // A period that is no period shows the form with what is wrong, and no lines.
        const { entries, total } = parsed.ok
          ? await processingLog.list(callerOf(request).identity, { offset: (wanted - 1) * processingPageSize, limit: processingPageSize }, parsed.period)
          : { entries: [], total: 0 };
        const pages = Math.max(1, Math.ceil(total / processingPageSize));
        return reply.page(
          <ProcessingLogPage
            t={t}
            lang={request.lang}
            organisation={deps.organisationName}
            entries={entries}
            staffPurposes={deps.staffPurposes}
            filter={{ form: parsed.form, errors }}
            page={Math.min(wanted, pages)}
            pages={pages}
          />,
          { title: errors.length ? `${t('form.errors.title')}: ${t('verwerkingen.title')}` : t('verwerkingen.title'), status: errors.length ? 400 : 200 },
        );
      },
    );

    // The rest needs a Klantinteracties API (and Notify for the codes).
    if (!service.hasContacts) return;

    const renderContactForm = (request: FastifyRequest, reply: FastifyReply, kind: ContactKind, value: string, errors: FieldError[], status = 200) => {
      const t = request.t;
      return reply.page(
        <>
          <Heading level={1}>{t(`contact.form.${kind}.title` as MessageKey)}</Heading>
          <ContactForm t={t} kind={kind} csrfToken={request.session!.csrfToken} value={value} errors={errors} />
        </>,
        {
          title: errors.length ? `${t('form.errors.title')}: ${t(`contact.form.${kind}.title` as MessageKey)}` : t(`contact.form.${kind}.title` as MessageKey),
          status,
        },
      );
    };

    app.get<{ Params: { kind: string } }>('/gegevens/contact/:kind', { config: change }, async (request, reply) => {
      const kind = contactKind(request.params.kind);
      const current = await service.adres(callerOf(request), kind);
      return renderContactForm(request, reply, kind, current ? shownContact(kind, current.adres) : '', []);
    });

    app.post<{ Params: { kind: string }; Body: { adres?: unknown } }>('/gegevens/contact/:kind', { config: change }, async (request, reply) => {
      const t = request.t;
      const kind = contactKind(request.params.kind);
      const input = typeof request.body?.adres === 'string' ? request.body.adres.slice(0, 320) : '';
      const outcome = await service.startContactChange(callerOf(request), kind, input);
      if (!outcome.started) {
        const status = outcome.error === 'tooManySends' ? 429 : outcome.error === 'sendFailed' ? 502 : 400;
        return renderContactForm(request, reply, kind, input, [{ field: 'adres', message: t(contactErrorMessage[outcome.error]) }], status);
      }
      return reply.redirect(`/gegevens/contact/bevestigen/${outcome.id}`, 303);
    });

    /** The page where the code is typed; with an error or a problem after a try. */
    async function renderConfirm(
      request: FastifyRequest<{ Params: { id: string } }>,
      reply: FastifyReply,
      result: { errors?: FieldError[]; problem?: string; status?: number } = {},
    ) {
      const t = request.t;
      const pending = await service.pending(callerOf(request), request.params.id);
      if (!pending) throw new HttpError(404, 'error.notFound.text');
      const problem =
        result.problem ?? (pending.expired ? t('contact.confirm.error.expired') : pending.attemptsLeft === 0 ? t('contact.confirm.error.noTries') : undefined);
      const errors = result.errors ?? [];
      return reply.page(
        <ConfirmForm
          t={t}
          id={pending.id}
          kind={pending.kind}
          adres={pending.address}
          minutes={service.codeMinutes}
          csrfToken={request.session!.csrfToken}
          errors={errors}
          problem={problem}
        />,
        { title: errors.length ? `${t('form.errors.title')}: ${t('contact.confirm.title')}` : t('contact.confirm.title'), status: result.status ?? 200 },
      );
    }

    app.get<{ Params: { id: string } }>('/gegevens/contact/bevestigen/:id', { config: { auth: true } }, async (request, reply) =>
      renderConfirm(request, reply),
    );

    app.post<{ Params: { id: string }; Body: { code?: unknown } }>('/gegevens/contact/bevestigen/:id', { config: change }, async (request, reply) => {
      const t = request.t;
      const code = typeof request.body?.code === 'string' ? request.body.code.replace(/\s/g, '') : '';
      if (!code) return renderConfirm(request, reply, { errors: [{ field: 'code', message: t('contact.confirm.error.missing') }], status: 400 });
      if (!/^\d{6}$/.test(code)) return renderConfirm(request, reply, { errors: [{ field: 'code', message: t('contact.confirm.error.format') }], status: 400 });
      const outcome = await service.confirm(callerOf(request), request.params.id, code);
      if (!outcome) throw new HttpError(404, 'error.notFound.text');
      switch (outcome.outcome) {
        case 'confirmed':
          request.log.info({ kind: outcome.kind }, 'contact detail confirmed and saved');
          return reply.redirect(`/gegevens?opgeslagen=${outcome.kind}#contact-title`, 303);
        case 'wrong-code': {
          const message = outcome.attemptsLeft === 1 ? t('contact.confirm.error.wrongLast') : t('contact.confirm.error.wrong', { n: outcome.attemptsLeft });
          return renderConfirm(request, reply, { errors: [{ field: 'code', message }], status: 400 });
        }
        case 'no-attempts-left':
          return renderConfirm(request, reply, { problem: t('contact.confirm.error.noTries'), status: 400 });
        case 'expired':
          return renderConfirm(request, reply, { problem: t('contact.confirm.error.expired'), status: 400 });
      }
    });

    app.post<{ Params: { id: string } }>(
      '/gegevens/contact/bevestigen/:id/opnieuw',
      { config: { auth: true, handeling: 'contactgegevens' } },
      async (request, reply) => {
        const outcome = await service.resend(callerOf(request), request.params.id);
        if (!outcome) throw new HttpError(404, 'error.notFound.text');
        if (!outcome.started)
          return renderConfirm(request, reply, {
            problem: request.t(contactErrorMessage[outcome.error]),
            status: outcome.error === 'tooManySends' ? 429 : 502,
          });
        return reply.redirect(`/gegevens/contact/bevestigen/${outcome.id}`, 303);
      },
    );

    app.get<{ Params: { kind: string } }>('/gegevens/contact/:kind/verwijderen', { config: change }, async (request, reply) => {
      const t = request.t;
      const kind = contactKind(request.params.kind);
      const current = await service.adres(callerOf(request), kind);
      if (!current) throw new HttpError(404, 'error.notFound.text');
      return reply.page(<RemoveConfirmation t={t} kind={kind} adres={shownContact(kind, current.adres)} csrfToken={request.session!.csrfToken} />, {
        title: t('contact.remove.title'),
      });
    });

    app.post<{ Params: { kind: string } }>('/gegevens/contact/:kind/verwijderen', { config: change }, async (request, reply) => {
      const kind = contactKind(request.params.kind);
      const removed = await service.remove(callerOf(request), kind);
      if (!removed) throw new HttpError(404, 'error.notFound.text');
      request.log.info({ kind, channel: channelOf[kind] }, 'contact detail removed');
      return reply.redirect('/gegevens?opgeslagen=verwijderd#contact-title', 303);
    });

    app.get<{ Params: { uuid: string } }>('/gegevens/contactmomenten/:uuid', { config: { auth: true } }, async (request, reply) => {
      const t = request.t;
      const contact = await service.klantcontact(callerOf(request), request.params.uuid);
      if (!contact) throw new HttpError(404, 'error.notFound.text');
      return reply.page(<ContactmomentPage t={t} lang={request.lang} contact={contact} />, { title: contact.onderwerp || t('contactmomenten.geenOnderwerp') });
    });
  };
}
