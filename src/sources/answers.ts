/**
 * Source answers about one person (their zaken, a zaak, their taken and berichten), kept in
 * memory for a few seconds (SOURCES_PERSONAL_CACHE_SECONDS), so that someone who goes from the
 * overzicht to Mijn zaken to a zaak and back does not have every system asked again on each page
 * (issue 19: most of a page's CPU went to asking sources and reading their answers).
 *
 * Fresh where it matters:
 * - Every key holds the subject: an answer about one person is never given for another.
 * - A notification of the Notificaties API drops every kept answer of its kanaal, for everyone
 *   (the callback cannot tell whose it is before the worker resolves it): a change Voordeur was
 *   told of is seen on the next page. With several instances only the one that got the
 *   callback drops them at once; the others within the cache time.
 * - A change Voordeur makes itself (a taak finished, a bericht opened, a document added) drops
 *   that person's answers of that system.
 * - An answer asked for before a drop is not kept when it arrives after it (it may predate the
 *   change); requests that come while an answer is on its way wait for that one.
 * - Renewed ahead (refresh-ahead): an answer used in the last part of its time (from a moment
 *   between the last quarter and the last eighth of it, drawn per answer so that a person's
 *   answers are not all renewed at once) is given at once and asked again in the background, one
 *   renewal per answer at a time; the page of that moment keeps the answer it would have had a
 *   moment earlier. The renewed answer is kept only when no drop happened while it was asked (as
 *   any answer); a drop still removes the kept answer at once. A renewal that fails is not kept
 *   and is logged (the area and the source's name, nothing about the person); the answer is then
 *   served until its time is over and asked again by the next page. `{ renew: ask }` renews
 *   it with another question than the page's (one without what the page does besides, e.g. the zaak page's `owned`). Without
 *   renewals every 5 s all of a person's answers ran out together and the pages of that moment
 *   asked every source again (issue 19: the open loop's p99).
 * Failures are never kept. What is kept is bounded by the number of answers (`maxEntries`) and of
 * the things in them (`maxItems`: zaken, documents, objects), least recently used first out, so
 * memory stays bounded however many people are logged in (with 5 s, only those of the last 5 s
 * are kept anyway).
 */
import { LRUCache } from 'lru-cache';
import { SourceUnavailableError } from '../domain/availability.ts';
import type { Subject } from '../domain/identity.ts';
import type { Log } from '../domain/log.ts';
import { uncounted } from '../platform/round-trips.ts';

/**
 * The systems whose answers are kept, by the Notificaties API kanaal that announces their changes.
 * 'klantinteracties' (the person's addresses and contactmomenten on Mijn gegevens) is dropped by a
 * notification on that kanaal and by every change Voordeur makes there; 'brp' has no notifications
 * (nor changes made by Voordeur): it is kept for the cache time only. 'voorkeuren' (notification
 * preferences) and 'afleveringen' (what Notify said became of the messages to a person's
 * addresses) are Voordeur's own tables, read on every Mijn gegevens page: dropped when Voordeur
 * changes them (preferences saved; a delivery status recorded, for everyone: the worker knows the
 * message, not the person). 'berichten' is Mijn berichten's answer from all its stores together
 * (the inbox pages, the list on the overzicht, the unread count): dropped by a notification on the
 * objecten kanaal, and for the person when a bericht of theirs is opened or archived, an
 * organisation pushes one to them, or a confirmation of what they sent is written down.
 */
export type AnswerArea = 'zaken' | 'objecten' | 'berichten' | 'klantinteracties' | 'brp' | 'voorkeuren' | 'afleveringen';

/** Which kept answers a notification's kanaal makes old; all when the kanaal is not known here. */
const areasOfKanaal: Record<string, AnswerArea[]> = {
  zaken: ['zaken'],
  documenten: ['zaken'],
  besluiten: ['zaken'],
  // The unread count of Mijn berichten ('berichten') counts Bericht objects too.
  objecten: ['objecten', 'berichten'],
  klantinteracties: ['klantinteracties'],
};
const allAreas: AnswerArea[] = ['zaken', 'objecten', 'berichten', 'klantinteracties', 'brp', 'voorkeuren', 'afleveringen'];

export interface PersonalAnswersOptions {
  /** How long an answer is kept; 0 keeps none. */
  ttlMs: number;
  /** The most answers kept at once. */
  maxEntries?: number;
  /** The most things (zaken, documents, objects: the items of the answers' lists) kept at once, all answers together. */
  maxItems?: number;
  /** Where a renewal that failed is noted (warn; nothing about the person). */
  log?: Pick<Log, 'warn'>;
  /** The clock in ms (tests); performance.now by default. */
  now?: () => number;
  /** A number in [0, 1) (tests); Math.random by default: where in the last part of its time an answer is renewed. */
  random?: () => number;
}

export interface GetOptions<T> {
  /** The question a background renewal asks instead of the page's (default: the page's). */
  renew?: () => Promise<T>;
}

interface Kept {
  value: unknown;
  /** From when a use renews it in the background (the clock's ms); Infinity after a renewal failed. */
  renewAt: number;
}

/** The size of an answer for `maxItems`: the items of its lists (a zaken list, an objects list, a zaak's documents and steps), at least 1. */
function itemsIn(answer: unknown): number {
  if (Array.isArray(answer)) return answer.length + 1;
  if (!answer || typeof answer !== 'object') return 1;
  let items = 1;
  for (const value of Object.values(answer)) if (Array.isArray(value)) items += value.length;
  return items;
}

/**
 * The part of a key that names whose answer it is: the person or company (what `forget` drops),
 * then whatever else decides what the sources answer for them (a company's vestigingen).
 */
export function subjectKey(subject: Subject): string {
  return subject.type === 'persoon'
    ? `persoon:${subject.bsn}\u0000`
    : `bedrijf:${subject.kvkNummer}\u0000${subject.vestigingsnummer ?? ''}:${(subject.vestigingen ?? []).join(',')}`;
}

/** The person or company alone, as `subjectKey` begins. */
const ownerKey = (subject: Subject) => (subject.type === 'persoon' ? `persoon:${subject.bsn}\u0000` : `bedrijf:${subject.kvkNummer}\u0000`);

export class PersonalAnswers {
  private readonly kept: LRUCache<string, Kept> | undefined;
  private readonly underway = new Map<string, { epoch: number; answer: Promise<unknown> }>();
  /** Counts drops: an answer is kept only when no drop happened while it was asked. */
  private epoch = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: Pick<Log, 'warn'> | undefined;

  constructor(options: PersonalAnswersOptions) {
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
    this.log = options.log;
    this.kept =
      options.ttlMs > 0
        ? new LRUCache({
            max: options.maxEntries ?? 5_000,
            maxSize: options.maxItems ?? 50_000,
            sizeCalculation: (entry) => itemsIn(entry.value),
            ttl: options.ttlMs,
            // With a clock of the tests' own, every check reads it (the default keeps a reading for 1 ms by a timer).
            ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
          })
        : undefined;
  }

  /**
   * The answer about `subject` to `question` in `area`: kept, on its way, or asked now with `ask`.
   * A kept answer used in the last part of its time is given and also asked again in the background (see above).
   */
  async get<T>(area: AnswerArea, subject: Subject, question: string, ask: () => Promise<T>, options: GetOptions<T> = {}): Promise<T> {
    if (!this.kept) return ask();
    const key = `${area}\u0000${subjectKey(subject)}\u0000${question}`;
    const found = this.kept.get(key);
    if (found) {
      if (found.renewAt <= this.now() && !this.underway.has(key)) this.renew(area, key, found, options.renew ?? ask);
      return found.value as T;
    }
    const pending = this.underway.get(key);
    if (pending && pending.epoch === this.epoch) return pending.answer as Promise<T>;
    const epoch = this.epoch;
    const answer = ask();
    this.underway.set(key, { epoch, answer });
    try {
      const value = await answer;
      if (epoch === this.epoch) this.keep(key, value);
      return value;
    } finally {
      if (this.underway.get(key)?.answer === answer) this.underway.delete(key);
    }
  }

  private keep(key: string, value: unknown): void {
    // Renewed from a moment between the last quarter and the last eighth of its time, drawn per answer.
    const renewAt = this.now() + this.ttlMs * (3 / 4 + this.random() / 8);
    this.kept?.set(key, { value, renewAt });
  }

  /**
   * Asks again in the background for a kept answer that is being used near its end. Not counted as
   * a round trip of the request that happened to use it (it does not wait for it). Kept only when
   * no drop happened meanwhile; a failure is logged, and the answer served until its time is over.
   */
  private renew(area: AnswerArea, key: string, found: Kept, ask: () => Promise<unknown>): void {
    const epoch = this.epoch;
    const answer = uncounted(async () => ask());
    this.underway.set(key, { epoch, answer });
    answer
      .then(
        (value) => {
          if (epoch === this.epoch) this.keep(key, value);
        },
        (error: unknown) => {
          found.renewAt = Number.POSITIVE_INFINITY;
          this.log?.warn(
            {
              area,
              error: error instanceof Error ? error.name : typeof error,
              ...(error instanceof SourceUnavailableError ? { source: error.source, reason: error.reason } : {}),
            },
            'a kept answer could not be renewed in the background; it is served until its time is over',
          );
        },
      )
      .finally(() => {
        if (this.underway.get(key)?.answer === answer) this.underway.delete(key);
      });
  }

  /** Drops the answers of `area` about the subject's person or company, whichever vestiging asked (after a change Voordeur made for them). */
  forget(area: AnswerArea, subject: Subject): void {
    this.forgetEach(area, [subject]);
  }

  /**
   * Drops the answers of `area` about each of these people or companies (a batch that changed
   * many at once, as the organisation API's berichten do): one pass over what is kept, however
   * many there are.
   */
  forgetEach(area: AnswerArea, subjects: Iterable<Subject>): void {
    const owners = new Set<string>();
    for (const subject of subjects) owners.add(`${area}\u0000${ownerKey(subject)}`);
    if (owners.size === 0) return;
    this.epoch++;
    if (!this.kept) return;
    // A key is `area \0 persoon:<bsn> \0 …` or `area \0 bedrijf:<kvk> \0 …`: its owner ends at its second \0.
    for (const key of this.kept.keys()) {
      const ownerEnd = key.indexOf('\u0000', key.indexOf('\u0000') + 1);
      if (owners.has(key.slice(0, ownerEnd + 1))) this.kept.delete(key);
    }
  }

  /** A notification on `kanaal` arrived: every answer that it may make old is dropped, for everyone. */
  notified(kanaal: string): void {
    this.forgetEverywhere(...(areasOfKanaal[kanaal] ?? allAreas));
  }

  /** Drops every kept answer of these areas, about anyone (a change Voordeur made without knowing whose it is). */
  forgetEverywhere(...areas: AnswerArea[]): void {
    this.epoch++;
    if (!this.kept) return;
    const prefixes = areas.map((area) => `${area}\u0000`);
    for (const key of this.kept.keys()) if (prefixes.some((prefix) => key.startsWith(prefix))) this.kept.delete(key);
  }

  /**
   * How many drops there were so far (also when nothing is kept): an answer read before a change
   * the same request made may be old when this has moved on since (the navigation's counts).
   */
  get drops(): number {
    return this.epoch;
  }

  /** How many answers are kept now (for tests and metrics). */
  get size(): number {
    return this.kept?.size ?? 0;
  }
}
