/**
 * Aanvragen: what a resident or company can apply for online (the organisation's catalogue of
 * PDCProductType objects, by theme and searchable, with cost, what you need and how long it takes),
 * the form to apply page by page (the one Form.io renderer of platform/formio), prefilled from the
 * BRP, the KvK and known contact details, kept as a concept the person can come back to; sending
 * stores the aanvraag first and shows the ontvangstbevestiging at once, and a job delivers it to the
 * back office (delivery.ts). Only what fits the login is offered; a gemachtigde applies only when
 * GEMACHTIGDE_HANDELINGEN has `aanvragen`.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { ProductPrefill, ProducttypeCatalogue, ZaaktypeLookup } from '../../domain/aanvraag.ts';
import { h } from 'preact';
import { available } from '../../domain/availability.ts';
import type { Log } from '../../domain/log.ts';
import { type ZaakRef, zaakPath } from '../../domain/zaak.ts';
import type { CompanyRegister, ContactRegister, PersonRegister } from '../../domain/persoon.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { UploadRules } from '../../platform/formio/files.ts';
import { callerOf } from '../../platform/http/caller.ts';
import type { Feature } from '../../platform/http/feature.ts';
import type { JobHandler } from '../../platform/queue/worker.ts';
import type { Sources } from '../../sources/index.ts';
import type { AanvraagStore } from '../../sources/voordeur/aanvragen.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Change } from '../../sources/voordeur/notification-messages.ts';
import { AanvragenDossier } from './dossier.tsx';
import { startConceptCleanUp } from './concepts.ts';
import { type DeliveryDeps, deliveryHandler } from './delivery.ts';
import { aanvragenRoutes } from './routes.tsx';
import { AanvragenService } from './service.ts';

/** The queue of the jobs that deliver sent aanvragen. */
export const deliveryQueue = 'aanvraag.deliver';

export interface AanvragenDeps {
  /** The catalogue (PDCProductType objects in the Objecten API); without it there is no Aanvragen. */
  catalogue?: ProducttypeCatalogue;
  /** Where the producttypen's zaaktypen are, for their doorlooptijd. */
  zaaktypen?: ZaaktypeLookup;
  store: AanvraagStore;
  /** Where prefilled values come from, each when configured. */
  registers: { brp?: PersonRegister; kvk?: CompanyRegister; contacts?: Pick<ContactRegister, 'adressen'> };
  uploads: UploadRules;
  /** AANVRAGEN_CONCEPT_BEWAARDAGEN. */
  conceptDays: number;
  /** Adds jobs to the job queue, in the given transaction. */
  addJobs: (jobs: { queue: string; payload: unknown; dedupeKey?: string }[], trx: Kysely<Database>) => Promise<unknown>;
  organisationName: string;
  /** Records changes for the notification pipeline (the person is told of their confirmation). */
  tell?: (changes: Change[]) => Promise<void>;
  /** After an aanvraag is received: what Mijn berichten kept about the person is old. */
  berichtenChanged?: (subject: Subject) => void;
  /** Which of the person's zaken a zaak URL is (the zaak an aanvraag became), when it is in a configured zaaksysteem. */
  zaakRef?: (zaakUrl: string) => ZaakRef | undefined;
  /** One of the logged-in person's own products (offered by Mijn producten through the Feature contract): what renewing it starts from. */
  ownProduct?: (request: FastifyRequest, id: string) => Promise<ProductPrefill | null>;
  /** Where a staff member's look at the person's aanvragen is recorded. */
  processingLog: ProcessingLog;
  log: Pick<Log, 'warn' | 'info'>;
  /** How often concepts past their time are deleted; default an hour. */
  purgeIntervalMs?: number;
}

export function createAanvragen(deps: AanvragenDeps): Feature | undefined {
  if (!deps.catalogue) return undefined;
  const service = new AanvragenService(deps.catalogue, deps.zaaktypen, deps.registers);
  const { store } = deps;
  return {
    id: 'aanvragen',
    nav: { id: 'aanvragen', href: '/aanvragen', label: 'nav.aanvragen' },
    // "Verlengen" in Mijn producten: the aanvraag of the product's producttype, when this login can apply for it here.
    renewals: (request, products) => service.renewals(callerOf(request), products),
    plugin: aanvragenRoutes({
      ownProduct: deps.ownProduct,
      service,
      store,
      uploads: deps.uploads,
      conceptDays: deps.conceptDays,
      organisationName: deps.organisationName,
      tell: deps.tell,
      berichtenChanged: deps.berichtenChanged,
      zaakHref: (url) => {
        const ref = deps.zaakRef?.(url);
        return ref && zaakPath(ref);
      },
      deliver: async (id, trx) => {
        await deps.addJobs([{ queue: deliveryQueue, payload: { id }, dedupeKey: id }], trx);
      },
    }),
    // In the medewerkersportaal: what the person sent, and what has not reached the back office yet.
    async dossierSection(view) {
      if (!view.may('aanvragen')) return null;
      const { identity, requestId } = view.caller;
      const [received] = await Promise.all([
        store.receivedList(identity.subject),
        deps.processingLog.record(identity, [{ action: 'lezen', category: 'aanvragen', source: 'voordeur' }], requestId),
      ]);
      return h(AanvragenDossier, { view, received: available(received), zaakRef: deps.zaakRef });
    },
    // Concepts not saved for AANVRAGEN_CONCEPT_BEWAARDAGEN days are deleted; a week before, their owners are told (concepts.ts).
    start: () =>
      startConceptCleanUp({ store, conceptDays: deps.conceptDays, tell: deps.tell, log: deps.log, intervalMs: deps.purgeIntervalMs ?? 60 * 60 * 1000 }),
  };
}

/** The job that delivers sent aanvragen, when Aanvragen is configured: for the worker (in this process or its own). */
export function aanvraagJobs(deps: Omit<DeliveryDeps, 'catalogue'> & { catalogue?: ProducttypeCatalogue }): Record<string, JobHandler> {
  const { catalogue } = deps;
  return catalogue ? { [deliveryQueue]: deliveryHandler({ ...deps, catalogue }) } : {};
}

/** What delivering needs, from the configuration and the sources (the web process and the worker alike). */
export function aanvraagDelivery(
  config: Pick<Config, 'objecten' | 'theme'>,
  sources: Pick<Sources, 'objecten' | 'producttypen' | 'zaaksystemen'>,
  store: AanvraagStore,
  log: Pick<Log, 'warn' | 'info'>,
  tell?: (changes: Change[]) => Promise<void>,
): Omit<DeliveryDeps, 'catalogue'> & { catalogue?: ProducttypeCatalogue } {
  const productaanvraag = config.objecten?.objecttypen.productaanvraag;
  // Zaken are started in the one zaaksysteem.
  const zaaksysteem = sources.zaaksystemen.length === 1 ? sources.zaaksystemen[0] : undefined;
  return {
    store,
    catalogue: sources.producttypen,
    objecten: sources.objecten && productaanvraag ? { client: sources.objecten, productaanvraag } : undefined,
    zaken: zaaksysteem?.zaakStarter(),
    tell,
    portalName: config.theme.portalName,
    log,
  };
}
