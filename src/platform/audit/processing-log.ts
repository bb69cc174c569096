/**
 * The processing log ("Wie heeft mijn gegevens gebruikt"), in the manner of the Logboek
 * Dataverwerkingen standard: every read or change of someone's personal data by Voordeur is
 * written down — when, whose data (a keyed hash), what was done, which data, from which source,
 * for which purpose, and who acted (the person, a gemachtigde, later a staff member). The table
 * is append-only (a trigger refuses updates and deletes). The person sees their own log.
 *
 * Nearly every page writes to it, so writes are group-committed (platform/batcher.ts): the writes
 * handed in during one turn of the event loop (a page's blocks, the other pages handled in that
 * turn) go in as one insert at the end of the turn; those that come while it is under way wait for
 * it and then go in together. Each caller still waits until its own rows are stored (durable, as
 * before), and gets the error if that insert fails. On PGlite a statement costs ~1 ms of the one
 * thread, whatever its number of rows: before the gathering an overzicht wrote 3.5 inserts
 * (bench/pages.ts, docs/scaling.md).
 */
import { sql, type Insertable } from 'kysely';
import type { Identity, Subject } from '../../domain/identity.ts';
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
  /** What the person applied for through Voordeur (features/aanvragen). */
  'aanvragen',
  /** Who may act for the person: recorded when someone starts acting for them (features/machtigingen). */
  'machtiging',
] as const;
export type ProcessingCategory = (typeof processingCategories)[number];

/** Why Voordeur processed the data. */
export const processingPurposes = ['inzage', 'wijziging-op-verzoek', 'vertegenwoordiging', 'informeren'] as const;
export type ProcessingPurpose = (typeof processingPurposes)[number];

export interface ProcessingEntry {
  action: ProcessingAction;
  category: ProcessingCategory;
  /** The system the data came from or went to, e.g. "brp", "klantinteracties", "zgw:openzaak", "voordeur", "organisatie-api" (what an organisation pushed). */
  source: string;
  purpose?: ProcessingPurpose;
}

export interface LoggedProcessing {
  /** The last time in this line (reads collapsed into one line: the latest of them). */
  occurredAt: Date;
  /** How many processings this line stands for: repeated reads of the same thing in a short while are one line. */
  times: number;
  actor: ProcessingLogTable['actor'];
  /** The department of the staff member who acted (actor medewerker). */
  afdeling?: string;
  /** The gemachtigde's name (actor gemachtigde), or the organisation's (actor organisatie). */
  naam?: string;
  /** What the machtiging makes the gemachtigde, e.g. bewindvoerder. */
  rol?: string;
  action: ProcessingAction;
  category: string;
  /** The kind of system where it tells the person something: "zgw" (the zaaksystemen as one), a document's system; else "". */
  source: string;
  purpose: string;
}

/** Which part of the log to show: processings from (inclusive) and before (exclusive) these moments. */
export interface ProcessingPeriod {
  from?: Date;
  until?: Date;
}

/** Reads of the same data by the same actor for the same purpose within this window are one line. */
export const collapseMinutes = 15;

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
      { concurrency: 2, maxBatch: 200, gather: 'turn' },
    );
  }

  /** Writes down one or more processings of the identity's data in one insert. */
  async record(identity: Identity, entries: ProcessingEntry[], requestId?: string): Promise<void> {
    if (entries.length === 0) return;
    const { staff } = identity;
    const actor = staff
      ? { actor: 'medewerker' as const, actor_key: staff.medewerkerKey, actor_afdeling: staff.afdeling, trace_id: staff.traceId }
      : identity.actor
        ? {
            actor: 'gemachtigde' as const,
            actor_key: this.keys.person(identity.actor.bsn),
            actor_naam: identity.actor.name ?? null,
            actor_rol: identity.actor.rol ?? null,
          }
        : { actor: 'betrokkene' as const, actor_key: null };
    await this.insert(identity.subject, actor, entries, requestId, staff ? `doel:${staff.doel}` : undefined);
  }

  /**
   * Writes down what a connected organisation did with people's data through the organisation API
   * (a bericht it stored for them, a zaak or status it pushed): the person sees the organisation's
   * name. Written with `db`, the transaction that stores the push, as one insert for the whole
   * batch (not group-committed): the line is there exactly when the push is.
   */
  async recordForOrganisation(
    db: Db,
    organisatie: { id: string; naam: string },
    processed: { subject: Subject; entry: ProcessingEntry }[],
    requestId?: string,
  ): Promise<void> {
    if (processed.length === 0) return;
    const actor = { actor: 'organisatie' as const, actor_key: organisatie.id, actor_naam: organisatie.naam };
    await db
      .insertInto('processing_log')
      .values(processed.flatMap(({ subject, entry }) => this.rows(subject, actor, [entry], requestId)))
      .execute();
  }

  private async insert(
    subject: Subject,
    actor: Pick<Row, 'actor' | 'actor_key'> & Partial<Row>,
    entries: ProcessingEntry[],
    requestId?: string,
    statedPurpose?: string,
  ): Promise<void> {
    await this.writes.add(this.rows(subject, actor, entries, requestId, statedPurpose));
  }

  private rows(
    subject: Subject,
    actor: Pick<Row, 'actor' | 'actor_key'> & Partial<Row>,
    entries: ProcessingEntry[],
    requestId?: string,
    /** A staff member's reads are for the purpose they stated. */
    statedPurpose?: string,
  ): Row[] {
    const subjectKey = this.keys.subject(subject);
    return entries.map((entry) => ({
      subject_key: subjectKey,
      ...actor,
      action: entry.action,
      category: entry.category,
      source: entry.source,
      purpose: statedPurpose ?? entry.purpose ?? 'inzage',
      request_id: requestId ?? null,
    }));
  }

  /**
   * The identity's subject's log, newest first, as the person reads it: reads of the same data
   * (category and system) by the same actor for the same purpose within the same
   * `collapseMinutes` are one line with their number (`times`); changes are a line each. The
   * collapsing is done by the database, so pages and the total count lines, not rows.
   */
  async list(
    identity: Identity,
    page: { offset: number; limit: number },
    period: ProcessingPeriod = {},
  ): Promise<{ entries: LoggedProcessing[]; total: number }> {
    const subjectKey = this.keys.subject(identity.subject);
    // The person is told which data, not which system: the zaaksystemen are one ("zgw": "uw zaken"), and
    // only documents keep their kind of system (a zaak's documents, or a bericht's bijlagen in "objecten").
    // A read of the same data from two systems at once is one line. The rows keep the systems.
    // What an organisation pushed keeps its kind of system too: it is not the portal's own (zaken "bij {organisatie}").
    const source = sql<string>`case when source like 'zgw:%' then 'zgw' when category = 'documenten' or source = 'organisatie-api' then source else '' end`;
    const bucket = sql`date_bin(${sql.lit(`${collapseMinutes} minutes`)}::interval, occurred_at, timestamptz '2000-01-01 00:00:00+00')`;
    const eachChange = sql`case when action = 'lezen' then null else id end`;
    let rows = this.db.selectFrom('processing_log').where('subject_key', '=', subjectKey);
    if (period.from) rows = rows.where('occurred_at', '>=', period.from);
    if (period.until) rows = rows.where('occurred_at', '<', period.until);
    const lines = rows
      .groupBy(['actor', 'actor_key', 'actor_naam', 'actor_rol', 'actor_afdeling', 'action', 'category', 'purpose'])
      .groupBy([source, bucket, eachChange]);
    const [found, count] = await Promise.all([
      lines
        .select(['actor', 'actor_afdeling', 'actor_naam', 'actor_rol', 'action', 'category', 'purpose'])
        .select((eb) => [eb.fn.max('occurred_at').as('occurred_at'), eb.fn.countAll<string | number>().as('times'), source.as('source')])
        .orderBy(sql`max(occurred_at)`, 'desc')
        .orderBy(sql`max(id)`, 'desc')
        .offset(page.offset)
        .limit(page.limit)
        .execute(),
      this.db
        .selectFrom(lines.select(sql<number>`1`.as('line')).as('lines'))
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      entries: found.map((row) => ({
        occurredAt: new Date(row.occurred_at),
        times: Number(row.times),
        actor: row.actor,
        ...(row.actor_afdeling ? { afdeling: row.actor_afdeling } : {}),
        ...(row.actor_naam ? { naam: row.actor_naam } : {}),
        ...(row.actor_rol ? { rol: row.actor_rol } : {}),
        action: row.action,
        category: row.category,
        source: row.source,
        purpose: row.purpose,
      })),
      total: Number(count.n),
    };
  }
}
