/**
 * The archive of Mijn berichten for berichten whose store keeps no archive state (the Bericht
 * type of the Objecten API has no field for it, specs/objecttypes/bericht.json): Voordeur keeps
 * it in `bericht_archief`, per person (the keyed hash of the subject) and bericht (its uuid in its
 * store). Berichten whose store does keep it (those organisations pushed) are left as they are.
 */
import type { BerichtStore, StoredBericht } from '../../domain/bericht.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';

/**
 * The store, with the archive state of its berichten filled in and each bericht archivable. Wrap
 * each store on its own (not several combined by allBerichten): a store that counts its unread
 * berichten itself keeps its own archive state, and its count is passed on.
 */
export function withArchive(store: BerichtStore, db: Db, keys: IdentityKeys): BerichtStore {
  const archived = async (subject: Subject, uuids: string[]): Promise<Set<string>> => {
    if (uuids.length === 0) return new Set();
    const rows = await db
      .selectFrom('bericht_archief')
      .select('bericht_uuid')
      .where('subject_key', '=', keys.subject(subject))
      .where('bericht_uuid', 'in', uuids)
      .execute();
    return new Set(rows.map((row) => row.bericht_uuid));
  };
  return {
    ...(store.unread ? { unread: store.unread.bind(store) } : {}),
    async list(subject, log) {
      const listed = await store.list(subject, log);
      const unknown = listed.items.filter((bericht) => bericht.gearchiveerd === undefined).map((bericht) => bericht.uuid);
      const found = await archived(subject, unknown);
      return {
        ...listed,
        items: listed.items.map((bericht) => (bericht.gearchiveerd === undefined ? { ...bericht, gearchiveerd: found.has(bericht.uuid) } : bericht)),
      };
    },
    async get(subject, uuid): Promise<StoredBericht | null> {
      const found = await store.get(subject, uuid);
      if (!found || found.archive) return found;
      const subjectKey = keys.subject(subject);
      return {
        ...found,
        bericht: { ...found.bericht, gearchiveerd: (await archived(subject, [uuid])).has(uuid) },
        async archive(on) {
          if (on)
            await db
              .insertInto('bericht_archief')
              .values({ subject_key: subjectKey, bericht_uuid: uuid })
              .onConflict((oc) => oc.columns(['subject_key', 'bericht_uuid']).doNothing())
              .execute();
          else await db.deleteFrom('bericht_archief').where('subject_key', '=', subjectKey).where('bericht_uuid', '=', uuid).execute();
        },
      };
    },
  };
}
