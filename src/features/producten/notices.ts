/**
 * Telling people once that a product of theirs is about to end: when its last day is
 * PRODUCTEN_VERLOOPT_BINNEN_DAGEN away, through the notification pipeline (features/notificaties)
 * as a change with topic 'product' — the person's channels and choices apply, and the message says
 * only that a product is about to end, and where to look (nothing personal, no link).
 *
 * Open Product does not announce that a date is coming, so Voordeur looks: every `intervalMs` it
 * asks for everyone's current products whose last day falls in the first week of the period
 * (today + period − 6 to today + period) and records a change for each eigenaar. The change's key
 * is the product and its last day, and a change is stored once per person and key, so looking again
 * (on every instance, every interval) tells no one twice; a product whose end date moves gets a new
 * notice. The week is shorter than the 30 days handled changes are kept, so a key is still known
 * whenever it is looked for again. A product that enters the period later than its first week (made
 * with less time left, or while Voordeur did not look for a week) gets no message; the notice on its
 * page and the overzicht still shows.
 */
import { dutchToday } from '../../domain/calendar.ts';
import { addDays, eigenaarSubjects, type ProductStore } from '../../domain/product.ts';
import { isSourceFailure } from '../../domain/availability.ts';
import type { Log } from '../../domain/log.ts';
import type { Change } from '../../sources/voordeur/notification-messages.ts';

export interface ExpiryNoticeDeps {
  store: ProductStore;
  expiryNoticeDays: number;
  tell: (changes: Change[]) => Promise<void>;
  log: Pick<Log, 'warn' | 'info'>;
  now?: () => Date;
}

/** The key of the change that a product with this last day is about to end. */
export const expiryChangeKey = (productId: string, eindDatum: string) => `product-verloopt:${productId}:${eindDatum}`;

/** Looks once; returns how many changes were recorded (before de-duplication). */
export async function recordExpiringProducts(deps: ExpiryNoticeDeps): Promise<number> {
  const { store } = deps;
  if (!store.endingBetween) return 0;
  const today = dutchToday((deps.now ?? (() => new Date()))());
  const to = addDays(today, deps.expiryNoticeDays);
  const from = addDays(today, Math.max(0, deps.expiryNoticeDays - 6));
  const { items } = await store.endingBetween(from, to, deps.log);
  const changes: Change[] = items.flatMap((product) =>
    eigenaarSubjects(product.eigenaren).map((subject) => ({ subject, topic: 'product' as const, key: expiryChangeKey(product.id, product.eindDatum!) })),
  );
  if (changes.length > 0) await deps.tell(changes);
  return changes.length;
}

/** After a failed look, the next comes this much sooner than a whole interval, doubling each time. */
export const firstRetryMs = 5_000;

/**
 * Looks a second after start and then every `intervalMs`; returns what stops it. A failed look
 * (the source not answering yet, as when Voordeur starts before it) is logged in one line and
 * tried again after 5 s, 10 s, 20 s… — never later than the interval —, so one failure does not
 * cost a whole interval of notices.
 */
export function startExpiryNotices(deps: ExpiryNoticeDeps & { intervalMs: number }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failures = 0;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(look, delayMs);
    timer.unref();
  };
  const look = () => {
    running = recordExpiringProducts(deps).then(
      () => {
        failures = 0;
        schedule(deps.intervalMs);
      },
      (error: unknown) => {
        const retryMs = Math.min(firstRetryMs * 2 ** failures, deps.intervalMs);
        failures += 1;
        // A source that cannot answer is an outage to report, not a fault in the code: its message, no stack.
        const cause = isSourceFailure(error) ? { source: error.source, reason: error.message } : { err: error };
        deps.log.warn({ ...cause, retryInSeconds: retryMs / 1000 }, 'products ending soon: not looked at now');
        schedule(retryMs);
      },
    );
  };
  schedule(1000);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
