/**
 * One bericht of a batch checked: against the OpenAPI document's BerichtIn schema (Ajv), then
 * what a schema cannot say (the BSN's elfproef, the attachment's real content and size, the
 * publication date's window). A bericht that fails gets its own result; the batch goes on.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { fileTypeFromBuffer } from 'file-type';
import { isValidBsn, isValidKvkNummer } from '../../domain/bsn.ts';
import type { Subject } from '../../domain/identity.ts';
import type { NewOrganisatieBericht } from '../../sources/voordeur/organisatie-berichten.ts';
import type { PushedZaak } from '../../sources/voordeur/organisatie-zaken.ts';
import { maxBijlageBytes, schemas } from './openapi.ts';

export type Resultaat = 'verwerkt' | 'bestaatAl' | 'ontvangerOnbekend' | 'bijlageTeGroot' | 'bijlageOngeldig' | 'ongeldig' | 'opslagNietBeschikbaar';
export type Refusal = { resultaat: Exclude<Resultaat, 'verwerkt' | 'bestaatAl' | 'opslagNietBeschikbaar'>; veld?: string; melding: string };

// ajv-formats is CommonJS: imported as ESM, the plugin is its default export's `default`.
type FormatsPlugin = (ajv: Ajv, formats: string[]) => Ajv;
const addFormats = ((addFormatsPlugin as unknown as { default?: FormatsPlugin }).default ?? addFormatsPlugin) as unknown as FormatsPlugin;
/** The schemas' validators, compiled on the first call of the API rather than at every start. */
let compiled: Record<'berichtIn' | 'zaakIn' | 'statusIn', ValidateFunction> | undefined;
function validators() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv, ['date', 'date-time']);
    compiled = { berichtIn: ajv.compile(schemas.BerichtIn), zaakIn: ajv.compile(schemas.ZaakIn), statusIn: ajv.compile(schemas.StatusIn) };
  }
  return compiled;
}

/** How far ahead a bericht may be published. */
const maxAheadMs = 366 * 24 * 60 * 60 * 1000;

const ontvangerMelding = 'ontvanger must be a BSN (9 digits, elfproef) or a KvK number (8 digits, with an optional 12-digit vestigingsnummer)';

interface BerichtIn {
  berichtId: string;
  ontvanger: OntvangerIn;
  onderwerp: string;
  tekst: string;
  referentie?: string;
  berichtType?: string;
  handelingsperspectief?: string;
  einddatumHandelingstermijn?: string;
  publicatiedatum?: string;
  bijlagen?: { bestandsnaam: string; inhoud: string }[];
}

type OntvangerIn = { bsn: string } | { kvkNummer: string; vestigingsnummer?: string };

/** The recipient as a subject; null when the BSN fails the elfproef or the KvK number its check. */
function subjectOf(ontvanger: OntvangerIn): Subject | null {
  if ('bsn' in ontvanger) return isValidBsn(ontvanger.bsn) ? { type: 'persoon', bsn: ontvanger.bsn } : null;
  if (!isValidKvkNummer(ontvanger.kvkNummer)) return null;
  return { type: 'bedrijf', kvkNummer: ontvanger.kvkNummer, ...(ontvanger.vestigingsnummer ? { vestigingsnummer: ontvanger.vestigingsnummer } : {}) };
}

/** Control characters other than tab and line breaks: never meant, and a NUL is refused by PostgreSQL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this pattern is for.
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** An attachment's content: checked as base64 on its own (which has no control characters), so not scanned twice. */
const bijlageInhoud = /^\/bijlagen\/\d+\/inhoud$/;

/** The first string in `value` (a checked request) with a control character, as a JSON pointer; undefined when there is none. */
function controlCharacterAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return controlCharacter.test(value) ? path || '/' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'inhoud' && bijlageInhoud.test(`${path}/${key}`)) continue;
    const found = controlCharacterAt(inner, `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}

const controlMelding = 'control characters (other than tab and line breaks) are not allowed';

/** Where the first schema error is, as a JSON pointer, and what it is. */
function firstError(errors: ErrorObject[] | null | undefined): { veld: string; melding: string } {
  const error = errors?.[0];
  if (!error) return { veld: '/', melding: 'does not fit the schema' };
  const named =
    error.keyword === 'required' ? error.params.missingProperty : error.keyword === 'additionalProperties' ? error.params.additionalProperty : undefined;
  return { veld: `${error.instancePath}${named ? `/${String(named)}` : ''}` || '/', melding: error.message ?? 'does not fit the schema' };
}

/**
 * Standard base64 (A-Z a-z 0-9 + /, padded or not) decoded; undefined for anything else. Node's
 * decoder skips what is not base64 (so the result is shorter than the length says) and also takes
 * the URL-safe - and _: both are refused here, as is = other than at the end. As strict as a
 * pattern over the whole string, at a fraction of its cost for a 500 kB attachment.
 */
function decodeBase64(text: string): Buffer | undefined {
  const padding = text.indexOf('=');
  if (padding !== -1 && (padding < text.length - 2 || (padding === text.length - 2 && text[text.length - 1] !== '='))) return undefined;
  if (text.length % 4 === 1 || text.includes('-') || text.includes('_')) return undefined;
  const content = Buffer.from(text, 'base64');
  return content.length === Buffer.byteLength(text, 'base64') ? content : undefined;
}

export async function checkBericht(item: unknown, now: Date): Promise<{ ok: NewOrganisatieBericht } | Refusal> {
  const { berichtIn } = validators();
  if (!berichtIn(item)) {
    const { veld, melding } = firstError(berichtIn.errors);
    if (veld.startsWith('/ontvanger')) return { resultaat: 'ontvangerOnbekend', veld: '/ontvanger', melding: ontvangerMelding };
    return { resultaat: 'ongeldig', veld, melding };
  }
  const control = controlCharacterAt(item);
  if (control) return { resultaat: 'ongeldig', veld: control, melding: controlMelding };
  const bericht = item as BerichtIn;
  const ontvanger = subjectOf(bericht.ontvanger);
  if (!ontvanger) return { resultaat: 'ontvangerOnbekend', veld: '/ontvanger', melding: 'not a valid BSN (elfproef) or KvK number' };
  for (const veld of ['onderwerp', 'tekst'] as const) {
    if (!bericht[veld].trim()) return { resultaat: 'ongeldig', veld: `/${veld}`, melding: 'must not be empty' };
  }
  const publicatiedatum = bericht.publicatiedatum ? new Date(bericht.publicatiedatum) : now;
  if (publicatiedatum.getTime() - now.getTime() > maxAheadMs) return { resultaat: 'ongeldig', veld: '/publicatiedatum', melding: 'at most a year ahead' };
  const bijlagen: NewOrganisatieBericht['bijlagen'] = [];
  for (const [index, bijlage] of (bericht.bijlagen ?? []).entries()) {
    const veld = `/bijlagen/${index}/inhoud`;
    // The size follows from the length: an attachment far too big is refused without decoding it.
    if (Buffer.byteLength(bijlage.inhoud, 'base64') > maxBijlageBytes)
      return { resultaat: 'bijlageTeGroot', veld, melding: `at most ${maxBijlageBytes / 1024} kB` };
    const inhoud = decodeBase64(bijlage.inhoud);
    if (!inhoud) return { resultaat: 'bijlageOngeldig', veld, melding: 'inhoud must be base64' };
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
      berichtType: bericht.berichtType,
      handelingsperspectief: trimmed(bericht.handelingsperspectief),
      einddatumHandelingstermijn: bericht.einddatumHandelingstermijn,
      publicatiedatum,
      bijlagen,
    },
  };
}

/** A zaak as PUT: checked, or the field that is wrong. */
export function checkZaak(zaakId: string, item: unknown): { ok: PushedZaak } | { veld: string; melding: string } {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(zaakId)) return { veld: 'zaakId', melding: 'letters, digits and . _ : - only, at most 64' };
  const { zaakIn } = validators();
  if (!zaakIn(item)) return firstError(zaakIn.errors);
  const control = controlCharacterAt(item);
  if (control) return { veld: control, melding: controlMelding };
  const zaak = item as Omit<PushedZaak, 'zaakId' | 'ontvanger'> & { ontvanger: OntvangerIn };
  const ontvanger = subjectOf(zaak.ontvanger);
  if (!ontvanger) return { veld: '/ontvanger', melding: ontvangerMelding };
  if (new Set(zaak.stappen).size !== zaak.stappen.length) return { veld: '/stappen', melding: 'each step once' };
  return { ok: { ...zaak, zaakId, ontvanger } };
}

/** A status as POSTed: checked, or the field that is wrong. */
export function checkStatus(item: unknown, now: Date): { ok: { stap: string; datum: Date; toelichting?: string } } | { veld: string; melding: string } {
  const { statusIn } = validators();
  if (!statusIn(item)) return firstError(statusIn.errors);
  const control = controlCharacterAt(item);
  if (control) return { veld: control, melding: controlMelding };
  const status = item as { stap: string; datum?: string; toelichting?: string };
  const datum = status.datum ? new Date(status.datum) : now;
  if (datum.getTime() > now.getTime() + 5 * 60_000) return { veld: '/datum', melding: 'not in the future' };
  return { ok: { stap: status.stap, datum, ...(status.toelichting ? { toelichting: status.toelichting } : {}) } };
}
