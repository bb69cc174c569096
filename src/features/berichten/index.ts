/**
 * Mijn berichten: the inbox (/berichten, filter read/unread, search in onderwerp, pages), one
 * bericht (/berichten/<uuid>, marked geopend the first time), its bijlagen (streamed), the unread
 * count in the navigation and on the overzicht. A bericht of someone else, or one whose
 * publicatiedatum has not come, is the same 404 as one that does not exist.
 */
import { h } from 'preact';
import type { BerichtStore } from '../../domain/bericht.ts';
import type { DocumentStore } from '../../domain/zaak.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import { callerOf } from '../../platform/http/caller.ts';
import type { Feature } from '../../platform/http/feature.ts';
import { berichtenRoutes } from './routes.tsx';
import { BerichtenDossier } from './dossier.tsx';
import type { PersonalAnswers } from '../../sources/answers.ts';
import { BerichtenService, type BerichtRelations } from './service.ts';
import { berichtenCard } from './overview.ts';

export interface BerichtenDeps {
  /** Where berichten are kept (Bericht objects in the Objecten API, and those organisations pushed through the organisation API). */
  berichten?: BerichtStore;
  /** Where bijlagen are: the Documenten APIs of the zaaksystemen. */
  documentStores: readonly DocumentStore[];
  processingLog: ProcessingLog;
  pageSize: number;
  /** The sender of the berichten that name none (the organisation's own). */
  organisationName: string;
  /** What a bericht links to: a zaak by its zaaknummer (the referentie), and that zaak's open taak. */
  relations?: BerichtRelations;
  /** Where answers about a person are kept for a moment (the unread count among them). */
  answers?: PersonalAnswers;
}

/** Mijn berichten, when the Objecten API and the Bericht object type, or the organisation API, are configured. */
export function createBerichten(deps: BerichtenDeps): Feature | undefined {
  if (!deps.berichten) return undefined;
  const service = new BerichtenService(deps.berichten, deps.documentStores, deps.processingLog, deps.relations, deps.answers);
  return {
    id: 'berichten',
    nav: { id: 'berichten', href: '/berichten', label: 'nav.berichten', countLabel: 'nav.count.berichten' },
    navCount: (request) => service.unreadCount(callerOf(request)),
    async overviewBlock(request) {
      const caller = callerOf(request);
      const inbox = await service.inbox(caller);
      // Without an answer now, the count of a moment ago (kept for a short while) is still worth showing.
      return berichtenCard(request.t, request.lang, inbox, new Date(), inbox.unavailable ? await service.unreadCount(caller) : undefined);
    },
    async dossierSection(view) {
      if (!view.may('berichten')) return null;
      return h(BerichtenDossier, { view, inbox: await service.inbox(view.caller), organisationName: deps.organisationName });
    },
    plugin: berichtenRoutes({ service, pageSize: deps.pageSize, organisationName: deps.organisationName }),
  };
}
