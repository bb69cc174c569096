/**
 * Resolve, the second stage (job handler): who a stored notification is about, and what changed.
 * A new status of a zaak → the zaak's initiators (asked of the zaaksysteem that holds it); a new
 * zaak that names the kenmerk of an aanvraag sent through Voordeur → the person who sent it; a new
 * TaakV2 or Bericht object → the person or company its identificatie names (asked of the Objecten
 * API). Each (person, change) is then stored once, whichever source reported it, with a send job
 * per person, in one statement. Within a batch each source question is asked once, at most
 * WORKER_SOURCE_CONCURRENCY (32) at a time; once a source did not answer at all, the batch's other
 * notifications for it are tried again later instead of each waiting for it.
 */
import pLimit from 'p-limit';
import { isAanvraagKenmerk, zaakChangeKey } from '../../domain/aanvraag.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import type { Subject } from '../../domain/identity.ts';
import type { ClaimedJob } from '../../platform/queue/queue.ts';
import type { JobOutcome } from '../../platform/queue/worker.ts';
import type { NotificationInbox, ResolveJob } from '../../sources/voordeur/notification-inbox.ts';
import type { Change, NotificationMessages } from '../../sources/voordeur/notification-messages.ts';
import type { Topic } from '../../domain/preferences.ts';
import type { Notificatie } from '../../sources/notificaties/notificatie.ts';
import { retryLater } from './outcomes.ts';

export interface ResolveDeps {
  inbox: Pick<NotificationInbox<Notificatie>, 'get'>;
  messages: Pick<NotificationMessages, 'record'>;
  zaaksystemen: readonly {
    holdsZaak(url: string): boolean;
    initiatorsOf(zaakUrl: string): Promise<Subject[]>;
    kenmerkenOf?(zaakUrl: string): Promise<string[]>;
  }[];
  /** Aanvragen sent through Voordeur (when Aanvragen is there): a new zaak that names one's kenmerk was made of it. */
  aanvragen?: { zaakMade(kenmerken: string[], zaakUrl: string): Promise<{ id: string; subject: Subject }[]> };
  /** The Objecten API, and the object types of taken and berichten in it. */
  objecten?: { api: { ownerAt(url: string): Promise<Subject | null> }; taak?: string; bericht?: string };
  /** How many questions a batch asks of the sources at a time (WORKER_SOURCE_CONCURRENCY). */
  concurrency?: number;
}

/** Asks a source (named by `source`) a question (`key`) through `compute`. */
type Ask = <T>(source: string, key: string, compute: () => Promise<T>) => Promise<T>;

export class Resolver {
  constructor(private readonly deps: ResolveDeps) {}

  /** Job handler: notifications → changes per person → a send job per person. */
  async resolve(jobs: ClaimedJob[]): Promise<JobOutcome[]> {
    const ids = jobs.map((job) => (job.payload as ResolveJob).inboxId);
    const notificaties = await this.deps.inbox.get(ids);
    // The sources get a bounded number of questions at a time, and each question once per batch.
    const limit = pLimit(this.deps.concurrency ?? 32);
    const ask = askOnce();
    const found: Change[] = [];
    const outcomes = await Promise.all(
      ids.map((inboxId) =>
        limit(async (): Promise<JobOutcome> => {
          const notificatie = notificaties.get(inboxId);
          if (!notificatie) return { ok: true };
          try {
            for (const change of await this.changesOf(notificatie, ask)) found.push({ ...change, inboxId });
            return { ok: true };
          } catch (error) {
            return retryLater(error);
          }
        }),
      ),
    );
    await this.deps.messages.record(found);
    return outcomes;
  }

  /** What a notification means, for whom. Notifications Voordeur does not tell people about mean nothing. */
  private async changesOf(n: Notificatie, ask: Ask): Promise<Change[]> {
    if (n.kanaal === 'zaken' && n.resource === 'status' && n.actie === 'create') {
      const index = this.deps.zaaksystemen.findIndex((s) => s.holdsZaak(n.hoofdObject));
      const system = this.deps.zaaksystemen[index];
      if (!system) return [];
      const subjects = await ask(`zaaksysteem ${index}`, `initiators ${n.hoofdObject}`, () => system.initiatorsOf(n.hoofdObject));
      return subjects.map((subject) => ({ subject, topic: 'zaak', key: `zaak-status:${n.resourceUrl}` }));
    }
    // A new zaak made of an aanvraag (its identificatie or one of its kenmerken is the aanvraag's kenmerk): the person is told, once.
    const { aanvragen } = this.deps;
    if (aanvragen && n.kanaal === 'zaken' && n.resource === 'zaak' && n.actie === 'create') {
      const index = this.deps.zaaksystemen.findIndex((s) => s.holdsZaak(n.resourceUrl));
      const system = this.deps.zaaksystemen[index];
      if (!system?.kenmerkenOf) return [];
      const kenmerken = (await ask(`zaaksysteem ${index}`, `kenmerken ${n.resourceUrl}`, () => system.kenmerkenOf!(n.resourceUrl))).filter(isAanvraagKenmerk);
      if (kenmerken.length === 0) return [];
      const made = await aanvragen.zaakMade(kenmerken, n.resourceUrl);
      return made.map(({ id, subject }) => ({ subject, topic: 'aanvraag', key: zaakChangeKey(id) }));
    }
    const objecten = this.deps.objecten;
    if (objecten && n.kanaal === 'objecten' && n.actie === 'create') {
      const type = n.kenmerken?.objectType ?? n.kenmerken?.object_type;
      const topic: Topic | undefined = type && type === objecten.taak ? 'taak' : type && type === objecten.bericht ? 'bericht' : undefined;
      if (!topic) return [];
      const subject = await ask('objecten', `owner ${n.resourceUrl}`, () => objecten.api.ownerAt(n.resourceUrl));
      if (!subject) return [];
      const uuid = n.resourceUrl.split('/').filter(Boolean).at(-1);
      return [{ subject, topic, key: `${topic}:${uuid}` }];
    }
    return [];
  }
}

/**
 * Asks each question of a batch once (the same key gets the same promise: the same answer, or
 * the same failure); and once a source did not answer at all (no answer in time, no connection),
 * the rest of the batch does not wait for it again: those notifications are tried again later,
 * as that one is. So a batch whose source hangs takes about one source deadline, not one per
 * WORKER_SOURCE_CONCURRENCY notifications.
 */
function askOnce(): Ask {
  const answers = new Map<string, Promise<unknown>>();
  const down = new Map<string, SourceUnavailableError>();
  return <T>(source: string, key: string, compute: () => Promise<T>) => {
    const failed = down.get(source);
    if (failed) return Promise.reject(failed);
    if (!answers.has(key)) {
      answers.set(
        key,
        compute().catch((error: unknown) => {
          if (error instanceof SourceUnavailableError && (error.reason === 'timeout' || error.reason === 'network')) down.set(source, error);
          throw error;
        }),
      );
    }
    return answers.get(key) as Promise<T>;
  };
}
