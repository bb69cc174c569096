/**
 * Mijn gegevens across its sources: the BRP or the KvK for who someone is, the Klantinteracties
 * API for how to reach them and their contactmomenten, Voordeur's own database for preferences.
 * Each source may fail on its own; the page shows what it can.
 */
import type { Identity, Subject } from '../../domain/identity.ts';
import type { Bedrijf, Contactmoment, DigitaalAdres, Persoon } from '../../domain/persoon.ts';
import type { ProcessingEntry, ProcessingLog } from '../../platform/audit/processing-log.ts';
import { whenAvailable, type Availability } from '../../sources/http.ts';
import type { Preferences, PreferencesStore } from '../../sources/voordeur/preferences.ts';

/** The person's record in the organisation's customer-contact system (Klantinteracties). */
export interface ContactRegister {
  /** Addresses and contactmomenten of the subject, found through their partij (none when there is no partij). */
  overview(subject: Subject): Promise<{ adressen: DigitaalAdres[]; contactmomenten: Contactmoment[] }>;
  adressen(subject: Subject): Promise<DigitaalAdres[]>;
  /** Stores a confirmed address (creating the partij when there is none), replacing `replaces` if given. */
  save(subject: Subject, soort: DigitaalAdres['soort'], adres: string, replaces: string | null, naam?: string): Promise<void>;
  /** Removes one of the subject's own addresses; false when it is not theirs. */
  remove(subject: Subject, uuid: string): Promise<boolean>;
}

export interface PersonRegister {
  persoon(bsn: string): Promise<Persoon | null>;
}

export interface CompanyRegister {
  bedrijf(kvkNummer: string): Promise<Bedrijf | null>;
}

export interface GegevensOverview {
  persoon?: Availability<Persoon | null>;
  bedrijf?: Availability<Bedrijf | null>;
  adressen?: Availability<DigitaalAdres[]>;
  contactmomenten?: Availability<Contactmoment[]>;
  preferences: Preferences;
}

interface Log {
  warn(obj: object, msg: string): void;
}

export class GegevensService {
  constructor(
    private readonly sources: { brp?: PersonRegister; kvk?: CompanyRegister; contacts?: ContactRegister },
    private readonly preferences: PreferencesStore,
    private readonly processingLog: ProcessingLog,
  ) {}

  get hasContacts(): boolean {
    return Boolean(this.sources.contacts);
  }

  async overview(identity: Identity, log: Log, requestId: string): Promise<GegevensOverview> {
    const subject = identity.subject;
    const { brp, kvk, contacts } = this.sources;
    const [persoon, bedrijf, contact, preferences] = await Promise.all([
      brp && subject.type === 'persoon' ? whenAvailable(() => brp.persoon(subject.bsn), log) : undefined,
      kvk && subject.type === 'bedrijf' ? whenAvailable(() => kvk.bedrijf(subject.kvkNummer), log) : undefined,
      contacts ? whenAvailable(() => contacts.overview(subject), log) : undefined,
      this.preferences.get(subject),
    ]);
    const read: ProcessingEntry[] = [{ action: 'lezen', category: 'notificatievoorkeuren', source: 'voordeur' }];
    if (persoon && !persoon.unavailable && persoon.value) read.push({ action: 'lezen', category: 'persoonsgegevens', source: 'brp' });
    if (bedrijf && !bedrijf.unavailable && bedrijf.value) read.push({ action: 'lezen', category: 'bedrijfsgegevens', source: 'kvk' });
    if (contact && !contact.unavailable) {
      read.push({ action: 'lezen', category: 'contactgegevens', source: 'klantinteracties' }, { action: 'lezen', category: 'contactmomenten', source: 'klantinteracties' });
    }
    await this.processingLog.record(identity, read, requestId);
    return {
      persoon,
      bedrijf,
      adressen: contact && (contact.unavailable ? contact : { unavailable: false, value: contact.value.adressen }),
      contactmomenten: contact && (contact.unavailable ? contact : { unavailable: false, value: contact.value.contactmomenten }),
      preferences,
    };
  }
}
