/**
 * The one way to say "a source cannot answer now" (docs/decisions/0007-feature-contract.md).
 *
 * A source throws `SourceUnavailableError` when it does not answer in time, answers with an
 * error, or answers something unexpected, and `SourceRejectedError` when it refuses what was sent.
 * A feature's service turns reads into an `Availability`: the value, or which sources could not
 * answer; one route helper and one component (`<Unavailable>`) turn that into a page or a block
 * that says which part cannot be shown right now, so that a source that is down costs only its
 * own part of a page.
 */
import type { Log } from './log.ts';

/** The source did not answer in time, answered with an error, or answered something unexpected. */
export class SourceUnavailableError extends Error {
  constructor(
    readonly source: string,
    readonly reason: 'timeout' | 'network' | 'status' | 'invalid',
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${reason} (${detail})`, options);
    this.name = 'SourceUnavailableError';
  }
}

/** The source refused what was sent (4xx other than 404): a programming or data error, not an outage. */
export class SourceRejectedError extends Error {
  constructor(
    readonly source: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${source}: request refused with ${status}`);
    this.name = 'SourceRejectedError';
  }
}

/** A source that failed: unavailable, or refusing what was sent. */
export type SourceFailure = SourceUnavailableError | SourceRejectedError;

export function isSourceFailure(error: unknown): error is SourceFailure {
  return error instanceof SourceUnavailableError || error instanceof SourceRejectedError;
}

/**
 * Source-backed data: the value (with the sources that could not add their part, when some could
 * and others could not), or the sources that could not answer.
 */
export type Availability<T> = { unavailable: false; value: T; missing?: readonly string[] } | { unavailable: true; sources: readonly string[] };

export function available<T>(value: T, missing: readonly string[] = []): Availability<T> {
  return missing.length > 0 ? { unavailable: false, value, missing } : { unavailable: false, value };
}

export function unavailable<T = never>(sources: readonly string[]): Availability<T> {
  return { unavailable: true, sources };
}

/** The value of an available result, else undefined. */
export function availableValue<T>(result: Availability<T>): T | undefined {
  return result.unavailable ? undefined : result.value;
}

/** Runs `work`; a SourceUnavailableError becomes an unavailable result (logged once), anything else is rethrown. */
export async function whenAvailable<T>(work: () => Promise<T>, log: Pick<Log, 'warn'>): Promise<Availability<T>> {
  try {
    return available(await work());
  } catch (error) {
    if (error instanceof SourceUnavailableError) {
      log.warn({ source: error.source, reason: error.reason, detail: error.message }, 'source unavailable');
      return unavailable([error.source]);
    }
    throw error;
  }
}

/** A list as a store read it: its items, and whether it stopped before the end (the person has more than it reads at most). */
export interface Listed<T> {
  items: T[];
  cutOff: boolean;
}
