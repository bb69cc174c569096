/**
 * The simulator's memory: partijen with their identificatoren and digitale adressen, and
 * klantcontacten with their betrokkenen and onderwerpobjecten. Records hold plain values and refer
 * to each other by UUID; resources.ts turns them into the spec's JSON with absolute URLs. The
 * rules that tie records together (one standaard adres per partij and soort, a voorkeursadres
 * that must stay the partij's own, what a delete takes along) live here, in one place.
 */
import { klantinteractiesDemo } from '../data/klantinteracties-demo.ts';
import type { SoortDigitaalAdres } from '../data/klantinteracties-demo.ts';
import { dutchDate } from '../../src/domain/calendar.ts';
import { type ActorRecord, demoActoren, type InterneTaakRecord } from './internetaken.ts';

export type { SoortDigitaalAdres } from '../data/klantinteracties-demo.ts';

export const soortenPartij = ['persoon', 'organisatie', 'contactpersoon'] as const;
export type SoortPartij = (typeof soortenPartij)[number];
export const soortenDigitaalAdres: readonly SoortDigitaalAdres[] = ['email', 'telefoonnummer', 'overig'];
export const codeObjecttypen = ['natuurlijk_persoon', 'niet_natuurlijk_persoon', 'vestiging'] as const;
export const codeSoortObjectIds = ['bsn', 'vestigingsnummer', 'kvk_nummer', 'rsin'] as const;
export const codeRegisters = ['brp', 'hr'] as const;
export const rollen = ['vertegenwoordiger', 'klant'] as const;

export interface Contactnaam {
  voorletters: string;
  voornaam: string;
  voorvoegselAchternaam: string;
  achternaam: string;
}

/** An address group (bezoekadres, correspondentieadres): only the fields that were given. */
export interface Adres {
  nummeraanduidingId?: string;
  straatnaam?: string;
  huisnummer?: number | null;
  huisnummertoevoeging?: string;
  postcode?: string;
  stad?: string;
  adresregel1?: string;
  adresregel2?: string;
  adresregel3?: string;
  land?: string;
}

export interface PartijRecord {
  uuid: string;
  nummer: string;
  interneNotitie: string;
  soortPartij: SoortPartij;
  indicatieGeheimhouding: boolean | null;
  voorkeurstaal: string;
  indicatieActief: boolean;
  voorkeursDigitaalAdres: string | null;
  bezoekadres: Adres | null;
  correspondentieadres: Adres | null;
  /** partijIdentificatie: contactnaam (persoon, contactpersoon), naam (organisatie), werkteVoorPartij (contactpersoon). */
  contactnaam: Contactnaam | null;
  naam: string;
  werkteVoorPartij: string | null;
}

export interface IdentificatorGroep {
  codeObjecttype: (typeof codeObjecttypen)[number];
  codeSoortObjectId: (typeof codeSoortObjectIds)[number];
  objectId: string;
  codeRegister: (typeof codeRegisters)[number];
}

export interface PartijIdentificatorRecord extends IdentificatorGroep {
  uuid: string;
  partij: string | null;
  anderePartijIdentificator: string;
  subIdentificatorVan: string | null;
}

export interface DigitaalAdresRecord {
  uuid: string;
  partij: string | null;
  betrokkene: string | null;
  adres: string;
  soortDigitaalAdres: SoortDigitaalAdres;
  isStandaardAdres: boolean;
  omschrijving: string;
  referentie: string;
  verificatieDatum: string | null;
}

export interface KlantcontactRecord {
  uuid: string;
  nummer: string | null;
  referentienummer: string | null;
  kanaal: string;
  onderwerp: string;
  inhoud: string;
  reactie: string;
  indicatieContactGelukt: boolean | null;
  /**
   * A URL or '' (then left out of the JSON: '' is no `format: uri`); for the demo a zaaktype of
   * the ZGW simulator, made a URL when rendered (its port may not be known before it listens).
   */
  hoofdOnderwerpType: string | { zaaktype: string };
  verdereActieOndernomen: boolean;
  taal: string;
  vertrouwelijk: boolean;
  plaatsgevondenOp: Date;
  metadata: Record<string, string>;
}

export interface BetrokkeneRecord {
  uuid: string;
  klantcontact: string;
  partij: string | null;
  contactnaam: Contactnaam | null;
  /** Given at the klantcontact (POST /betrokkenen, /maak-klantcontact); the demo has none. */
  bezoekadres?: Adres | null;
  correspondentieadres?: Adres | null;
  rol: (typeof rollen)[number];
  organisatienaam: string;
  initiator: boolean;
}

export interface OnderwerpobjectidentificatorRecord {
  objectId: string;
  codeObjecttype: string;
  codeRegister: string;
  codeSoortObjectId: string;
}

export interface OnderwerpobjectRecord {
  uuid: string;
  klantcontact: string | null;
  wasKlantcontact: string | null;
  identificator: OnderwerpobjectidentificatorRecord | null;
}

export interface StoreOptions {
  /** The simulated time: `now` at start, moving on with the real clock. */
  clock: () => Date;
  dataset: 'demo' | 'empty';
}

const DAY = 24 * 60 * 60 * 1000;

/** Minutes that Amsterdam is ahead of UTC at `moment` (60 or 120). */
function amsterdamOffset(moment: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'shortOffset' }).formatToParts(moment).find((p) => p.type === 'timeZoneName')
      ?.value ?? 'GMT+1';
  const match = /GMT([+-])(\d+)(?::(\d+))?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** An ISO 8601 date-time without offset, read as Amsterdam time (Open Klant's TIME_ZONE), as a moment. */
export function amsterdamLocal(iso: string): Date {
  const guess = new Date(`${iso}Z`);
  return new Date(guess.getTime() - amsterdamOffset(guess) * 60_000);
}

/** Amsterdam local date and time (HH:MM) as a moment. */
function amsterdamMoment(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  return new Date(guess.getTime() - amsterdamOffset(guess) * 60_000);
}

/**
 * ISO 8601 in Amsterdam time with its offset, as Open Klant (TIME_ZONE Europe/Amsterdam) writes
 * datetimes: Python's `isoformat`, so a fraction of a second only when there is one, in
 * microseconds (`10:15:00+01:00`, `10:15:00.123000+01:00`).
 */
export function amsterdamIso(moment: Date): string {
  const offset = amsterdamOffset(moment);
  const local = new Date(moment.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const millis = ((moment.getTime() % 1000) + 1000) % 1000;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}000`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${fraction}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function volledigeNaam(contactnaam: Contactnaam | null): string {
  if (!contactnaam) return '';
  const voornaam = contactnaam.voornaam || contactnaam.voorletters;
  return [voornaam, contactnaam.voorvoegselAchternaam, contactnaam.achternaam].filter((part) => part !== '').join(' ');
}

export class Store {
  readonly partijen = new Map<string, PartijRecord>();
  readonly identificatoren = new Map<string, PartijIdentificatorRecord>();
  readonly digitaleAdressen = new Map<string, DigitaalAdresRecord>();
  readonly klantcontacten = new Map<string, KlantcontactRecord>();
  readonly betrokkenen = new Map<string, BetrokkeneRecord>();
  readonly onderwerpobjecten = new Map<string, OnderwerpobjectRecord>();
  readonly actoren = new Map<string, ActorRecord>();
  readonly internetaken = new Map<string, InterneTaakRecord>();

  constructor(private readonly options: StoreOptions) {
    if (options.dataset === 'demo') {
      this.seedDemo();
      for (const actor of demoActoren) this.actoren.set(actor.uuid, { ...actor });
    }
  }

  /** The simulated time (a new klantcontact's default plaatsgevondenOp). */
  now(): Date {
    return this.options.clock();
  }

  // --- relations ------------------------------------------------------------------------------

  identificatorenOf(partij: string): PartijIdentificatorRecord[] {
    return [...this.identificatoren.values()].filter((i) => i.partij === partij);
  }

  digitaleAdressenOf(partij: string): DigitaalAdresRecord[] {
    return [...this.digitaleAdressen.values()].filter((a) => a.partij === partij);
  }

  digitaleAdressenOfBetrokkene(betrokkene: string): DigitaalAdresRecord[] {
    return [...this.digitaleAdressen.values()].filter((a) => a.betrokkene === betrokkene);
  }

  betrokkenenOfPartij(partij: string): BetrokkeneRecord[] {
    return [...this.betrokkenen.values()].filter((b) => b.partij === partij);
  }

  betrokkenenOfKlantcontact(klantcontact: string): BetrokkeneRecord[] {
    return [...this.betrokkenen.values()].filter((b) => b.klantcontact === klantcontact);
  }

  /** The onderwerpobjecten a klantcontact ging over. */
  onderwerpobjectenOf(klantcontact: string): OnderwerpobjectRecord[] {
    return [...this.onderwerpobjecten.values()].filter((o) => o.klantcontact === klantcontact);
  }

  /** The onderwerpobjecten that were (wasKlantcontact) this klantcontact. */
  onderwerpobjectenWas(klantcontact: string): OnderwerpobjectRecord[] {
    return [...this.onderwerpobjecten.values()].filter((o) => o.wasKlantcontact === klantcontact);
  }

  nextPartijNummer(): string {
    const highest = Math.max(0, ...[...this.partijen.values()].map((p) => (/^\d+$/.test(p.nummer) ? Number(p.nummer) : 0)));
    return String(highest + 1).padStart(10, '0');
  }

  // --- rules ----------------------------------------------------------------------------------

  /**
   * After `adres` changed: a standaard adres is the only one of its partij and soort
   * (DigitaalAdres.isStandaardAdres in the spec), an adres without partij is no standaard adres,
   * and an adres that left its partij is no longer that partij's voorkeursDigitaalAdres.
   */
  settleDigitaalAdres(adres: DigitaalAdresRecord): void {
    if (adres.partij === null) adres.isStandaardAdres = false;
    if (adres.isStandaardAdres && adres.partij) {
      for (const other of this.digitaleAdressenOf(adres.partij)) {
        if (other.uuid !== adres.uuid && other.soortDigitaalAdres === adres.soortDigitaalAdres) other.isStandaardAdres = false;
      }
    }
    for (const partij of this.partijen.values()) {
      if (partij.voorkeursDigitaalAdres === adres.uuid && adres.partij !== partij.uuid) partij.voorkeursDigitaalAdres = null;
    }
  }

  deleteDigitaalAdres(uuid: string): void {
    this.digitaleAdressen.delete(uuid);
    for (const partij of this.partijen.values()) if (partij.voorkeursDigitaalAdres === uuid) partij.voorkeursDigitaalAdres = null;
  }

  /**
   * A klantcontact takes its betrokkenen and the onderwerpobjecten that were about it or were it
   * along (CASCADE in Open Klant); adressen given by those betrokkenen stay, without betrokkene
   * (SET_NULL).
   */
  deleteKlantcontact(uuid: string): void {
    for (const betrokkene of this.betrokkenenOfKlantcontact(uuid)) {
      for (const adres of this.digitaleAdressenOfBetrokkene(betrokkene.uuid)) adres.betrokkene = null;
      this.betrokkenen.delete(betrokkene.uuid);
    }
    for (const object of [...this.onderwerpobjectenOf(uuid), ...this.onderwerpobjectenWas(uuid)]) this.onderwerpobjecten.delete(object.uuid);
    for (const taak of this.internetaken.values()) if (taak.klantcontact === uuid) this.internetaken.delete(taak.uuid);
    this.klantcontacten.delete(uuid);
  }

  /** Identificatoren whose subIdentificatorVan this one is (the vestigingen under a KvK-nummer). */
  subIdentificatorenOf(uuid: string): PartijIdentificatorRecord[] {
    return [...this.identificatoren.values()].filter((i) => i.subIdentificatorVan === uuid);
  }

  /**
   * A partij takes its identificatoren (and the ones under them) and digitale adressen along;
   * betrokkenen stay (they were at a klantcontact) without wasPartij.
   */
  deletePartij(uuid: string): void {
    const doomed = new Set(this.identificatorenOf(uuid).map((i) => i.uuid));
    // A Set iterates over what is added while iterating: the whole tree under them.
    for (const identificator of doomed) for (const sub of this.subIdentificatorenOf(identificator)) doomed.add(sub.uuid);
    for (const identificator of doomed) this.identificatoren.delete(identificator);
    for (const adres of this.digitaleAdressenOf(uuid)) this.deleteDigitaalAdres(adres.uuid);
    for (const betrokkene of this.betrokkenenOfPartij(uuid)) betrokkene.partij = null;
    for (const partij of this.partijen.values()) if (partij.werkteVoorPartij === uuid) partij.werkteVoorPartij = null;
    this.partijen.delete(uuid);
  }

  // --- demo data ------------------------------------------------------------------------------

  private seedDemo(): void {
    const now = this.options.clock().getTime();
    const ago = (days: number) => new Date(now - days * DAY);

    for (const demo of klantinteractiesDemo.partijen) {
      const persoon = demo.identificatie.soortPartij === 'persoon' ? demo.identificatie : undefined;
      const contactnaam: Contactnaam | null = persoon
        ? { voorletters: persoon.voorletters, voornaam: persoon.voornaam, voorvoegselAchternaam: persoon.voorvoegselAchternaam, achternaam: persoon.achternaam }
        : null;
      const naam = demo.identificatie.soortPartij === 'organisatie' ? demo.identificatie.naam : '';
      this.partijen.set(demo.uuid, {
        uuid: demo.uuid,
        nummer: demo.nummer,
        interneNotitie: '',
        soortPartij: demo.identificatie.soortPartij,
        indicatieGeheimhouding: false,
        voorkeurstaal: 'nld',
        indicatieActief: true,
        voorkeursDigitaalAdres: demo.voorkeursDigitaalAdres,
        bezoekadres: null,
        correspondentieadres: null,
        contactnaam,
        naam,
        werkteVoorPartij: null,
      });
      for (const identificator of demo.identificatoren) {
        this.identificatoren.set(identificator.uuid, { ...identificator, partij: demo.uuid, anderePartijIdentificator: '' });
      }
      for (const adres of demo.digitaleAdressen) {
        this.digitaleAdressen.set(adres.uuid, {
          uuid: adres.uuid,
          partij: demo.uuid,
          betrokkene: null,
          adres: adres.adres,
          soortDigitaalAdres: adres.soortDigitaalAdres,
          isStandaardAdres: adres.isStandaardAdres,
          omschrijving: adres.omschrijving,
          referentie: '',
          verificatieDatum: adres.verifiedDaysAgo === null ? null : dutchDate(ago(adres.verifiedDaysAgo)),
        });
      }
      for (const contact of demo.klantcontacten) {
        this.klantcontacten.set(contact.uuid, {
          uuid: contact.uuid,
          nummer: contact.nummer,
          referentienummer: contact.referentienummer,
          kanaal: contact.kanaal,
          onderwerp: contact.onderwerp,
          inhoud: contact.inhoud,
          reactie: contact.reactie,
          indicatieContactGelukt: contact.indicatieContactGelukt,
          hoofdOnderwerpType: contact.zaak ? { zaaktype: contact.zaak.zaaktypeUuid } : '',
          verdereActieOndernomen: false,
          taal: 'nld',
          vertrouwelijk: false,
          plaatsgevondenOp: amsterdamMoment(dutchDate(ago(contact.daysAgo)), contact.time),
          metadata: {},
        });
        this.betrokkenen.set(contact.betrokkeneUuid, {
          uuid: contact.betrokkeneUuid,
          klantcontact: contact.uuid,
          partij: demo.uuid,
          contactnaam,
          rol: 'klant',
          organisatienaam: naam,
          initiator: true,
        });
        if (contact.zaak && contact.onderwerpobjectUuid) {
          this.onderwerpobjecten.set(contact.onderwerpobjectUuid, {
            uuid: contact.onderwerpobjectUuid,
            klantcontact: contact.uuid,
            wasKlantcontact: null,
            identificator: { objectId: contact.zaak.uuid, codeObjecttype: 'zaak', codeRegister: 'open-zaak', codeSoortObjectId: 'uuid' },
          });
        }
      }
    }
  }
}
