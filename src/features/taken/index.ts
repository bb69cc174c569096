/**
 * Mijn taken: the list (/taken), a taak (/taken/<uuid>) of each soort (a page elsewhere, a form
 * in the portal, a payment), sending a form, coming back from the payment page; the open taken on
 * the overzicht and on their zaak's page. A taak of someone else is the same 404 as one that does
 * not exist; a taak is finished exactly once.
 */
import { h } from 'preact';
import { availableValue } from '../../domain/availability.ts';
import type { FormDocumentStore, TaakStore } from '../../domain/taak.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Db } from '../../platform/db/database.ts';
import { callerOf } from '../../platform/http/caller.ts';
import type { Feature } from '../../platform/http/feature.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { OgonePayments } from '../../sources/ogone/ogone.ts';
import { TaakCompletions } from '../../sources/voordeur/taak-completions.ts';
import type { UploadRules } from '../../platform/formio/files.ts';
import { takenRoutes } from './routes.tsx';
import { TakenDossier } from './dossier.tsx';
import { TakenService } from './service.ts';
import { takenCard } from './overview.ts';
import { ZaakTaken } from './views.tsx';

export interface TakenDeps {
  /** Where taken are kept (TaakV2 objects in the Objecten API). */
  taken?: TaakStore;
  db: Db;
  identityKeys: IdentityKeys;
  processingLog: ProcessingLog;
  payments?: OgonePayments;
  publicUrl: URL;
  pageSize: number;
  /** The zaak page of a zaak UUID, when Voordeur shows that zaak. */
  zaakHref: (uuid: string) => string | undefined;
  /** Where files sent with a form are kept (the zaaksystemen that take uploads); without them a form with a file field cannot be sent here. */
  formDocuments?: readonly FormDocumentStore[];
  /** Which files and how large (UPLOAD_*). */
  uploads?: UploadRules;
}

/** Mijn taken, when the Objecten API and the TaakV2 object type are configured. */
export function createTaken(deps: TakenDeps): Feature | undefined {
  if (!deps.taken) return undefined;
  const service = new TakenService(deps.taken, new TaakCompletions(deps.db, deps.identityKeys), deps.processingLog, deps.formDocuments);
  const now = () => new Date();
  return {
    id: 'taken',
    nav: { id: 'taken', href: '/taken', label: 'nav.taken' },
    async overviewBlock(request) {
      return takenCard(request.t, request.lang, await service.lists(callerOf(request)), now());
    },
    async dossierSection(view) {
      if (!view.may('taken')) return null;
      return h(TakenDossier, { view, lists: await service.lists(view.caller) });
    },
    // A zaak's page lists the open taken that belong to it.
    async zaakSection(request, zaak) {
      const taken = await service.forZaak(callerOf(request), zaak.uuid);
      return h(ZaakTaken, { t: request.t, lang: request.lang, taken: availableValue(taken), now: now() });
    },
    plugin: takenRoutes({
      service,
      payments: deps.payments,
      publicUrl: deps.publicUrl,
      pageSize: deps.pageSize,
      zaakHref: deps.zaakHref,
      uploads: deps.uploads ?? { allowedTypes: [], maxBytes: 0 },
    }),
  };
}
