/**
 * Lopende zaken that organisations push through the organisation API, in Voordeur's own database,
 * shown in Mijn zaken as one more zaaksysteem (`/zaken/organisaties/<uuid>`), with the same
 * timeline: the organisation names its process steps in order, and each status moves the zaak to
 * one of them. A zaak is its recipient's: found by the keyed hash of the recipient (a person; a
 * company, also from any of its vestigingen for one addressed to the company as a whole).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Subject } from '../../domain/identity.ts';
import {
  type AddDocumentOutcome,
  buildTimeline,
  type DocumentDownload,
  type Zaak,
  type ZaakDetail,
  type ZaakDocument,
  type Zaaksysteem,
  type ZakenOfSubject,
} from '../../domain/zaak.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { Change } from './notification-messages.ts';
import type { TellRecipients } from './organisatie-berichten.ts';

export const organisatieZakenSysteem = 'organisaties';

/** A zaak as an organisation sends it, checked. */
export interface PushedZaak {
  zaakId: string;
  ontvanger: Subject;
  titel: string;
  soort?: string;
  toelichting?: string;
  /** The names of the process steps, in order (at least one). */
  stappen: string[];
  /** YYYY-MM-DD. */
  startdatum: string;
  einddatumGepland?: string;
  einddatum?: string;
  resultaat?: string;
}

export type StatusOutcome = 'verwerkt' | 'zaakOnbekend' | 'stapOnbekend';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class OrganisatieZaken implements Zaaksysteem {
  readonly naam = organisatieZakenSysteem;
  readonly acceptsUploads = false;

  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly options: {
      tell?: TellRecipients;
      /** The person's processing log: the organisation pushed their zaak, or a status of it. */
      processingLog?: Pick<ProcessingLog, 'recordForOrganisation'>;
    } = {},
  ) {}

  /** Creates the zaak, or replaces what the organisation said of it (its statussen stay); true when it is new. */
  async put(organisatieId: string, zaak: PushedZaak): Promise<boolean> {
    const values = {
      recipient_key: this.keys.subject(zaak.ontvanger),
      recipient: this.keys.seal(zaak.ontvanger),
      titel: zaak.titel,
      soort: zaak.soort ?? null,
      toelichting: zaak.toelichting ?? null,
      stappen: JSON.stringify(zaak.stappen),
      startdatum: zaak.startdatum,
      einddatum_gepland: zaak.einddatumGepland ?? null,
      einddatum: zaak.einddatum ?? null,
      resultaat: zaak.resultaat ?? null,
      updated_at: new Date(),
    };
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('organisatie_zaken')
        .values({ id: randomUUID(), organisatie_id: organisatieId, zaak_id: zaak.zaakId, ...values })
        .onConflict((oc) => oc.columns(['organisatie_id', 'zaak_id']).doUpdateSet(values))
        // xmax is 0 for a row this statement inserted, not for one it updated (PostgreSQL).
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .executeTakeFirstOrThrow();
      await this.logged(trx, organisatieId, zaak.ontvanger, row.inserted ? 'toevoegen' : 'wijzigen');
      return row.inserted;
    });
  }

  /** In the person's processing log ("Wie heeft mijn gegevens gebruikt"), with the commit that stores the push. */
  private async logged(trx: Db, organisatieId: string, subject: Subject, action: 'toevoegen' | 'wijzigen'): Promise<void> {
    if (!this.options.processingLog) return;
    const organisatie = await trx.selectFrom('organisaties').select(['id', 'naam']).where('id', '=', organisatieId).executeTakeFirstOrThrow();
    await this.options.processingLog.recordForOrganisation(trx, organisatie, [
      { subject, entry: { action, category: 'zaken', source: 'organisatie-api', purpose: 'informeren' } },
    ]);
  }

  /** Moves the zaak on to a step (by name); tells the recipient, in the same transaction. */
  async addStatus(organisatieId: string, zaakId: string, status: { stap: string; datum: Date; toelichting?: string }): Promise<StatusOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const zaak = await trx
        .selectFrom('organisatie_zaken')
        .select(['id', 'stappen', 'recipient'])
        .where('organisatie_id', '=', organisatieId)
        .where('zaak_id', '=', zaakId)
        .executeTakeFirst();
      if (!zaak) return 'zaakOnbekend';
      const stap = stappenOf(zaak.stappen).indexOf(status.stap);
      if (stap < 0) return 'stapOnbekend';
      const inserted = await trx
        .insertInto('organisatie_zaak_statussen')
        .values({ zaak_uuid: zaak.id, stap, datum: status.datum, toelichting: status.toelichting ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const change: Change = { subject: this.keys.unseal(zaak.recipient), topic: 'zaak', key: `organisatie-zaak-status:${inserted.id}` };
      await this.options.tell?.([change], trx);
      await this.logged(trx, organisatieId, change.subject, 'wijzigen');
      return 'verwerkt';
    });
  }

  async zakenOf(subject: Subject): Promise<ZakenOfSubject> {
    const rows = await this.zaakRows().where('z.recipient_key', 'in', this.keys.visibleTo(subject)).execute();
    const latest = await this.latestStatussen(rows.map((row) => row.id));
    const zaken = rows.map((row) => this.toZaak(row, latest.get(row.id)));
    zaken.sort((a, b) => b.laatsteWijziging.getTime() - a.laatsteWijziging.getTime());
    return { zaken, notShown: 0 };
  }

  async zaakDetail(subject: Subject, uuid: string): Promise<ZaakDetail | null> {
    if (!uuidPattern.test(uuid)) return null;
    const row = await this.zaakRows().where('z.recipient_key', 'in', this.keys.visibleTo(subject)).where('z.id', '=', uuid).executeTakeFirst();
    if (!row) return null;
    const statussen = await this.db
      .selectFrom('organisatie_zaak_statussen')
      .select(['stap', 'datum', 'toelichting'])
      .where('zaak_uuid', '=', uuid)
      .orderBy('datum')
      .orderBy('id')
      .execute();
    const stappen = stappenOf(row.stappen);
    const timeline = buildTimeline(
      stappen.map((naam, index) => ({ key: String(index), volgnummer: index + 1, naam, isEindstatus: index === stappen.length - 1 })),
      statussen.map((s) => ({ statustype: String(s.stap), datum: new Date(s.datum), toelichting: s.toelichting ?? undefined })),
    );
    const last = statussen.at(-1);
    return {
      zaak: this.toZaak(row, last && { stap: last.stap, datum: new Date(last.datum), toelichting: last.toelichting }),
      timeline,
      resultaat: row.resultaat ? { omschrijving: row.resultaat } : undefined,
      documents: [],
    };
  }

  // Pushed zaken have no documents (yet): nothing to download or add.
  async downloadDocument(): Promise<DocumentDownload | null> {
    return null;
  }

  async addDocument(): Promise<AddDocumentOutcome> {
    throw new Error('pushed zaken take no documents');
  }

  holdsDocument(): boolean {
    return false;
  }

  async documentsAt(): Promise<ZaakDocument[]> {
    return [];
  }

  async downloadAt(): Promise<DocumentDownload | null> {
    return null;
  }

  // Their changes are told when they are pushed, not through the Notificaties API.
  holdsZaak(): boolean {
    return false;
  }

  async initiatorsOf(): Promise<Subject[]> {
    return [];
  }

  private zaakRows() {
    return this.db
      .selectFrom('organisatie_zaken as z')
      .innerJoin('organisaties as o', 'o.id', 'z.organisatie_id')
      .select([
        'z.id',
        'z.zaak_id',
        'z.titel',
        'z.soort',
        'z.toelichting',
        'z.stappen',
        'z.startdatum',
        'z.einddatum_gepland',
        'z.einddatum',
        'z.resultaat',
        'o.naam as organisatie',
      ]);
  }

  private async latestStatussen(uuids: string[]): Promise<Map<string, { stap: number; datum: Date; toelichting: string | null }>> {
    const latest = new Map<string, { stap: number; datum: Date; toelichting: string | null }>();
    if (uuids.length === 0) return latest;
    const rows = await this.db
      .selectFrom('organisatie_zaak_statussen')
      .select(['zaak_uuid', 'stap', 'datum', 'toelichting'])
      .where('zaak_uuid', 'in', uuids)
      .orderBy('datum')
      .orderBy('id')
      .execute();
    for (const row of rows) latest.set(row.zaak_uuid, { stap: row.stap, datum: new Date(row.datum), toelichting: row.toelichting });
    return latest;
  }

  private toZaak(
    row: {
      id: string;
      zaak_id: string;
      titel: string;
      soort: string | null;
      toelichting: string | null;
      stappen: string[] | string;
      startdatum: string;
      einddatum_gepland: string | null;
      einddatum: string | null;
      organisatie: string;
    },
    status: { stap: number; datum: Date; toelichting: string | null } | undefined,
  ): Zaak {
    const stappen = stappenOf(row.stappen);
    return {
      ref: { systeem: organisatieZakenSysteem, uuid: row.id },
      organisatie: row.organisatie,
      identificatie: row.zaak_id,
      omschrijving: row.titel,
      toelichting: row.toelichting ?? undefined,
      zaaktype: row.soort ?? '',
      startdatum: row.startdatum,
      einddatum: row.einddatum ?? undefined,
      einddatumGepland: row.einddatum_gepland ?? undefined,
      status: status && { naam: stappen[status.stap] ?? '', datum: status.datum, toelichting: status.toelichting ?? undefined },
      laatsteWijziging: status?.datum ?? new Date(row.startdatum),
    };
  }
}

function stappenOf(value: string[] | string): string[] {
  return typeof value === 'string' ? (JSON.parse(value) as string[]) : value;
}
