/**
 * Mijn taken: the person's taken from the Objecten API (open ones by verloopdatum, and the
 * finished ones), one taak, its form definition, and finishing a taak exactly once: Voordeur
 * claims the taak in its own database before it writes to the Objecten API, so a double press,
 * a retried request or a second instance cannot finish it twice.
 */
import { LRUCache } from 'lru-cache';
import { whenAvailable, type Availability } from '../../domain/availability.ts';
import { byVerloopdatum, isOpen, toTaak, type Taak } from '../../domain/taak.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Caller } from '../../platform/http/caller.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { ObjectenApi } from '../../sources/objecten/objecten.ts';

export type CompleteOutcome = 'afgerond' | 'al-afgerond' | 'niet-gevonden';

const formCacheMs = 5 * 60_000;

export class TakenService {
  private readonly forms = new LRUCache<string, Record<string, unknown>>({ max: 500, ttl: formCacheMs });

  constructor(
    private readonly objecten: ObjectenApi,
    private readonly type: string,
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly processingLog: ProcessingLog,
  ) {}

  /** All the caller's taken: open ones soonest due first, then the rest. */
  async lists(caller: Caller): Promise<Availability<{ open: Taak[]; afgerond: Taak[] }>> {
    return whenAvailable(async () => {
      const taken = await this.read(caller);
      return { open: taken.filter(isOpen).sort(byVerloopdatum), afgerond: taken.filter((t) => !isOpen(t)) };
    }, caller.log);
  }

  /** The caller's open taken that belong to a zaak. */
  async forZaak(caller: Caller, zaakUuid: string): Promise<Availability<Taak[]>> {
    return whenAvailable(async () => (await this.read(caller)).filter((taak) => isOpen(taak) && taak.zaakUuid === zaakUuid).sort(byVerloopdatum), caller.log);
  }

  /** One taak of the caller; null when it does not exist, is someone else's, or does not fit the type (throws SourceUnavailableError). */
  async get(caller: Caller, uuid: string): Promise<Taak | null> {
    const object = await this.objecten.get(this.type, caller.identity.subject, uuid);
    const taak = object && toTaak(object.uuid, object.data);
    if (taak) await this.record(caller, 'lezen');
    return taak;
  }

  /** The Form.io definition a portaalformulier-taak names (cached for a few minutes); null when it cannot be found. */
  async formDefinition(taak: Extract<Taak, { soort: 'portaalformulier' }>, caller: Caller): Promise<Availability<Record<string, unknown> | null>> {
    return whenAvailable(() => this.definitionAt(taak.formulierUrl), caller.log);
  }

  private async definitionAt(url: string | undefined): Promise<Record<string, unknown> | null> {
    if (!url) return null;
    const cached = this.forms.get(url);
    if (cached) return cached;
    const data = await this.objecten.dataAt(url);
    const definition = data?.formDefinition;
    if (!definition || typeof definition !== 'object') return null;
    this.forms.set(url, definition as Record<string, unknown>);
    return definition as Record<string, unknown>;
  }

  /**
   * Finishes an open taak of the subject with these changes to its data (status afgerond is
   * added), once: a second call for the same taak answers 'al-afgerond' without writing.
   * Throws SourceUnavailableError when the Objecten API cannot take the change; the claim is
   * then released so that the person can try again.
   */
  async complete(caller: Caller, uuid: string, how: 'formulier' | 'betaling', changes: Record<string, unknown>): Promise<CompleteOutcome> {
    const subject = caller.identity.subject;
    // Whose it is first, so that nobody can claim someone else's taak.
    const object = await this.objecten.get(this.type, subject, uuid);
    const taak = object && toTaak(object.uuid, object.data);
    if (!object || !taak) return 'niet-gevonden';
    // Finished elsewhere (another channel, or staff): write nothing.
    if (!isOpen(taak)) return 'al-afgerond';
    const claimed = await this.db
      .insertInto('taak_completions')
      .values({ taak_uuid: uuid, subject_key: this.keys.subject(subject), how, completed_at: null })
      .onConflict((oc) => oc.column('taak_uuid').doNothing())
      .returning('taak_uuid')
      .executeTakeFirst();
    if (!claimed) return 'al-afgerond';
    try {
      await this.objecten.patchData(object, { ...changes, status: 'afgerond' });
    } catch (error) {
      await this.db.deleteFrom('taak_completions').where('taak_uuid', '=', uuid).where('completed_at', 'is', null).execute();
      throw error;
    }
    await this.db.updateTable('taak_completions').set({ completed_at: new Date() }).where('taak_uuid', '=', uuid).execute();
    await this.record(caller, 'wijzigen');
    return 'afgerond';
  }

  /** The caller's taken that fit the TaakV2 type (throws SourceUnavailableError); each read is in their processing log. */
  private async read(caller: Caller): Promise<Taak[]> {
    const objects = await this.objecten.list(this.type, caller.identity.subject, [], 'record__data__verloopdatum');
    const taken: Taak[] = [];
    for (const object of objects) {
      const taak = toTaak(object.uuid, object.data);
      if (taak) taken.push(taak);
      else caller.log.warn({ source: 'objecten', object: object.uuid }, 'taak skipped: its data does not fit the TaakV2 type');
    }
    await this.record(caller, 'lezen');
    return taken;
  }

  private async record(caller: Caller, action: 'lezen' | 'wijzigen'): Promise<void> {
    const purpose = action === 'lezen' ? 'inzage' : 'wijziging-op-verzoek';
    await this.processingLog.record(caller.identity, [{ action, category: 'taken', source: 'objecten', purpose }], caller.requestId);
  }
}
