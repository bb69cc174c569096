/**
 * Mijn zaken across every configured zaaksysteem: one merged list, where a system that fails
 * costs only its own part (the person sees the others and a note that some are missing).
 */
import type { Subject } from '../../domain/identity.ts';
import { isOpen, type Zaak, type ZaakDetail, type ZaakDocument } from '../../domain/zaak.ts';
import type { DownloadResponse } from '../../sources/http.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import type { NewDocument, Zaaksysteem } from '../../sources/zgw/zaaksysteem.ts';

export interface ZakenOverview {
  lopend: Zaak[];
  afgerond: Zaak[];
  /** Names of the systems that could not be reached; their zaken are missing from the lists. */
  unavailable: string[];
}

export interface Logger {
  warn(obj: object, msg: string): void;
}

export class ZakenService {
  private readonly systems: Map<string, Zaaksysteem>;

  constructor(systems: Zaaksysteem[]) {
    this.systems = new Map(systems.map((s) => [s.naam, s]));
  }

  get systemNames(): string[] {
    return [...this.systems.keys()];
  }

  /** All zaken of the subject: lopende by last change, afgeronde by einddatum, newest first. */
  async overview(subject: Subject, log: Logger): Promise<ZakenOverview> {
    const results = await Promise.all(
      [...this.systems.values()].map(async (system) => {
        try {
          return { zaken: await system.zakenVan(subject) };
        } catch (error) {
          if (!(error instanceof SourceUnavailableError)) throw error;
          log.warn({ zaaksysteem: system.naam, source: error.source, reason: error.reason, detail: error.message }, 'zaaksysteem unavailable');
          return { failed: system.naam };
        }
      }),
    );
    const zaken = results.flatMap((r) => r.zaken ?? []);
    const byChange = (a: Zaak, b: Zaak) => b.laatsteWijziging.getTime() - a.laatsteWijziging.getTime();
    const byEnd = (a: Zaak, b: Zaak) => (b.einddatum ?? '').localeCompare(a.einddatum ?? '') || byChange(a, b);
    return {
      lopend: zaken.filter(isOpen).sort(byChange),
      afgerond: zaken.filter((z) => !isOpen(z)).sort(byEnd),
      unavailable: results.flatMap((r) => (r.failed ? [r.failed] : [])),
    };
  }

  /** Null when the system or zaak does not exist or is not the subject's. Throws SourceUnavailableError. */
  async detail(subject: Subject, systeem: string, uuid: string): Promise<ZaakDetail | null> {
    return (await this.systems.get(systeem)?.zaakDetail(subject, uuid)) ?? null;
  }

  async download(subject: Subject, systeem: string, zaakUuid: string, documentUuid: string): Promise<{ document: ZaakDocument; file: DownloadResponse } | null> {
    return (await this.systems.get(systeem)?.downloadDocument(subject, zaakUuid, documentUuid)) ?? null;
  }

  acceptsUploads(systeem: string): boolean {
    return this.systems.get(systeem)?.acceptsUploads ?? false;
  }

  async addDocument(subject: Subject, systeem: string, zaakUuid: string, file: NewDocument): Promise<'added' | 'not-found' | 'closed'> {
    const system = this.systems.get(systeem);
    if (!system) return 'not-found';
    return system.addDocument(subject, zaakUuid, file);
  }
}

/** Search in omschrijving, identificatie and zaaktype, ignoring case and accents. */
export function matchesSearch(zaak: Zaak, search: string): boolean {
  const normal = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const words = normal(search).split(/\s+/).filter(Boolean);
  const haystack = normal(`${zaak.omschrijving} ${zaak.identificatie} ${zaak.zaaktype}`);
  return words.every((word) => haystack.includes(word));
}
