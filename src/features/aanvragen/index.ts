/**
 * Aanvragen: what a resident or company can apply for online (the organisation's catalogue of
 * PDCProductType objects, by theme and searchable, with cost, what you need and how long it takes),
 * the form to apply (the one Form.io renderer of platform/formio), and the ontvangstbevestiging.
 * Only what fits the login is offered; a gemachtigde applies only when GEMACHTIGDE_HANDELINGEN has
 * `aanvragen`.
 */
import type { ProducttypeCatalogue, ZaaktypeLookup } from '../../domain/aanvraag.ts';
import type { Feature } from '../../platform/http/feature.ts';
import { aanvragenRoutes } from './routes.tsx';
import { AanvragenService } from './service.ts';

export interface AanvragenDeps {
  /** The catalogue (PDCProductType objects in the Objecten API); without it there is no Aanvragen. */
  catalogue?: ProducttypeCatalogue;
  /** Where the producttypen's zaaktypen are, for their doorlooptijd. */
  zaaktypen?: ZaaktypeLookup;
}

export function createAanvragen(deps: AanvragenDeps): Feature | undefined {
  if (!deps.catalogue) return undefined;
  const service = new AanvragenService(deps.catalogue, deps.zaaktypen);
  return {
    id: 'aanvragen',
    nav: { id: 'aanvragen', href: '/aanvragen', label: 'nav.aanvragen' },
    plugin: aanvragenRoutes({ service }),
  };
}
