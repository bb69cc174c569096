/**
 * Concepts of aanvragen past their time: a concept not saved for AANVRAGEN_CONCEPT_BEWAARDAGEN
 * days is deleted, with its files, by a clean-up every hour. A week before (as the list under
 * Aanvragen warns too) the person is told once through the channels they chose (topic
 * `aanvraag`; the message names nothing personal): the change's key is the concept and the moment
 * it was last saved, so looking again tells no one twice, and a concept saved again gets a new
 * warning before its new day.
 */
import { conceptChangeKey } from '../../domain/aanvraag.ts';
import type { Log } from '../../domain/log.ts';
import type { AanvraagStore } from '../../sources/voordeur/aanvragen.ts';
import type { Change } from '../../sources/voordeur/notification-messages.ts';

const DAY = 24 * 60 * 60 * 1000;

/** How many days before a concept is deleted its owner is warned (the list's warning starts then too). */
export const conceptWarnDays = 7;

export interface ConceptCleanUp {
  store: Pick<AanvraagStore, 'conceptsToWarn' | 'warned' | 'purgeConcepts'>;
  conceptDays: number;
  /** Records changes for the notification pipeline; without it nobody is told. */
  tell?: (changes: Change[]) => Promise<void>;
  log: Pick<Log, 'warn' | 'info'>;
  now?: () => Date;
}

/** Tells the owners of concepts that are deleted within conceptWarnDays, each once; how many were told. */
export async function warnConcepts(deps: ConceptCleanUp): Promise<number> {
  const { store, tell } = deps;
  if (!tell) return 0;
  const now = (deps.now ?? (() => new Date()))().getTime();
  // Never about a concept saved less than a day ago (with a retention of a week or less).
  const savedBefore = new Date(now - Math.max(deps.conceptDays - conceptWarnDays, 1) * DAY);
  // One already past its day is deleted now, not warned about.
  const deletedBefore = now - deps.conceptDays * DAY;
  const seen = new Set<string>();
  let told = 0;
  for (;;) {
    const due = (await store.conceptsToWarn(savedBefore)).filter((concept) => !seen.has(concept.id));
    if (due.length === 0) return told;
    for (const concept of due) seen.add(concept.id);
    const warn = due.filter((concept) => concept.updatedAt.getTime() >= deletedBefore);
    // Told first, then written down: a crash in between tells again, which is stored once (the same key).
    if (warn.length > 0)
      await tell(warn.map((concept) => ({ subject: concept.subject, topic: 'aanvraag' as const, key: conceptChangeKey(concept.id, concept.updatedAt) })));
    await store.warned(due.map(({ id, updatedAt }) => ({ id, updatedAt })));
    told += warn.length;
  }
}

/** Warns, then deletes the concepts past their time, now and every `intervalMs`; returns what stops it. */
export function startConceptCleanUp(deps: ConceptCleanUp & { intervalMs: number }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const cleanUp = () => {
    running = (async () => {
      const told = await warnConcepts(deps).catch((error: unknown) => {
        deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'owners of concepts of aanvragen not warned now');
        return 0;
      });
      if (told > 0) deps.log.info({ told }, 'owners of concepts of aanvragen to be deleted soon told');
      const deleted = await deps.store.purgeConcepts(new Date((deps.now ?? (() => new Date()))().getTime() - deps.conceptDays * DAY));
      if (deleted > 0) deps.log.info({ deleted }, 'concepts of aanvragen past their time deleted');
    })().catch((error: unknown) => deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'concepts of aanvragen not deleted'));
  };
  cleanUp();
  const timer = setInterval(cleanUp, deps.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
