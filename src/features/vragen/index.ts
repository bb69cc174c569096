/**
 * Stel een vraag: a logged-in person or company asks the organisation something, optionally about
 * one of their own zaken. The question becomes a klantcontact in the Klantinteracties API (kanaal
 * `website`) with their partij as betrokkene and, when chosen, the zaak as onderwerpobject; the
 * person gets an ontvangstbevestiging at once, and then sees the question among their
 * contactmomenten in Mijn gegevens. Offered on the zaak page, the contact page and the empty
 * overzicht. A gemachtigde asks only when GEMACHTIGDE_HANDELINGEN has `vragen`.
 */
import { h } from 'preact';
import type { Feature } from '../../platform/http/feature.ts';
import { type VragenRoutesDeps, vragenRoutes } from './routes.tsx';
import { AskAboutZaak, vraagHref } from './views.tsx';

export { vraagHref, vraagPath } from './views.tsx';

export interface VragenDeps extends Omit<VragenRoutesDeps, 'contacts'> {
  /** Where the question is registered (Open Klant); without it there is no "Stel een vraag". */
  contacts?: VragenRoutesDeps['contacts'];
  /** The zaaksystemen whose zaken a klantcontact can name (the configured ones, not the organisation API's). */
  zaaksystemen: readonly string[];
}

export function createVragen(deps: VragenDeps): Feature | undefined {
  const { contacts } = deps;
  if (!contacts) return undefined;
  return {
    id: 'vragen',
    // On the page of one of the person's zaken: ask about it.
    async zaakSection(request, zaak) {
      if (!deps.zaaksystemen.includes(zaak.systeem) || !request.mayAct('vragen')) return null;
      return h(AskAboutZaak, { t: request.t, href: vraagHref(zaak) });
    },
    plugin: vragenRoutes({ ...deps, contacts }),
  };
}
