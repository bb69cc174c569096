/**
 * KVK Handelsregister: the logged-in company's own data, for Mijn gegevens. Two calls in parallel,
 * the Basisprofiel (names, SBI activities, eigenaar's rechtsvorm, the hoofdvestiging with its
 * addresses) and the list of vestigingen; then a Vestigingsprofiel for each other vestiging
 * whose address is not shielded, a few at a time, for its bezoekadres.
 * An unknown KvK number (404) is null, like a company the register does not know.
 * Shapes: Basisprofiel API 1.5.0 and Vestigingsprofiel API 1.4 (see simulators/kvk/index.ts).
 */
import pLimit from 'p-limit';
import { z } from 'zod';
import { joinName, type Bedrijf, type CompanyRegister, type Vestiging } from '../../domain/persoon.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { SourceClient } from '../http.ts';

const jaNee = z.string().optional();
const adres = z
  .object({
    type: z.string().optional(),
    indAfgeschermd: jaNee,
    volledigAdres: z.string().optional(),
    straatnaam: z.string().optional(),
    huisnummer: z.number().int().optional(),
    huisletter: z.string().optional(),
    huisnummerToevoeging: z.string().optional(),
    toevoegingAdres: z.string().optional(),
    postcode: z.string().optional(),
    postbusnummer: z.number().int().optional(),
    plaats: z.string().optional(),
    land: z.string().optional(),
  })
  .passthrough();
const adressen = z.array(adres).optional();

const basisprofielSchema = z
  .object({
    kvkNummer: z.string(),
    naam: z.string().optional(),
    statutaireNaam: z.string().optional(),
    formeleRegistratiedatum: z.string().optional(),
    handelsnamen: z.array(z.object({ naam: z.string(), volgorde: z.number().int().optional() }).passthrough()).optional(),
    sbiActiviteiten: z.array(z.object({ sbiCode: z.string(), sbiOmschrijving: z.string().optional(), indHoofdactiviteit: jaNee }).passthrough()).optional(),
    _embedded: z
      .object({
        hoofdvestiging: z.object({ vestigingsnummer: z.string(), eersteHandelsnaam: z.string().optional(), adressen }).passthrough().optional(),
        eigenaar: z.object({ rechtsvorm: z.string().optional(), uitgebreideRechtsvorm: z.string().optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const vestigingenSchema = z
  .object({
    kvkNummer: z.string(),
    vestigingen: z
      .array(
        z
          .object({
            vestigingsnummer: z.string(),
            eersteHandelsnaam: z.string().optional(),
            indHoofdvestiging: jaNee,
            indAdresAfgeschermd: jaNee,
            volledigAdres: z.string().optional(),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();

const vestigingsprofielSchema = z.object({ vestigingsnummer: z.string(), adressen }).passthrough();

type Adres = z.output<typeof adres>;

const isJa = (value: string | undefined) => value?.toLowerCase() === 'ja';

/** Vestigingsprofielen asked at the same time, at most (a company may have hundreds of vestigingen). */
const concurrency = 4;

export class KvkClient implements CompanyRegister {
  private readonly client: SourceClient;

  constructor(
    private readonly config: { url: string; apiKey: string },
    options: { timeoutMs: number; metrics: Metrics },
  ) {
    this.client = new SourceClient({ name: 'kvk', timeoutMs: options.timeoutMs, metrics: options.metrics, headers: () => ({ apikey: config.apiKey }) });
  }

  async vestigingsnummers(kvkNummer: string): Promise<string[]> {
    if (!/^[0-9]{8}$/.test(kvkNummer)) return [];
    const lijst = await this.client.getJson(`${this.config.url.replace(/\/+$/, '')}/basisprofielen/${kvkNummer}/vestigingen`, vestigingenSchema);
    return (lijst?.vestigingen ?? []).map((v) => v.vestigingsnummer);
  }

  /** The company with this KvK number, or null when the KvK does not know it. */
  async bedrijf(kvkNummer: string): Promise<Bedrijf | null> {
    // Not a KvK number: nothing to ask (the KvK would answer 400).
    if (!/^[0-9]{8}$/.test(kvkNummer)) return null;
    const base = this.config.url.replace(/\/+$/, '');
    const [profiel, lijst] = await Promise.all([
      this.client.getJson(`${base}/basisprofielen/${kvkNummer}`, basisprofielSchema),
      this.client.getJson(`${base}/basisprofielen/${kvkNummer}/vestigingen`, vestigingenSchema),
    ]);
    if (!profiel) return null;

    const hoofd = profiel._embedded?.hoofdvestiging;
    const listed = lijst?.vestigingen ?? [];
    // The list is the source of vestigingen; a hoofdvestiging missing from it still counts.
    const all =
      hoofd && !listed.some((v) => v.vestigingsnummer === hoofd.vestigingsnummer)
        ? [
            { vestigingsnummer: hoofd.vestigingsnummer, eersteHandelsnaam: hoofd.eersteHandelsnaam, indHoofdvestiging: 'Ja', indAdresAfgeschermd: undefined },
            ...listed,
          ]
        : listed;

    const limit = pLimit(concurrency);
    const vestigingen: Vestiging[] = await Promise.all(
      all.map((v) =>
        limit(async (): Promise<Vestiging> => {
          const isHoofd = v.vestigingsnummer === hoofd?.vestigingsnummer || isJa(v.indHoofdvestiging);
          let lines: string[] | undefined;
          if (!isJa(v.indAdresAfgeschermd)) {
            // The hoofdvestiging's addresses come with the Basisprofiel; others need their profile.
            const found =
              v.vestigingsnummer === hoofd?.vestigingsnummer
                ? hoofd.adressen
                : (await this.client.getJson(`${base}/vestigingsprofielen/${v.vestigingsnummer}`, vestigingsprofielSchema))?.adressen;
            lines = bezoekadresLines(found);
          }
          return { vestigingsnummer: v.vestigingsnummer, naam: v.eersteHandelsnaam ?? profiel.naam ?? '', adres: lines, hoofdvestiging: isHoofd };
        }),
      ),
    );
    vestigingen.sort((a, b) => Number(b.hoofdvestiging) - Number(a.hoofdvestiging));

    const handelsnamen = [...(profiel.handelsnamen ?? [])].sort((a, b) => (a.volgorde ?? 0) - (b.volgorde ?? 0)).map((h) => h.naam);
    const eigenaar = profiel._embedded?.eigenaar;
    return {
      kvkNummer: profiel.kvkNummer,
      naam: profiel.naam ?? profiel.statutaireNaam ?? handelsnamen[0] ?? profiel.kvkNummer,
      rechtsvorm: eigenaar?.uitgebreideRechtsvorm ?? eigenaar?.rechtsvorm,
      handelsnamen,
      activiteiten: (profiel.sbiActiviteiten ?? []).map((a) => ({
        code: a.sbiCode,
        omschrijving: a.sbiOmschrijving ?? '',
        hoofdactiviteit: isJa(a.indHoofdactiviteit),
      })),
      vestigingen,
      registratiedatum: isoDate(profiel.formeleRegistratiedatum),
    };
  }
}

/** The bezoekadres as lines on an envelope; undefined when there is none (or it is shielded). */
function bezoekadresLines(adressen: Adres[] | undefined): string[] | undefined {
  const bezoek = adressen?.find((a) => a.type === 'bezoekadres');
  if (!bezoek || isJa(bezoek.indAfgeschermd)) return undefined;
  if (!bezoek.straatnaam) return bezoek.volledigAdres ? [bezoek.volledigAdres.replace(/\s+/g, ' ').trim()] : undefined;
  const huisnummer = [bezoek.huisnummer, bezoek.huisletter, bezoek.huisnummerToevoeging ? `-${bezoek.huisnummerToevoeging}` : undefined]
    .filter((p) => p !== undefined)
    .join('');
  const lines = [joinName(bezoek.straatnaam, huisnummer), bezoek.toevoegingAdres, joinName(bezoek.postcode, bezoek.plaats)];
  if (bezoek.land && bezoek.land !== 'Nederland') lines.push(bezoek.land);
  return lines.filter((line): line is string => Boolean(line));
}

/** YYYYMMDD (the KvK's dates) → YYYY-MM-DD; undefined for anything else. */
function isoDate(value: string | undefined): string | undefined {
  const match = value?.match(/^(\d{4})(\d{2})(\d{2})$/);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
