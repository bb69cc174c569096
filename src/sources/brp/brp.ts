/**
 * Haal Centraal BRP Bevragen v2: the logged-in person's own data, by `POST /personen` with
 * `RaadpleegMetBurgerservicenummer`, asking only for the fields Mijn gegevens shows
 * (dataminimalisatie; geheimhoudingPersoonsgegevens comes with every answer).
 */
import { z } from 'zod';
import { joinName, type GerelateerdePersoon, type Persoon, type PersonRegister, type RegisterDatum } from '../../domain/persoon.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { PersonalAnswers } from '../answers.ts';
import { SourceClient } from '../http.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import type { components } from './generated/brp-personen.ts';

type S = components['schemas'];

/** The fields Mijn gegevens shows; paths as the API's `fields` parameter wants them. */
export const brpFields = ['naam', 'geboorte', 'nationaliteiten', 'verblijfplaats', 'partners', 'kinderen'] as const;

const waardetabel = z.object({ code: z.string().optional(), omschrijving: z.string().optional() }).passthrough();
const datum = z.object({ type: z.string(), langFormaat: z.string(), datum: z.string().optional() }).passthrough();
const naam = z
  .object({ voornamen: z.string().optional(), voorvoegsel: z.string().optional(), geslachtsnaam: z.string().optional(), volledigeNaam: z.string().optional() })
  .passthrough();
const geboorte = z.object({ datum: datum.optional(), plaats: waardetabel.optional(), land: waardetabel.optional() }).passthrough();
const verblijfadres = z
  .object({
    officieleStraatnaam: z.string().optional(),
    korteStraatnaam: z.string().optional(),
    huisnummer: z.number().int().optional(),
    huisletter: z.string().optional(),
    huisnummertoevoeging: z.string().optional(),
    postcode: z.string().optional(),
    woonplaats: z.string().optional(),
    regel1: z.string().optional(),
    regel2: z.string().optional(),
    regel3: z.string().optional(),
    land: waardetabel.optional(),
  })
  .passthrough();

const persoonSchema = z
  .object({
    geheimhoudingPersoonsgegevens: z.boolean().optional(),
    naam: naam.optional(),
    geboorte: geboorte.optional(),
    nationaliteiten: z.array(z.object({ type: z.string(), nationaliteit: waardetabel.optional() }).passthrough()).optional(),
    verblijfplaats: z.object({ type: z.string(), verblijfadres: verblijfadres.optional(), datumVan: datum.optional() }).passthrough().optional(),
    partners: z
      .array(
        z
          .object({
            naam: naam.optional(),
            geboorte: geboorte.optional(),
            soortVerbintenis: waardetabel.optional(),
            aangaanHuwelijkPartnerschap: z.object({ datum: datum.optional() }).passthrough().optional(),
            ontbindingHuwelijkPartnerschap: z.object({ datum: datum.optional() }).passthrough().optional(),
          })
          .passthrough(),
      )
      .optional(),
    kinderen: z.array(z.object({ naam: naam.optional(), geboorte: geboorte.optional() }).passthrough()).optional(),
  })
  .passthrough() satisfies z.ZodType<Partial<Record<keyof S['Persoon'], unknown>>>;

const answerSchema = z.object({ type: z.literal('RaadpleegMetBurgerservicenummer'), personen: z.array(persoonSchema) });

type RawNaam = z.output<typeof naam>;
type RawDatum = z.output<typeof datum>;

const registerDatum = (raw: RawDatum | undefined): RegisterDatum | undefined =>
  raw ? { iso: raw.type === 'Datum' ? raw.datum : undefined, tekst: raw.langFormaat } : undefined;
const fullName = (raw: RawNaam | undefined) => raw?.volledigeNaam ?? joinName(raw?.voornamen, raw?.voorvoegsel, raw?.geslachtsnaam);

export class BrpClient implements PersonRegister {
  private readonly client: SourceClient;

  private readonly answers: PersonalAnswers | undefined;

  constructor(
    private readonly config: { url: string; apiKey: string },
    options: { timeoutMs: number; metrics: Metrics; answers?: PersonalAnswers },
  ) {
    this.client = new SourceClient({ name: 'brp', timeoutMs: options.timeoutMs, metrics: options.metrics, headers: () => ({ 'x-api-key': config.apiKey }) });
    this.answers = options.answers;
  }

  /**
   * The person with this BSN, or null when the BRP does not know them. Kept for a few seconds when
   * `answers` is given (Mijn gegevens opened again; the BRP tells Voordeur of no changes, and
   * Voordeur makes none there).
   */
  persoon(bsn: string): Promise<Persoon | null> {
    return this.answers ? this.answers.get('brp', { type: 'persoon', bsn }, 'persoon', () => this.persoonNow(bsn)) : this.persoonNow(bsn);
  }

  private async persoonNow(bsn: string): Promise<Persoon | null> {
    const body = { type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [bsn], fields: [...brpFields] } satisfies S['RaadpleegMetBurgerservicenummer'];
    const answer = await this.client.postJson(`${this.config.url}/personen`, body, answerSchema).catch((error: unknown) => {
      // A refusal of Voordeur's own, well-formed question is a configuration problem: for the person, an outage.
      if (error instanceof SourceUnavailableError) throw error;
      throw new SourceUnavailableError('brp', 'status', error instanceof Error ? error.message : 'refused', { cause: error });
    });
    const raw = answer.personen[0];
    if (!raw) return null;
    const adres = raw.verblijfplaats?.verblijfadres;
    const related = (person: { naam?: RawNaam; geboorte?: z.output<typeof geboorte> }): GerelateerdePersoon => ({
      naam: fullName(person.naam),
      geboortedatum: registerDatum(person.geboorte?.datum),
    });
    return {
      naam: fullName(raw.naam),
      voornamen: raw.naam?.voornamen,
      geboortedatum: registerDatum(raw.geboorte?.datum),
      geboorteplaats: raw.geboorte?.plaats?.omschrijving,
      geboorteland: raw.geboorte?.land?.omschrijving,
      nationaliteiten: (raw.nationaliteiten ?? []).map((n) => n.nationaliteit?.omschrijving).filter((n): n is string => Boolean(n)),
      adres: adres ? addressLines(adres) : undefined,
      adresSinds: registerDatum(raw.verblijfplaats?.datumVan),
      partners: (raw.partners ?? [])
        .filter((p) => !p.ontbindingHuwelijkPartnerschap?.datum)
        .map((p) => ({ ...related(p), soortVerbintenis: p.soortVerbintenis?.omschrijving, sinds: registerDatum(p.aangaanHuwelijkPartnerschap?.datum) })),
      kinderen: (raw.kinderen ?? []).map(related),
      geheimhouding: raw.geheimhoudingPersoonsgegevens === true,
    };
  }
}

function addressLines(adres: z.output<typeof verblijfadres>): string[] {
  if (adres.regel1) return [adres.regel1, adres.regel2, adres.regel3, adres.land?.omschrijving].filter((line): line is string => Boolean(line));
  const huisnummer = [adres.huisnummer, adres.huisletter, adres.huisnummertoevoeging ? `-${adres.huisnummertoevoeging}` : undefined]
    .filter((p) => p !== undefined)
    .join('');
  return [joinName(adres.officieleStraatnaam ?? adres.korteStraatnaam, huisnummer), joinName(adres.postcode, adres.woonplaats)].filter(Boolean);
}
