/**
 * Mijn gegevens: /gegevens (persoons- or bedrijfsgegevens, contactgegevens, meldingen,
 * contactmomenten), the forms to add, change, confirm and remove an e-mail address or mobile
 * number, a contactmoment's page, and /gegevens/verwerkingen (who used my data). Each source is
 * optional: the page shows what there is.
 */
import type { Doel } from '../../domain/medewerker.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Db } from '../../platform/db/database.ts';
import { isSourceFailure } from '../../domain/availability.ts';
import type { DossierAction, Feature } from '../../platform/http/feature.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { CompanyRegister, ContactRegister, PersonRegister } from '../../domain/persoon.ts';
import type { NotifyClient } from '../../sources/notify/notify.ts';
import { ContactConfirmations, type ConfirmationRules } from '../../sources/voordeur/contact-confirmations.ts';
import { Deliveries } from '../../sources/voordeur/deliveries.ts';
import { PreferencesStore } from '../../sources/voordeur/preferences.ts';
import type { PersonalAnswers } from '../../sources/answers.ts';
import { h } from 'preact';
import { GegevensDossier } from './dossier.tsx';
import { contactKinds } from './views.tsx';
import { gegevensRoutes } from './routes.tsx';
import { GegevensService, type CodeSender } from './service.ts';

/**
 * In the medewerkersportaal: an address that bounced, or that the person says is no longer theirs,
 * is marked as to be confirmed again; notifications wait until the person has confirmed it.
 */
function reverifyAction(service: GegevensService): DossierAction {
  return {
    kind: 'contactgegevens',
    done: 'medewerkers.reverify.done',
    async run(view, form) {
      const kind = contactKinds.find((k) => k === form.soort);
      if (!kind) return { ok: false, message: 'medewerkers.reverify.unknown', status: 400 };
      if (!service.hasContacts) return { ok: false, message: 'medewerkers.reverify.unavailable', status: 503 };
      try {
        const marked = await service.markUnverified(view.caller, kind);
        return marked ? { ok: true } : { ok: false, message: 'medewerkers.reverify.none', status: 409 };
      } catch (error) {
        if (!isSourceFailure(error)) throw error;
        view.caller.log.warn({ source: error.source, detail: error.message }, 'address not marked for confirmation');
        return { ok: false, message: 'medewerkers.reverify.unavailable', status: 503 };
      }
    },
  };
}

export interface GegevensDeps {
  brp?: PersonRegister;
  kvk?: CompanyRegister;
  klantinteracties?: ContactRegister;
  /** Sends the codes that confirm an address, with these templates. */
  notify?: { client: NotifyClient; templates: { emailCode: string; smsCode: string } };
  db: Db;
  identityKeys: IdentityKeys;
  processingLog: ProcessingLog;
  /** Where a person's preferences and the delivery state of their addresses are kept between pages (answers.ts); absent: read each time. */
  answers?: PersonalAnswers;
  /** How long a code is valid, and how often one may be asked for. */
  contactCodes: ConfirmationRules;
  /** The purposes staff state in the medewerkersportaal (MEDEWERKERS_DOELEN), for the processing log page. */
  staffPurposes?: readonly Doel[];
  /** The organisation's name, for the processing log page ("uw zaken bij Gemeente Voorbeeldstad"). */
  organisationName?: string;
}

export function createGegevens(deps: GegevensDeps): Feature {
  const { notify } = deps;
  const sender: CodeSender | undefined = notify && {
    async send(kind, address, code, minutes) {
      const personalisation = { code, minuten: String(minutes) };
      if (kind === 'email') await notify.client.sendEmail(notify.templates.emailCode, address, personalisation);
      else await notify.client.sendSms(notify.templates.smsCode, address, personalisation);
    },
  };
  const service = new GegevensService(
    // Contact details can be changed only when the codes that confirm them can be sent.
    { brp: deps.brp, kvk: deps.kvk, contacts: sender && deps.klantinteracties },
    {
      preferences: new PreferencesStore(deps.db, deps.identityKeys, deps.answers),
      confirmations: new ContactConfirmations(deps.db, deps.identityKeys, deps.contactCodes),
      deliveries: new Deliveries(deps.db, deps.identityKeys, deps.answers),
      processingLog: deps.processingLog,
    },
    { sender, ttlSeconds: deps.contactCodes.ttlSeconds },
  );
  return {
    id: 'gegevens',
    nav: { id: 'gegevens', href: '/gegevens', label: 'nav.gegevens' },
    async dossierSection(view) {
      const include = {
        register: view.may('persoonsgegevens'),
        contacts: view.may('contactgegevens') || view.may('contactmomenten'),
        preferences: view.may('notificaties'),
      };
      if (!include.register && !include.contacts && !include.preferences) return null;
      return h(GegevensDossier, { view, overview: await service.overview(view.caller, include) });
    },
    dossierActions: { 'opnieuw-bevestigen': reverifyAction(service) },
    plugin: gegevensRoutes({
      service,
      processingLog: deps.processingLog,
      staffPurposes: deps.staffPurposes ?? [],
      organisationName: deps.organisationName ?? 'de gemeente',
    }),
  };
}
