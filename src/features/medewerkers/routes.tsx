/**
 * The medewerkersportaal's routes, all under /medewerkers, with their own session: the resident's
 * session is never read here (platform/http/session.ts skips these paths) and a staff session is
 * never read elsewhere (its cookie is only looked at here). Every POST carries the staff session's
 * CSRF token.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Identity, Subject } from '../../domain/identity.ts';
import { isValidBsn, isValidKvkNummer, isValidVestigingsnummer } from '../../domain/bsn.ts';
import { isSourceFailure } from '../../domain/availability.ts';
import type { Doel } from '../../domain/medewerker.ts';
import { zaakDossierPath } from '../../domain/zaak.ts';
import { type ContactRegister, fitsKlantcontact, klantcontactLimits } from '../../domain/persoon.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { LoginAttempts } from '../../platform/auth/login-attempts.ts';
import { type OidcClient, UnusableClaimsError } from '../../platform/auth/oidc.ts';
import { registerPortalLogin } from '../../platform/auth/portal-login.tsx';
import { HttpError } from '../../platform/http/errors.ts';
import type { DossierAction, DossierDetail, DossierView } from '../../platform/http/feature.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { JSX } from 'preact';
import type { MessageKey, Translate } from '../../platform/i18n/index.ts';
import { Dutch, Heading, Link, Paragraph } from '../../platform/ui/components.tsx';
import type { FieldError } from '../../platform/ui/components.tsx';
import type { Access, StaffAccess } from './access.ts';
import type { StaffAudit } from './audit.ts';
import type { StaffPolicy } from './policy.ts';
import type { StaffMember, StaffSession, StaffSessions } from './sessions.ts';
import { ContactForm, type ContactValues, DossierPage, kanalen, type SearchValues, SearchPage } from './views.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff member's session, on the medewerkersportaal's routes; null elsewhere. */
    staff: StaffSession | null;
  }
}

export interface MedewerkersRouteDeps {
  oidc: OidcClient<'medewerker'>;
  /** Which claims of the staff ID token say who logged in (MEDEWERKERS_CLAIM_*). */
  claims: { id: string; naam: string; afdeling: string; rollen: string };
  attempts: LoginAttempts;
  sessions: StaffSessions;
  access: StaffAccess;
  audit: StaffAudit;
  policy: StaffPolicy;
  keys: IdentityKeys;
  doelen: Doel[];
  toegangMinuten: number;
  secureCookies: boolean;
  /** Where a conversation is registered as a klantcontact (the Klantinteracties API), when configured. */
  contacts?: ContactRegister;
  processingLog: ProcessingLog;
  /** The departments a terugbelverzoek can go to (actoren in the Klantinteracties API); none: not offered. */
  terugbelAfdelingen: { actor: string; naam: string }[];
  /** The parts of a dossier the features show (features/medewerkers/index.ts asks the platform). */
  dossierSections: (view: DossierView) => Promise<JSX.Element[]>;
  /** What staff can do for the person from a feature's part of the dossier. */
  dossierAction: (feature: string, name: string) => DossierAction | undefined;
  /** A page of a feature within a dossier (e.g. one zaak). */
  dossierPage: (feature: string, view: DossierView, path: string) => Promise<DossierDetail | null>;
}

const empty: SearchValues = { nummer: '', vestiging: '', doel: '', kenmerk: '' };
const digits = (value: unknown) => (typeof value === 'string' ? value.replace(/[\s.]/g, '') : '');
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Maps the staff ID token's claims to a staff member; without an id or a name it is refused. */
export function staffMemberFrom(claims: Record<string, unknown>, names: MedewerkersRouteDeps['claims']): StaffMember {
  const id = text(claims[names.id]);
  const naam = text(claims[names.naam]);
  if (!id || !naam) throw new UnusableClaimsError(`claim ${!id ? names.id : names.naam} is missing`);
  const rollenClaim = claims[names.rollen];
  // Keycloak and Entra ID give an array; some brokers a space- or comma-separated string.
  const rollen = Array.isArray(rollenClaim)
    ? rollenClaim.filter((rol): rol is string => typeof rol === 'string')
    : text(rollenClaim)
        .split(/[\s,]+/)
        .filter(Boolean);
  return { id, naam, afdeling: text(claims[names.afdeling]), rollen };
}

/** The number typed as a subject: a BSN (9 digits, elfproef) or a KvK number (8) with an optional vestiging (12). */
function subjectFrom(values: SearchValues): { subject?: Subject; errors: { field: string; key: MessageKey }[] } {
  const nummer = digits(values.nummer);
  const vestiging = digits(values.vestiging);
  if (nummer === '') return { errors: [{ field: 'nummer', key: 'medewerkers.error.nummer.missing' }] };
  if (nummer.length === 9) {
    if (!isValidBsn(nummer)) return { errors: [{ field: 'nummer', key: 'medewerkers.error.bsn.invalid' }] };
    if (vestiging) return { errors: [{ field: 'vestiging', key: 'medewerkers.error.vestiging.bsn' }] };
    return { subject: { type: 'persoon', bsn: nummer }, errors: [] };
  }
  if (nummer.length === 8 && isValidKvkNummer(nummer)) {
    if (vestiging && !isValidVestigingsnummer(vestiging)) return { errors: [{ field: 'vestiging', key: 'medewerkers.error.vestiging.invalid' }] };
    return { subject: { type: 'bedrijf', kvkNummer: nummer, ...(vestiging ? { vestigingsnummer: vestiging } : {}) }, errors: [] };
  }
  return { errors: [{ field: 'nummer', key: 'medewerkers.error.nummer.invalid' }] };
}

const emptyContact: ContactValues = { kanaal: '', onderwerp: '', inhoud: '', zaak: '', terugbellen: false, afdeling: '', toelichting: '' };

/** "Gesprek vastleggen" as it was sent, and what is wrong with it (a terugbelverzoek needs a department and what it must know). */
function contactForm(body: Record<string, unknown>, t: Translate, afdelingen: readonly { actor: string }[]): { values: ContactValues; errors: FieldError[] } {
  const values: ContactValues = {
    kanaal: text(body.kanaal),
    onderwerp: text(body.onderwerp),
    inhoud: text(body.inhoud).replace(/\r\n/g, '\n'),
    zaak: text(body.zaak).slice(0, 200),
    terugbellen: afdelingen.length > 0 && body.terugbellen === 'ja',
    afdeling: text(body.afdeling),
    toelichting: text(body.toelichting).replace(/\r\n/g, '\n'),
  };
  const errors: FieldError[] = [];
  if (!(kanalen as readonly string[]).includes(values.kanaal)) errors.push({ field: 'kanaal', message: t('medewerkers.contact.error.kanaal') });
  if (!values.onderwerp) errors.push({ field: 'onderwerp', message: t('medewerkers.contact.error.onderwerp') });
  else if (!fitsKlantcontact(values.onderwerp, klantcontactLimits.onderwerp) || values.onderwerp.includes('\n'))
    errors.push({ field: 'onderwerp', message: t('medewerkers.contact.error.onderwerp.lang', { max: klantcontactLimits.onderwerp }) });
  if (!values.inhoud) errors.push({ field: 'inhoud', message: t('medewerkers.contact.error.inhoud') });
  else if (!fitsKlantcontact(values.inhoud, klantcontactLimits.inhoud))
    errors.push({ field: 'inhoud', message: t('medewerkers.contact.error.inhoud.lang', { max: klantcontactLimits.inhoud }) });
  if (values.terugbellen) {
    if (!afdelingen.some((a) => a.actor === values.afdeling)) errors.push({ field: 'afdeling', message: t('medewerkers.terugbellen.error.afdeling') });
    if (!values.toelichting) errors.push({ field: 'toelichting', message: t('medewerkers.terugbellen.error.toelichting') });
    else if (!fitsKlantcontact(values.toelichting, klantcontactLimits.toelichting))
      errors.push({ field: 'toelichting', message: t('medewerkers.terugbellen.error.toelichting.lang', { max: klantcontactLimits.toelichting }) });
  }
  return { values, errors };
}

export function medewerkersRoutes(deps: MedewerkersRouteDeps): FastifyPluginAsync {
  const { oidc, attempts, sessions, access, audit, policy, doelen } = deps;

  return async (app) => {
    app.decorateRequest('staff', null);
    const { loginPage } = registerPortalLogin(app, {
      portal: 'medewerkers',
      method: 'medewerker',
      oidc,
      attempts,
      sessions,
      cookie: 'voordeur_medewerker',
      secureCookies: deps.secureCookies,
      session: {
        get: (request) => request.staff,
        set: (request, session) => {
          request.staff = session;
        },
      },
      userFrom: (claims) => staffMemberFrom(claims, deps.claims),
      displayName: (medewerker) => (medewerker.afdeling ? `${medewerker.naam} (${medewerker.afdeling})` : medewerker.naam),
      loggedIn: async (request, medewerker) => {
        await audit.record(medewerker, { handeling: 'inloggen', requestId: request.id });
        request.log.info({ roles: medewerker.rollen.length }, 'staff member logged in');
      },
      loggedOut: (request, medewerker) => audit.record(medewerker, { handeling: 'uitloggen', requestId: request.id }),
    });

    const searchPage = (request: FastifyRequest, reply: FastifyReply, values: SearchValues, errors: FieldError[], status = 200) => {
      const staff = request.staff!;
      const reden = (request.query as { reden?: string } | undefined)?.reden;
      const notice = reden === 'toegang-verlopen' || reden === 'geen-toegang' ? reden : undefined;
      const title = request.t('medewerkers.search.title');
      return reply.page(
        <SearchPage
          t={request.t}
          lang={request.lang}
          name={staff.user.naam}
          csrfToken={staff.csrfToken}
          doelen={doelen}
          minutes={deps.toegangMinuten}
          values={values}
          errors={errors}
          notice={notice}
          mayLookUp={policy.mayLookUp(staff.user)}
        />,
        { title: errors.length ? `${request.t('form.errors.title')}: ${title}` : title, status },
      );
    };

    app.get<{ Querystring: { reden?: string } }>('/medewerkers', async (request, reply) => {
      if (request.staff) return searchPage(request, reply, empty, []);
      return loginPage(request, reply, request.query.reden);
    });

    app.post<{ Body: Record<string, unknown> }>('/medewerkers/zoeken', async (request, reply) => {
      const staff = request.staff!;
      const t = request.t;
      const values: SearchValues = {
        nummer: text(request.body?.nummer).slice(0, 40),
        vestiging: text(request.body?.vestiging).slice(0, 40),
        doel: text(request.body?.doel),
        kenmerk: text(request.body?.kenmerk).slice(0, 100),
      };
      if (!policy.mayLookUp(staff.user)) {
        await audit.record(staff.user, { handeling: 'geweigerd', requestId: request.id, detail: 'geen rol die gegevens mag zien' });
        throw new HttpError(403, 'medewerkers.noRole', 'medewerkers.noRole.title');
      }
      // Nothing is looked up before the form is right: the answer never says whether someone exists.
      const found = subjectFrom(values);
      const errors: FieldError[] = found.errors.map((e) => ({ field: e.field, message: t(e.key) }));
      const doel = doelen.find((d) => d.id === values.doel);
      if (!doel) errors.push({ field: 'doel', message: t('medewerkers.error.doel') });
      else if (doel.kenmerkVerplicht && !values.kenmerk)
        errors.push({ field: 'kenmerk', message: t('medewerkers.error.kenmerk.missing', { doel: doel.label[request.lang] }) });
      if (values.kenmerk && !/^[\p{L}\p{N} ._/-]{1,40}$/u.test(values.kenmerk))
        errors.push({ field: 'kenmerk', message: t('medewerkers.error.kenmerk.invalid') });
      if (errors.length > 0 || !found.subject || !doel) return searchPage(request, reply, values, errors, 400);
      const granted = await access.grant(staff.id, found.subject, doel.id, values.kenmerk || undefined);
      await audit.record(staff.user, {
        handeling: 'toegang',
        subjectKey: granted.subjectKey,
        doel: doel.id,
        kenmerk: granted.kenmerk,
        traceId: granted.traceId,
        requestId: request.id,
      });
      return reply.redirect(`/medewerkers/dossier/${granted.id}`, 303);
    });

    /** The active access of this URL for this staff session, or the redirect back to the search. */
    async function accessOf(request: FastifyRequest, reply: FastifyReply, id: string): Promise<Access | undefined> {
      const staff = request.staff;
      if (!staff) {
        await reply.redirect('/medewerkers', 303);
        return undefined;
      }
      const found = await access.find(staff.id, id);
      if (found.status === 'active') return found.access;
      await reply.redirect(`/medewerkers?reden=${found.status === 'expired' ? 'toegang-verlopen' : 'geen-toegang'}`, 303);
      return undefined;
    }

    /** The person's identity as the features read it for this staff member: their reads are logged as the staff member's. */
    const identityFor = (staff: StaffSession, granted: Access): Identity => ({
      method: granted.subject.type === 'persoon' ? 'digid' : 'eherkenning',
      subject: granted.subject,
      staff: { afdeling: staff.user.afdeling, medewerkerKey: deps.keys.medewerker(staff.user.id), doel: granted.doel, traceId: granted.traceId },
    });

    const mayRegister = (staff: StaffSession) => Boolean(deps.contacts) && policy.may(staff.user, 'contactmomenten');

    /** The person's dossier as this staff member may see it and act on it. */
    const dossierView = (request: FastifyRequest, staff: StaffSession, granted: Access): DossierView => {
      const { user: medewerker } = staff;
      return {
        caller: { identity: identityFor(staff, granted), requestId: request.id, log: request.log },
        t: request.t,
        lang: request.lang,
        may: (kind) => policy.may(medewerker, kind),
        mayZaaktype: (zaaktype) => policy.mayZaaktype(medewerker, zaaktype),
        action: (feature, name) => {
          const action = deps.dossierAction(feature, name);
          if (!action || !policy.may(medewerker, action.kind)) return undefined;
          return { url: `/medewerkers/dossier/${granted.id}/actie/${feature}/${name}`, csrfToken: staff.csrfToken };
        },
        href: (feature, path) => `/medewerkers/dossier/${granted.id}/bekijk/${feature}/${path}`,
        contactAbout: (zaak) =>
          mayRegister(staff)
            ? `/medewerkers/dossier/${granted.id}?zaak=${encodeURIComponent(`${zaak.systeem}/${zaak.uuid}`)}#dossier-contact-registreren-title`
            : undefined,
      };
    };

    /**
     * The title of the person's zaak a conversation is about ('<systeem>/<uuid>'), as this staff
     * member may see it (the zaken feature reads it for them); undefined when it is not theirs to see.
     */
    const zaakTitle = async (request: FastifyRequest, staff: StaffSession, granted: Access, zaak: string): Promise<string | undefined> => {
      const [systeem, uuid, ...rest] = zaak.split('/');
      if (!systeem || !uuid || rest.length > 0) return undefined;
      const found = await deps.dossierPage('zaken', dossierView(request, staff, granted), zaakDossierPath({ systeem, uuid }));
      return found?.title;
    };

    /** What the dossier page says at the top after something was done (named in the URL it was sent back to) or refused. */
    const noticeOf = (request: FastifyRequest): { ok: boolean; text: string } | undefined => {
      const query = request.query as { opgeslagen?: string; gedaan?: string } | undefined;
      if (query?.opgeslagen === 'contact') return { ok: true, text: request.t('medewerkers.contact.saved') };
      if (query?.opgeslagen === 'terugbellen') return { ok: true, text: request.t('medewerkers.contact.saved.terugbellen') };
      const [feature, name] = (query?.gedaan ?? '').split('.');
      const action = feature && name ? deps.dossierAction(feature, name) : undefined;
      return action && { ok: true, text: request.t(action.done) };
    };

    async function dossierPage(
      request: FastifyRequest,
      reply: FastifyReply,
      granted: Access,
      form?: { values: ContactValues; errors: FieldError[]; about?: string },
      status = 200,
      notice = noticeOf(request),
    ) {
      const staff = request.staff!;
      const { user: medewerker } = staff;
      const view = dossierView(request, staff, granted);
      // Started from a zaak's page: the conversation is about that zaak.
      const zaak = text((request.query as { zaak?: string } | undefined)?.zaak).slice(0, 200);
      const contact = form ?? {
        values: { ...emptyContact, zaak },
        errors: [],
        about: zaak && mayRegister(staff) ? await zaakTitle(request, staff, granted, zaak) : undefined,
      };
      const [sections] = await Promise.all([
        deps.dossierSections(view),
        audit.record(medewerker, {
          handeling: 'dossier-bekeken',
          subjectKey: granted.subjectKey,
          doel: granted.doel,
          kenmerk: granted.kenmerk,
          traceId: granted.traceId,
          requestId: request.id,
        }),
      ]);
      const subject = granted.subject;
      const who =
        subject.type === 'persoon'
          ? `BSN ${subject.bsn}`
          : `KvK ${subject.kvkNummer}${subject.vestigingsnummer ? `, ${request.t('identity.vestiging', { vestiging: subject.vestigingsnummer })}` : ''}`;
      const doel = doelen.find((d) => d.id === granted.doel);
      const title = request.t('medewerkers.dossier.title', { who });
      return reply.page(
        <DossierPage
          t={request.t}
          lang={request.lang}
          who={who}
          doel={doel?.label[request.lang] ?? granted.doel}
          kenmerk={granted.kenmerk}
          until={granted.expiresAt}
          notice={notice}
          sections={
            <>
              {mayRegister(staff) && (
                <ContactForm
                  t={request.t}
                  action={`/medewerkers/dossier/${granted.id}/contact`}
                  csrfToken={staff.csrfToken}
                  values={contact.values}
                  errors={contact.errors}
                  about={contact.about}
                  afdelingen={deps.terugbelAfdelingen}
                />
              )}
              {sections.length > 0 ? sections : <Paragraph>{request.t('medewerkers.dossier.nothing')}</Paragraph>}
            </>
          }
        />,
        { title: contact.errors.length ? `${request.t('form.errors.title')}: ${title}` : title, status },
      );
    }

    app.get<{ Params: { id: string }; Querystring: { opgeslagen?: string; gedaan?: string } }>('/medewerkers/dossier/:id', async (request, reply) => {
      const granted = await accessOf(request, reply, request.params.id);
      if (!granted) return reply;
      return dossierPage(request, reply, granted);
    });

    // A page of a feature within the dossier (e.g. one zaak with its timeline): the same access and purpose.
    app.get<{ Params: { id: string; feature: string; '*': string } }>('/medewerkers/dossier/:id/bekijk/:feature/*', async (request, reply) => {
      const granted = await accessOf(request, reply, request.params.id);
      if (!granted) return reply;
      const staff = request.staff!;
      const { feature, '*': path } = request.params;
      const found = await deps.dossierPage(feature, dossierView(request, staff, granted), path);
      if (!found) throw new HttpError(404, 'error.notFound.text', 'error.notFound.title');
      await audit.record(staff.user, {
        handeling: 'dossier-bekeken',
        subjectKey: granted.subjectKey,
        doel: granted.doel,
        kenmerk: granted.kenmerk,
        traceId: granted.traceId,
        requestId: request.id,
        detail: `${feature}/${path}`,
      });
      return reply.page(
        <>
          <Paragraph>
            <Link href={`/medewerkers/dossier/${granted.id}`}>{request.t('medewerkers.dossier.back')}</Link>
          </Paragraph>
          <Heading level={1}>
            <Dutch>{found.title}</Dutch>
          </Heading>
          {found.body}
        </>,
        { title: found.title },
      );
    });

    // The conversation, registered as a klantcontact: the person then sees it among their contactmomenten.
    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/medewerkers/dossier/:id/contact', async (request, reply) => {
      const granted = await accessOf(request, reply, request.params.id);
      if (!granted) return reply;
      const staff = request.staff!;
      const contacts = deps.contacts;
      if (!contacts || !mayRegister(staff)) throw new HttpError(403, 'medewerkers.noRole', 'medewerkers.noRole.title');
      const t = request.t;
      const { values, errors } = contactForm(request.body ?? {}, t, deps.terugbelAfdelingen);
      // Only one of the person's zaken this staff member may see.
      const about = values.zaak ? await zaakTitle(request, staff, granted, values.zaak) : undefined;
      if (values.zaak && !about) throw new HttpError(400, 'medewerkers.contact.error.zaak');
      if (errors.length > 0) return dossierPage(request, reply, granted, { values, errors, about }, 400);
      const identity = identityFor(staff, granted);
      const afdeling = values.terugbellen ? deps.terugbelAfdelingen.find((a) => a.actor === values.afdeling) : undefined;
      try {
        const [systeem, uuid] = values.zaak.split('/');
        await contacts.registerKlantcontact(granted.subject, {
          kanaal: values.kanaal,
          onderwerp: values.onderwerp,
          inhoud: values.inhoud,
          ...(about && systeem && uuid ? { zaak: { systeem, uuid } } : {}),
          ...(afdeling ? { terugbelverzoek: { actor: afdeling.actor, toelichting: values.toelichting } } : {}),
        });
      } catch (error) {
        if (!isSourceFailure(error)) throw error;
        request.log.warn({ source: error.source, detail: error.message }, 'klantcontact not registered');
        // What was typed stays in the form.
        return dossierPage(
          request,
          reply,
          granted,
          { values, about, errors: [{ field: 'onderwerp', message: t('medewerkers.contact.error.unavailable') }] },
          503,
        );
      }
      await Promise.all([
        deps.processingLog.record(identity, [{ action: 'toevoegen', category: 'contactmomenten', source: 'klantinteracties' }], request.id),
        audit.record(staff.user, {
          handeling: 'contact-geregistreerd',
          subjectKey: granted.subjectKey,
          doel: granted.doel,
          kenmerk: granted.kenmerk,
          traceId: granted.traceId,
          requestId: request.id,
          detail: `kanaal ${values.kanaal}${afdeling ? `; terugbelverzoek voor ${afdeling.naam}` : ''}`,
        }),
      ]);
      return reply.redirect(`/medewerkers/dossier/${granted.id}?opgeslagen=${afdeling ? 'terugbellen' : 'contact'}#dossier-contactmomenten-title`, 303);
    });

    // Something a feature's part of the dossier offers (e.g. send a notification that bounced again): its role, then the feature does it.
    app.post<{ Params: { id: string; feature: string; name: string }; Body: Record<string, unknown> }>(
      '/medewerkers/dossier/:id/actie/:feature/:name',
      async (request, reply) => {
        const granted = await accessOf(request, reply, request.params.id);
        if (!granted) return reply;
        const staff = request.staff!;
        const { feature, name } = request.params;
        const action = deps.dossierAction(feature, name);
        if (!action) throw new HttpError(404, 'error.notFound.text', 'error.notFound.title');
        const audited = { subjectKey: granted.subjectKey, doel: granted.doel, kenmerk: granted.kenmerk, traceId: granted.traceId, requestId: request.id };
        if (!policy.may(staff.user, action.kind)) {
          await audit.record(staff.user, { handeling: 'geweigerd', ...audited, detail: `${feature}.${name}: rol mag ${action.kind} niet` });
          throw new HttpError(403, 'medewerkers.noRole', 'medewerkers.noRole.title');
        }
        const form = Object.fromEntries(Object.entries(request.body ?? {}).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])));
        const outcome = await action.run(dossierView(request, staff, granted), form);
        if (!outcome.ok) return dossierPage(request, reply, granted, undefined, outcome.status, { ok: false, text: request.t(outcome.message) });
        await audit.record(staff.user, { handeling: 'actie', ...audited, detail: `${feature}.${name}` });
        return reply.redirect(`/medewerkers/dossier/${granted.id}?gedaan=${feature}.${name}`, 303);
      },
    );
  };
}
