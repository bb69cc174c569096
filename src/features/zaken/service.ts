/**
 * Mijn zaken across every configured zaaksysteem: one merged list, where a system that fails
 * costs only its own part (the person sees the others and a note that some are missing). Every
 * read or change of zaken and documents is written in the person's processing log.
 */
import { available, unavailable, SourceUnavailableError, type Availability } from '../../domain/availability.ts';
import {
  isOpen,
  type AddDocumentOutcome,
  type DocumentDownload,
  type NewDocument,
  type Zaak,
  type Zaaksysteem,
  type ZaakDetail,
  type ZaakRef,
} from '../../domain/zaak.ts';
import type { ProcessingAction, ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { Caller } from '../../platform/http/caller.ts';

export interface ZakenLists {
  lopend: Zaak[];
  afgerond: Zaak[];
  /** Zaken the systems have beyond what Voordeur reads: the person is told how many. */
  notShown: number;
}

export class ZakenService {
  private readonly systems: Map<string, Zaaksysteem>;

  constructor(
    systems: readonly Zaaksysteem[],
    private readonly processingLog: ProcessingLog,
  ) {
    this.systems = new Map(systems.map((s) => [s.naam, s]));
  }

  /**
   * All zaken of the caller: lopende by last change, afgeronde by einddatum, newest first; with
   * the systems that could not answer (their zaken are missing), or unavailable when none could.
   */
  async lists(caller: Caller): Promise<Availability<ZakenLists>> {
    const subject = caller.identity.subject;
    const results = await Promise.all(
      [...this.systems.values()].map(async (system) => {
        try {
          const { zaken, notShown } = await system.zakenOf(subject, caller.log);
          return { naam: system.naam, zaken, notShown };
        } catch (error) {
          if (!(error instanceof SourceUnavailableError)) throw error;
          caller.log.warn({ zaaksysteem: system.naam, source: error.source, reason: error.reason, detail: error.message }, 'zaaksysteem unavailable');
          return { naam: system.naam, zaken: undefined, notShown: 0 };
        }
      }),
    );
    const answered = results.filter((r) => r.zaken !== undefined);
    const failed = results.filter((r) => r.zaken === undefined).map((r) => r.naam);
    await this.record(
      caller,
      'lezen',
      'zaken',
      answered.map((r) => r.naam),
    );
    if (answered.length === 0) return unavailable(failed);
    const zaken = answered.flatMap((r) => r.zaken ?? []);
    const byChange = (a: Zaak, b: Zaak) => b.laatsteWijziging.getTime() - a.laatsteWijziging.getTime();
    const byEnd = (a: Zaak, b: Zaak) => (b.einddatum ?? '').localeCompare(a.einddatum ?? '') || byChange(a, b);
    const notShown = answered.reduce((sum, r) => sum + r.notShown, 0);
    return available({ lopend: zaken.filter(isOpen).sort(byChange), afgerond: zaken.filter((z) => !isOpen(z)).sort(byEnd), notShown }, failed);
  }

  /** Null when the system or zaak does not exist or is not the caller's. Throws SourceUnavailableError. */
  /** One of the caller's zaken; `owned` is called once it is known to be theirs, before the rest is read. */
  async detail(caller: Caller, ref: ZaakRef, owned?: () => void): Promise<ZaakDetail | null> {
    const detail = (await this.systems.get(ref.systeem)?.zaakDetail(caller.identity.subject, ref.uuid, owned)) ?? null;
    if (detail) await this.record(caller, 'lezen', 'zaken', [ref.systeem]);
    return detail;
  }

  /** A document of one of the caller's zaken, as a stream; null when it is not theirs. Throws SourceUnavailableError. */
  async download(caller: Caller, ref: ZaakRef, documentUuid: string): Promise<DocumentDownload | null> {
    const found = (await this.systems.get(ref.systeem)?.downloadDocument(caller.identity.subject, ref.uuid, documentUuid)) ?? null;
    if (found) await this.record(caller, 'lezen', 'documenten', [ref.systeem]);
    return found;
  }

  acceptsUploads(systeem: string): boolean {
    return this.systems.get(systeem)?.acceptsUploads ?? false;
  }

  /** Adds a document to an open zaak of the caller. Throws SourceUnavailableError or SourceRejectedError. */
  async addDocument(caller: Caller, ref: ZaakRef, file: NewDocument): Promise<AddDocumentOutcome> {
    const system = this.systems.get(ref.systeem);
    if (!system) return 'not-found';
    const outcome = await system.addDocument(caller.identity.subject, ref.uuid, file);
    if (outcome === 'added') await this.record(caller, 'toevoegen', 'documenten', [ref.systeem]);
    return outcome;
  }

  private async record(caller: Caller, action: ProcessingAction, category: 'zaken' | 'documenten', systems: string[]): Promise<void> {
    if (systems.length === 0) return;
    const purpose = action === 'lezen' ? 'inzage' : 'wijziging-op-verzoek';
    await this.processingLog.record(
      caller.identity,
      systems.map((systeem) => ({ action, category, source: `zgw:${systeem}`, purpose })),
      caller.requestId,
    );
  }
}

/** Search in omschrijving, identificatie and zaaktype, ignoring case and accents. */
export function matchesSearch(zaak: Zaak, search: string): boolean {
  const normal = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const words = normal(search).split(/\s+/).filter(Boolean);
  const haystack = normal(`${zaak.omschrijving} ${zaak.identificatie} ${zaak.zaaktype}`);
  return words.every((word) => haystack.includes(word));
}
