/**
 * /vraag: the question form (GET, with `?zaak=<systeem>/<uuid>` to preselect one of the person's
 * zaken) and sending it (POST, then a redirect to the ontvangstbevestiging at
 * /vraag/ontvangen/<klantcontact>). Works without JavaScript. The zaak is checked against the
 * person's own zaken on the server: another zaak is refused with a form error. When the
 * Klantinteracties API (or, with a zaak chosen, the zaaksysteem) cannot answer, the error page
 * keeps what was typed, to send again with one button: nothing was received, so there is no
 * confirmation. Once Open Klant registered the question, its ontvangstbevestiging is put in Mijn
 * berichten (with the question as a PDF) and the person is told through the channels they chose,
 * once per question (sources/voordeur/vraag-bevestigingen.ts). A request that stopped between
 * Open Klant registering the question and Voordeur writing it down (a crash) leaves its form
 * claimed; past the lease the form sent again finds the klantcontact in Open Klant by the moment
 * of the claim and shows its confirmation, or sends it once (sources/voordeur/vraag-verzendingen.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type Availability, SourceUnavailableError } from '../../domain/availability.ts';
import { type ContactRegister, fitsKlantcontact } from '../../domain/persoon.ts';
import type { Subject } from '../../domain/identity.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { ZaakChoice } from '../../platform/http/feature.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { randomToken } from '../../platform/random.ts';
import type { FieldError } from '../../platform/ui/components.tsx';
import type { VraagBevestiging, VraagBevestigingen } from '../../sources/voordeur/vraag-bevestigingen.ts';
import { isVerzendToken, type VraagVerzendingen } from '../../sources/voordeur/vraag-verzendingen.ts';
import { ReceiptPage, receiptHref, type VraagValues, VraagPage, vraagKenmerk, vraagLimits, vraagPath, zaakValue } from './views.tsx';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The kanaal of a question asked here, as the klantcontact records it. */
const kanaal = 'website';

/** The form as it was sent, and what is wrong with it (the zaak is checked against the person's zaken separately). */
function vraagForm(body: Record<string, unknown>, t: FastifyRequest['t']): { values: VraagValues; errors: FieldError[] } {
  const values: VraagValues = {
    zaak: text(body.zaak).slice(0, 300),
    onderwerp: text(body.onderwerp),
    vraag: text(body.vraag).replace(/\r\n/g, '\n'),
  };
  const errors: FieldError[] = [];
  if (!values.onderwerp) errors.push({ field: 'onderwerp', message: t('vraag.error.onderwerp') });
  else if (!fitsKlantcontact(values.onderwerp, vraagLimits.onderwerp) || values.onderwerp.includes('\n'))
    errors.push({ field: 'onderwerp', message: t('vraag.error.onderwerp.lang', { max: vraagLimits.onderwerp, n: values.onderwerp.length }) });
  if (!values.vraag) errors.push({ field: 'vraag', message: t('vraag.error.vraag') });
  else if (!fitsKlantcontact(values.vraag, vraagLimits.vraag))
    errors.push({ field: 'vraag', message: t('vraag.error.vraag.lang', { max: vraagLimits.vraag, n: values.vraag.length }) });
  return { values, errors };
}

export interface VragenRoutesDeps {
  /** Where the question is registered, and read back for the ontvangstbevestiging. */
  contacts: Pick<ContactRegister, 'registerKlantcontact' | 'klantcontact' | 'klantcontactOp'>;
  /** The person's own zaken, to ask about one (the zaken feature's, through the Feature contract). */
  zaakChoices: (request: FastifyRequest) => Promise<Availability<ZaakChoice[]>>;
  processingLog: ProcessingLog;
  organisationName: string;
  /** Each form is sent once (its one-time token): a second press leads to the first one's confirmation. */
  verzendingen: Pick<VraagVerzendingen, 'claim' | 'retake' | 'done' | 'release'>;
  /** The ontvangstbevestiging in Mijn berichten (put with the form's claim, once per question), and whether one is there. */
  bevestigingen: Pick<VraagBevestigingen, 'put' | 'get'>;
  /** After a confirmation is written down: what Mijn berichten kept about the person is old. */
  berichtenChanged?: (subject: Subject) => void;
}

/** The ontvangstbevestiging of a question, in the words of the moment it was sent. */
function bevestigingOf(
  t: FastifyRequest['t'],
  lang: FastifyRequest['lang'],
  organisation: string,
  question: { kenmerk: string; ontvangen: Date; values: VraagValues; zaak?: ZaakChoice },
): VraagBevestiging {
  const ontvangen = formatDateTime(lang, question.ontvangen);
  const { kenmerk, values, zaak } = question;
  return {
    titel: t('vraag.bericht.pdf', { organisation }),
    bevestiging: {
      onderwerp: t('vraag.bericht.onderwerp', { onderwerp: values.onderwerp }),
      tekst: t('vraag.bericht.tekst', { ontvangen, kenmerk, organisation }),
      facts: [
        { label: t('vraag.kenmerk'), value: kenmerk },
        { label: t('vraag.ontvangen.op'), value: ontvangen },
      ],
      author: organisation,
      bestandsnaam: `${t('vraag.bericht.bestand')} ${kenmerk}.pdf`,
    },
    sections: [
      {
        title: t('vraag.vraag'),
        items: [
          ...(zaak ? [{ label: t('vraag.ontvangen.zaak'), value: `${zaak.title} (${zaak.identificatie})` }] : []),
          { label: t('vraag.onderwerp'), value: values.onderwerp },
          { label: t('vraag.vraag'), value: values.vraag },
        ],
      },
    ],
  };
}

export function vragenRoutes(deps: VragenRoutesDeps): FastifyPluginAsync {
  const { contacts } = deps;
  return async (app) => {
    /** The form; `token` is the form's one-time token (a new one unless the form is shown again with what was sent). */
    async function renderForm(
      request: FastifyRequest,
      reply: FastifyReply,
      values: VraagValues,
      errors: FieldError[] = [],
      status = 200,
      token = randomToken(),
    ) {
      const t = request.t;
      const mayAsk = request.mayAct('vragen');
      const zaken = mayAsk ? await deps.zaakChoices(request) : { unavailable: false as const, value: [] };
      // A zaak named in the address that is not one of theirs is simply not chosen.
      const chosen = zaken.unavailable || zaken.value.some((zaak) => zaakValue(zaak.ref) === values.zaak) ? values.zaak : '';
      return reply.page(
        <VraagPage
          t={t}
          lang={request.lang}
          organisation={deps.organisationName}
          values={{ ...values, zaak: chosen }}
          errors={errors}
          zaken={zaken}
          mayAsk={mayAsk}
          csrfToken={request.session!.csrfToken}
          token={token}
        />,
        { title: errors.length > 0 ? `${t('form.errors.title')}: ${t('vraag.title')}` : t('vraag.title'), status },
      );
    }

    app.get<{ Querystring: { zaak?: string } }>(vraagPath, { config: { auth: true } }, async (request, reply) =>
      renderForm(request, reply, { zaak: text(request.query.zaak).slice(0, 300), onderwerp: '', vraag: '' }),
    );

    app.post<{ Body: Record<string, unknown> }>(
      vraagPath,
      { config: { auth: true, handeling: 'vragen', unavailable: 'vraag.error.unavailable' } },
      async (request, reply) => {
        const t = request.t;
        const { values, errors } = vraagForm(request.body ?? {}, t);
        const token = text(request.body?.verzending);
        // A form without its one-time token (not one this page made): shown again to send once more.
        if (!isVerzendToken(token)) errors.unshift({ field: 'onderwerp', message: t('vraag.error.verzending') });
        let zaak: { systeem: string; uuid: string } | undefined;
        let chosen: ZaakChoice | undefined;
        if (values.zaak) {
          const zaken = await deps.zaakChoices(request);
          // Not known now whether the zaak is theirs: nothing is sent, and the error page keeps what was typed.
          if (zaken.unavailable) throw new SourceUnavailableError(zaken.sources[0] ?? 'zaken', 'status', 'the zaken to check the chosen one against');
          chosen = zaken.value.find((choice) => zaakValue(choice.ref) === values.zaak);
          zaak = chosen?.ref;
          if (!zaak && zaken.missing?.length) throw new SourceUnavailableError(zaken.missing[0]!, 'status', 'the zaken to check the chosen one against');
          if (!zaak) errors.unshift({ field: 'zaak', message: t('vraag.error.zaak') });
        }
        if (errors.length > 0) return renderForm(request, reply, values, errors, 400, isVerzendToken(token) ? token : undefined);
        const caller = callerOf(request);
        const { subject, subjectName } = caller.identity;
        // Sent before with this form (a double click, or again after "back"): the same confirmation, nothing registered twice.
        let claim = await deps.verzendingen.claim(subject, token);
        if (claim.status === 'stale') {
          // Claimed long ago and never written down: the request that sent it stopped (a crash, a restart). Did Open Klant register it?
          const found = await contacts.klantcontactOp(subject, claim.at);
          if (found) {
            const ontvangen = claim.at;
            const kenmerk = vraagKenmerk(found.uuid);
            // What Open Klant registered, with the zaak of the form when it is the one the klantcontact names.
            const registered: VraagValues = { zaak: values.zaak, onderwerp: found.onderwerp, vraag: found.inhoud ?? values.vraag };
            const about = chosen && found.zaak?.uuid === chosen.ref.uuid ? chosen : undefined;
            const bevestiging = bevestigingOf(t, request.lang, deps.organisationName, { kenmerk, ontvangen, values: registered, zaak: about });
            const recorded = await deps.verzendingen.done(subject, token, found.uuid, (trx) =>
              deps.bevestigingen.put(trx, subject, found.uuid, kenmerk, ontvangen, bevestiging),
            );
            request.log.info({ klantcontact: found.uuid }, 'vraag left behind by a stopped request: found in klantinteracties, written down');
            if (recorded) deps.berichtenChanged?.(subject);
            if (recorded)
              await deps.processingLog.record(
                caller.identity,
                [{ action: 'toevoegen', category: 'contactmomenten', source: 'klantinteracties', purpose: 'wijziging-op-verzoek' }],
                caller.requestId,
              );
            return reply.redirect(`${receiptHref(found.uuid)}#bevestiging`, 303);
          }
          request.log.info('vraag left behind by a stopped request: not in klantinteracties, sent again');
          claim = await deps.verzendingen.retake(subject, token, claim.at);
        }
        if (claim.status === 'done') {
          request.log.info({ klantcontact: claim.klantcontact }, 'vraag sent again: the first one’s confirmation');
          return reply.redirect(`${receiptHref(claim.klantcontact)}#bevestiging`, 303);
        }
        if (claim.status !== 'new') throw new HttpError(409, 'vraag.error.bezig');
        // The moment of the claim is the klantcontact's plaatsgevondenOp: how it is found again after a crash.
        const ontvangen = claim.at;
        let uuid: string;
        try {
          ({ uuid } = await contacts.registerKlantcontact(subject, {
            kanaal,
            onderwerp: values.onderwerp,
            inhoud: values.vraag,
            plaatsgevondenOp: ontvangen,
            ...(zaak ? { zaak } : {}),
            ...(subject.type === 'bedrijf' && subjectName ? { naam: subjectName } : {}),
          }));
        } catch (error) {
          // Not registered: the same form can be sent again.
          await deps.verzendingen.release(subject, token);
          throw error;
        }
        // Written down with its ontvangstbevestiging in Mijn berichten (which tells the person), in one transaction.
        const kenmerk = vraagKenmerk(uuid);
        const bevestiging = bevestigingOf(t, request.lang, deps.organisationName, { kenmerk, ontvangen, values, zaak: chosen });
        await deps.verzendingen.done(subject, token, uuid, (trx) => deps.bevestigingen.put(trx, subject, uuid, kenmerk, ontvangen, bevestiging));
        deps.berichtenChanged?.(subject);
        request.log.info({ klantcontact: uuid, aboutZaak: Boolean(zaak) }, 'vraag registered');
        await deps.processingLog.record(
          caller.identity,
          [{ action: 'toevoegen', category: 'contactmomenten', source: 'klantinteracties', purpose: 'wijziging-op-verzoek' }],
          caller.requestId,
        );
        return reply.redirect(`${receiptHref(uuid)}#bevestiging`, 303);
      },
    );

    // The ontvangstbevestiging, read back from the Klantinteracties API: only the person's own klantcontact.
    app.get<{ Params: { uuid: string } }>(`${vraagPath}/ontvangen/:uuid`, { config: { auth: true } }, async (request, reply) => {
      const caller = callerOf(request);
      const contact = await contacts.klantcontact(caller.identity.subject, request.params.uuid);
      if (!contact) throw new HttpError(404, 'error.notFound.text', 'error.notFound.title');
      // Its confirmation in Mijn berichten (not there for a question asked before Voordeur put them).
      const bericht = await deps.bevestigingen.get(caller.identity.subject, contact.uuid);
      await deps.processingLog.record(caller.identity, [{ action: 'lezen', category: 'contactmomenten', source: 'klantinteracties' }], caller.requestId);
      return reply.page(
        <ReceiptPage
          t={request.t}
          lang={request.lang}
          organisation={deps.organisationName}
          contact={contact}
          berichtHref={bericht ? `/berichten/${bericht.bericht.uuid}` : undefined}
        />,
        {
          title: request.t('vraag.ontvangen.title'),
        },
      );
    });
  };
}
