/**
 * Mijn zaken: the list (/zaken), a zaak (/zaken/<systeem>/<uuid>) with what other features show
 * on it, its documents (download, upload), and the block on the overzicht. Identity comes from
 * the session only; a zaak or document that is not the person's is answered with the same 404 as
 * one that does not exist.
 */
import { h } from 'preact';
import { available } from '../../domain/availability.ts';
import { isOpen, type ZaakRef, type Zaaksysteem } from '../../domain/zaak.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import { callerOf } from '../../platform/http/caller.ts';
import type { Feature } from '../../platform/http/feature.ts';
import type { FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import { zakenRoutes } from './routes.tsx';
import { ZaakDossier, ZakenDossier } from './dossier.tsx';
import { ZakenService } from './service.ts';
import { zakenCard } from './overview.ts';
import type { LateContact } from './views.tsx';

export interface ZakenDeps {
  zaaksystemen: readonly Zaaksysteem[];
  processingLog: ProcessingLog;
  organisationName: string;
  pageSize: number;
  upload: { maxBytes: number; allowedTypes: string[] };
  /** What other features show on a zaak's page. */
  zaakSections: (request: FastifyRequest, zaak: ZaakRef) => Promise<JSX.Element[]>;
  /** Where a person whose zaak is late can ask about it (the contact form, else the contact page) and the phone number. */
  contact?: LateContact;
}

/** Mijn zaken, when at least one zaaksysteem is configured. */
export function createZaken(deps: ZakenDeps): Feature | undefined {
  if (deps.zaaksystemen.length === 0) return undefined;
  const service = new ZakenService(deps.zaaksystemen, deps.processingLog);
  return {
    id: 'zaken',
    nav: { id: 'zaken', href: '/zaken', label: 'nav.zaken' },
    async overviewBlock(request) {
      return zakenCard(request.t, request.lang, await service.lists(callerOf(request)), new Date());
    },
    // The person's zaken at this organisation (not those other organisations pushed), e.g. to ask a question about one.
    async zaakChoices(request) {
      const lists = await service.lists(callerOf(request));
      if (lists.unavailable) return lists;
      const { lopend, afgerond } = lists.value;
      const choices = [...lopend, ...afgerond]
        .filter((zaak) => !zaak.organisatie)
        .map((zaak) => ({ ref: zaak.ref, title: zaak.omschrijving || zaak.zaaktype, identificatie: zaak.identificatie, open: isOpen(zaak) }));
      return available(choices, lists.missing);
    },
    // One zaak in the dossier: its details, timeline and documents (only when the role may see its zaaktype).
    async dossierPage(view, path) {
      const [kind, systeem, uuid, ...rest] = path.split('/');
      if (kind !== 'zaak' || !systeem || !uuid || rest.length > 0 || !view.may('zaken')) return null;
      const detail = await service.detail(view.caller, { systeem, uuid });
      if (!detail || !view.mayZaaktype(detail.zaak.zaaktype)) return null;
      return { title: detail.zaak.omschrijving || detail.zaak.zaaktype, body: h(ZaakDossier, { view, detail }) };
    },
    async dossierSection(view) {
      if (!view.may('zaken')) return null;
      return h(ZakenDossier, { view, lists: await service.lists(view.caller) });
    },
    plugin: zakenRoutes({
      service,
      organisationName: deps.organisationName,
      pageSize: deps.pageSize,
      upload: deps.upload,
      zaakSections: deps.zaakSections,
      contact: deps.contact ?? { href: '/contact' },
    }),
  };
}
