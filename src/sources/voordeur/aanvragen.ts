/**
 * Aanvragen kept in Voordeur's own database (tables aanvragen and aanvraag_bestanden, migration
 * 0014): concepts while the person fills in the form, bound to who logged in (the subject and, for
 * a gemachtigde, the gemachtigde); sent aanvragen with their kenmerk and moment of receipt, stored
 * before anything is delivered, and what each delivery step created (so that a retry finds it and
 * creates nothing twice). Answers, subject and files are sealed with the identity keys.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AanvraagRoute } from '../../domain/aanvraag.ts';
import type { Identity, Subject } from '../../domain/identity.ts';
import type { AanvragenTable, Database } from '../../platform/db/schema.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { BevestigingBerichten, type BevestigingRows, bevestigingPdf, type KeptBevestiging, type Ontvangstbevestiging } from './ontvangstbevestiging.ts';

/** What the person filled in so far: the checked data of the pages done, and what was typed per page (also when it did not pass), by page number. */
export interface Answers {
  /** The form's starting values from the BRP, the KvK and contact details (field key → value). */
  prefill: Record<string, unknown>;
  data: Record<string, unknown>;
  values: Record<string, Record<string, string | string[]>>;
  /** The form fields that were prefilled (from BRP, KvK or contact details). */
  prefilled: string[];
  /** Once sent: the answers as the person read them on the summary, by part (for the PDF). */
  summary?: { title: string; items: { label: string; value: string }[] }[];
  /** Once sent: the ontvangstbevestiging as a bericht, in the words of the moment it was sent. */
  bevestiging?: Ontvangstbevestiging;
}

export interface Concept {
  id: string;
  producttype: string;
  titel: string;
  stap: number;
  answers: Answers;
  updatedAt: Date;
}

export interface ConceptSummary {
  id: string;
  producttype: string;
  titel: string;
  updatedAt: Date;
}

export interface KeptFile {
  veld: string;
  volgnummer: number;
  name: string;
  formaat: string;
  size: number;
}

export interface KeptFileWithContent extends KeptFile {
  content: Buffer;
  documentUrl: string | null;
}

export interface Received {
  id: string;
  producttype: string;
  titel: string;
  kenmerk: string;
  ontvangenAt: Date;
  answers: Answers;
  zaakUrl: string | null;
  afgeleverd: boolean;
}

export interface ToDeliver extends Received {
  subject: Subject;
  route: AanvraagRoute;
  objectUrl: string | null;
  rolUrl: string | null;
  /** The PDF of the answers in the Documenten API, once made. */
  pdfUrl: string | null;
  files: KeptFileWithContent[];
}

export interface Undelivered {
  id: string;
  kenmerk: string;
  titel: string;
  route: AanvraagRoute;
  ontvangenAt: Date;
}

/**
 * A kenmerk a person can read out on the phone: AV- and the first `length` characters of the
 * submission id (eight, unless another aanvraag has those already: see `kenmerkLengths`).
 */
export const kenmerkOf = (id: string, length = 8) => `AV-${id.replace(/-/g, '').slice(0, length).toUpperCase()}`;

/**
 * The lengths a kenmerk is tried with, shortest first: eight characters collide among some 65,000
 * aanvragen (the birthday bound of 16⁸), so when another aanvraag has them, more of the id is taken;
 * the whole id (32) is unique.
 */
export const kenmerkLengths = [8, 12, 16, 32] as const;

/** Whether an error is PostgreSQL's (and PGlite's) unique violation. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class AanvraagStore {
  /**
   * The ontvangstbevestigingen of sent aanvragen as berichten in Mijn berichten, each with the
   * PDF of the answers (`urn:voordeur:aanvraag:<id>:antwoorden.pdf`, made when it is downloaded).
   */
  readonly berichten: BevestigingBerichten;

  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.berichten = new BevestigingBerichten(keys, this.bevestigingRows());
  }

  /** The confirmations in the aanvragen table: of the aanvragen received, the ones that have one. */
  private bevestigingRows(): BevestigingRows {
    const received = () => this.db.selectFrom('aanvragen').selectAll().where('status', '=', 'ontvangen');
    const kept = (row: Selectable<AanvragenTable>): KeptBevestiging[] => {
      const answers = this.keys.unsealJson<Answers>(row.antwoorden);
      if (!answers.bevestiging || !row.ontvangen_at) return [];
      return [
        {
          id: row.id,
          bevestiging: answers.bevestiging,
          titel: row.titel,
          sections: answers.summary ?? [],
          ontvangen: row.ontvangen_at,
          kenmerk: row.kenmerk ?? undefined,
          geopend: row.bevestiging_geopend_at !== null,
        },
      ];
    };
    return {
      soort: 'aanvraag',
      bestand: 'antwoorden.pdf',
      list: async (subjectKey, limit) => {
        const rows = await received().where('subject_key', '=', subjectKey).orderBy('ontvangen_at', 'desc').limit(limit).execute();
        return { items: rows.flatMap(kept), cutOff: rows.length === limit };
      },
      get: async (subjectKey, id) => {
        const row = await received().where('id', '=', id).where('subject_key', '=', subjectKey).executeTakeFirst();
        return (row && kept(row)[0]) ?? null;
      },
      at: async (ids) => (await received().where('id', 'in', ids).execute()).flatMap(kept),
      markOpened: async (id) => {
        await this.db
          .updateTable('aanvragen')
          .set({ bevestiging_geopend_at: this.now() })
          .where('id', '=', id)
          .where('bevestiging_geopend_at', 'is', null)
          .execute();
      },
    };
  }

  /** Who logged in: the subject, and the gemachtigde when someone acts for them. */
  private owner(identity: Identity): string {
    const subject = this.keys.subject(identity.subject);
    return identity.actor ? `${subject}.${this.keys.person(identity.actor.bsn)}` : subject;
  }

  async createConcept(identity: Identity, producttype: { id: string; titel: string }, answers: Answers): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto('aanvragen')
      .values({
        id,
        owner_key: this.owner(identity),
        subject_key: this.keys.subject(identity.subject),
        subject: this.keys.seal(identity.subject),
        producttype: producttype.id,
        titel: producttype.titel,
        status: 'concept',
        stap: 1,
        antwoorden: this.keys.sealJson(answers),
        updated_at: this.now(),
      })
      .execute();
    return id;
  }

  /** A concept of whoever logged in; null when it does not exist, is someone else's or was sent. */
  async concept(identity: Identity, id: string): Promise<Concept | null> {
    if (!uuidPattern.test(id)) return null;
    const row = await this.db
      .selectFrom('aanvragen')
      .select(['id', 'producttype', 'titel', 'stap', 'antwoorden', 'updated_at'])
      .where('id', '=', id)
      .where('owner_key', '=', this.owner(identity))
      .where('status', '=', 'concept')
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          producttype: row.producttype,
          titel: row.titel,
          stap: row.stap,
          answers: this.keys.unsealJson<Answers>(row.antwoorden),
          updatedAt: row.updated_at,
        }
      : null;
  }

  async saveConcept(identity: Identity, id: string, stap: number, answers: Answers): Promise<boolean> {
    const result = await this.db
      .updateTable('aanvragen')
      .set({ stap, antwoorden: this.keys.sealJson(answers), updated_at: this.now(), gewaarschuwd_at: null })
      .where('id', '=', id)
      .where('owner_key', '=', this.owner(identity))
      .where('status', '=', 'concept')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The concepts of whoever logged in, last saved first. */
  async concepts(identity: Identity): Promise<ConceptSummary[]> {
    const rows = await this.db
      .selectFrom('aanvragen')
      .select(['id', 'producttype', 'titel', 'updated_at'])
      .where('owner_key', '=', this.owner(identity))
      .where('status', '=', 'concept')
      .orderBy('updated_at', 'desc')
      .limit(50)
      .execute();
    return rows.map((row) => ({ id: row.id, producttype: row.producttype, titel: row.titel, updatedAt: row.updated_at }));
  }

  async deleteConcept(identity: Identity, id: string): Promise<boolean> {
    if (!uuidPattern.test(id)) return false;
    const result = await this.db
      .deleteFrom('aanvragen')
      .where('id', '=', id)
      .where('owner_key', '=', this.owner(identity))
      .where('status', '=', 'concept')
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** Puts these files in place of the field's files of a concept (whose ownership the caller checked). */
  async replaceFiles(id: string, veld: string, files: { name: string; formaat: string; content: Buffer }[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('aanvraag_bestanden').where('aanvraag', '=', id).where('veld', '=', veld).execute();
      if (files.length === 0) return;
      await trx
        .insertInto('aanvraag_bestanden')
        .values(
          files.map((file, index) => ({
            aanvraag: id,
            veld,
            volgnummer: index + 1,
            bestandsnaam: file.name,
            formaat: file.formaat,
            grootte: file.content.length,
            inhoud: this.keys.sealJson(file.content.toString('base64')),
            document_url: null,
          })),
        )
        .execute();
    });
  }

  /** The files of an aanvraag, without their content. */
  async fileList(id: string): Promise<KeptFile[]> {
    const rows = await this.db
      .selectFrom('aanvraag_bestanden')
      .select(['veld', 'volgnummer', 'bestandsnaam', 'formaat', 'grootte'])
      .where('aanvraag', '=', id)
      .orderBy('veld')
      .orderBy('volgnummer')
      .execute();
    return rows.map((row) => ({ veld: row.veld, volgnummer: row.volgnummer, name: row.bestandsnaam, formaat: row.formaat, size: row.grootte }));
  }

  async files(id: string, db: Kysely<Database> = this.db): Promise<KeptFileWithContent[]> {
    const rows = await db.selectFrom('aanvraag_bestanden').selectAll().where('aanvraag', '=', id).orderBy('veld').orderBy('volgnummer').execute();
    return rows.map((row) => ({
      veld: row.veld,
      volgnummer: row.volgnummer,
      name: row.bestandsnaam,
      formaat: row.formaat,
      size: row.grootte,
      content: Buffer.from(this.keys.unsealJson<string>(row.inhoud), 'base64'),
      documentUrl: row.document_url,
    }));
  }

  /**
   * Sends a concept: from now on it is an aanvraag received, with its kenmerk and moment, and
   * `deliver` adds its delivery job in the same transaction. 'already' when it was sent before (a
   * second press, a replayed request): nothing is stored twice. The kenmerk is the shortest of
   * `kenmerkLengths` no other aanvraag has (the column is unique: two sent at the same moment with
   * the same start are tried again); `answers` are made with it (its confirmation names it).
   */
  async submit(
    identity: Identity,
    id: string,
    route: AanvraagRoute,
    answers: Answers | ((kenmerk: string) => Answers),
    deliver: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<{ outcome: 'sent' | 'already'; kenmerk: string } | { outcome: 'not-found' }> {
    if (!uuidPattern.test(id)) return { outcome: 'not-found' };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const candidates = kenmerkLengths.map((length) => kenmerkOf(id, length));
          const taken = await trx.selectFrom('aanvragen').select('kenmerk').where('kenmerk', 'in', candidates).where('id', '!=', id).execute();
          const kenmerk = candidates.find((candidate) => !taken.some((row) => row.kenmerk === candidate))!;
          const sent = await trx
            .updateTable('aanvragen')
            .set({
              status: 'ontvangen',
              kenmerk,
              ontvangen_at: this.now(),
              route,
              antwoorden: this.keys.sealJson(typeof answers === 'function' ? answers(kenmerk) : answers),
              updated_at: this.now(),
            })
            .where('id', '=', id)
            .where('owner_key', '=', this.owner(identity))
            .where('status', '=', 'concept')
            .executeTakeFirst();
          if (Number(sent.numUpdatedRows) === 1) {
            await deliver(trx);
            return { outcome: 'sent' as const, kenmerk };
          }
          const before = await trx
            .selectFrom('aanvragen')
            .select(['id', 'kenmerk'])
            .where('id', '=', id)
            .where('owner_key', '=', this.owner(identity))
            .executeTakeFirst();
          return before ? { outcome: 'already' as const, kenmerk: before.kenmerk ?? kenmerkOf(id) } : { outcome: 'not-found' as const };
        });
      } catch (error) {
        // Another aanvraag took the same kenmerk at the same moment: the next attempt sees it and takes a longer one.
        if (!isUniqueViolation(error) || attempt === kenmerkLengths.length) throw error;
      }
    }
  }

  /** An aanvraag received for this subject (whoever of them sent it); null when it does not exist, is someone else's or is a concept. */
  async received(subject: Subject, id: string): Promise<Received | null> {
    if (!uuidPattern.test(id)) return null;
    const row = await this.db
      .selectFrom('aanvragen')
      .selectAll()
      .where('id', '=', id)
      .where('subject_key', '=', this.keys.subject(subject))
      .where('status', '=', 'ontvangen')
      .executeTakeFirst();
    return row ? this.toReceived(row) : null;
  }

  /** The aanvragen received for this subject, newest first. */
  async receivedList(subject: Subject): Promise<Received[]> {
    const rows = await this.db
      .selectFrom('aanvragen')
      .selectAll()
      .where('subject_key', '=', this.keys.subject(subject))
      .where('status', '=', 'ontvangen')
      .orderBy('ontvangen_at', 'desc')
      .limit(50)
      .execute();
    return rows.map((row) => this.toReceived(row));
  }

  private toReceived(row: Selectable<AanvragenTable>): Received {
    return {
      id: row.id,
      producttype: row.producttype,
      titel: row.titel,
      kenmerk: row.kenmerk ?? '',
      ontvangenAt: row.ontvangen_at ?? row.updated_at,
      answers: this.keys.unsealJson<Answers>(row.antwoorden),
      zaakUrl: row.zaak_url,
      afgeleverd: row.afgeleverd_at !== null,
    };
  }

  /** An aanvraag to deliver, with what earlier attempts created; null when there is none (or it is a concept). */
  async toDeliver(id: string): Promise<ToDeliver | null> {
    const row = await this.db.selectFrom('aanvragen').selectAll().where('id', '=', id).where('status', '=', 'ontvangen').executeTakeFirst();
    if (!row) return null;
    return {
      ...this.toReceived(row),
      subject: this.keys.unseal(row.subject),
      route: row.route ?? 'objecten',
      objectUrl: row.object_url,
      rolUrl: row.rol_url,
      pdfUrl: row.pdf_url,
      files: await this.files(id),
    };
  }

  /** Notes what a delivery step created, before the next step. */
  async created(id: string, what: 'object_url' | 'zaak_url' | 'rol_url' | 'pdf_url', url: string): Promise<void> {
    await this.db
      .updateTable('aanvragen')
      .set({ [what]: url })
      .where('id', '=', id)
      .execute();
  }

  async createdDocument(id: string, veld: string, volgnummer: number, url: string): Promise<void> {
    await this.db
      .updateTable('aanvraag_bestanden')
      .set({ document_url: url })
      .where('aanvraag', '=', id)
      .where('veld', '=', veld)
      .where('volgnummer', '=', volgnummer)
      .execute();
  }

  /** Delivered: from now on the back office has the files, and Voordeur no longer keeps them. */
  async delivered(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('aanvragen').set({ afgeleverd_at: this.now() }).where('id', '=', id).where('afgeleverd_at', 'is', null).execute();
      await trx.deleteFrom('aanvraag_bestanden').where('aanvraag', '=', id).execute();
    });
  }

  /**
   * A zaak the back office made names these kenmerken (its identificatie, its kenmerken): the
   * aanvragen it was made of, now linked to it (the first zaak stays), with whose they are.
   */
  async zaakMade(kenmerken: string[], zaakUrl: string): Promise<{ id: string; subject: Subject }[]> {
    if (kenmerken.length === 0) return [];
    const rows = await this.db
      .selectFrom('aanvragen')
      .select(['id', 'subject', 'zaak_url'])
      .where('kenmerk', 'in', kenmerken)
      .where('status', '=', 'ontvangen')
      .execute();
    const unlinked = rows.filter((row) => row.zaak_url === null).map((row) => row.id);
    if (unlinked.length > 0)
      await this.db.updateTable('aanvragen').set({ zaak_url: zaakUrl }).where('id', 'in', unlinked).where('zaak_url', 'is', null).execute();
    return rows.map((row) => ({ id: row.id, subject: this.keys.unseal(row.subject) }));
  }

  /** Aanvragen received and not yet delivered, oldest first (for beheer). */
  async undelivered(): Promise<Undelivered[]> {
    const rows = await this.db
      .selectFrom('aanvragen')
      .select(['id', 'kenmerk', 'titel', 'route', 'ontvangen_at'])
      .where('status', '=', 'ontvangen')
      .where('afgeleverd_at', 'is', null)
      .orderBy('ontvangen_at')
      .execute();
    return rows.map((row) => ({ id: row.id, kenmerk: row.kenmerk ?? '', titel: row.titel, route: row.route ?? 'objecten', ontvangenAt: row.ontvangen_at! }));
  }

  /** Concepts last saved before `before` that were not warned about yet: their owners, to warn once. */
  async conceptsToWarn(before: Date): Promise<{ id: string; subject: Subject; titel: string; updatedAt: Date }[]> {
    const rows = await this.db
      .selectFrom('aanvragen')
      .select(['id', 'subject', 'titel', 'updated_at'])
      .where('status', '=', 'concept')
      .where('updated_at', '<', before)
      .where('gewaarschuwd_at', 'is', null)
      .limit(1000)
      .execute();
    return rows.map((row) => ({ id: row.id, subject: this.keys.unseal(row.subject), titel: row.titel, updatedAt: row.updated_at }));
  }

  /** Notes that the owners of these concepts were warned; a concept saved again since is not (its new day gets a new warning). */
  async warned(concepts: { id: string; updatedAt: Date }[]): Promise<void> {
    for (const { id, updatedAt } of concepts) {
      await this.db
        .updateTable('aanvragen')
        .set({ gewaarschuwd_at: this.now() })
        .where('id', '=', id)
        .where('status', '=', 'concept')
        .where('updated_at', '=', updatedAt)
        .execute();
    }
  }

  /** The PDF of the answers of an aanvraag to deliver, as the person has it with their confirmation; null when it has no confirmation. */
  async answersPdf(aanvraag: Pick<Received, 'titel' | 'answers' | 'ontvangenAt'>): Promise<{ content: Buffer; bestandsnaam: string } | null> {
    const { bevestiging } = aanvraag.answers;
    return bevestiging
      ? {
          content: await bevestigingPdf(aanvraag.titel, bevestiging, aanvraag.answers.summary ?? [], aanvraag.ontvangenAt),
          bestandsnaam: bevestiging.bestandsnaam,
        }
      : null;
  }

  /** Deletes the concepts last saved before `before` (their files go along). */
  async purgeConcepts(before: Date): Promise<number> {
    const result = await this.db.deleteFrom('aanvragen').where('status', '=', 'concept').where('updated_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
