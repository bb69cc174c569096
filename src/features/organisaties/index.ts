/**
 * The organisation API (issue 15): organisations without a ZGW or Objecten API push berichten and
 * lopende zaken to a person's or company's Mijn berichten and Mijn zaken. The berichten and zaken
 * features show them (their stores are handed to them by the composition root); this feature is the API.
 */
import type { Feature } from '../../platform/http/feature.ts';
import { type BijlagenBucket, OrganisatieBerichten, type TellRecipients } from '../../sources/voordeur/organisatie-berichten.ts';
import { S3ObjectStore } from '../../platform/files/object-store.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Subject } from '../../domain/identity.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import type { OrganisatieZaken } from '../../sources/voordeur/organisatie-zaken.ts';
import type { Organisaties } from '../../sources/voordeur/organisaties.ts';
import type { OrganisatieAansluiting } from '../../sources/voordeur/organisatie-aansluiting.ts';
import type { Config } from '../../config.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { JobHandler } from '../../platform/queue/worker.ts';
import { OrganisatieAuth } from './auth.ts';
import { publicatieHandler, publicatieJob, publicatieQueue, webhookHandler, webhookJob, webhookQueue } from './webhook.ts';
import { apiBase, organisatieApiRoutes } from './routes.ts';
import { bewaartermijnHandler, bewaartermijnJob, bewaartermijnQueue } from './bewaartermijn.ts';
import { OrganisatieBewaartermijnen } from '../../sources/voordeur/organisatie-bewaartermijnen.ts';
import type { Log } from '../../platform/logging.ts';
import type { PublicAddresses } from '../../platform/http/public-address.ts';

export interface OrganisatieApiFeatureDeps {
  organisaties: Organisaties;
  berichten: OrganisatieBerichten;
  zaken: OrganisatieZaken;
  publicUrl: URL;
  /** Keys the access tokens (IDENTITY_KEY_SECRET). */
  secret: string;
  requestsPerMinute: number;
  /** Where JWKS URLs may lead (the internet only, unless private addresses are allowed). */
  addresses: PublicAddresses;
  /** The header the TLS-terminating proxy passes client certificates in (mutual TLS); none: no mutual TLS. */
  clientCertHeader?: string | undefined;
}

/**
 * The queues of the organisation API the job worker handles, when the API is on: its webhooks,
 * publishing berichten on their publicatiedatum (`berichten`: the store, once it is made), and
 * deleting berichten past their retention every hour (`queue`: where it plans its next run).
 * Webhooks are called on internet addresses only (`addresses`).
 */
export function organisatieJobs(
  config: Pick<Config, 'organisatieApi' | 'sources'>,
  organisaties: Organisaties,
  berichten: () => Pick<OrganisatieBerichten, 'publish' | 'removeObjects'> | undefined,
  more: { db: Db; queue: () => Pick<JobQueue, 'add'>; log: Pick<Log, 'info'>; addresses: PublicAddresses },
): Record<string, JobHandler> | undefined {
  return config.organisatieApi
    ? {
        [webhookQueue]: webhookHandler(organisaties, config.sources.timeoutMs, more.addresses),
        [publicatieQueue]: publicatieHandler(berichten),
        [bewaartermijnQueue]: bewaartermijnHandler(new OrganisatieBewaartermijnen(more.db), more.queue, more.log, berichten),
      }
    : undefined;
}

/** Plans the first clean-up of berichten past their retention (a no-op while one waits). */
export async function planBewaartermijn(queue: Pick<JobQueue, 'add'>): Promise<void> {
  await queue.add([bewaartermijnJob(new Date())]);
}

/** The bucket for large attachments (ORGANISATIE_BIJLAGEN_S3_*), when one is configured. */
export function bijlagenBucket(config: Pick<Config, 'organisatieApi'>): BijlagenBucket | undefined {
  const s3 = config.organisatieApi?.bijlagenS3;
  return s3 ? { objects: new S3ObjectStore(s3), thresholdBytes: s3.thresholdBytes } : undefined;
}

/**
 * The store of pushed berichten, wired: recipients are told through the notification pipeline
 * (`tell`), organisations through webhook jobs, and berichten for a later publicatiedatum are
 * planned as jobs; each bericht is in its recipient's processing log, and the batch's result codes
 * are counted per day (`aansluiting`, for the leveranciersportaal) — each in the transaction that
 * stores what caused it.
 */
export function organisatieBerichtenStore(
  db: Db,
  keys: IdentityKeys,
  tell: TellRecipients,
  queue: Pick<JobQueue, 'add'>,
  /** Where the API stores batches (not needed where berichten are only published, as in the worker). */
  recorded?: {
    processingLog: ProcessingLog;
    aansluiting: OrganisatieAansluiting;
    /** After a batch is stored, with the recipients of its new berichten (to drop what was kept about their inbox). */
    arrived?: (recipients: Subject[]) => void;
  },
  /** Where large attachments go (bijlagenBucket); without it all are in the database. */
  bucket?: BijlagenBucket,
): OrganisatieBerichten {
  return new OrganisatieBerichten(db, keys, {
    tell,
    ...(bucket && { bucket }),
    ...(recorded && {
      processingLog: recorded.processingLog,
      countRefusals: (organisatieId, counts, trx) => recorded.aansluiting.countRefusals(organisatieId, counts, trx),
      ...(recorded.arrived && { arrived: recorded.arrived }),
    }),
    tellOrganisation: async (events, trx) => {
      await queue.add(events.map(webhookJob), trx);
    },
    schedule: async (due, trx) => {
      await queue.add(due.map(publicatieJob), trx);
    },
  });
}

export function createOrganisatieApi(deps: OrganisatieApiFeatureDeps): Feature {
  const serverUrl = new URL(apiBase, deps.publicUrl).href;
  const auth = new OrganisatieAuth(deps.organisaties, `${serverUrl}/token`, deps.secret, deps.addresses, deps.clientCertHeader !== undefined);
  return {
    id: 'organisatie-api',
    plugin: organisatieApiRoutes({
      auth,
      berichten: deps.berichten,
      zaken: deps.zaken,
      serverUrl,
      requestsPerMinute: deps.requestsPerMinute,
      ...(deps.clientCertHeader && { clientCertHeader: deps.clientCertHeader }),
    }),
  };
}
