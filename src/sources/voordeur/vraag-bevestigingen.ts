/**
 * The ontvangstbevestiging of a question asked with "Stel een vraag", as a bericht in Mijn
 * berichten with the question as a PDF (the same kind of confirmation an aanvraag gets:
 * ontvangstbevestiging.ts), kept in vraag_bevestigingen (migration 0027). It is put once per
 * klantcontact (its UUID is the bericht's), in the transaction that writes down that the form's
 * question was registered, and only then is the person told through the notification pipeline
 * (topic `bericht`, key `vraag:<klantcontact>`): a double click, the form sent again after "back"
 * or a retry put nothing twice and tell nobody twice.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Subject } from '../../domain/identity.ts';
import type { Database, VraagBevestigingenTable } from '../../platform/db/schema.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { Change } from './notification-messages.ts';
import { BevestigingBerichten, type BevestigingRows, type KeptBevestiging, type Ontvangstbevestiging, type SentSections } from './ontvangstbevestiging.ts';

/** What a question's confirmation says, and the question as the PDF shows it. */
export interface VraagBevestiging {
  /** The PDF's title. */
  titel: string;
  bevestiging: Ontvangstbevestiging;
  sections: SentSections;
}

/** The change a question's confirmation is told by (one per klantcontact). */
export const vraagChangeKey = (klantcontact: string) => `vraag:${klantcontact}`;

/** The rows of vraag_bevestigingen as confirmations (the bijlage `urn:voordeur:vraag:<klantcontact>:vraag.pdf`). */
function vraagRows(db: Kysely<Database>, keys: IdentityKeys): BevestigingRows {
  const kept = (row: Selectable<VraagBevestigingenTable>): KeptBevestiging => {
    const { titel, bevestiging, sections } = keys.unsealJson<VraagBevestiging>(row.inhoud);
    return { id: row.klantcontact, bevestiging, titel, sections, ontvangen: row.ontvangen_at, kenmerk: row.kenmerk, geopend: row.geopend_at !== null };
  };
  return {
    soort: 'vraag',
    bestand: 'vraag.pdf',
    list: async (subjectKey, limit) => {
      const rows = await db
        .selectFrom('vraag_bevestigingen')
        .selectAll()
        .where('subject_key', '=', subjectKey)
        .orderBy('ontvangen_at', 'desc')
        .limit(limit)
        .execute();
      return { items: rows.map(kept), cutOff: rows.length === limit };
    },
    get: async (subjectKey, id) => {
      const row = await db
        .selectFrom('vraag_bevestigingen')
        .selectAll()
        .where('klantcontact', '=', id)
        .where('subject_key', '=', subjectKey)
        .executeTakeFirst();
      return row ? kept(row) : null;
    },
    at: async (ids) => (await db.selectFrom('vraag_bevestigingen').selectAll().where('klantcontact', 'in', ids).execute()).map(kept),
    markOpened: async (id) => {
      await db.updateTable('vraag_bevestigingen').set({ geopend_at: new Date() }).where('klantcontact', '=', id).where('geopend_at', 'is', null).execute();
    },
  };
}

/** The confirmations of questions: berichten in Mijn berichten (BevestigingBerichten), and put here once per klantcontact. */
export class VraagBevestigingen extends BevestigingBerichten {
  constructor(
    db: Kysely<Database>,
    private readonly identityKeys: IdentityKeys,
    /** Records changes for the notification pipeline, in the given transaction; without it nobody is told. */
    private readonly tell?: (changes: Change[], db: Kysely<Database>) => Promise<void>,
  ) {
    super(identityKeys, vraagRows(db, identityKeys));
  }

  /**
   * Puts the confirmation of the question registered as `klantcontact` (in `trx`, with what
   * else writes down that it was sent) and tells the person; false when it was there already.
   */
  async put(trx: Kysely<Database>, subject: Subject, klantcontact: string, kenmerk: string, ontvangen: Date, vraag: VraagBevestiging): Promise<boolean> {
    const inserted = await trx
      .insertInto('vraag_bevestigingen')
      .values({
        klantcontact: klantcontact.toLowerCase(),
        subject_key: this.identityKeys.subject(subject),
        kenmerk,
        inhoud: this.identityKeys.sealJson(vraag),
        ontvangen_at: ontvangen,
      })
      .onConflict((oc) => oc.column('klantcontact').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await this.tell?.([{ subject, topic: 'bericht', key: vraagChangeKey(klantcontact.toLowerCase()) }], trx);
    return true;
  }
}
