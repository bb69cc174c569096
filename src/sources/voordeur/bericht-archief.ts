/**
 * The archive of Mijn berichten for berichten whose store keeps no archive state (the Bericht
 * type of the Objecten API has no field for it, specs/objecttypes/bericht.json): Voordeur keeps
 * it in `bericht_archief`, per person (the keyed hash of the subject) and bericht (its uuid in its
 * store). Berichten whose store does keep it (those organisations pushed) are left as they are.
 */
import type { Bericht, BerichtStore, StoredBericht } from '../../domain/bericht.ts';
import type { Subject } from '../../domain/identity.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { PersonalAnswers } from '../answers.ts';

/**
 * The store, with the archive state of its berichten filled in and each bericht archivable. Wrap
 * each store on its own (not several combined by allBerichten): a store that counts its unread
 * berichten itself keeps its own archive state, and its count is passed on.
 *
 * With `answers`, what the person archived is kept as the sources' answers about them are
 * (answers.ts, area 'berichten'): archiving or putting back drops it at once (here, and the
 * service drops the unread count too). And a bericht with its archive state filled in is made once
 * per bericht read from the store (the store's kept lists hold the same values from page to page).
 */
export function withArchive(store: BerichtStore, db: Db, keys: IdentityKeys, answers?: PersonalAnswers): BerichtStore {
  /**
   * Which of these berichten the person archived. For a list, all the person archived (a short
   * statement with one parameter) rather than those of the list by name: a statement naming 100
   * uuids cost an overzicht ~1 ms of CPU to build and run on PGlite (issue 19).
   */
  const archived = async (subject: Subject, uuids: string[]): Promise<Set<string>> => {
    if (uuids.length === 0) return new Set();
    const ask = async () => {
      const rows = await db.selectFrom('bericht_archief').select('bericht_uuid').where('subject_key', '=', keys.subject(subject)).execute();
      return new Set(rows.map((row) => row.bericht_uuid));
    };
    if (answers) return answers.get('berichten', subject, 'archief', ask);
    let query = db.selectFrom('bericht_archief').select('bericht_uuid').where('subject_key', '=', keys.subject(subject));
    if (uuids.length === 1) query = query.where('bericht_uuid', '=', uuids[0]!);
    return new Set((await query.execute()).map((row) => row.bericht_uuid));
  };
  /** The bericht with its archive state, made once per bericht value and state. */
  const filledIn = new WeakMap<Bericht, { archived?: Bericht; inbox?: Bericht }>();
  const withState = (bericht: Bericht, isArchived: boolean): Bericht => {
    let made = filledIn.get(bericht);
    if (!made) filledIn.set(bericht, (made = {}));
    const key = isArchived ? 'archived' : 'inbox';
    return (made[key] ??= { ...bericht, gearchiveerd: isArchived });
  };
  return {
    ...(store.unread ? { unread: store.unread.bind(store) } : {}),
    // A store that finds its own pages keeps its own archive state (those organisations pushed); the others are read as a list here.
    ...(store.search ? { search: store.search.bind(store) } : {}),
    async list(subject, log) {
      const listed = await store.list(subject, log);
      const unknown = listed.items.filter((bericht) => bericht.gearchiveerd === undefined).map((bericht) => bericht.uuid);
      const found = await archived(subject, unknown);
      return {
        ...listed,
        items: listed.items.map((bericht) => (bericht.gearchiveerd === undefined ? withState(bericht, found.has(bericht.uuid)) : bericht)),
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
          answers?.forget('berichten', subject);
        },
      };
    },
  };
}
