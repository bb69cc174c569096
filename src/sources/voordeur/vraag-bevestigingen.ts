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
import type { Listed } from '../../domain/availability.ts';
import type { Bericht, BerichtStore, StoredBericht } from '../../domain/bericht.ts';
import type { Subject } from '../../domain/identity.ts';
import type { DocumentDownload, DocumentStore, ZaakDocument } from '../../domain/zaak.ts';
import type { Database, VraagBevestigingenTable } from '../../platform/db/schema.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { Change } from './notification-messages.ts';
import { bevestigingBericht, bevestigingDocument, bevestigingDownload, type Ontvangstbevestiging, type SentSections } from './ontvangstbevestiging.ts';

/** What a question's confirmation says, and the question as the PDF shows it. */
export interface VraagBevestiging {
  /** The PDF's title. */
  titel: string;
  bevestiging: Ontvangstbevestiging;
  sections: SentSections;
}

/** The change a question's confirmation is told by (one per klantcontact). */
export const vraagChangeKey = (klantcontact: string) => `vraag:${klantcontact}`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bijlagePrefix = 'urn:voordeur:vraag:';
const bijlageOf = (klantcontact: string) => `${bijlagePrefix}${klantcontact}:vraag.pdf`;
const parseBijlage = (url: string) => /^urn:voordeur:vraag:([0-9a-f-]{36}):vraag\.pdf$/.exec(url)?.[1];

export class VraagBevestigingen implements BerichtStore, DocumentStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly keys: IdentityKeys,
    /** Records changes for the notification pipeline, in the given transaction; without it nobody is told. */
    private readonly tell?: (changes: Change[], db: Kysely<Database>) => Promise<void>,
  ) {}

  /**
   * Puts the confirmation of the question registered as `klantcontact` (in `trx`, with what
   * else writes down that it was sent) and tells the person; false when it was there already.
   */
  async put(trx: Kysely<Database>, subject: Subject, klantcontact: string, kenmerk: string, ontvangen: Date, vraag: VraagBevestiging): Promise<boolean> {
    const inserted = await trx
      .insertInto('vraag_bevestigingen')
      .values({
        klantcontact: klantcontact.toLowerCase(),
        subject_key: this.keys.subject(subject),
        kenmerk,
        inhoud: this.keys.sealJson(vraag),
        ontvangen_at: ontvangen,
      })
      .onConflict((oc) => oc.column('klantcontact').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await this.tell?.([{ subject, topic: 'bericht', key: vraagChangeKey(klantcontact.toLowerCase()) }], trx);
    return true;
  }

  private toBericht(row: Selectable<VraagBevestigingenTable>): Bericht {
    const { bevestiging } = this.keys.unsealJson<VraagBevestiging>(row.inhoud);
    return bevestigingBericht(row.klantcontact, bevestiging, {
      ontvangen: row.ontvangen_at,
      kenmerk: row.kenmerk,
      geopend: row.geopend_at !== null,
      bijlage: bijlageOf(row.klantcontact),
    });
  }

  /** The confirmations of the subject's questions, newest first. */
  async list(subject: Subject): Promise<Listed<Bericht>> {
    const rows = await this.db
      .selectFrom('vraag_bevestigingen')
      .selectAll()
      .where('subject_key', '=', this.keys.subject(subject))
      .orderBy('ontvangen_at', 'desc')
      .limit(200)
      .execute();
    return { items: rows.map((row) => this.toBericht(row)), cutOff: rows.length === 200 };
  }

  async get(subject: Subject, uuid: string): Promise<StoredBericht | null> {
    if (!uuidPattern.test(uuid)) return null;
    const row = await this.db
      .selectFrom('vraag_bevestigingen')
      .selectAll()
      .where('klantcontact', '=', uuid)
      .where('subject_key', '=', this.keys.subject(subject))
      .executeTakeFirst();
    if (!row) return null;
    return {
      bericht: this.toBericht(row),
      markOpened: async () => {
        await this.db
          .updateTable('vraag_bevestigingen')
          .set({ geopend_at: new Date() })
          .where('klantcontact', '=', uuid)
          .where('geopend_at', 'is', null)
          .execute();
      },
    };
  }

  holdsDocument(url: string): boolean {
    return url.startsWith(bijlagePrefix);
  }

  /** The PDF of the question of each bericht named (the berichten feature has checked they are the person's). */
  async documentsAt(urls: string[]): Promise<ZaakDocument[]> {
    const ids = urls.map(parseBijlage).filter((id): id is string => id !== undefined);
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('vraag_bevestigingen').selectAll().where('klantcontact', 'in', ids).execute();
    return rows.map((row) =>
      bevestigingDocument(bijlageOf(row.klantcontact), this.keys.unsealJson<VraagBevestiging>(row.inhoud).bevestiging, row.ontvangen_at),
    );
  }

  async downloadAt(url: string): Promise<DocumentDownload | null> {
    const id = parseBijlage(url);
    if (!id) return null;
    const row = await this.db.selectFrom('vraag_bevestigingen').selectAll().where('klantcontact', '=', id).executeTakeFirst();
    if (!row) return null;
    const { titel, bevestiging, sections } = this.keys.unsealJson<VraagBevestiging>(row.inhoud);
    return bevestigingDownload(url, titel, bevestiging, sections, row.ontvangen_at);
  }
}
