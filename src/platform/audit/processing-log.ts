/**
 * The processing log ("Wie heeft mijn gegevens gebruikt"), in the manner of the Logboek
 * Dataverwerkingen standard: every read or change of someone's personal data by Voordeur is
 * written down — when, whose data (a keyed hash), what was done, which data, from which source,
 * for which purpose, and who acted (the person, a gemachtigde, later a staff member). The table
 * is append-only (a trigger refuses updates and deletes). The person sees their own log.
 *
 * Nearly every page writes to it, so writes are group-committed (platform/batcher.ts): a write
 * that finds the log idle is one insert at once; the writes of the pages that come in meanwhile
 * wait for it and then go in together as one insert. Each caller still waits until its own rows
 * are stored (durable, as before), and gets the error if that insert fails. On PGlite a statement
 * costs ~1 ms of the one thread, whatever its number of rows (bench/pages.ts, docs/scaling.md).
 */
import type { Insertable } from 'kysely';
import type { Identity } from '../../domain/identity.ts';
import { Batcher } from '../batcher.ts';
import type { Db } from '../db/database.ts';
import type { ProcessingLogTable } from '../db/schema.ts';
import type { IdentityKeys } from '../identity-keys.ts';

export type ProcessingAction = ProcessingLogTable['action'];

export const processingCategories = [
  'persoonsgegevens',
  'bedrijfsgegevens',
  'contactgegevens',
  'notificatievoorkeuren',
  'meldingen',
  'contactmomenten',
  'zaken',
  'documenten',
  'berichten',
  'taken',
  'producten',
] as const;
export type ProcessingCategory = (typeof processingCategories)[number];

/** Why Voordeur processed the data. */
export const processingPurposes = ['inzage', 'wijziging-op-verzoek'] as const;
export type ProcessingPurpose = (typeof processingPurposes)[number];

export interface ProcessingEntry {
  action: ProcessingAction;
  category: ProcessingCategory;
  /** The system the data came from or went to, e.g. "brp", "klantinteracties", "zgw:openzaak", "voordeur". */
  source: string;
  purpose?: ProcessingPurpose;
}

export interface LoggedProcessing {
  occurredAt: Date;
  actor: ProcessingLogTable['actor'];
  /** The department of the staff member who acted (actor medewerker). */
  afdeling?: string;
  action: ProcessingAction;
  category: string;
  source: string;
  purpose: string;
}

type Row = Insertable<ProcessingLogTable>;

export class ProcessingLog {
  private readonly writes: Batcher<Row[], void>;

  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
  ) {
    // Two inserts may be under way at once (PostgreSQL's pool); the rest wait and go in together.
    this.writes = new Batcher<Row[], void>(
      async (batches) => {
        await this.db.insertInto('processing_log').values(batches.flat()).execute();
        return batches.map(() => undefined);
      },
      { concurrency: 2, maxBatch: 200 },
    );
  }

  /** Writes down one or more processings of the identity's data in one insert. */
  async record(identity: Identity, entries: ProcessingEntry[], requestId?: string): Promise<void> {
    if (entries.length === 0) return;
    const subjectKey = this.keys.subject(identity.subject);
    const { staff } = identity;
    const actor = staff
      ? { actor: 'medewerker' as const, actor_key: staff.medewerkerKey, actor_afdeling: staff.afdeling, trace_id: staff.traceId }
      : identity.actor
        ? { actor: 'gemachtigde' as const, actor_key: this.keys.person(identity.actor.bsn) }
        : { actor: 'betrokkene' as const, actor_key: null };
    await this.writes.add(
      entries.map((entry) => ({
        subject_key: subjectKey,
        ...actor,
        action: entry.action,
        category: entry.category,
        source: entry.source,
        // A staff member's reads are for the purpose they stated.
        purpose: staff ? `doel:${staff.doel}` : (entry.purpose ?? 'inzage'),
        request_id: requestId ?? null,
      })),
    );
  }

  /** The identity's subject's log, newest first. */
  async list(identity: Identity, page: { offset: number; limit: number }): Promise<{ entries: LoggedProcessing[]; total: number }> {
    const subjectKey = this.keys.subject(identity.subject);
    const [rows, count] = await Promise.all([
      this.db
        .selectFrom('processing_log')
        .select(['occurred_at', 'actor', 'actor_afdeling', 'action', 'category', 'source', 'purpose'])
        .where('subject_key', '=', subjectKey)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .offset(page.offset)
        .limit(page.limit)
        .execute(),
      this.db
        .selectFrom('processing_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('subject_key', '=', subjectKey)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      entries: rows.map((row) => ({
        occurredAt: new Date(row.occurred_at),
        actor: row.actor,
        ...(row.actor_afdeling ? { afdeling: row.actor_afdeling } : {}),
        action: row.action,
        category: row.category,
        source: row.source,
        purpose: row.purpose,
      })),
      total: Number(count.n),
    };
  }
}
