/**
 * The Klantinteracties API (Open Klant 2): how the organisation can reach someone (digitale
 * adressen of their partij) and the contacts they had (klantcontacten). The partij is always
 * found from the session's identity (its BSN or KvK number as partij-identificator) and checked
 * again on the answer, never taken from a URL or a form: an adres or klantcontact of another
 * partij is "not found".
 *
 * No filter is trusted to have been applied. Open Klant before 2.4 has no
 * `hadBetrokkene__wasPartij__*` filters on /klantcontacten (and before 2.2 no filters on
 * /digitaleadressen), and before 2.14 it ignores a query parameter it does not know: it answers
 * everyone's. So every klantcontact is kept only when one of its own betrokkenen was the person's
 * partij, and every digitaal adres only when its own verstrektDoorPartij is that partij (read
 * again before it is changed or removed). Lists are followed through `next` (Open Klant pages by
 * 100), up to a bound; past it the overview says it is incomplete. `next` is taken as a page of the
 * same list on the configured API (only its query string counts), so the token goes nowhere else.
 */
import { z } from 'zod';
import type { Subject } from '../../domain/identity.ts';
import { SourceRejectedError, SourceUnavailableError } from '../../domain/availability.ts';
import type { Log } from '../../domain/log.ts';
import type { ContactKind, Contactmoment, ContactRegister, DigitaalAdres, KlantcontactDetail, NewKlantcontact } from '../../domain/persoon.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { PersonalAnswers } from '../answers.ts';
import { namedIn } from '../fits.ts';
import { SourceClient } from '../http.ts';
import type { components } from './generated/klantinteracties.ts';

type S = components['schemas'];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date (YYYY-MM-DD)');
const dateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected a date-time');

const digitaalAdresSchema = namedIn<S['DigitaalAdres']>()(
  z.object({
    uuid: z.string().uuid(),
    adres: z.string(),
    soortDigitaalAdres: z.string(),
    isStandaardAdres: z.boolean().optional(),
    verificatieDatum: date.nullable().optional(),
    verstrektDoorPartij: z.object({ uuid: z.string().uuid() }).nullable().optional(),
  }),
);

const identificatorSchema = namedIn<S['PartijIdentificator']>()(
  z.object({
    partijIdentificator: z.object({ codeSoortObjectId: z.string().optional(), objectId: z.string().optional() }),
  }),
);

const partijSchema = namedIn<S['Base_PartijSerializer'] & { _expand?: unknown }>()(
  z.object({
    uuid: z.string().uuid(),
    indicatieActief: z.boolean().optional(),
    partijIdentificatoren: z.array(identificatorSchema).nullable().optional(),
    voorkeursDigitaalAdres: z.object({ uuid: z.string().uuid() }).nullable().optional(),
    _expand: z.object({ digitaleAdressen: z.array(digitaalAdresSchema).nullable().optional() }).optional(),
  }),
);

const onderwerpobjectSchema = namedIn<S['Onderwerpobject']>()(
  z.object({
    onderwerpobjectidentificator: z
      .object({
        objectId: z.string().optional(),
        codeObjecttype: z.string().optional(),
        codeRegister: z.string().optional(),
        codeSoortObjectId: z.string().optional(),
      })
      .nullable()
      .optional(),
  }),
);

const betrokkeneSchema = namedIn<S['Betrokkene']>()(
  z.object({ wasPartij: z.object({ uuid: z.string().uuid() }).nullable().optional(), hadKlantcontact: z.object({ uuid: z.string().uuid() }).optional() }),
);

const klantcontactSchema = namedIn<S['Klantcontact'] & { _expand?: unknown }>()(
  z.object({
    uuid: z.string().uuid(),
    kanaal: z.string(),
    onderwerp: z.string(),
    inhoud: z.string().optional(),
    reactie: z.string().optional(),
    vertrouwelijk: z.boolean(),
    plaatsgevondenOp: dateTime.optional(),
    _expand: z
      .object({
        gingOverOnderwerpobjecten: z.array(onderwerpobjectSchema).optional(),
        hadBetrokkenen: z.array(betrokkeneSchema).optional(),
      })
      .optional(),
  }),
);

/** What Voordeur needs of the answers when it creates a klantcontact (or its parts). */
const createdSchema = z.object({ uuid: z.string().uuid() });
const madeSchema = z.object({ klantcontact: createdSchema });

/** A page of a list: the items are checked one by one, so that one malformed item does not cost the rest. */
const pageSchema = z.object({ count: z.number().int(), next: z.string().nullable().optional(), results: z.array(z.unknown()) });

/** How many pages of 100 a list may take: the person's partijen, and their klantcontacten (newest first). */
const maxPages = { partijen: 5, klantcontacten: 10 } as const;

type RawPartij = z.output<typeof partijSchema>;
type RawAdres = z.output<typeof digitaalAdresSchema>;
type RawKlantcontact = z.output<typeof klantcontactSchema>;

/** How the subject is known as a partij-identificator. */
function identificatorOf(subject: Subject) {
  return subject.type === 'persoon'
    ? { codeObjecttype: 'natuurlijk_persoon', codeSoortObjectId: 'bsn', objectId: subject.bsn, codeRegister: 'brp' }
    : { codeObjecttype: 'niet_natuurlijk_persoon', codeSoortObjectId: 'kvk_nummer', objectId: subject.kvkNummer, codeRegister: 'hr' };
}

/** Whether the partij really carries the subject's identificator (the filter is not trusted). */
function belongsTo(partij: RawPartij, subject: Subject): boolean {
  const { codeSoortObjectId, objectId } = identificatorOf(subject);
  return (partij.partijIdentificatoren ?? []).some(
    (i) => i.partijIdentificator.codeSoortObjectId === codeSoortObjectId && i.partijIdentificator.objectId === objectId,
  );
}

const kinds: Record<string, ContactKind | undefined> = { email: 'email', telefoonnummer: 'telefoonnummer' };

/** Whether the adres, by its own data, was given by this partij (not at a klantcontact, not by another partij). */
function adresOf(partij: RawPartij, adres: RawAdres): boolean {
  return adres.verstrektDoorPartij?.uuid === partij.uuid;
}

/** Whether one of the klantcontact's own betrokkenen was this partij. */
function contactOf(partij: RawPartij, klantcontact: RawKlantcontact): boolean {
  return (klantcontact._expand?.hadBetrokkenen ?? []).some(
    (b) => b.wasPartij?.uuid === partij.uuid && (!b.hadKlantcontact || b.hadKlantcontact.uuid === klantcontact.uuid),
  );
}

/** The partij's addresses, one per kind: the preferred one, else the standard one, else a verified one, else the first. */
function addressesOf(partij: RawPartij): DigitaalAdres[] {
  const all = (partij._expand?.digitaleAdressen ?? []).filter((a) => adresOf(partij, a));
  const rank = (a: RawAdres) => (a.uuid === partij.voorkeursDigitaalAdres?.uuid ? 0 : a.isStandaardAdres ? 1 : a.verificatieDatum ? 2 : 3);
  const chosen = new Map<ContactKind, RawAdres>();
  for (const adres of all) {
    const soort = kinds[adres.soortDigitaalAdres];
    if (!soort) continue;
    const current = chosen.get(soort);
    if (!current || rank(adres) < rank(current)) chosen.set(soort, adres);
  }
  return [...chosen.entries()].map(([soort, a]) => ({ uuid: a.uuid, soort, adres: a.adres, geverifieerd: Boolean(a.verificatieDatum) }));
}

export interface ZaakLinker {
  /** The zaaksysteem a klantcontact's onderwerpobject names (its codeRegister), if Voordeur knows it. */
  systeemFor(codeRegister: string | undefined): string | undefined;
}

/** The overview of a subject's contact details; `incomplete` when there were more klantcontacten than the bound lets Voordeur read. */
export interface ContactOverview {
  adressen: DigitaalAdres[];
  contactmomenten: Contactmoment[];
  incomplete?: boolean;
}

export class KlantinteractiesClient implements ContactRegister {
  private readonly client: SourceClient;
  /** Whether to use /maak-klantcontact (Open Klant 2.4+); false once the API said it has none. */
  private maakKlantcontact = true;

  constructor(
    private readonly config: { url: string; token: string },
    options: { timeoutMs: number; metrics: Metrics; answers?: PersonalAnswers },
    private readonly zaken: ZaakLinker,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.client = new SourceClient({
      name: 'klantinteracties',
      timeoutMs: options.timeoutMs,
      metrics: options.metrics,
      headers: () => ({ authorization: `Token ${config.token}` }),
    });
    this.answers = options.answers;
  }

  /** Where `overview` is kept for a few seconds (answers.ts); every change made here drops the subject's. */
  private readonly answers: PersonalAnswers | undefined;

  /** Runs a change of the subject's data, then drops their kept overview (also when it failed: it may have been made all the same). */
  private async changing<T>(subject: Subject, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      this.answers?.forget('klantinteracties', subject);
    }
  }

  /**
   * The items of a list that `keep` accepts, page after page through `next`, at most `pages`
   * pages; `complete` is false when there were more. An item that does not fit its schema is
   * skipped (and counted), not the whole list.
   */
  private async list<T extends z.ZodType>(
    resource: 'partijen' | 'klantcontacten',
    query: URLSearchParams,
    item: T,
    keep: (value: z.output<T>) => boolean,
  ): Promise<{ items: z.output<T>[]; complete: boolean; skipped: number }> {
    const items: z.output<T>[] = [];
    let skipped = 0;
    let url: string | undefined = `${this.config.url}/${resource}?${query}`;
    for (let page = 0; url; page++) {
      if (page === maxPages[resource]) return { items, complete: false, skipped };
      const answer: z.output<typeof pageSchema> | null = await this.client.getJson(url, pageSchema);
      if (!answer) break;
      for (const raw of answer.results) {
        const parsed = item.safeParse(raw);
        if (!parsed.success) skipped++;
        else if (keep(parsed.data)) items.push(parsed.data);
      }
      url = answer.next ? this.nextPage(resource, answer.next) : undefined;
    }
    return { items, complete: true, skipped };
  }

  /** The next page of a list, on the configured API: of Open Klant's `next` only the query string counts. */
  private nextPage(resource: string, next: string): string {
    const url = URL.canParse(next) ? new URL(next) : undefined;
    if (!url?.pathname.replace(/\/+$/, '').endsWith(`/${resource}`)) {
      throw new SourceUnavailableError('klantinteracties', 'invalid', `next page of ${resource} is not a page of that list`);
    }
    return `${this.config.url}/${resource}${url.search}`;
  }

  /** The subject's partij with its digitale adressen; null when the organisation has none for them. */
  private async partij(subject: Subject): Promise<RawPartij | null> {
    const { codeSoortObjectId, objectId } = identificatorOf(subject);
    const query = new URLSearchParams({
      partijIdentificator__codeSoortObjectId: codeSoortObjectId,
      partijIdentificator__objectId: objectId,
      expand: 'digitaleAdressen',
    });
    const { items: mine, complete } = await this.list('partijen', query, partijSchema, (partij) => belongsTo(partij, subject));
    // Not found among the first pages of an API that ignored the filter: unknown, not "none" (a new partij would be a duplicate).
    if (mine.length === 0 && !complete) throw new SourceUnavailableError('klantinteracties', 'invalid', 'the partij filter was not applied');
    // Several partijen for one person can exist in a messy register; the active one wins.
    return mine.find((partij) => partij.indicatieActief !== false) ?? mine[0] ?? null;
  }

  async adressen(subject: Subject): Promise<DigitaalAdres[]> {
    const partij = await this.partij(subject);
    return partij ? addressesOf(partij) : [];
  }

  /**
   * The subject's addresses and klantcontacten (newest first). Only klantcontacten one of whose
   * betrokkenen was the subject's partij are kept, whatever the API did with the filter; past the
   * bound the answer is `incomplete` (and `log` says so).
   */
  overview(subject: Subject, log?: Pick<Log, 'warn'>): Promise<ContactOverview> {
    // Kept for Mijn gegevens opened again; what changes go through Voordeur (the `changing` methods) or are notified drops it.
    return this.answers ? this.answers.get('klantinteracties', subject, 'overzicht', () => this.overviewNow(subject, log)) : this.overviewNow(subject, log);
  }

  private async overviewNow(subject: Subject, log?: Pick<Log, 'warn'>): Promise<ContactOverview> {
    const partij = await this.partij(subject);
    if (!partij) return { adressen: [], contactmomenten: [] };
    const query = new URLSearchParams({ hadBetrokkene__wasPartij__uuid: partij.uuid, expand: 'gingOverOnderwerpobjecten,hadBetrokkenen' });
    const { items, complete, skipped } = await this.list('klantcontacten', query, klantcontactSchema, (raw) => contactOf(partij, raw));
    if (skipped > 0) log?.warn({ source: 'klantinteracties', skipped }, 'klantcontacten skipped: they do not fit the Klantcontact schema');
    if (!complete)
      log?.warn({ source: 'klantinteracties', shown: items.length, pages: maxPages.klantcontacten }, 'klantcontacten cut off: more pages than Voordeur reads');
    const contactmomenten = items.map((raw) => this.contactmoment(raw)).sort((a, b) => (b.datum?.getTime() ?? 0) - (a.datum?.getTime() ?? 0));
    return { adressen: addressesOf(partij), contactmomenten, ...(complete ? {} : { incomplete: true }) };
  }

  /** One klantcontact of the subject; null when it does not exist or another partij had it. */
  async klantcontact(subject: Subject, uuid: string): Promise<KlantcontactDetail | null> {
    if (!z.string().uuid().safeParse(uuid).success) return null;
    const [partij, raw] = await Promise.all([
      this.partij(subject),
      this.client.getJson(`${this.config.url}/klantcontacten/${uuid}?expand=gingOverOnderwerpobjecten,hadBetrokkenen`, klantcontactSchema),
    ]);
    if (!partij || !raw || !contactOf(partij, raw)) return null;
    return this.detail(raw);
  }

  /**
   * The subject's klantcontact that took place at this moment: asked with `plaatsgevondenOp` (an
   * exact filter in every Open Klant 2) and the partij, and checked again here on both (a filter
   * the API ignored widens the answer, never what is kept).
   */
  async klantcontactOp(subject: Subject, plaatsgevondenOp: Date): Promise<KlantcontactDetail | null> {
    const partij = await this.partij(subject);
    if (!partij) return null;
    const query = new URLSearchParams({
      hadBetrokkene__wasPartij__uuid: partij.uuid,
      plaatsgevondenOp: plaatsgevondenOp.toISOString(),
      expand: 'gingOverOnderwerpobjecten,hadBetrokkenen',
    });
    const at = plaatsgevondenOp.getTime();
    // Open Klant gives the moment with its fraction (Django's isoformat); an answer without one is compared to the second.
    const sameMoment = (value: string) => {
      const moment = Date.parse(value);
      return /T\d{2}:\d{2}:\d{2}\.\d/.test(value) ? moment === at : moment === Math.floor(at / 1000) * 1000;
    };
    const { items, complete } = await this.list(
      'klantcontacten',
      query,
      klantcontactSchema,
      (raw) => contactOf(partij, raw) && raw.plaatsgevondenOp !== undefined && sameMoment(raw.plaatsgevondenOp),
    );
    const raw = items[0];
    if (!raw) {
      if (!complete) throw new SourceUnavailableError('klantinteracties', 'invalid', 'the klantcontacten filter was not applied');
      return null;
    }
    return this.detail(raw);
  }

  /** A klantcontact as its page shows it: the content only when it is not vertrouwelijk. */
  private detail(raw: RawKlantcontact): KlantcontactDetail {
    return {
      ...this.contactmoment(raw),
      uuid: raw.uuid,
      vertrouwelijk: raw.vertrouwelijk,
      inhoud: raw.vertrouwelijk ? undefined : raw.inhoud || undefined,
      reactie: raw.vertrouwelijk ? undefined : raw.reactie || undefined,
    };
  }

  /**
   * Stores a confirmed address as the partij's preferred one of its kind, creating the partij
   * when there is none. `replaces` (one of the subject's own addresses) is updated in place.
   */
  save(subject: Subject, soort: ContactKind, adres: string, replaces: string | null, naam?: string): Promise<void> {
    return this.changing(subject, () => this.saveNow(subject, soort, adres, replaces, naam));
  }

  private async saveNow(subject: Subject, soort: ContactKind, adres: string, replaces: string | null, naam?: string): Promise<void> {
    const verificatieDatum = this.now().toISOString().slice(0, 10);
    const partij = (await this.partij(subject)) ?? (await this.createPartij(subject, naam));
    const own = addressesOf(partij);
    const listed = replaces ? own.find((a) => a.uuid === replaces && a.soort === soort) : undefined;
    const existing = listed && (await this.ownAdres(partij, listed.uuid)) ? listed : undefined;
    const saved = existing
      ? await this.client.patchJson(
          `${this.config.url}/digitaleadressen/${existing.uuid}`,
          { adres, verificatieDatum, isStandaardAdres: true },
          digitaalAdresSchema,
        )
      : await this.client.postJson(
          `${this.config.url}/digitaleadressen`,
          {
            verstrektDoorPartij: { uuid: partij.uuid },
            verstrektDoorBetrokkene: null,
            adres,
            soortDigitaalAdres: soort,
            isStandaardAdres: true,
            omschrijving: 'Opgegeven in Mijn Omgeving',
            verificatieDatum,
          },
          digitaalAdresSchema,
        );
    // The first address of a partij becomes its preferred one, so that staff see it too.
    if (!partij.voorkeursDigitaalAdres) {
      await this.client.patchJson(
        `${this.config.url}/partijen/${partij.uuid}`,
        { soortPartij: subject.type === 'persoon' ? 'persoon' : 'organisatie', voorkeursDigitaalAdres: { uuid: saved.uuid } },
        z.object({}).passthrough(),
      );
    }
  }

  /** Removes one of the subject's own addresses; false when `uuid` is not one of them. */
  remove(subject: Subject, uuid: string): Promise<boolean> {
    return this.changing(subject, async () => {
      const partij = await this.partij(subject);
      if (!partij || !addressesOf(partij).some((a) => a.uuid === uuid) || !(await this.ownAdres(partij, uuid))) return false;
      return this.client.delete(`${this.config.url}/digitaleadressen/${uuid}`);
    });
  }

  /** Empties the verificatieDatum of one of the subject's own addresses; false when `uuid` is not one of them. */
  markUnverified(subject: Subject, uuid: string): Promise<boolean> {
    return this.changing(subject, async () => {
      const partij = await this.partij(subject);
      if (!partij || !addressesOf(partij).some((a) => a.uuid === uuid) || !(await this.ownAdres(partij, uuid))) return false;
      await this.client.patchJson(`${this.config.url}/digitaleadressen/${uuid}`, { verificatieDatum: null }, digitaalAdresSchema);
      return true;
    });
  }

  /** Whether the adres, read again by itself just before it is changed or removed, is still the partij's. */
  private async ownAdres(partij: RawPartij, uuid: string): Promise<boolean> {
    const adres = await this.client.getJson(`${this.config.url}/digitaleadressen/${uuid}`, digitaalAdresSchema);
    return adres !== null && adresOf(partij, adres);
  }

  /**
   * Registers a klantcontact of now with the subject's partij (created when there is none) as
   * betrokkene, rol klant, and the zaak (if any) as onderwerpobject: codeObjecttype 'zaak',
   * codeSoortObjectId 'uuid', objectId the zaak's UUID, codeRegister the zaaksysteem's name (which
   * `overview` maps back with ZaakLinker.systeemFor).
   *
   * Open Klant 2.4 and later take all three in one request (/maak-klantcontact, one transaction:
   * all or nothing). Older ones answer 404 there; then the three are created in sequence, and when
   * the betrokkene or onderwerpobject is refused or cannot be made, the klantcontact is deleted
   * again (taking the betrokkene along), so that a retry does not leave a duplicate; if that
   * delete fails too, a klantcontact without betrokkene (shown to nobody) or without its zaak
   * stays behind. A partij created for the contact stays either way (it is the subject's).
   * A terugbelverzoek is then an interne taak about the klantcontact; when it cannot be made, the
   * klantcontact is deleted again too (taking its taak, betrokkene and onderwerpobject along), so
   * that the staff member can send the whole form again.
   * Nothing of the contact (inhoud, onderwerp) nor the subject's BSN is logged here.
   */
  registerKlantcontact(subject: Subject, contact: NewKlantcontact): Promise<{ uuid: string }> {
    return this.changing(subject, () => this.registerKlantcontactNow(subject, contact));
  }

  private async registerKlantcontactNow(subject: Subject, contact: NewKlantcontact): Promise<{ uuid: string }> {
    const registered = await this.createKlantcontact(subject, contact);
    const terugbel = contact.terugbelverzoek;
    if (!terugbel) return registered;
    try {
      await this.client.postJson(
        `${this.config.url}/internetaken`,
        {
          aanleidinggevendKlantcontact: { uuid: registered.uuid },
          gevraagdeHandeling: 'Terugbellen',
          // The field every Open Klant 2 has (toegewezenAanActoren came later; both are accepted now).
          toegewezenAanActor: { uuid: terugbel.actor },
          toelichting: terugbel.toelichting,
          status: 'te_verwerken',
        },
        createdSchema,
      );
    } catch (error) {
      await this.client.delete(`${this.config.url}/klantcontacten/${registered.uuid}`).catch(() => false);
      throw error;
    }
    return registered;
  }

  /** The klantcontact with its betrokkene and onderwerpobject: in one request, or in sequence on an older Open Klant. */
  private async createKlantcontact(subject: Subject, contact: NewKlantcontact): Promise<{ uuid: string }> {
    const partij = (await this.partij(subject)) ?? (await this.createPartij(subject, contact.naam));
    const klantcontact = {
      kanaal: contact.kanaal,
      onderwerp: contact.onderwerp,
      inhoud: contact.inhoud,
      indicatieContactGelukt: true,
      taal: 'nld',
      vertrouwelijk: contact.vertrouwelijk ?? false,
      plaatsgevondenOp: (contact.plaatsgevondenOp ?? this.now()).toISOString(),
    };
    const betrokkene = { wasPartij: { uuid: partij.uuid }, rol: 'klant', initiator: contact.initiator ?? true };
    const onderwerpobject = contact.zaak && {
      wasKlantcontact: null,
      onderwerpobjectidentificator: { codeObjecttype: 'zaak', codeSoortObjectId: 'uuid', objectId: contact.zaak.uuid, codeRegister: contact.zaak.systeem },
    };

    if (this.maakKlantcontact) {
      try {
        const made = await this.client.postJson(
          `${this.config.url}/maak-klantcontact`,
          { klantcontact, betrokkene, ...(onderwerpobject ? { onderwerpobject } : {}) },
          madeSchema,
        );
        return { uuid: made.klantcontact.uuid };
      } catch (error) {
        // No such endpoint (Open Klant before 2.4): from now on, in sequence.
        if (!(error instanceof SourceRejectedError && (error.status === 404 || error.status === 405))) throw error;
        this.maakKlantcontact = false;
      }
    }

    const created = await this.client.postJson(`${this.config.url}/klantcontacten`, klantcontact, createdSchema);
    try {
      await this.client.postJson(`${this.config.url}/betrokkenen`, { ...betrokkene, hadKlantcontact: { uuid: created.uuid } }, createdSchema);
      if (onderwerpobject) {
        await this.client.postJson(`${this.config.url}/onderwerpobjecten`, { ...onderwerpobject, klantcontact: { uuid: created.uuid } }, createdSchema);
      }
    } catch (error) {
      await this.client.delete(`${this.config.url}/klantcontacten/${created.uuid}`).catch(() => false);
      throw error;
    }
    return { uuid: created.uuid };
  }

  private async createPartij(subject: Subject, naam: string | undefined): Promise<RawPartij> {
    const identificatie = subject.type === 'persoon' ? { contactnaam: null } : { naam: naam ?? '' };
    const created = await this.client.postJson(
      `${this.config.url}/partijen`,
      {
        soortPartij: subject.type === 'persoon' ? 'persoon' : 'organisatie',
        indicatieActief: true,
        voorkeurstaal: 'nld',
        digitaleAdressen: [],
        rekeningnummers: [],
        voorkeursDigitaalAdres: null,
        voorkeursRekeningnummer: null,
        partijIdentificatie: identificatie,
        partijIdentificatoren: [{ anderePartijIdentificator: '', partijIdentificator: identificatorOf(subject) }],
      },
      partijSchema,
    );
    return { ...created, _expand: { digitaleAdressen: [] } };
  }

  private contactmoment(raw: RawKlantcontact): Contactmoment {
    const zaakObject = (raw._expand?.gingOverOnderwerpobjecten ?? [])
      .map((o) => o.onderwerpobjectidentificator)
      .find((id) => id?.codeObjecttype === 'zaak' && id.codeSoortObjectId === 'uuid' && id.objectId);
    const systeem = zaakObject ? this.zaken.systeemFor(zaakObject.codeRegister) : undefined;
    return {
      uuid: raw.uuid,
      datum: raw.plaatsgevondenOp ? new Date(raw.plaatsgevondenOp) : undefined,
      kanaal: raw.kanaal,
      onderwerp: raw.onderwerp,
      zaak: zaakObject && systeem ? { systeem, uuid: zaakObject.objectId! } : undefined,
    };
  }
}
