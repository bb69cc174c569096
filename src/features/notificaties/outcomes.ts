/**
 * What a job handler of the pipeline answers when a step could not be done now: a source that
 * did not answer, or Notify that could not take a message yet, means "try again later" (after the
 * queue's backoff); any other error is thrown, and the whole batch is tried again.
 */
import { SourceUnavailableError } from '../../domain/availability.ts';
import type { JobOutcome } from '../../platform/queue/worker.ts';
import { NotifyError } from '../../sources/notify/notify.ts';

export function retryLater(error: unknown): JobOutcome {
  if (error instanceof SourceUnavailableError) return { ok: false, error: `${error.source}: ${error.reason}` };
  if (error instanceof NotifyError && error.retryable) return notifyLater(error);
  throw error;
}

/** Notify could not take or answer it now. */
export function notifyLater(error: NotifyError): JobOutcome {
  return { ok: false, error: `notify: ${error.status ?? 'no answer'}` };
}
