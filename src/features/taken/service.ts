/**
 * Mijn taken: the person's taken (open ones by verloopdatum, and the finished ones), one taak,
 * its form definition, and finishing a taak exactly once: Voordeur claims the taak in its own
 * database before it writes to the store of taken, so a double press, a retried request or a
 * second instance cannot finish it twice.
 */
import { LRUCache } from 'lru-cache';
import { whenAvailable, type Availability, type Listed } from '../../domain/availability.ts';
import { byVerloopdatum, isOpen, type Completion, type FormDocumentStore, type Taak, type TaakStore } from '../../domain/taak.ts';
import type { NewDocument } from '../../domain/zaak.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Caller } from '../../platform/http/caller.ts';
import type { TaakCompletions } from '../../sources/voordeur/taak-completions.ts';

export type CompleteOutcome = 'completed' | 'already-completed' | 'not-found';

const formCacheMs = 5 * 60_000;

export class TakenService {
  private readonly forms = new LRUCache<string, Record<string, unknown>>({ max: 500, ttl: formCacheMs });

  constructor(
    private readonly taken: TaakStore,
    private readonly completions: TaakCompletions,
    private readonly processingLog: ProcessingLog,
    private readonly documents: readonly FormDocumentStore[] = [],
  ) {}

  /** Whether files sent with the form of this taak can be kept: it belongs to a zaak, and a zaaksysteem takes files. */
  acceptsFiles(taak: Taak): boolean {
    return taak.zaakUuid !== undefined && this.documents.length > 0;
  }

  /**
   * Stores a file sent with the form of a taak as a document of its zaak; its URL, or null when no
   * zaaksysteem has the person's open zaak (throws SourceUnavailableError).
   */
  async storeFile(caller: Caller, taak: Taak, file: NewDocument, informatieobjecttype?: string): Promise<string | null> {
    if (!taak.zaakUuid) return null;
    for (const store of this.documents) {
      const url = await store.storeFormDocument(caller.identity.subject, taak.zaakUuid, file, informatieobjecttype);
      if (url) {
        await this.record(caller, 'wijzigen');
        return url;
      }
    }
    return null;
  }

  /** All the caller's taken: open ones soonest due first, then the rest. */
  async lists(caller: Caller): Promise<Availability<{ open: Taak[]; afgerond: Taak[]; cutOff: boolean }>> {
    return whenAvailable(async () => {
      const { items: taken, cutOff } = await this.read(caller);
      return { open: taken.filter(isOpen).sort(byVerloopdatum), afgerond: taken.filter((t) => !isOpen(t)), cutOff };
    }, caller.log);
  }

  /** The caller's open taken that belong to a zaak. */
  async forZaak(caller: Caller, zaakUuid: string): Promise<Availability<Taak[]>> {
    return whenAvailable(
      async () => (await this.read(caller)).items.filter((taak) => isOpen(taak) && taak.zaakUuid === zaakUuid).sort(byVerloopdatum),
      caller.log,
    );
  }

  /** One taak of the caller; null when it does not exist, is someone else's, or does not fit the type (throws SourceUnavailableError). */
  async get(caller: Caller, uuid: string): Promise<Taak | null> {
    const found = await this.taken.get(caller.identity.subject, uuid);
    if (found) await this.record(caller, 'lezen');
    return found?.taak ?? null;
  }

  /** The Form.io definition a portaalformulier-taak names (cached for a few minutes); null when it cannot be found. */
  async formDefinition(taak: Extract<Taak, { soort: 'portaalformulier' }>, caller: Caller): Promise<Availability<Record<string, unknown> | null>> {
    return whenAvailable(() => this.definitionAt(taak.formulierUrl), caller.log);
  }

  private async definitionAt(url: string | undefined): Promise<Record<string, unknown> | null> {
    if (!url) return null;
    const cached = this.forms.get(url);
    if (cached) return cached;
    const definition = await this.taken.formDefinition(url);
    if (definition) this.forms.set(url, definition);
    return definition;
  }

  /**
   * Finishes an open taak of the caller (status afgerond, and for a form what was sent), once: a
   * second call for the same taak answers 'already-completed' without writing. Throws
   * SourceUnavailableError when the store of taken cannot take the change; the claim is then
   * released so that the person can try again. `prepare` runs once the taak is claimed, before it
   * is written: it may still change what is sent (a form's files become references).
   */
  async complete(caller: Caller, uuid: string, completion: Completion, prepare?: () => Promise<void>): Promise<CompleteOutcome> {
    const subject = caller.identity.subject;
    // Whose it is first, so that nobody can claim someone else's taak.
    const found = await this.taken.get(subject, uuid);
    if (!found) return 'not-found';
    // Finished elsewhere (another channel, or staff): write nothing.
    if (!isOpen(found.taak)) return 'already-completed';
    if (!(await this.completions.claim(uuid, subject, completion.how))) return 'already-completed';
    try {
      // What must happen once, by whoever holds the claim, before the taak is written (storing a form's files).
      await prepare?.();
      await found.complete(completion);
    } catch (error) {
      await this.completions.release(uuid);
      throw error;
    }
    await this.completions.completed(uuid);
    await this.record(caller, 'wijzigen');
    return 'completed';
  }

  /** The caller's taken that fit the TaakV2 type, and whether the list was cut off (throws SourceUnavailableError); each read is in their processing log. */
  private async read(caller: Caller): Promise<Listed<Taak>> {
    const taken = await this.taken.list(caller.identity.subject, caller.log);
    await this.record(caller, 'lezen');
    return taken;
  }

  private async record(caller: Caller, action: 'lezen' | 'wijzigen'): Promise<void> {
    const purpose = action === 'lezen' ? 'inzage' : 'wijziging-op-verzoek';
    await this.processingLog.record(caller.identity, [{ action, category: 'taken', source: 'objecten', purpose }], caller.requestId);
  }
}
