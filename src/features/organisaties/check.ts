/**
 * One bericht of a batch checked: against the OpenAPI document's BerichtIn schema (Ajv), then
 * what a schema cannot say (the BSN's elfproef, the attachment's real content and size, the
 * publication date's window). A bericht that fails gets its own result; the batch goes on.
 */
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { fileTypeFromBuffer } from 'file-type';
import { isValidBsn, isValidKvkNummer } from '../../domain/bsn.ts';
import type { Subject } from '../../domain/identity.ts';
import type { NewOrganisatieBericht } from '../../sources/voordeur/organisatie-berichten.ts';
import { maxBijlageBytes, schemas } from './openapi.ts';

export type Resultaat = 'verwerkt' | 'bestaatAl' | 'ontvangerOnbekend' | 'bijlageTeGroot' | 'bijlageOngeldig' | 'ongeldig';
export type Refusal = { resultaat: Exclude<Resultaat, 'verwerkt' | 'bestaatAl'>; veld?: string; melding: string };

// ajv-formats is CommonJS: imported as ESM, the plugin is its default export's `default`.
type FormatsPlugin = (ajv: Ajv, formats: string[]) => Ajv;
const addFormats = ((addFormatsPlugin as unknown as { default?: FormatsPlugin }).default ?? addFormatsPlugin) as unknown as FormatsPlugin;
const ajv = new Ajv({ allErrors: false, strict: false });
addFormats(ajv, ['date', 'date-time']);
const validBerichtIn = ajv.compile(schemas.BerichtIn);

/** How far ahead a bericht may be published. */
const maxAheadMs = 366 * 24 * 60 * 60 * 1000;

interface BerichtIn {
  berichtId: string;
  ontvanger: { bsn: string } | { kvkNummer: string; vestigingsnummer?: string };
  onderwerp: string;
  tekst: string;
  referentie?: string;
  handelingsperspectief?: string;
  einddatumHandelingstermijn?: string;
  publicatiedatum?: string;
  bijlagen?: { bestandsnaam: string; inhoud: string }[];
}

export async function checkBericht(item: unknown, now: Date): Promise<{ ok: NewOrganisatieBericht } | Refusal> {
  if (!validBerichtIn(item)) {
    const error = validBerichtIn.errors?.[0];
    const veld = error
      ? `${error.instancePath}${error.keyword === 'required' || error.keyword === 'additionalProperties' ? `/${String(error.params.missingProperty ?? error.params.additionalProperty)}` : ''}`
      : '';
    if (veld.startsWith('/ontvanger'))
      return {
        resultaat: 'ontvangerOnbekend',
        veld: '/ontvanger',
        melding: 'ontvanger must be a BSN (9 digits) or a KvK number (8 digits, with an optional 12-digit vestigingsnummer)',
      };
    return { resultaat: 'ongeldig', veld: veld || '/', melding: error?.message ?? 'does not fit BerichtIn' };
  }
  const bericht = item as BerichtIn;
  const ontvanger: Subject | null =
    'bsn' in bericht.ontvanger
      ? isValidBsn(bericht.ontvanger.bsn)
        ? { type: 'persoon', bsn: bericht.ontvanger.bsn }
        : null
      : isValidKvkNummer(bericht.ontvanger.kvkNummer)
        ? {
            type: 'bedrijf',
            kvkNummer: bericht.ontvanger.kvkNummer,
            ...(bericht.ontvanger.vestigingsnummer ? { vestigingsnummer: bericht.ontvanger.vestigingsnummer } : {}),
          }
        : null;
  if (!ontvanger) return { resultaat: 'ontvangerOnbekend', veld: '/ontvanger', melding: 'not a valid BSN (elfproef) or KvK number' };
  for (const veld of ['onderwerp', 'tekst'] as const) {
    if (!bericht[veld].trim()) return { resultaat: 'ongeldig', veld: `/${veld}`, melding: 'must not be empty' };
  }
  const publicatiedatum = bericht.publicatiedatum ? new Date(bericht.publicatiedatum) : now;
  if (publicatiedatum.getTime() - now.getTime() > maxAheadMs) return { resultaat: 'ongeldig', veld: '/publicatiedatum', melding: 'at most a year ahead' };
  const bijlagen: NewOrganisatieBericht['bijlagen'] = [];
  for (const [index, bijlage] of (bericht.bijlagen ?? []).entries()) {
    const veld = `/bijlagen/${index}/inhoud`;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(bijlage.inhoud)) return { resultaat: 'bijlageOngeldig', veld, melding: 'inhoud must be base64' };
    const inhoud = Buffer.from(bijlage.inhoud, 'base64');
    if (inhoud.length > maxBijlageBytes) return { resultaat: 'bijlageTeGroot', veld, melding: `at most ${maxBijlageBytes / 1024} kB` };
    // By content, not by name: a file called .pdf that is not one is refused.
    if ((await fileTypeFromBuffer(inhoud))?.mime !== 'application/pdf') return { resultaat: 'bijlageOngeldig', veld, melding: 'not a PDF' };
    bijlagen.push({ bestandsnaam: bijlage.bestandsnaam, inhoud });
  }
  const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  return {
    ok: {
      berichtId: bericht.berichtId,
      ontvanger,
      onderwerp: bericht.onderwerp.trim(),
      tekst: bericht.tekst,
      referentie: trimmed(bericht.referentie),
      handelingsperspectief: trimmed(bericht.handelingsperspectief),
      einddatumHandelingstermijn: bericht.einddatumHandelingstermijn,
      publicatiedatum,
      bijlagen,
    },
  };
}
