/**
 * Berichten that organisations pushed through the organisation API, in Voordeur's own database:
 * stored per batch (each bericht once per organisation and berichtId: a resend is idempotent),
 * read back by the organisation (its own only), and shown in Mijn berichten as a BerichtStore
 * with their PDF attachments as a DocumentStore (`urn:voordeur:bijlage:<uuid>:<index>`).
 *
 * Rows are found by the keyed hash of the recipient (`recipient_key`), never by BSN or KvK
 * number; the recipient itself is kept sealed, to tell them about the bericht.
 *
 * Attachments are in the database (bytea), or — when a bucket is configured — those of at least
 * `thresholdBytes` are in S3-compatible storage under a random key (`organisatie-bijlagen/<uuid>`):
 * put before the transaction that makes the bericht visible, and recorded as "to remove unless
 * stored" before they are put, so that an object a crash or a refused batch left behind is removed
 * by the clean-up job (`removeObjects`), as is the object of an attachment deleted by retention.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { type Expression, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import pLimit from 'p-limit';
import { type Listed, SourceUnavailableError } from '../../domain/availability.ts';
import type { Bericht, BerichtenGevonden, BerichtInLijst, BerichtQuery, BerichtStore, StoredBericht } from '../../domain/bericht.ts';
import type { Subject } from '../../domain/identity.ts';
import type { DocumentDownload, DocumentStore, ZaakDocument } from '../../domain/zaak.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ObjectStore } from '../../platform/files/object-store.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Change } from './notification-messages.ts';
import type { ResultaatCode } from './organisatie-aansluiting.ts';

/** A bericht as an organisation sends it, checked. */
export interface NewOrganisatieBericht {
  berichtId: string;
  /** A person by BSN, or a company (for one vestiging, or as a whole). */
  ontvanger: Subject;
  onderwerp: string;
  tekst: string;
  referentie?: string;
  /** The organisation's own kind of bericht (retention per type). */
  berichtType?: string;
  handelingsperspectief?: string;
  /** YYYY-MM-DD. */
  einddatumHandelingstermijn?: string;
  publicatiedatum: Date;
  /** `storageKey`: where the content was put in the bucket (placeBijlagen), if it was. */
  bijlagen: { bestandsnaam: string; inhoud: Buffer; storageKey?: string }[];
}

/** Attachments in S3-compatible storage: those of at least `thresholdBytes` go to `objects`. */
export interface BijlagenBucket {
  objects: ObjectStore;
  thresholdBytes: number;
}

/** How long an object put for a batch may wait for the batch's commit before the clean-up job may remove it. */
export const objectGraceMs = 60 * 60 * 1000;

/** Objects put at the same time for one batch. */
const putConcurrency = 8;

/** What the organisation can know of a bericht it sent. */
export interface OrganisatieBerichtStatus {
  berichtId: string;
  ontvangen: Date;
  publicatiedatum: Date;
  /** When the recipient first opened it ("aantoonbare aflevering"); null while unopened. */
  geopend: Date | null;
  /** The messages that told the recipient (per channel: sent when, and what Notify said of its delivery); empty while none went out. */
  meldingen: { kanaal: 'email' | 'sms'; verstuurd: Date | null; status: string }[];
}

const bijlagePrefix = 'urn:voordeur:bijlage:';
/** A new bericht as a change for the notification pipeline: this prefix and the bericht's id. */
const changeKeyPrefix = 'organisatie-bericht:';
/** The most berichten of one person Mijn berichten reads (10 pages of 100, as from the Objecten API); more are cut off. */
export const listLimit = 1_000;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Tells the recipients of new berichten (the notification pipeline), in the transaction that stores them. */
export type TellRecipients = (changes: Change[], db: Db) => Promise<void>;

/**
 * What became of an organisation's bericht, for its webhook: `bericht.afgeleverd` when it is in
 * the recipient's Mijn berichten (at once, or on its publicatiedatum), `bericht.gemeld` when a
 * notification about it went out, `bericht.geopend` when it was first opened.
 */
export interface BerichtEvent {
  organisatieId: string;
  type: 'bericht.afgeleverd' | 'bericht.gemeld' | 'bericht.geopend';
  berichtId: string;
  at: Date;
  /** bericht.gemeld: by which channel. */
  kanaal?: 'email' | 'sms';
}

/** Tells organisations (that have a webhook) what became of their berichten, in the transaction that records it. */
export type TellOrganisation = (events: BerichtEvent[], db: Db) => Promise<void>;

/** Adds result codes of a batch to the organisation's counts per day, in the transaction `db`. */
export type CountRefusals = (organisatieId: string, counts: Partial<Record<ResultaatCode, number>>, db: Db) => Promise<void>;

/** Plans the publication of berichten whose publicatiedatum is still to come, in the transaction that stores them. */
export type SchedulePublication = (due: { uuid: string; at: Date }[], db: Db) => Promise<void>;

export class OrganisatieBerichten implements BerichtStore, DocumentStore {
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly options: {
      tell?: TellRecipients;
      tellOrganisation?: TellOrganisation;
      schedule?: SchedulePublication;
      /** The person's processing log: the organisation stored a bericht for them. */
      processingLog?: Pick<ProcessingLog, 'recordForOrganisation'>;
      /** Counts a batch's result codes other than `verwerkt` per day (the leveranciersportaal), in its transaction. */
      countRefusals?: CountRefusals;
      /** After a batch is committed, with the recipients of its new berichten (Mijn berichten drops what it kept about them). */
      arrived?: (recipients: Subject[]) => void;
      /** Where attachments of at least a size go; without it every attachment is in the database. */
      bucket?: BijlagenBucket;
      now?: () => Date;
    } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Puts the attachments of at least the threshold in the bucket (when one is configured), each
   * under a new random key that is first recorded as to be removed (so that a crash after the put
   * leaves nothing the clean-up job does not find); the berichten with their keys, ready for
   * `store`, and the berichtIds whose attachments could not be put (the bucket is down: nothing of
   * them is stored, and they can be sent again).
   */
  async placeBijlagen(berichten: NewOrganisatieBericht[]): Promise<{ ready: NewOrganisatieBericht[]; unavailable: Set<string> }> {
    const bucket = this.options.bucket;
    const unavailable = new Set<string>();
    if (!bucket) return { ready: berichten, unavailable };
    const placed = berichten.map((b) => ({
      ...b,
      bijlagen: b.bijlagen.map((bijlage) =>
        bijlage.inhoud.length >= bucket.thresholdBytes ? { ...bijlage, storageKey: `organisatie-bijlagen/${randomUUID()}` } : bijlage,
      ),
    }));
    const puts = placed.flatMap((b) => b.bijlagen.filter((bijlage) => bijlage.storageKey).map((bijlage) => ({ berichtId: b.berichtId, bijlage })));
    if (puts.length === 0) return { ready: berichten, unavailable };
    // The database's clock, as for the trigger that records objects of deleted attachments and for removeObjects.
    const dueAt = sql<Date>`now() + make_interval(secs => ${objectGraceMs / 1000})`;
    await this.db
      .insertInto('organisatie_bijlage_objecten')
      .values(puts.map((put) => ({ storage_key: put.bijlage.storageKey!, due_at: dueAt })))
      .execute();
    const limit = pLimit(putConcurrency);
    await Promise.all(
      puts.map((put) =>
        limit(async () => {
          if (unavailable.has(put.berichtId)) return;
          await bucket.objects.put(put.bijlage.storageKey!, put.bijlage.inhoud, 'application/pdf').catch(() => unavailable.add(put.berichtId));
        }),
      ),
    );
    return { ready: placed.filter((b) => !unavailable.has(b.berichtId)), unavailable };
  }

  /**
   * Removes from the bucket the objects due for removal (left by a crash or a refused batch, or of
   * attachments deleted by retention); how many. An object that cannot be removed now stays due,
   * for the next run. Without a bucket there is nothing to do.
   */
  async removeObjects(): Promise<number> {
    const bucket = this.options.bucket;
    if (!bucket) return 0;
    let removed = 0;
    for (;;) {
      const done = await this.db.transaction().execute(async (trx) => {
        // Locked while they are removed: a batch that commits now finds its object gone, fails, and can be sent again.
        const due = await trx
          .selectFrom('organisatie_bijlage_objecten')
          .select('storage_key')
          .where('due_at', '<=', sql<Date>`now()`)
          .orderBy('due_at')
          .limit(1_000)
          .forUpdate()
          .skipLocked()
          .execute();
        if (due.length === 0) return 0;
        const keys = due.map((row) => row.storage_key);
        await bucket.objects.delete(keys);
        await trx.deleteFrom('organisatie_bijlage_objecten').where('storage_key', 'in', keys).execute();
        return keys.length;
      });
      removed += done;
      if (done < 1_000) return removed;
    }
  }

  /**
   * Stores the berichten of one batch in one transaction. Returns the berichtIds that were new;
   * the others were stored before (by this organisation, with that berichtId) and are left as they were.
   * `refused`: how many of the batch were refused before (per result code), counted in the same
   * transaction together with the resends found now (`bestaatAl`), so that the counts per day agree
   * with what was stored, also after a crash.
   */
  async store(
    organisatieId: string,
    berichten: NewOrganisatieBericht[],
    batch: { refused?: Partial<Record<ResultaatCode, number>>; requestId?: string } = {},
  ): Promise<Set<string>> {
    const refused = Object.values(batch.refused ?? {}).some((n) => n > 0);
    if (berichten.length === 0 && !refused) return new Set();
    const fresh = await this.db.transaction().execute(async (trx) => {
      const fresh = berichten.length > 0 ? await this.insert(trx, organisatieId, berichten, batch.requestId) : new Set<string>();
      const resent = berichten.length - fresh.size;
      await this.options.countRefusals?.(organisatieId, { ...batch.refused, bestaatAl: (batch.refused?.bestaatAl ?? 0) + resent }, trx);
      return fresh;
    });
    if (fresh.size > 0) this.options.arrived?.(berichten.filter((b) => fresh.has(b.berichtId)).map((b) => b.ontvanger));
    return fresh;
  }

  /**
   * The organisation is a sender of these recipients from the first publicatiedatum of its berichten
   * to them (migration 0032: the sender filter of Mijn berichten), in the batch's transaction. In the
   * order of the key, as retention locks them, so that two transactions wait rather than deadlock.
   */
  private async addSenders(trx: Db, organisatieId: string, berichten: { key: string; at: Date }[]): Promise<void> {
    const first = new Map<string, Date>();
    for (const { key, at } of berichten) {
      const earlier = first.get(key);
      if (!earlier || at < earlier) first.set(key, at);
    }
    if (first.size === 0) return;
    await trx
      .insertInto('organisatie_afzenders')
      .values(
        [...first]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, at]) => ({ recipient_key: key, organisatie_id: organisatieId, eerste_publicatie: at })),
      )
      // Changed only when this batch brings an earlier publicatiedatum (but locked either way, as retention expects):
      // a row not written again stays visible to the index-only scan of the sender filter (migration 0034).
      .onConflict((oc) =>
        oc
          .columns(['recipient_key', 'organisatie_id'])
          .doUpdateSet({ eerste_publicatie: sql`excluded.eerste_publicatie` })
          .where(sql<boolean>`excluded.eerste_publicatie < organisatie_afzenders.eerste_publicatie`),
      )
      .execute();
  }

  /** Inserts a batch with its bijlagen, and what follows from it in the same transaction; the berichtIds that were new. */
  private async insert(trx: Db, organisatieId: string, batch: NewOrganisatieBericht[], requestId?: string): Promise<Set<string>> {
    // A berichtId twice in one batch: the first is stored.
    const seen = new Set<string>();
    const berichten = batch.filter((b) => !seen.has(b.berichtId) && seen.add(b.berichtId));
    const ids = new Map(berichten.map((b) => [b.berichtId, randomUUID()]));
    const keys = new Map(berichten.map((b) => [b.berichtId, this.keys.subject(b.ontvanger)]));
    // The berichtId first, in the table that keeps it unique per organisation (organisatie_berichten is partitioned by
    // recipient and cannot): one stored before, or by a batch committing now, is not new. In one order, so that two
    // batches with the same berichtIds wait for each other instead of deadlocking.
    const registered = await trx
      .insertInto('organisatie_bericht_ids')
      .values(
        [...ids]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([berichtId, id]) => ({ id, organisatie_id: organisatieId, bericht_id: berichtId, recipient_key: keys.get(berichtId)! })),
      )
      .onConflict((oc) => oc.columns(['organisatie_id', 'bericht_id']).doNothing())
      .returning('bericht_id')
      .execute();
    const fresh = new Set(registered.map((row) => row.bericht_id));
    if (fresh.size === 0) return fresh;
    await trx
      .insertInto('organisatie_berichten')
      .values(
        berichten
          .filter((b) => fresh.has(b.berichtId))
          .map((b) => ({
            id: ids.get(b.berichtId)!,
            organisatie_id: organisatieId,
            bericht_id: b.berichtId,
            recipient_key: keys.get(b.berichtId)!,
            recipient: this.keys.seal(b.ontvanger),
            onderwerp: b.onderwerp,
            tekst: b.tekst,
            referentie: b.referentie ?? null,
            bericht_type: b.berichtType ?? null,
            handelingsperspectief: b.handelingsperspectief ?? null,
            einddatum_handelingstermijn: b.einddatumHandelingstermijn ?? null,
            publicatiedatum: b.publicatiedatum,
          })),
      )
      .execute();
    await this.addSenders(
      trx,
      organisatieId,
      berichten.filter((b) => fresh.has(b.berichtId)).map((b) => ({ key: keys.get(b.berichtId)!, at: b.publicatiedatum })),
    );
    const bijlagen = berichten
      .filter((b) => fresh.has(b.berichtId))
      .flatMap((b) =>
        b.bijlagen.map((bijlage, index) => ({
          bericht_uuid: ids.get(b.berichtId)!,
          index,
          bestandsnaam: bijlage.bestandsnaam,
          content: bijlage.storageKey ? null : bijlage.inhoud,
          storage_key: bijlage.storageKey ?? null,
          grootte: bijlage.inhoud.length,
        })),
      );
    if (bijlagen.length > 0) await trx.insertInto('organisatie_bijlagen').values(bijlagen).execute();
    // Objects of stored attachments are no longer to be removed; one the clean-up job removed meanwhile fails the batch (sent again, it is new).
    const kept = bijlagen.flatMap((b) => (b.storage_key ? [b.storage_key] : []));
    if (kept.length > 0) {
      const claimed = await trx.deleteFrom('organisatie_bijlage_objecten').where('storage_key', 'in', kept).returning('storage_key').execute();
      if (claimed.length !== kept.length) throw new Error('attachment objects were removed before their berichten were stored');
    }
    // A new bericht is a change for its recipient, told once (bundled with their other changes) with the same commit,
    // and delivered news for the organisation; one published later is both on its publicatiedatum (a job planned now).
    const now = this.now();
    const stored = berichten.filter((b) => fresh.has(b.berichtId));
    const published = stored.filter((b) => b.publicatiedatum.getTime() <= now.getTime());
    const later = stored.filter((b) => b.publicatiedatum.getTime() > now.getTime());
    await this.delivered(
      published.map((b) => ({ uuid: ids.get(b.berichtId)!, organisatieId, berichtId: b.berichtId, ontvanger: b.ontvanger })),
      now,
      trx,
    );
    if (this.options.schedule && later.length > 0)
      await this.options.schedule(
        later.map((b) => ({ uuid: ids.get(b.berichtId)!, at: b.publicatiedatum })),
        trx,
      );
    // In each recipient's processing log ("Wie heeft mijn gegevens gebruikt"), with the commit that stores it.
    if (this.options.processingLog && stored.length > 0) {
      const organisatie = await trx.selectFrom('organisaties').select(['id', 'naam']).where('id', '=', organisatieId).executeTakeFirstOrThrow();
      await this.options.processingLog.recordForOrganisation(
        trx,
        organisatie,
        stored.map((b) => ({
          subject: b.ontvanger,
          entry: { action: 'toevoegen', category: 'berichten', source: 'organisatie-api', purpose: 'informeren' },
        })),
        requestId,
      );
    }
    return fresh;
  }

  /**
   * Publishes berichten planned for later whose publicatiedatum has come (the planned job): the
   * recipient is told, and the organisation. Safe to repeat: the change is stored once per person.
   */
  async publish(uuids: string[]): Promise<void> {
    if (uuids.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('organisatie_berichten')
        .select(['id', 'organisatie_id', 'bericht_id', 'recipient'])
        .where('id', 'in', uuids)
        .where('publicatiedatum', '<=', this.now())
        .execute();
      const due = rows.map((row) => ({
        uuid: row.id,
        organisatieId: row.organisatie_id,
        berichtId: row.bericht_id,
        ontvanger: this.keys.unseal(row.recipient),
      }));
      await this.delivered(due, this.now(), trx);
    });
  }

  /**
   * Tells the organisations whose berichten were in the messages of this notification group (the
   * send stage, after a message went out) that their recipient was notified.
   */
  async notified(group: string, kanaal: 'email' | 'sms'): Promise<void> {
    if (!this.options.tellOrganisation) return;
    const rows = await this.db
      .selectFrom('notification_changes as c')
      // The bericht's id from the change key, so that it is looked up by its index (not every bericht compared with it).
      .innerJoin('organisatie_berichten as b', (join) => join.on('b.id', '=', sql<string>`substr(c.change_key, ${changeKeyPrefix.length + 1})::uuid`))
      .select(['b.organisatie_id', 'b.bericht_id'])
      .where('c.message_group', '=', group)
      .where('c.change_key', 'like', `${changeKeyPrefix}%`)
      .execute();
    const at = this.now();
    await this.tellOrganisations(
      rows.map((row) => ({ organisatieId: row.organisatie_id, type: 'bericht.gemeld' as const, berichtId: row.bericht_id, at, kanaal })),
      this.db,
    );
  }

  /** Berichten now in their recipient's Mijn berichten: the recipients are told (notification pipeline), and the organisations. */
  private async delivered(berichten: { uuid: string; organisatieId: string; berichtId: string; ontvanger: Subject }[], at: Date, db: Db): Promise<void> {
    if (berichten.length === 0) return;
    const changes = berichten.map((b): Change => ({ subject: b.ontvanger, topic: 'bericht', key: `${changeKeyPrefix}${b.uuid}` }));
    if (this.options.tell) await this.options.tell(changes, db);
    await this.tellOrganisations(
      berichten.map((b) => ({ organisatieId: b.organisatieId, type: 'bericht.afgeleverd' as const, berichtId: b.berichtId, at })),
      db,
    );
  }

  /** Only organisations with a webhook are told: no job is queued for the others (a batch of 1,000 stays one insert). */
  private async tellOrganisations(events: BerichtEvent[], db: Db): Promise<void> {
    if (!this.options.tellOrganisation || events.length === 0) return;
    const withWebhook = await db
      .selectFrom('organisaties')
      .select('id')
      .where('id', 'in', [...new Set(events.map((e) => e.organisatieId))])
      .where('callback_url', 'is not', null)
      .execute();
    const told = new Set(withWebhook.map((row) => row.id));
    const wanted = events.filter((e) => told.has(e.organisatieId));
    if (wanted.length > 0) await this.options.tellOrganisation(wanted, db);
  }

  /** A bericht this organisation sent, as far as it may know; null for one it did not send. */
  async status(organisatieId: string, berichtId: string): Promise<OrganisatieBerichtStatus | null> {
    // Through the unique (organisatie_id, bericht_id) of the id table to the bericht's id and recipient: the partitions have no index on bericht_id.
    const row = await this.db
      .selectFrom('organisatie_bericht_ids as i')
      .innerJoin('organisatie_berichten as b', (join) => join.onRef('b.id', '=', 'i.id').onRef('b.recipient_key', '=', 'i.recipient_key'))
      .select(['b.id', 'b.bericht_id', 'b.received_at', 'b.publicatiedatum', 'b.opened_at'])
      .where('i.organisatie_id', '=', organisatieId)
      .where('i.bericht_id', '=', berichtId)
      .executeTakeFirst();
    if (!row) return null;
    // The messages the change of this bericht went out in (the notification pipeline's own record).
    const meldingen = await this.db
      .selectFrom('notification_changes as c')
      .innerJoin('notification_messages as m', 'm.message_group', 'c.message_group')
      .select(['m.channel', 'm.state', 'm.sent_at', 'm.delivery_status'])
      .where('c.change_key', '=', `${changeKeyPrefix}${row.id}`)
      .execute();
    return {
      berichtId: row.bericht_id,
      ontvangen: new Date(row.received_at),
      publicatiedatum: new Date(row.publicatiedatum),
      geopend: row.opened_at && new Date(row.opened_at),
      meldingen: meldingen.map((m) => ({ kanaal: m.channel, verstuurd: m.sent_at && new Date(m.sent_at), status: m.delivery_status ?? m.state })),
    };
  }

  /** The subject's newest berichten (at most `listLimit`: as deep as the Objecten API is read), newest first. */
  async list(subject: Subject): Promise<Listed<Bericht>> {
    // Per key, the inbox's and the archive's index each in their order (migration 0031), merged: not every row sorted.
    const part = (key: string, archived: boolean): RawBuilder<unknown> => {
      const rows: Expression<unknown> = this.berichtRows()
        .where('b.recipient_key', '=', key)
        .where('b.archived_at', archived ? 'is not' : 'is', null)
        .orderBy('b.publicatiedatum', 'desc')
        .orderBy('b.id', 'desc')
        .limit(listLimit + 1);
      return sql`(${rows})`;
    };
    const parts = this.keys.visibleTo(subject).flatMap((key) => [part(key, false), part(key, true)]);
    const { rows } = await sql<BerichtRow>`
      select * from (${sql.join(parts, sql` union all `)}) p order by p.publicatiedatum desc, p.id desc limit ${listLimit + 1}`.execute(this.db);
    return { items: rows.slice(0, listLimit).map((row) => this.toBericht(row)), cutOff: rows.length > listLimit };
  }

  /**
   * The first `query.limit` of the subject's published berichten that match the query, newest
   * first, without their text; how many match; and the senders of all the subject's published
   * berichten. The page is the first rows of one partial index (the inbox's or the archive's,
   * migration 0031) in its order; the count is an index-only scan of the subject's entries
   * (unread: the index of the unread ones), the senders a few rows of their own (migration 0032).
   * A company with vestigingen has several keys: one ordered, limited scan per key, merged (not
   * every row of them sorted).
   */
  async search(subject: Subject, query: BerichtQuery): Promise<BerichtenGevonden> {
    const keys = this.keys.visibleTo(subject);
    const limit = Math.max(0, Math.floor(query.limit));
    // One statement, one round trip: the count and the senders (one row), beside it the page's rows in their order.
    const counted = sql`select ${this.total(keys, query)} as total, array(${this.senders(keys, query.now)}) as senders`;
    const statement =
      limit === 0
        ? counted
        : sql`select p.*, m.total, m.senders from (${counted}) m left join lateral (${this.pageRows(keys, query, limit)}) p on true
              order by p.publicatiedatum desc, p.id desc`;
    const { rows } = await sql<Partial<ListRow> & { total: number; senders: string[] }>`${statement}`.execute(this.db);
    const first = rows[0]!;
    return {
      // Without a match the one row has the count and the senders only.
      items: rows.filter((row): row is ListRow & typeof row => row.id != null).map((row) => this.toListItem(row)),
      total: Number(first.total),
      senders: [...first.senders].sort((a, b) => a.localeCompare(b, 'nl')),
      cutOff: false,
    };
  }

  /**
   * The subject's first `limit` that match, newest first: one ordered scan of an index per key
   * (merged when there are several), stopped after `limit` rows; only those rows are then joined
   * with their sender and attachments. Joined before the limit, the planner — which guesses ~10
   * berichten per recipient from the statistics — may read all of a person's berichten from the
   * heap and sort them (3 ms for a person with 100 of them when they are not in memory).
   */
  private pageRows(keys: string[], query: BerichtQuery, limit: number): Expression<unknown> {
    const newest = (key: string): Expression<unknown> =>
      this.matching(this.db.selectFrom('organisatie_berichten as b').select(listColumns), [key], query)
        .orderBy('b.publicatiedatum', 'desc')
        .orderBy('b.id', 'desc')
        .limit(limit);
    const page =
      keys.length === 1
        ? newest(keys[0]!)
        : sql`select * from (${sql.join(
            keys.map((key) => sql`(${newest(key)})`),
            sql` union all `,
          )}) u order by u.publicatiedatum desc, u.id desc limit ${limit}`;
    return sql`select p.*, o.naam as afzender, ${attachmentIndexes(sql.ref('p.id'))} as bijlagen
      from (${page}) p join organisaties o on o.id = p.organisatie_id`;
  }

  /**
   * How many of the subject's published berichten match: a count of index entries. Read is all
   * minus unread when there is no search (the index of the inbox does not hold opened_at).
   */
  private total(keys: string[], query: BerichtQuery): Expression<unknown> {
    const counted = (q: BerichtQuery): Expression<unknown> =>
      this.matching(this.db.selectFrom('organisatie_berichten as b'), keys, q).select(sql<number>`count(*)::int`.as('n'));
    return query.filter === 'gelezen' && !query.zoek
      ? sql`(${counted({ ...query, filter: 'alle' })}) - (${counted({ ...query, filter: 'ongelezen' })})`
      : sql`(${counted(query)})`;
  }

  /** The names of the organisations that published to these keys by `now`, in the inbox or archived (migration 0032: a few rows, however many berichten). */
  private senders(keys: string[], now: Date): Expression<unknown> {
    const ids = this.db.selectFrom('organisatie_afzenders').select('organisatie_id').where('recipient_key', 'in', keys).where('eerste_publicatie', '<=', now);
    return this.db.selectFrom('organisaties').select('naam').where('id', 'in', ids);
  }

  /** The query's conditions on `b` (organisatie_berichten) for these keys: published, in the inbox or archived, read or not, searched, from a sender. */
  private matching<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>, keys: string[], query: BerichtQuery): SelectQueryBuilder<DB, TB, O> {
    let q = qb
      .where(keys.length === 1 ? sql<boolean>`b.recipient_key = ${keys[0]}` : sql<boolean>`b.recipient_key in (${sql.join(keys)})`)
      .where(sql<boolean>`b.archived_at ${sql.raw(query.filter === 'gearchiveerd' ? 'is not null' : 'is null')}`)
      .where(sql<boolean>`b.publicatiedatum <= ${query.now}`);
    if (query.filter === 'ongelezen') q = q.where(sql<boolean>`b.opened_at is null`);
    if (query.filter === 'gelezen') q = q.where(sql<boolean>`b.opened_at is not null`);
    if (query.zoek) q = q.where(sql<boolean>`strpos(lower(b.onderwerp), ${query.zoek}) > 0`);
    if (query.van) q = q.where(sql<boolean>`b.organisatie_id in (select id from organisaties where naam = ${query.van})`);
    return q;
  }

  /** How many of the subject's berichten published at `now` are in the inbox and not opened: one count on an index of the unread ones. */
  async unread(subject: Subject, now: Date): Promise<number> {
    const row = await this.db
      .selectFrom('organisatie_berichten')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('recipient_key', 'in', this.keys.visibleTo(subject))
      .where('opened_at', 'is', null)
      .where('archived_at', 'is', null)
      .where('publicatiedatum', '<=', now)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async get(subject: Subject, uuid: string): Promise<StoredBericht | null> {
    if (!uuidPattern.test(uuid)) return null;
    // The recipient's keys with every look-up and change: the rows are partitioned by them.
    const visible = this.keys.visibleTo(subject);
    const row = await this.berichtRows().where('b.recipient_key', 'in', visible).where('b.id', '=', uuid).executeTakeFirst();
    if (!row) return null;
    return {
      bericht: this.toBericht(row),
      markOpened: async () => {
        // The first opening counts: it is what the organisation is told ("aantoonbare aflevering").
        const at = this.now();
        await this.db.transaction().execute(async (trx) => {
          const first = await trx
            .updateTable('organisatie_berichten')
            .set({ opened_at: at })
            .where('recipient_key', 'in', visible)
            .where('id', '=', uuid)
            .where('opened_at', 'is', null)
            .returning(['organisatie_id', 'bericht_id'])
            .executeTakeFirst();
          if (first) await this.tellOrganisations([{ organisatieId: first.organisatie_id, type: 'bericht.geopend', berichtId: first.bericht_id, at }], trx);
        });
      },
      archive: async (archived) => {
        await this.db
          .updateTable('organisatie_berichten')
          .set({ archived_at: archived ? this.now() : null })
          .where('recipient_key', 'in', visible)
          .where('id', '=', uuid)
          .execute();
      },
    };
  }

  holdsDocument(url: string): boolean {
    return url.startsWith(bijlagePrefix);
  }

  async documentsAt(urls: string[]): Promise<ZaakDocument[]> {
    const wanted = urls.map(parseBijlage).filter((b): b is { uuid: string; index: number } => b !== null);
    if (wanted.length === 0) return [];
    const rows = await this.db
      .selectFrom('organisatie_bijlagen as a')
      .innerJoin('organisatie_berichten as b', 'b.id', 'a.bericht_uuid')
      .select(['a.bericht_uuid', 'a.index', 'a.bestandsnaam', 'b.publicatiedatum', sql<number>`coalesce(a.grootte, octet_length(a.content))`.as('grootte')])
      .where(
        'a.bericht_uuid',
        'in',
        wanted.map((w) => w.uuid),
      )
      .execute();
    return rows
      .filter((row) => wanted.some((w) => w.uuid === row.bericht_uuid && w.index === row.index))
      .map((row) => toDocument(row.bericht_uuid, row.index, row.bestandsnaam, new Date(row.publicatiedatum), Number(row.grootte)));
  }

  /** An attachment by its URN (the berichten feature has checked that it belongs to one of the person's berichten). */
  async downloadAt(url: string): Promise<DocumentDownload | null> {
    const wanted = parseBijlage(url);
    if (!wanted) return null;
    const row = await this.db
      .selectFrom('organisatie_bijlagen as a')
      .innerJoin('organisatie_berichten as b', 'b.id', 'a.bericht_uuid')
      .select(['a.bestandsnaam', 'a.content', 'a.storage_key', 'b.publicatiedatum'])
      .where('a.bericht_uuid', '=', wanted.uuid)
      .where('a.index', '=', wanted.index)
      .executeTakeFirst();
    if (!row) return null;
    if (row.storage_key) {
      // Streamed from the bucket as it comes, never read whole into memory.
      const object = await this.object(row.storage_key);
      if (!object) return null;
      return {
        document: toDocument(wanted.uuid, wanted.index, row.bestandsnaam, new Date(row.publicatiedatum), object.contentLength),
        file: { body: object.body, contentType: 'application/pdf', contentLength: object.contentLength },
      };
    }
    const content = Buffer.from(row.content!);
    return {
      document: toDocument(wanted.uuid, wanted.index, row.bestandsnaam, new Date(row.publicatiedatum), content.length),
      file: { body: Readable.from([content]), contentType: 'application/pdf', contentLength: content.length },
    };
  }

  /** An attachment's object in the bucket; throws SourceUnavailableError when the bucket cannot be read. */
  private async object(key: string) {
    const bucket = this.options.bucket;
    if (!bucket) throw new SourceUnavailableError('organisatie-bijlagen', 'invalid', 'attachment in a bucket, but no bucket configured');
    try {
      return await bucket.objects.get(key);
    } catch (error) {
      throw new SourceUnavailableError('organisatie-bijlagen', 'network', 'bucket', { cause: error });
    }
  }

  /** A bericht with its text: the row of the list and `tekst`. */
  private berichtRows() {
    return this.listRows().select('b.tekst');
  }

  /** A bericht as a list shows it: what the row of the list needs, not its text. */
  private listRows() {
    return this.db
      .selectFrom('organisatie_berichten as b')
      .innerJoin('organisaties as o', 'o.id', 'b.organisatie_id')
      .select([...listColumns, 'o.naam as afzender', attachmentIndexes(sql.ref('b.id')).as('bijlagen')]);
  }

  private toListItem(row: ListRow): BerichtInLijst {
    return {
      uuid: row.id,
      afzender: row.afzender,
      onderwerp: row.onderwerp,
      publicatiedatum: new Date(row.publicatiedatum),
      referentie: row.referentie ?? undefined,
      handelingsperspectief: row.handelingsperspectief ?? undefined,
      einddatumHandelingstermijn: row.einddatum_handelingstermijn ? new Date(row.einddatum_handelingstermijn) : undefined,
      geopend: row.opened_at !== null,
      gearchiveerd: row.archived_at !== null,
      bijlagen: row.bijlagen.map((index) => `${bijlagePrefix}${row.id}:${Number(index)}`),
    };
  }

  private toBericht(row: BerichtRow): Bericht {
    return { ...this.toListItem(row), tekst: row.tekst };
  }
}

/** A bericht's own columns that a list shows (with its sender's name and its attachments' indexes: ListRow). */
const listColumns = [
  'b.id',
  'b.organisatie_id',
  'b.onderwerp',
  'b.referentie',
  'b.handelingsperspectief',
  'b.einddatum_handelingstermijn',
  'b.publicatiedatum',
  'b.opened_at',
  'b.archived_at',
] as const;

/**
 * The indexes of a bericht's attachments, in the same query (an index probe per bericht), not a
 * second query naming up to 1,000 berichten.
 */
const attachmentIndexes = (berichtId: Expression<unknown>) =>
  sql<number[]>`array(select a.index from organisatie_bijlagen a where a.bericht_uuid = ${berichtId} order by a.index)`;

/** A bericht's row with its text (berichtRows). */
interface BerichtRow extends ListRow {
  tekst: string;
}

/** A row of a list of berichten (listRows). */
interface ListRow {
  id: string;
  onderwerp: string;
  referentie: string | null;
  handelingsperspectief: string | null;
  einddatum_handelingstermijn: string | null;
  publicatiedatum: Date | string;
  opened_at: Date | string | null;
  archived_at: Date | string | null;
  afzender: string;
  bijlagen: number[];
}

function parseBijlage(url: string): { uuid: string; index: number } | null {
  if (!url.startsWith(bijlagePrefix)) return null;
  const [uuid, index] = url.slice(bijlagePrefix.length).split(':');
  return uuid && uuidPattern.test(uuid) && (index === '0' || index === '1') ? { uuid, index: Number(index) } : null;
}

function toDocument(uuid: string, index: number, bestandsnaam: string, datum: Date, grootte: number): ZaakDocument {
  // The berichten feature matches a document to its URL by the URL's last path segment: for a URN, the whole URN.
  return {
    uuid: `${bijlagePrefix}${uuid}:${index}`,
    titel: bestandsnaam.replace(/\.pdf$/i, ''),
    datum: datum.toISOString().slice(0, 10),
    grootte,
    formaat: 'application/pdf',
    bestandsnaam,
  };
}
