/**
 * Mijn gegevens across its sources: the BRP or the KvK for who someone is, the Klantinteracties
 * API for how to reach them and their contactmomenten, Voordeur's own database for preferences
 * and pending confirmations. Each source may fail on its own; the page shows what it can. Every
 * read or change of personal data is written to the processing log.
 */
import type { Subject } from '../../domain/identity.ts';
import type { Caller } from '../../platform/http/caller.ts';
import {
  isEmailAddress,
  normalisePhoneNumber,
  type Bedrijf,
  type CompanyRegister,
  type ContactKind,
  type Contactmoment,
  type ContactRegister,
  type DigitaalAdres,
  type KlantcontactDetail,
  type Persoon,
  type PersonRegister,
} from '../../domain/persoon.ts';
import { channelOf, channels, type Channel, type Preferences } from '../../domain/preferences.ts';
import type { ProcessingEntry, ProcessingLog } from '../../platform/audit/processing-log.ts';
import { available, whenAvailable, type Availability } from '../../domain/availability.ts';
import { NotifyError } from '../../sources/notify/notify.ts';
import type { ContactConfirmations, VerifyOutcome } from '../../sources/voordeur/contact-confirmations.ts';
import type { Deliveries } from '../../sources/voordeur/deliveries.ts';
import type { PreferencesStore } from '../../sources/voordeur/preferences.ts';

/** Sends a confirmation code to a new address (Notify). */
export interface CodeSender {
  send(kind: ContactKind, address: string, code: string, minutes: number): Promise<void>;
}

export interface GegevensOverview {
  persoon?: Availability<Persoon | null>;
  bedrijf?: Availability<Bedrijf | null>;
  adressen?: Availability<DigitaalAdres[]>;
  contactmomenten?: Availability<Contactmoment[]>;
  /** Addresses of theirs that our last message to did not reach (Notify: permanent-failure). */
  undeliverable: DigitaalAdres[];
  /** Undefined only when not asked for (a staff member whose role does not allow it). */
  preferences?: Preferences;
}

/** Why a new address was not accepted; each is a message next to the field. */
export type ContactInputError = 'emailMissing' | 'emailInvalid' | 'phoneMissing' | 'phoneInvalid' | 'same' | 'tooManySends' | 'sendFailed';

export type StartOutcome = { started: true; id: string } | { started: false; error: ContactInputError };

export type ConfirmOutcome = Exclude<VerifyOutcome, { outcome: 'confirmed' }> | { outcome: 'confirmed'; kind: ContactKind };

export type PreferencesOutcome = { saved: true } | { saved: false; withoutAddress: Channel[] };

/** The typed address in the form it is stored and compared in, or why it cannot be used. */
function parseContactInput(kind: ContactKind, input: string): { adres: string } | { error: ContactInputError } {
  const value = input.trim();
  if (kind === 'email') {
    if (!value) return { error: 'emailMissing' };
    return isEmailAddress(value) ? { adres: value } : { error: 'emailInvalid' };
  }
  if (!value) return { error: 'phoneMissing' };
  const phone = normalisePhoneNumber(value);
  return phone ? { adres: phone } : { error: 'phoneInvalid' };
}

/** Which channels have a confirmed address among these. */
export function verifiedChannelsOf(adressen: DigitaalAdres[]): Record<Channel, boolean> {
  return Object.fromEntries(channels.map((channel) => [channel, adressen.some((a) => channelOf[a.soort] === channel && a.geverifieerd)])) as Record<
    Channel,
    boolean
  >;
}

const sameAddress = (kind: ContactKind, a: string, b: string) => (kind === 'email' ? a.toLowerCase() === b.toLowerCase() : a === b);

export class GegevensService {
  constructor(
    private readonly sources: { brp?: PersonRegister; kvk?: CompanyRegister; contacts?: ContactRegister },
    private readonly stores: { preferences: PreferencesStore; confirmations: ContactConfirmations; processingLog: ProcessingLog; deliveries: Deliveries },
    private readonly codes: { sender?: CodeSender; ttlSeconds: number },
  ) {}

  /** Whether contact details can be shown and changed (a Klantinteracties API and Notify are configured). */
  get hasContacts(): boolean {
    return Boolean(this.sources.contacts);
  }

  get codeMinutes(): number {
    return Math.round(this.codes.ttlSeconds / 60);
  }

  /** `include` leaves out what is not wanted (a staff member whose role does not allow it): it is then neither read nor logged. */
  async overview(
    caller: Caller,
    include: { register: boolean; contacts: boolean; preferences: boolean } = { register: true, contacts: true, preferences: true },
  ): Promise<GegevensOverview> {
    const { identity, log, requestId } = caller;
    const subject = identity.subject;
    const { kvk: kvkSource, brp: brpSource, contacts: contactSource } = this.sources;
    const brp = include.register ? brpSource : undefined;
    const kvk = include.register ? kvkSource : undefined;
    const contacts = include.contacts ? contactSource : undefined;
    const [persoon, bedrijf, contact, preferences] = await Promise.all([
      brp && subject.type === 'persoon' ? whenAvailable(() => brp.persoon(subject.bsn), log) : undefined,
      kvk && subject.type === 'bedrijf' ? whenAvailable(() => kvk.bedrijf(subject.kvkNummer), log) : undefined,
      contacts ? whenAvailable(() => contacts.overview(subject, log), log) : undefined,
      include.preferences ? this.stores.preferences.get(subject) : undefined,
    ]);
    const read: ProcessingEntry[] = include.preferences ? [{ action: 'lezen', category: 'notificatievoorkeuren', source: 'voordeur' }] : [];
    if (persoon && !persoon.unavailable && persoon.value) read.push({ action: 'lezen', category: 'persoonsgegevens', source: 'brp' });
    if (bedrijf && !bedrijf.unavailable && bedrijf.value) read.push({ action: 'lezen', category: 'bedrijfsgegevens', source: 'kvk' });
    if (contact && !contact.unavailable) {
      read.push(
        { action: 'lezen', category: 'contactgegevens', source: 'klantinteracties' },
        { action: 'lezen', category: 'contactmomenten', source: 'klantinteracties' },
      );
    }
    const [undeliverable] = await Promise.all([
      contact && !contact.unavailable ? this.stores.deliveries.undeliverable(subject, contact.value.adressen) : [],
      this.stores.processingLog.record(identity, read, requestId),
    ]);
    return {
      persoon,
      bedrijf,
      undeliverable,
      adressen: contact && (contact.unavailable ? contact : { unavailable: false, value: contact.value.adressen }),
      // More than could be read: the page says the oldest are not shown.
      contactmomenten:
        contact && (contact.unavailable ? contact : available(contact.value.contactmomenten, contact.value.incomplete ? ['klantinteracties'] : [])),
      preferences,
    };
  }

  /** The subject's own address of this kind, if any (throws SourceUnavailableError). */
  async adres(caller: Caller, kind: ContactKind): Promise<DigitaalAdres | undefined> {
    const { identity, requestId } = caller;
    const adressen = await this.contacts().adressen(identity.subject);
    await this.stores.processingLog.record(identity, [{ action: 'lezen', category: 'contactgegevens', source: 'klantinteracties' }], requestId);
    return adressen.find((a) => a.soort === kind);
  }

  async klantcontact(caller: Caller, uuid: string): Promise<KlantcontactDetail | null> {
    const { identity, requestId } = caller;
    const found = await this.contacts().klantcontact(identity.subject, uuid);
    if (found) await this.stores.processingLog.record(identity, [{ action: 'lezen', category: 'contactmomenten', source: 'klantinteracties' }], requestId);
    return found;
  }

  /** Which channels have a confirmed address (throws SourceUnavailableError). */
  async verifiedChannels(subject: Subject): Promise<Record<Channel, boolean>> {
    return verifiedChannelsOf(await this.contacts().adressen(subject));
  }

  /**
   * Stores the six choices; a channel switched on without a confirmed address refuses the
   * whole form (nothing changes), so the person sees what to do first.
   */
  async savePreferences(caller: Caller, preferences: Preferences, lang: 'nl' | 'en'): Promise<PreferencesOutcome> {
    const { identity, requestId } = caller;
    const wanted = channels.filter((channel) => Object.values(preferences[channel]).some(Boolean));
    if (wanted.length > 0) {
      const verified = this.hasContacts ? await this.verifiedChannels(identity.subject) : { email: false, sms: false };
      const withoutAddress = wanted.filter((channel) => !verified[channel]);
      if (withoutAddress.length > 0) return { saved: false, withoutAddress };
    }
    await this.stores.preferences.set(identity.subject, preferences, lang);
    await this.stores.processingLog.record(
      identity,
      [{ action: 'wijzigen', category: 'notificatievoorkeuren', source: 'voordeur', purpose: 'wijziging-op-verzoek' }],
      requestId,
    );
    return { saved: true };
  }

  /** Checks a new address, and sends it a code; the address is saved only when the code comes back. */
  async startContactChange(caller: Caller, kind: ContactKind, input: string): Promise<StartOutcome> {
    const parsed = parseContactInput(kind, input);
    if ('error' in parsed) return { started: false, error: parsed.error };
    const current = await this.adres(caller, kind);
    if (current?.geverifieerd && sameAddress(kind, current.adres, parsed.adres)) return { started: false, error: 'same' };
    return this.sendCode(caller.identity.subject, kind, parsed.adres, current?.uuid ?? null, caller.log);
  }

  /** A new code for a pending change (the old one stops working); null when there is no such change. */
  async resend(caller: Caller, id: string): Promise<StartOutcome | null> {
    const subject = caller.identity.subject;
    const pending = await this.stores.confirmations.find(subject, id);
    if (!pending) return null;
    return this.sendCode(subject, pending.kind, pending.address, pending.replaces, caller.log);
  }

  /** The pending change with this id, for the page where the code is typed. */
  pending(caller: Caller, id: string) {
    return this.stores.confirmations.find(caller.identity.subject, id);
  }

  /** Checks the code; when it is right, the address is saved in the Klantinteracties API (throws SourceUnavailableError). */
  async confirm(caller: Caller, id: string, code: string): Promise<ConfirmOutcome | null> {
    const { identity, requestId } = caller;
    const outcome = await this.stores.confirmations.verify(identity.subject, id, code);
    if (outcome?.outcome !== 'confirmed') return outcome;
    const { kind, address, replaces } = outcome.confirmation;
    await this.contacts().save(identity.subject, kind, address, replaces, identity.subjectName);
    await this.stores.processingLog.record(
      identity,
      [{ action: replaces ? 'wijzigen' : 'toevoegen', category: 'contactgegevens', source: 'klantinteracties', purpose: 'wijziging-op-verzoek' }],
      requestId,
    );
    return { outcome: 'confirmed', kind };
  }

  /** Removes the subject's address of this kind; false when they have none (throws SourceUnavailableError). */
  async remove(caller: Caller, kind: ContactKind): Promise<boolean> {
    const { identity, requestId } = caller;
    const adres = await this.adres(caller, kind);
    if (!adres) return false;
    const removed = await this.contacts().remove(identity.subject, adres.uuid);
    if (removed) {
      await this.stores.processingLog.record(
        identity,
        [{ action: 'verwijderen', category: 'contactgegevens', source: 'klantinteracties', purpose: 'wijziging-op-verzoek' }],
        requestId,
      );
    }
    return removed;
  }

  /**
   * Marks the subject's confirmed address of this kind as to be confirmed again (a staff member
   * does this when it bounced, or the person says it is no longer theirs): nothing is sent to it
   * until the person confirms it in Mijn gegevens. False when they have no confirmed one.
   */
  async markUnverified(caller: Caller, kind: ContactKind): Promise<boolean> {
    const { identity, requestId } = caller;
    const adres = await this.adres(caller, kind);
    if (!adres?.geverifieerd) return false;
    const marked = await this.contacts().markUnverified(identity.subject, adres.uuid);
    if (marked) await this.stores.processingLog.record(identity, [{ action: 'wijzigen', category: 'contactgegevens', source: 'klantinteracties' }], requestId);
    return marked;
  }

  private async sendCode(subject: Subject, kind: ContactKind, address: string, replaces: string | null, log: Caller['log']): Promise<StartOutcome> {
    const started = await this.stores.confirmations.start(subject, kind, address, replaces);
    if (!started) return { started: false, error: 'tooManySends' };
    try {
      await this.codes.sender!.send(kind, address, started.code, this.codeMinutes);
    } catch (error) {
      if (!(error instanceof NotifyError)) throw error;
      log.warn({ source: 'notify', status: error.status, code: error.code, retryable: error.retryable }, 'confirmation code not sent');
      return { started: false, error: 'sendFailed' };
    }
    return { started: true, id: started.id };
  }

  private contacts(): ContactRegister {
    if (!this.sources.contacts) throw new Error('no Klantinteracties API configured');
    return this.sources.contacts;
  }
}
