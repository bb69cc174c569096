/**
 * The clean-up job of pushed berichten: once an hour it deletes the berichten past their
 * organisation's retention (sources/voordeur/organisatie-bewaartermijnen.ts), then plans itself
 * for the next hour. One job waits at a time (its dedupe key), whichever process planned it.
 */
import type { Log } from '../../platform/logging.ts';
import type { JobInput, JobQueue } from '../../platform/queue/queue.ts';
import type { JobHandler } from '../../platform/queue/worker.ts';
import type { OrganisatieBerichten } from '../../sources/voordeur/organisatie-berichten.ts';
import type { OrganisatieBewaartermijnen } from '../../sources/voordeur/organisatie-bewaartermijnen.ts';

export const bewaartermijnQueue = 'organisatie.bewaartermijn';

const everyMs = 60 * 60 * 1000;

/** The next clean-up, at `at`. */
export function bewaartermijnJob(at: Date): JobInput {
  return { queue: bewaartermijnQueue, payload: {}, runAt: at, dedupeKey: 'opruimen' };
}

/**
 * Deletes what is past its term, then removes the objects in the bucket that are due (those of the
 * attachments just deleted, and any a crash or a refused batch left), and plans the next run (a
 * failure is tried again by the queue, and the next start plans a new one).
 */
export function bewaartermijnHandler(
  bewaartermijnen: OrganisatieBewaartermijnen,
  queue: () => Pick<JobQueue, 'add'>,
  log: Pick<Log, 'info'>,
  berichten: () => Pick<OrganisatieBerichten, 'removeObjects'> | undefined = () => undefined,
  now: () => Date = () => new Date(),
): JobHandler {
  return async (jobs) => {
    const at = now();
    const deleted = await bewaartermijnen.deleteExpired(at);
    if (deleted > 0) log.info({ deleted }, 'organisatie berichten past their retention deleted');
    const removed = await berichten()?.removeObjects();
    if (removed) log.info({ removed }, 'attachment objects removed from the bucket');
    await queue().add([bewaartermijnJob(new Date(at.getTime() + everyMs))]);
    return jobs.map(() => ({ ok: true }));
  };
}
