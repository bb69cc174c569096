/**
 * The one place that reads the environment. Every setting is validated at start; a wrong or
 * missing one stops the process with a message that names it. docs/configuration.md lists them.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { rolOmschrijvingenGeneriek, vertrouwelijkheidaanduidingen } from './domain/zaak.ts';
import { handelingen, type Handeling } from './domain/identity.ts';
import { type Doel, dossierKinds, type MedewerkersRules } from './domain/medewerker.ts';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** "a=b&c=d" → extra parameters for the authorization request. */
const authParams = z.string().transform((value, ctx) => {
  const params = new URLSearchParams(value);
  for (const key of params.keys()) {
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) {
      ctx.addIssue({ code: 'custom', message: `"${key}" is not a valid parameter name (expected name=value&name=value)` });
    }
  }
  return Object.fromEntries(params);
});

const themeTokens = z.string().transform((value, ctx) => {
  try {
    const parsed = z
      .record(
        z.string().regex(/^--[a-z0-9-]+$/, 'token names look like --utrecht-…'),
        z.string().regex(/^[^;{}<>]*$/, 'a token value may not contain ; { } < >'),
      )
      .parse(JSON.parse(value));
    return parsed;
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a JSON object of CSS custom properties, e.g. {"--utrecht-button-primary-action-background-color":"#00689e"} (${error instanceof Error ? error.message.split('\n')[0] : 'invalid'})`,
    });
    return z.NEVER;
  }
});

const zaaksysteem = z.object({
  naam: z.string().regex(/^[a-z0-9][a-z0-9-]{0,29}$/, 'naam: lower-case letters, digits and dashes, at most 30 (it appears in URLs)'),
  zakenApi: url,
  catalogiApi: url,
  documentenApi: url,
  clientId: z.string().min(1),
  secret: z.string().min(1),
  uploadInformatieobjecttype: url.optional(),
  aanvraagInformatieobjecttype: url.optional(),
  andereCatalogiApis: z.array(url).optional(),
});

export const weekdays = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type Weekday = (typeof weekdays)[number];
/** Opening hours on a day or a range of days, e.g. mo-fr 08:30-17:00. */
export interface OpeningHours {
  from: Weekday;
  to?: Weekday;
  opens: string;
  closes: string;
}
/** Opening hours as `mo-fr 08:30-17:00; sa 10:00-12:00` (days mo tu we th fr sa su). */
const openingHours = z.string().transform((value, ctx): OpeningHours[] => {
  const result: OpeningHours[] = [];
  for (const part of value
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(mo|tu|we|th|fr|sa|su)(?:-(mo|tu|we|th|fr|sa|su))? ([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(part);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not like mo-fr 08:30-17:00 (days mo tu we th fr sa su, times as hh:mm; more separated by ;)` });
      return z.NEVER;
    }
    const [, from, to, oh, om, ch, cm] = match as unknown as [string, Weekday, Weekday | undefined, string, string, string, string];
    result.push({ from, to, opens: `${oh}:${om}`, closes: `${ch}:${cm}` });
  }
  return result;
});
const accessibilityStatus = z.enum(['A', 'B', 'C', 'D', 'E'], { error: 'must be A, B, C, D or E (the status of the toegankelijkheidsverklaring)' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

/** JSON in an environment variable, validated with `inner`; the message shows an example. */
const json = <T extends z.ZodType>(inner: T, example: string) =>
  z.string().transform((value, ctx): z.output<T> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be JSON, e.g. ${example}` });
      return z.NEVER;
    }
    const result = inner.safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || '(value)'}: ${issue.message}` });
      return z.NEVER;
    }
    return result.data;
  });

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean),
);

const ogoneAccount = z.object({
  pspid: z.string().min(1).max(30),
  shaIn: z.string().min(8, 'shaIn: the SHA-IN passphrase from the Ogone back office'),
  shaOut: z.string().min(8, 'shaOut: the SHA-OUT passphrase from the Ogone back office'),
  algorithm: z.enum(['sha1', 'sha256', 'sha512']).default('sha512'),
});
const ogoneExample = '[{"pspid":"gemeente","shaIn":"…","shaOut":"…","algorithm":"sha512"}]';

const doel = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'id: lower-case letters, digits and dashes (it is stored in the logs)'),
  label: z.object({ nl: z.string().min(1), en: z.string().min(1) }),
  inwoner: z.object({ nl: z.string().min(1), en: z.string().min(1) }),
  kenmerkVerplicht: z.boolean().default(false),
});
const defaultDoelen: Doel[] = [
  {
    id: 'telefoon',
    label: { nl: 'Vraag van de inwoner aan de telefoon', en: 'Question from the resident by phone' },
    inwoner: { nl: 'omdat u belde met een vraag', en: 'because you called with a question' },
    kenmerkVerplicht: false,
  },
  {
    id: 'balie',
    label: { nl: 'Vraag aan de balie', en: 'Question at the desk' },
    inwoner: { nl: 'omdat u aan de balie een vraag stelde', en: 'because you asked a question at the desk' },
    kenmerkVerplicht: false,
  },
  {
    id: 'terugbelverzoek',
    label: { nl: 'Terugbelverzoek', en: 'Call-back request' },
    inwoner: { nl: 'omdat u vroeg om terug te bellen', en: 'because you asked to be called back' },
    kenmerkVerplicht: true,
  },
];
const doelenExample =
  '[{"id":"telefoon","label":{"nl":"Vraag aan de telefoon","en":"Question by phone"},"inwoner":{"nl":"omdat u belde met een vraag","en":"because you called with a question"},"kenmerkVerplicht":false}]';

const zaaksysteemExample =
  '[{"naam":"openzaak","zakenApi":"https://zaken.example.nl/zaken/api/v1","catalogiApi":"https://zaken.example.nl/catalogi/api/v1","documentenApi":"https://zaken.example.nl/documenten/api/v1","clientId":"voordeur","secret":"…"}]';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    DEMO_MODE: bool.default(false),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: url.optional(),
    TRUST_PROXY: bool.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ALLOW_HTTP_PUBLIC_URL: bool.default(false),
    METRICS_TOKEN: z.string().min(1).optional(),
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).optional(),
    ORGANISATIE_API: bool.default(false),
    ORGANISATIE_API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    ORGANISATIE_API_PRIVATE_ADDRESSES: bool.optional(),
    ORGANISATIE_API_CLIENT_CERT_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be a header name (letters, digits and hyphens), e.g. X-SSL-Client-Cert')
      .transform((name) => name.toLowerCase())
      .optional(),
    ORGANISATIE_BIJLAGEN_S3_ENDPOINT: url.optional(),
    ORGANISATIE_BIJLAGEN_S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)')
      .optional(),
    ORGANISATIE_BIJLAGEN_S3_REGION: z.string().min(1).default('us-east-1'),
    ORGANISATIE_BIJLAGEN_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    ORGANISATIE_BIJLAGEN_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    ORGANISATIE_BIJLAGEN_S3_FORCE_PATH_STYLE: bool.default(false),
    ORGANISATIE_BIJLAGEN_S3_THRESHOLD_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(512_000)
      .default(200 * 1024),
    ORGANISATIE_BIJLAGEN_S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    MEDEWERKERS_PORTAAL: bool.default(false),
    MEDEWERKERS_OIDC_ISSUER: url.optional(),
    MEDEWERKERS_OIDC_CLIENT_ID: z.string().min(1).optional(),
    MEDEWERKERS_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    MEDEWERKERS_OIDC_SCOPE: z.string().min(1).default('openid'),
    MEDEWERKERS_OIDC_AUTH_PARAMS: authParams.default({}),
    MEDEWERKERS_CLAIM_ID: z.string().min(1).default('sub'),
    MEDEWERKERS_CLAIM_NAAM: z.string().min(1).default('name'),
    MEDEWERKERS_CLAIM_AFDELING: z.string().min(1).default('department'),
    MEDEWERKERS_CLAIM_ROLLEN: z.string().min(1).default('roles'),
    MEDEWERKERS_SESSION_IDLE_TIMEOUT_SECONDS: seconds(10 * 60),
    MEDEWERKERS_SESSION_MAX_AGE_SECONDS: seconds(10 * 60 * 60),
    MEDEWERKERS_TOEGANG_MINUTEN: z.coerce
      .number()
      .int()
      .min(1)
      .max(8 * 60)
      .default(30),
    MEDEWERKERS_DOELEN: json(
      z
        .array(doel)
        .min(1)
        .refine((doelen) => new Set(doelen.map((d) => d.id)).size === doelen.length, 'every doel needs its own id'),
      doelenExample,
    ).default(defaultDoelen),
    MEDEWERKERS_ROLLEN: json(z.record(z.string().min(1), z.array(z.enum(dossierKinds))), '{"kcc":["zaken","taken","berichten","contactgegevens"]}').default({
      kcc: [...dossierKinds],
    }),
    MEDEWERKERS_BEPERKTE_ZAAKTYPEN: json(z.record(z.string().min(1), z.array(z.string().min(1))), '{"Jeugdhulp":["jeugd"]}').default({}),
    MEDEWERKERS_AUDIT_BEWAARDAGEN: z.coerce.number().int().min(30).max(36_500).default(1826),
    MEDEWERKERS_TERUGBEL_AFDELINGEN: json(
      z.array(z.object({ actor: z.string().uuid(), naam: z.string().min(1).max(100) })),
      '[{"actor":"<uuid of an actor in the Klantinteracties API>","naam":"Team Inkomen"}]',
    ).default([]),
    LEVERANCIERS_PORTAAL: bool.default(false),
    LEVERANCIERS_OIDC_ISSUER: url.optional(),
    LEVERANCIERS_OIDC_CLIENT_ID: z.string().min(1).optional(),
    LEVERANCIERS_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    LEVERANCIERS_OIDC_SCOPE: z.string().min(1).default('openid'),
    LEVERANCIERS_OIDC_AUTH_PARAMS: authParams.default({}),
    LEVERANCIERS_CLAIM_ORGANISATIE: z.string().min(1).default('organisatie'),
    LEVERANCIERS_CLAIM_NAAM: z.string().min(1).default('name'),
    GEMACHTIGDE_HANDELINGEN: list.pipe(z.array(z.enum([...handelingen, 'geen']))).default(['taken', 'documenten']),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    PGLITE_DIR: z.string().min(1).default('./data'),

    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (random)').optional(),
    SESSION_IDLE_TIMEOUT_SECONDS: seconds(15 * 60),
    SESSION_IDLE_WARNING_SECONDS: seconds(2 * 60),
    SESSION_MAX_AGE_SECONDS: seconds(12 * 60 * 60),
    SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(2),

    OIDC_ISSUER: url.optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPE: z.string().min(1).default('openid'),
    OIDC_ALLOW_INSECURE_ISSUER: bool.default(false),
    OIDC_DIGID_AUTH_PARAMS: authParams.default({ kc_idp_hint: 'digid' }),
    OIDC_EHERKENNING_AUTH_PARAMS: authParams.default({ kc_idp_hint: 'eherkenning' }),
    OIDC_CLAIM_BSN: z.string().min(1).default('bsn'),
    OIDC_CLAIM_KVK: z.string().min(1).default('kvk'),
    OIDC_CLAIM_VESTIGING: z.string().min(1).default('vestiging'),
    OIDC_CLAIM_NAME: z.string().min(1).default('name'),
    OIDC_CLAIM_GEMACHTIGDE_BSN: z.string().min(1).default('gemachtigde_bsn'),
    OIDC_CLAIM_GEMACHTIGDE_NAME: z.string().min(1).default('gemachtigde_name'),
    OIDC_CLAIM_MACHTIGINGEN: z.string().min(1).default('machtigingen'),

    ZAAKSYSTEMEN: json(
      z.array(zaaksysteem).refine((systems) => new Set(systems.map((s) => s.naam)).size === systems.length, 'every zaaksysteem needs its own naam'),
      zaaksysteemExample,
    ).default([]),
    SOURCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
    CATALOGUE_CACHE_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60 * 60)
      .default(300),
    PERSONAL_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    DOCUMENT_VERTROUWELIJKHEID_ALLOWED: list
      .pipe(z.array(z.enum(vertrouwelijkheidaanduidingen)))
      .default(['openbaar', 'beperkt_openbaar', 'zaakvertrouwelijk']),
    ZAAK_VERTROUWELIJKHEID_MAX: z.enum(vertrouwelijkheidaanduidingen).default('vertrouwelijk'),
    ZAKEN_ROLLEN_EIGEN: list.pipe(z.array(z.enum(rolOmschrijvingenGeneriek)).min(1)).default(['initiator']),
    ZAKEN_MAX_PAGES: z.coerce.number().int().min(1).max(100).default(20),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    UPLOAD_ALLOWED_TYPES: list
      .pipe(z.array(z.string().regex(/^[a-z0-9]+$/, 'file extensions without dots, e.g. pdf,jpg,png')))
      .default(['pdf', 'jpg', 'jpeg', 'png']),
    UPLOAD_VERTROUWELIJKHEIDAANDUIDING: z.enum(vertrouwelijkheidaanduidingen).default('beperkt_openbaar'),
    ZAKEN_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(10),

    IDENTITY_KEY_SECRET: z.string().min(32, 'must be at least 32 characters (random)').optional(),
    BRP_API_URL: url.optional(),
    BRP_API_KEY: z.string().min(1).optional(),
    KVK_API_URL: url.optional(),
    KVK_API_KEY: z.string().min(1).optional(),
    KLANTINTERACTIES_API_URL: url.optional(),
    KLANTINTERACTIES_TOKEN: z.string().min(1).optional(),
    NOTIFY_BASE_URL: url.optional(),
    NOTIFY_API_KEY: z
      .string()
      .regex(/^.+-[0-9a-f-]{36}-[0-9a-f-]{36}$/, 'must be a Notify API key: <name>-<service id>-<secret>')
      .optional(),
    NOTIFY_TEMPLATE_EMAIL_CODE: z.string().uuid('must be the UUID of a Notify e-mail template').optional(),
    NOTIFY_TEMPLATE_SMS_CODE: z.string().uuid('must be the UUID of a Notify SMS template').optional(),
    CONTACT_CODE_TTL_SECONDS: seconds(15 * 60),
    CONTACT_CODE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    CONTACT_CODE_MAX_SENDS_PER_HOUR: z.coerce.number().int().min(1).max(50).default(5),
    OBJECTEN_API_URL: url.optional(),
    OBJECTEN_TOKEN: z.string().min(1).optional(),
    OBJECTTYPE_TAAK: url.optional(),
    OBJECTTYPE_BERICHT: url.optional(),
    OBJECTTYPE_PRODUCTINSTANTIE: url.optional(),
    OBJECTTYPE_VERBRUIKSOBJECT: url.optional(),
    OBJECTTYPE_PARKEERVERGUNNING: url.optional(),
    OBJECTTYPE_PRODUCTTYPE: url.optional(),
    OBJECTTYPE_PRODUCTAANVRAAG: url.optional(),
    AANVRAGEN_CONCEPT_BEWAARDAGEN: z.coerce.number().int().min(1).max(365).default(30),
    VRAAG_VERZENDING_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    AANVRAGEN_CATALOGUS: z.enum(['objecten', 'openproduct']).default('objecten'),
    TAKEN_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    BERICHTEN_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    OPEN_PRODUCT_URL: url.optional(),
    OPEN_PRODUCT_TOKEN: z.string().min(1).optional(),
    PRODUCTEN_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    PRODUCTEN_VERLOOPT_BINNEN_DAGEN: z.coerce.number().int().min(0).max(366).default(42),
    PRODUCTEN_MELDING_INTERVAL_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .default(3600),
    PRODUCTEN_VERLENGEN_URL: z
      .string()
      .refine(
        (value) => (value.startsWith('/') && !value.startsWith('//')) || /^https:\/\//.test(value),
        'must be a path in Voordeur (/…) or an https URL, with {producttype} and optionally {product}, e.g. /aanvragen/{producttype}?verlengen={product}',
      )
      .refine((value) => value.includes('{producttype}'), 'must contain {producttype}')
      .optional(),
    NOTIFICATIES_CALLBACK_SECRET: z.string().min(16, 'must be at least 16 characters: the Authorization value the Notificaties API sends').optional(),
    NOTIFICATIES_CALLBACK_SECRET_VORIG: z.string().min(16).optional(),
    NOTIFICATIES_VORIGE_CALLBACK_URLS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .pipe(z.array(url))
      .default([]),
    NOTIFICATIES_API_URL: url.optional(),
    NOTIFICATIES_CLIENT_ID: z.string().min(1).optional(),
    NOTIFICATIES_SECRET: z.string().min(1).optional(),
    NOTIFY_TEMPLATE_EMAIL_CHANGE: z.string().uuid('must be the UUID of a Notify e-mail template').optional(),
    NOTIFY_TEMPLATE_SMS_CHANGE: z.string().uuid('must be the UUID of a Notify SMS template').optional(),
    NOTIFY_TEMPLATE_EMAIL_CHANGE_EN: z.string().uuid('must be the UUID of a Notify e-mail template').optional(),
    NOTIFY_TEMPLATE_SMS_CHANGE_EN: z.string().uuid('must be the UUID of a Notify SMS template').optional(),
    NOTIFICATION_BUNDLE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    NOTIFICATION_DELIVERY_CHECK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    WORKER_IN_PROCESS: bool.default(true),
    WORKER_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    WORKER_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(250),
    WORKER_SEND_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
    WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
    WORKER_SOURCE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
    OGONE_URL: url.optional(),
    OGONE_ACCOUNTS: json(z.array(ogoneAccount).min(1), ogoneExample).optional(),

    THEME_ORGANISATION_NAME: z.string().min(1).default('Gemeente Voorbeeldstad'),
    THEME_PORTAL_NAME: z.string().min(1).default('Mijn Omgeving'),
    THEME_LOGO_FILE: z.string().min(1).optional(),
    THEME_TOKENS: themeTokens.default({}),
    THEME_CONTACT_TEXT: z.string().default('Heeft u een vraag? Bel 14 020 of kijk op de website van de gemeente.'),

    ORGANISATION_WEBSITE_URL: url.optional(),
    CONTACT_PHONE: z
      .string()
      .regex(/^\+?[0-9 ]{3,20}$/, 'must be a phone number: digits and spaces, e.g. 14 020 or 020 123 45 67')
      .default('14 020'),
    CONTACT_PHONE_HOURS: openingHours.default([{ from: 'mo', to: 'fr', opens: '08:30', closes: '17:00' }]),
    CONTACT_EMAIL: z.email('must be an e-mail address').optional(),
    CONTACT_FORM_URL: url.optional(),
    CONTACT_ADDRESS: z.string().min(1).optional(),
    CONTACT_ADDRESS_HOURS: openingHours.default([]),
    PRIVACY_STATEMENT_URL: url.optional(),
    PRIVACY_OFFICER_EMAIL: z.email('must be an e-mail address').optional(),
    ACCESSIBILITY_STATUS: accessibilityStatus.default('C'),
    ACCESSIBILITY_STATEMENT_DATE: isoDate.optional(),
    ACCESSIBILITY_REPORT_URL: url.optional(),
    ACCESSIBILITY_REGISTER_URL: url.optional(),
  })
  .superRefine((env, ctx) => {
    const require = (key: keyof typeof env, why: string) => {
      if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
    };
    require('OIDC_ISSUER', '(the URL of the OpenID Connect provider or broker in front of DigiD/eHerkenning)');
    require('OIDC_CLIENT_ID', '(the client id registered at the OpenID Connect provider)');
    require('OIDC_CLIENT_SECRET', '(the client secret registered at the OpenID Connect provider)');
    if (!env.DEMO_MODE) {
      require('PUBLIC_URL', 'outside demo mode (the address residents use, e.g. https://mijn.gemeente.nl)');
      require('SESSION_SECRET', 'outside demo mode (at least 32 random characters)');
      require('IDENTITY_KEY_SECRET', 'outside demo mode (at least 32 random characters; keep it: preferences and the processing log are found by it)');
      if (env.OIDC_ISSUER?.startsWith('http:') && !env.OIDC_ALLOW_INSECURE_ISSUER) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must use https (set OIDC_ALLOW_INSECURE_ISSUER=true only for local testing)' });
      }
      for (const problem of productionProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.setting], message: problem.message });
    } else if (env.OIDC_ISSUER && !isSimulatorIssuer(env.OIDC_ISSUER, env.PUBLIC_URL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_MODE'],
        message: `must not be true with a real identity provider (OIDC_ISSUER ${new URL(env.OIDC_ISSUER).origin}): demo mode uses fixed secrets and accepts an http issuer`,
      });
    }
    const together = (keys: (keyof typeof env)[], what: string) => {
      if (keys.some((k) => env[k] !== undefined) && keys.some((k) => env[k] === undefined)) {
        for (const k of keys.filter((key) => env[key] === undefined))
          ctx.addIssue({ code: 'custom', path: [k], message: `is required with the other ${what} settings` });
      }
    };
    if (env.MEDEWERKERS_PORTAAL) {
      require('MEDEWERKERS_OIDC_ISSUER', 'with MEDEWERKERS_PORTAAL (the OpenID Connect provider staff log in with, e.g. Keycloak or Entra ID)');
      require('MEDEWERKERS_OIDC_CLIENT_ID', 'with MEDEWERKERS_PORTAAL');
      require('MEDEWERKERS_OIDC_CLIENT_SECRET', 'with MEDEWERKERS_PORTAAL');
      if (!env.DEMO_MODE && env.MEDEWERKERS_OIDC_ISSUER?.startsWith('http:')) {
        ctx.addIssue({ code: 'custom', path: ['MEDEWERKERS_OIDC_ISSUER'], message: 'must use https' });
      }
    }
    if (env.ORGANISATIE_BIJLAGEN_S3_ENDPOINT) {
      require('ORGANISATIE_BIJLAGEN_S3_BUCKET', 'with ORGANISATIE_BIJLAGEN_S3_ENDPOINT (the bucket for attachments, which must exist)');
      require('ORGANISATIE_BIJLAGEN_S3_ACCESS_KEY_ID', 'with ORGANISATIE_BIJLAGEN_S3_ENDPOINT');
      require('ORGANISATIE_BIJLAGEN_S3_SECRET_ACCESS_KEY', 'with ORGANISATIE_BIJLAGEN_S3_ENDPOINT');
      if (!env.ORGANISATIE_API)
        ctx.addIssue({
          code: 'custom',
          path: ['ORGANISATIE_BIJLAGEN_S3_ENDPOINT'],
          message: 'needs ORGANISATIE_API=true (it stores attachments of the organisation API)',
        });
      if (!env.DEMO_MODE && env.ORGANISATIE_BIJLAGEN_S3_ENDPOINT.startsWith('http:'))
        ctx.addIssue({ code: 'custom', path: ['ORGANISATIE_BIJLAGEN_S3_ENDPOINT'], message: 'must use https' });
    }
    if (env.ORGANISATIE_API_CLIENT_CERT_HEADER) {
      if (!env.ORGANISATIE_API)
        ctx.addIssue({
          code: 'custom',
          path: ['ORGANISATIE_API_CLIENT_CERT_HEADER'],
          message: 'needs ORGANISATIE_API=true (it is mutual TLS for the organisation API)',
        });
      // Only a proxy in front can set the header (and must remove it from what a client sends).
      if (!env.TRUST_PROXY)
        ctx.addIssue({
          code: 'custom',
          path: ['ORGANISATIE_API_CLIENT_CERT_HEADER'],
          message:
            'needs TRUST_PROXY=true: the client certificate comes from the TLS-terminating proxy in front, which must also remove this header from what clients send',
        });
    }
    if (env.LEVERANCIERS_PORTAAL) {
      if (!env.ORGANISATIE_API)
        ctx.addIssue({
          code: 'custom',
          path: ['LEVERANCIERS_PORTAAL'],
          message: 'needs ORGANISATIE_API=true (the portal manages connections to the organisation API)',
        });
      require('LEVERANCIERS_OIDC_ISSUER', "with LEVERANCIERS_PORTAAL (the OpenID Connect provider organisations' staff log in with)");
      require('LEVERANCIERS_OIDC_CLIENT_ID', 'with LEVERANCIERS_PORTAAL');
      require('LEVERANCIERS_OIDC_CLIENT_SECRET', 'with LEVERANCIERS_PORTAAL');
      if (!env.DEMO_MODE && env.LEVERANCIERS_OIDC_ISSUER?.startsWith('http:')) {
        ctx.addIssue({ code: 'custom', path: ['LEVERANCIERS_OIDC_ISSUER'], message: 'must use https' });
      }
    }
    together(['BRP_API_URL', 'BRP_API_KEY'], 'BRP_');
    together(['KVK_API_URL', 'KVK_API_KEY'], 'KVK_');
    together(['KLANTINTERACTIES_API_URL', 'KLANTINTERACTIES_TOKEN'], 'KLANTINTERACTIES_');
    together(['OBJECTEN_API_URL', 'OBJECTEN_TOKEN'], 'OBJECTEN_');
    together(['OPEN_PRODUCT_URL', 'OPEN_PRODUCT_TOKEN'], 'OPEN_PRODUCT_');
    if (env.AANVRAGEN_CATALOGUS === 'openproduct') {
      require('OPEN_PRODUCT_URL', "with AANVRAGEN_CATALOGUS=openproduct (the catalogue is Open Product's Producttypen API)");
      require('OBJECTEN_API_URL', 'with AANVRAGEN_CATALOGUS=openproduct (the forms are FormIO objects in the Objecten API)');
    }
    together(['OGONE_URL', 'OGONE_ACCOUNTS'], 'OGONE_');
    together(['NOTIFICATIES_API_URL', 'NOTIFICATIES_CLIENT_ID', 'NOTIFICATIES_SECRET'], 'NOTIFICATIES_');
    if (env.NOTIFICATIES_API_URL) require('NOTIFICATIES_CALLBACK_SECRET', 'with NOTIFICATIES_API_URL (the abonnement tells the Notificaties API to send it)');
    together(['NOTIFY_TEMPLATE_EMAIL_CHANGE', 'NOTIFY_TEMPLATE_SMS_CHANGE'], 'NOTIFY_TEMPLATE_*_CHANGE');
    together(['NOTIFY_TEMPLATE_EMAIL_CHANGE_EN', 'NOTIFY_TEMPLATE_SMS_CHANGE_EN'], 'NOTIFY_TEMPLATE_*_CHANGE_EN');
    if (
      env.OBJECTEN_API_URL &&
      !env.OBJECTTYPE_TAAK &&
      !env.OBJECTTYPE_BERICHT &&
      !env.OBJECTTYPE_PRODUCTINSTANTIE &&
      !env.OBJECTTYPE_PARKEERVERGUNNING &&
      !env.OBJECTTYPE_PRODUCTTYPE
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['OBJECTTYPE_BERICHT'],
        message: 'or OBJECTTYPE_TAAK is required with OBJECTEN_API_URL (the URL of the object type in the Objecttypen API)',
      });
    }
    together(['NOTIFY_BASE_URL', 'NOTIFY_API_KEY', 'NOTIFY_TEMPLATE_EMAIL_CODE', 'NOTIFY_TEMPLATE_SMS_CODE'], 'NOTIFY_');
    if (env.KLANTINTERACTIES_API_URL && !env.NOTIFY_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['NOTIFY_API_KEY'],
        message: 'is required with KLANTINTERACTIES_API_URL (new contact details are confirmed with a code sent through Notify)',
      });
    }
    if (env.THEME_LOGO_FILE && !existsSync(env.THEME_LOGO_FILE)) {
      ctx.addIssue({ code: 'custom', path: ['THEME_LOGO_FILE'], message: `file ${env.THEME_LOGO_FILE} does not exist` });
    }
    if (env.SESSION_IDLE_WARNING_SECONDS >= env.SESSION_IDLE_TIMEOUT_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_IDLE_WARNING_SECONDS'], message: 'must be shorter than SESSION_IDLE_TIMEOUT_SECONDS' });
    }
    if (env.SESSION_IDLE_TIMEOUT_SECONDS > env.SESSION_MAX_AGE_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_IDLE_TIMEOUT_SECONDS'], message: 'must not be longer than SESSION_MAX_AGE_SECONDS' });
    }
  });

export interface ZaaksysteemConfig {
  /** Short name, used in Voordeur's URLs (/zaken/<naam>/<uuid>): letters, digits and dashes. */
  naam: string;
  zakenApi: string;
  catalogiApi: string;
  documentenApi: string;
  clientId: string;
  secret: string;
  /** The informatieobjecttype of documents the person uploads; without it, uploading is off for this system. */
  uploadInformatieobjecttype?: string;
  /** The informatieobjecttype of the PDF of an aanvraag's answers (Aanvragen); default uploadInformatieobjecttype. */
  aanvraagInformatieobjecttype?: string;
  /** Other Catalogi APIs this system's zaaktypen may be in (e.g. a shared catalogue), read with the same credentials. */
  andereCatalogiApis?: string[];
}

export interface Config {
  env: 'development' | 'production' | 'test';
  demoMode: boolean;
  host: string;
  port: number;
  publicUrl: URL;
  trustProxy: boolean;
  /** /metrics: with a token, only for `Authorization: Bearer <token>`; with a port, only there (not on `port`). */
  metrics: { token?: string; port?: number; open: boolean };
  /** Logins one client address may start per minute at /inloggen/*; 0: no limit. */
  loginRateLimitPerMinute: number;
  /** The organisation API (/api/v1): organisations push berichten (ORGANISATIE_API). */
  organisatieApi?: {
    requestsPerMinute: number;
    /** Whether webhooks and JWKS URLs may resolve to this machine or a private network (ORGANISATIE_API_PRIVATE_ADDRESSES; the demo and tests). */
    privateAddresses: boolean;
    /** The (lower-case) header the TLS-terminating proxy passes the client certificate in: mutual TLS (ORGANISATIE_API_CLIENT_CERT_HEADER). */
    clientCertHeader?: string;
    /** Attachments of at least `thresholdBytes` in S3-compatible storage (ORGANISATIE_BIJLAGEN_S3_*); without it all in the database. */
    bijlagenS3?: {
      endpoint: URL;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
      thresholdBytes: number;
      timeoutMs: number;
    };
  };
  /** What a gemachtigde may change for the person they act for (GEMACHTIGDE_HANDELINGEN); reading is always allowed. */
  gemachtigdeHandelingen: Handeling[];
  /** The leveranciersportaal (LEVERANCIERS_PORTAAL): connected organisations' staff manage their connection, logging in with OpenID Connect. */
  leveranciers?: {
    oidc: {
      issuer: URL;
      clientId: string;
      clientSecret: string;
      scope: string;
      allowInsecureIssuer: boolean;
      authParams: { leverancier: Record<string, string> };
      /** The claim with the organisation's id in Voordeur, and the one with the person's name. */
      claims: { organisatie: string; naam: string };
    };
  };
  /** The medewerkersportaal (MEDEWERKERS_PORTAAL): staff log in with their own OpenID Connect provider. */
  medewerkers?: {
    oidc: {
      issuer: URL;
      clientId: string;
      clientSecret: string;
      scope: string;
      allowInsecureIssuer: boolean;
      authParams: { medewerker: Record<string, string> };
      claims: { id: string; naam: string; afdeling: string; rollen: string };
    };
    session: { idleTimeoutSeconds: number; maxAgeSeconds: number };
    /** How long a stated purpose gives access to one person's dossier. */
    toegangMinuten: number;
    rules: MedewerkersRules;
    /** How long the internal audit log is kept. */
    auditBewaardagen: number;
    /** The departments a terugbelverzoek can go to (actoren in the Klantinteracties API); none: no terugbelverzoeken. */
    terugbelAfdelingen: { actor: string; naam: string }[];
  };
  logLevel: string;
  database: { url?: string; poolSize: number; pgliteDir: string };
  session: {
    secret: string;
    idleTimeoutSeconds: number;
    idleWarningSeconds: number;
    maxAgeSeconds: number;
    cacheSeconds: number;
    /** Secure cookies (and the __Host- prefix) when the public URL is https. */
    secureCookies: boolean;
  };
  oidc: {
    issuer: URL;
    clientId: string;
    clientSecret: string;
    scope: string;
    allowInsecureIssuer: boolean;
    authParams: { digid: Record<string, string>; eherkenning: Record<string, string> };
    /** `machtigingen`: the claim listing whom the person who logged in may act for ([{bsn, name?, rol?}]). */
    claims: { bsn: string; kvk: string; vestiging: string; name: string; gemachtigdeBsn: string; gemachtigdeName: string; machtigingen: string };
  };
  theme: { organisationName: string; portalName: string; logoFile?: string; tokens: Record<string, string>; contactText: string };
  /** The public help pages and the footer (features/help): the organisation's website, contact, privacy and accessibility statements. */
  help: {
    websiteUrl?: string;
    contact: { phone: string; phoneHours: OpeningHours[]; email?: string; formUrl?: string; address?: string; addressHours: OpeningHours[] };
    privacy: { statementUrl?: string; officerEmail?: string };
    /** The toegankelijkheidsverklaring: status A–E as the Dutch register names them, and when it was drawn up. */
    accessibility: { status: 'A' | 'B' | 'C' | 'D' | 'E'; date?: string; reportUrl?: string; registerUrl?: string };
  };
  /** `personalCacheSeconds`: how long a source's answer about a person is kept (sources/answers.ts); 0 keeps none. */
  sources: { timeoutMs: number; catalogueCacheSeconds: number; personalCacheSeconds: number };
  /** Keys the hash under which Voordeur stores what belongs to a person or company (preferences, processing log). */
  identityKeySecret: string;
  brp?: { url: string; apiKey: string };
  kvk?: { url: string; apiKey: string };
  klantinteracties?: { url: string; token: string };
  notify?: { baseUrl: string; apiKey: string; templates: { emailCode: string; smsCode: string } };
  contactCodes: { ttlSeconds: number; maxAttempts: number; maxSendsPerHour: number };
  objecten?: {
    url: string;
    token: string;
    /** The object types: TaakV2, Bericht, and PDCProductInstantie with PDCVerbruiksObject for Mijn producten. */
    objecttypen: {
      taak?: string;
      bericht?: string;
      productinstantie?: string;
      verbruiksobject?: string;
      parkeervergunning?: string;
      producttype?: string;
      productaanvraag?: string;
    };
  };
  aanvragen: {
    /** Where the catalogue is read: PDCProductType objects in the Objecten API, or Open Product's Producttypen API (AANVRAGEN_CATALOGUS). */
    catalogus: 'objecten' | 'openproduct';
    /** A concept (an aanvraag not sent yet) is deleted this many days after it was last saved (AANVRAGEN_CONCEPT_BEWAARDAGEN). */
    conceptDays: number;
  };
  /** Stel een vraag: a form claimed longer ago than this and never written down was left by a request that stopped (VRAAG_VERZENDING_LEASE_SECONDS). */
  vragen: { leaseSeconds: number };
  taken: { pageSize: number };
  berichten: { pageSize: number };
  /** Open Product (its root: the Producten API at /producten/api/v1, the Producttypen API at /producttypen/api/v1). */
  openProduct?: { url: string; token: string };
  producten: {
    pageSize: number;
    /** A current product that ends within this many days shows a notice (PRODUCTEN_VERLOOPT_BINNEN_DAGEN). */
    expiryNoticeDays: number;
    /** Where "Verlengen" goes, with {producttype} and {product} filled in; without it no link (PRODUCTEN_VERLENGEN_URL). */
    renewUrl?: string;
    /** How often Voordeur looks for products entering the notice period, to tell their eigenaren once (PRODUCTEN_MELDING_INTERVAL_SECONDS). */
    noticeIntervalSeconds: number;
  };
  notificaties: {
    /** The Authorization value the Notificaties API sends to the callback; without it, no callback. */
    callbackSecret?: string;
    /** The secret before a rotation, still accepted until the abonnement has the new one (NOTIFICATIES_CALLBACK_SECRET_VORIG). */
    previousCallbackSecret?: string;
    /** Callback URLs Voordeur had before PUBLIC_URL moved: their abonnement is moved to the current one. */
    previousCallbackUrls: string[];
    /** Where to register the abonnement (`npm run subscribe`, and at start). */
    api?: { url: string; clientId: string; secret: string };
    /** By language; English falls back to Dutch when not set. */
    templates?: { nl: { email: string; sms: string }; en?: { email: string; sms: string } };
    bundleWindowMs: number;
    /** How long after sending Notify is first asked what became of a message. */
    deliveryCheckMs: number;
    workerInProcess: boolean;
    /** First wait before a failed job is tried again; it doubles each time, up to an hour. */
    retryBaseMs: number;
    /**
     * How long claimed jobs are a worker's, how many it claims at a time (`batchSize`
     * notifications to resolve; `sendBatchSize` send and delivery check jobs), how long it waits
     * when there are none, and how many questions a batch of notifications asks of the sources at
     * a time (`sourceConcurrency`).
     */
    worker: { leaseMs: number; batchSize: number; sendBatchSize: number; pollMs: number; sourceConcurrency: number };
  };
  ogone?: { url: string; accounts: { pspid: string; shaIn: string; shaOut: string; algorithm: 'sha1' | 'sha256' | 'sha512' }[] };
  zaken: {
    systems: ZaaksysteemConfig[];
    documentAllowList: string[];
    /** The most secret vertrouwelijkheidaanduiding of a zaak that is shown (ZAAK_VERTROUWELIJKHEID_MAX). */
    maxZaakVertrouwelijkheid: string;
    /** The rollen (omschrijvingGeneriek) that make a zaak the person's own (ZAKEN_ROLLEN_EIGEN). */
    ownRollen: string[];
    /** At most this many pages of a person's zaken are read from a Zaken API (ZAKEN_MAX_PAGES). */
    maxPages: number;
    pageSize: number;
    upload: { maxBytes: number; allowedTypes: string[]; vertrouwelijkheidaanduiding: string };
  };
}

type Environment = Record<string, unknown> & {
  PUBLIC_URL?: string;
  ALLOW_HTTP_PUBLIC_URL: boolean;
  ZAAKSYSTEMEN: ZaaksysteemConfig[];
  OGONE_ACCOUNTS?: { pspid: string; shaIn: string; shaOut: string }[];
};

/** The identity simulator of the demo: on this machine, or on the demo's own host. */
function isSimulatorIssuer(issuer: string, publicUrl: string | undefined): boolean {
  const host = new URL(issuer).hostname;
  // .invalid never resolves (RFC 6761): what npm run migrate sets, as no login happens there.
  if (host === 'localhost' || host === '[::1]' || host.endsWith('.invalid') || /^127\.\d+\.\d+\.\d+$/.test(host)) return true;
  return publicUrl !== undefined && new URL(publicUrl).hostname === host;
}

/** Secrets Voordeur itself keys or checks things with: made for Voordeur, so random and long. */
const ownSecrets = ['SESSION_SECRET', 'IDENTITY_KEY_SECRET', 'METRICS_TOKEN', 'NOTIFICATIES_CALLBACK_SECRET', 'NOTIFICATIES_CALLBACK_SECRET_VORIG'] as const;
/** Credentials another system issued; they must not repeat one of Voordeur's own, nor be trivially guessable. */
const credentials = [
  'OIDC_CLIENT_SECRET',
  'MEDEWERKERS_OIDC_CLIENT_SECRET',
  'LEVERANCIERS_OIDC_CLIENT_SECRET',
  'BRP_API_KEY',
  'KVK_API_KEY',
  'KLANTINTERACTIES_TOKEN',
  'OBJECTEN_TOKEN',
  'OPEN_PRODUCT_TOKEN',
  'NOTIFY_API_KEY',
  'NOTIFICATIES_SECRET',
] as const;

/** How many different characters a secret has: "aaaa…" or "abababab…" are long but not secret. */
const distinct = (value: string) => new Set(value).size;

/**
 * What a production configuration (not DEMO_MODE) may not be: a public address without TLS, a
 * secret that is short or repetitive, one secret used for two purposes. Each problem names the
 * setting, so the operator knows what to change.
 */
export function productionProblems(env: Environment): { setting: string; message: string }[] {
  const problems: { setting: string; message: string }[] = [];
  if (env.PUBLIC_URL?.startsWith('http:') && !env.ALLOW_HTTP_PUBLIC_URL) {
    problems.push({
      setting: 'PUBLIC_URL',
      message:
        'must be https: the address residents use (behind a proxy that ends TLS it is still https). Set ALLOW_HTTP_PUBLIC_URL=true only for a test installation without TLS: cookies are then not Secure',
    });
  }
  const values: { setting: string; value: string }[] = [];
  for (const setting of ownSecrets) {
    const value = env[setting];
    if (typeof value !== 'string') continue;
    values.push({ setting, value });
    // Shorter than 32: SESSION_SECRET and IDENTITY_KEY_SECRET already say so (their own minimum).
    const tooShort = value.length < 32 && setting !== 'SESSION_SECRET' && setting !== 'IDENTITY_KEY_SECRET';
    if (tooShort || (value.length >= 32 && distinct(value) < 12)) {
      problems.push({ setting, message: 'is too easy to guess: use at least 32 random characters (e.g. openssl rand -base64 32), not a word or a repetition' });
    }
  }
  for (const setting of credentials) {
    const value = env[setting];
    if (typeof value !== 'string') continue;
    values.push({ setting, value });
    if (value.length < 12 || distinct(value) < 6)
      problems.push({ setting, message: 'is too easy to guess: ask the issuer for a random secret of at least 12 characters' });
  }
  for (const [i, system] of env.ZAAKSYSTEMEN.entries()) values.push({ setting: `ZAAKSYSTEMEN[${i}].secret (${system.naam})`, value: system.secret });
  for (const [i, account] of (env.OGONE_ACCOUNTS ?? []).entries()) {
    values.push({ setting: `OGONE_ACCOUNTS[${i}].shaIn (${account.pspid})`, value: account.shaIn });
    values.push({ setting: `OGONE_ACCOUNTS[${i}].shaOut (${account.pspid})`, value: account.shaOut });
  }
  // One ZGW client (the same secret in ZAAKSYSTEMEN and NOTIFICATIES_SECRET, or two zaaksystemen) is one credential, not two.
  const zgwClient = (setting: string) => setting.startsWith('ZAAKSYSTEMEN[') || setting === 'NOTIFICATIES_SECRET';
  const reported = new Set<string>();
  for (const [i, a] of values.entries()) {
    for (const b of values.slice(i + 1)) {
      if (a.value !== b.value || (zgwClient(a.setting) && zgwClient(b.setting)) || reported.has(b.setting)) continue;
      reported.add(b.setting);
      problems.push({
        setting: b.setting.split(/[[ ]/)[0]!,
        message: `has the same value as ${a.setting}: every secret must be its own (one leaked secret must not open the other)`,
      });
    }
  }
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Voordeur cannot start, the configuration is not right:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee docs/configuration.md for every setting.`,
    );
    this.name = 'ConfigError';
  }
}

/** A fixed secret for demo mode only: demo sessions are not worth protecting across restarts. */
const DEMO_SESSION_SECRET = 'demo-only-secret-not-for-production-0000000000';
const DEMO_IDENTITY_KEY_SECRET = 'demo-only-identity-key-not-for-production-000';

export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const input = Object.fromEntries(Object.entries(environment).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
  }
  const env = parsed.data;
  const publicUrl = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
  return {
    env: env.NODE_ENV,
    demoMode: env.DEMO_MODE,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    trustProxy: env.TRUST_PROXY,
    // Neither a token nor a port of its own: /metrics is open in demo mode and off otherwise.
    metrics: { token: env.METRICS_TOKEN, port: env.METRICS_PORT, open: env.DEMO_MODE && !env.METRICS_TOKEN && !env.METRICS_PORT },
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE ?? (env.DEMO_MODE ? 0 : 60),
    organisatieApi: env.ORGANISATIE_API
      ? {
          requestsPerMinute: env.ORGANISATIE_API_REQUESTS_PER_MINUTE,
          privateAddresses: env.ORGANISATIE_API_PRIVATE_ADDRESSES ?? env.DEMO_MODE,
          ...(env.ORGANISATIE_API_CLIENT_CERT_HEADER && { clientCertHeader: env.ORGANISATIE_API_CLIENT_CERT_HEADER }),
          bijlagenS3: env.ORGANISATIE_BIJLAGEN_S3_ENDPOINT
            ? {
                endpoint: new URL(env.ORGANISATIE_BIJLAGEN_S3_ENDPOINT),
                bucket: env.ORGANISATIE_BIJLAGEN_S3_BUCKET!,
                region: env.ORGANISATIE_BIJLAGEN_S3_REGION,
                accessKeyId: env.ORGANISATIE_BIJLAGEN_S3_ACCESS_KEY_ID!,
                secretAccessKey: env.ORGANISATIE_BIJLAGEN_S3_SECRET_ACCESS_KEY!,
                forcePathStyle: env.ORGANISATIE_BIJLAGEN_S3_FORCE_PATH_STYLE,
                thresholdBytes: env.ORGANISATIE_BIJLAGEN_S3_THRESHOLD_BYTES,
                timeoutMs: env.ORGANISATIE_BIJLAGEN_S3_TIMEOUT_MS,
              }
            : undefined,
        }
      : undefined,
    gemachtigdeHandelingen: env.GEMACHTIGDE_HANDELINGEN.filter((h): h is Handeling => h !== 'geen'),
    leveranciers: env.LEVERANCIERS_PORTAAL
      ? {
          oidc: {
            issuer: new URL(env.LEVERANCIERS_OIDC_ISSUER!),
            clientId: env.LEVERANCIERS_OIDC_CLIENT_ID!,
            clientSecret: env.LEVERANCIERS_OIDC_CLIENT_SECRET!,
            scope: env.LEVERANCIERS_OIDC_SCOPE,
            allowInsecureIssuer: env.DEMO_MODE || env.OIDC_ALLOW_INSECURE_ISSUER,
            authParams: { leverancier: env.LEVERANCIERS_OIDC_AUTH_PARAMS },
            claims: { organisatie: env.LEVERANCIERS_CLAIM_ORGANISATIE, naam: env.LEVERANCIERS_CLAIM_NAAM },
          },
        }
      : undefined,
    medewerkers: env.MEDEWERKERS_PORTAAL
      ? {
          oidc: {
            issuer: new URL(env.MEDEWERKERS_OIDC_ISSUER!),
            clientId: env.MEDEWERKERS_OIDC_CLIENT_ID!,
            clientSecret: env.MEDEWERKERS_OIDC_CLIENT_SECRET!,
            scope: env.MEDEWERKERS_OIDC_SCOPE,
            allowInsecureIssuer: env.DEMO_MODE || env.OIDC_ALLOW_INSECURE_ISSUER,
            authParams: { medewerker: env.MEDEWERKERS_OIDC_AUTH_PARAMS },
            claims: {
              id: env.MEDEWERKERS_CLAIM_ID,
              naam: env.MEDEWERKERS_CLAIM_NAAM,
              afdeling: env.MEDEWERKERS_CLAIM_AFDELING,
              rollen: env.MEDEWERKERS_CLAIM_ROLLEN,
            },
          },
          session: { idleTimeoutSeconds: env.MEDEWERKERS_SESSION_IDLE_TIMEOUT_SECONDS, maxAgeSeconds: env.MEDEWERKERS_SESSION_MAX_AGE_SECONDS },
          toegangMinuten: env.MEDEWERKERS_TOEGANG_MINUTEN,
          rules: { rollen: env.MEDEWERKERS_ROLLEN, beperkteZaaktypen: env.MEDEWERKERS_BEPERKTE_ZAAKTYPEN, doelen: env.MEDEWERKERS_DOELEN },
          auditBewaardagen: env.MEDEWERKERS_AUDIT_BEWAARDAGEN,
          terugbelAfdelingen: env.MEDEWERKERS_TERUGBEL_AFDELINGEN,
        }
      : undefined,
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, pgliteDir: env.PGLITE_DIR },
    session: {
      secret: env.SESSION_SECRET ?? DEMO_SESSION_SECRET,
      idleTimeoutSeconds: env.SESSION_IDLE_TIMEOUT_SECONDS,
      idleWarningSeconds: env.SESSION_IDLE_WARNING_SECONDS,
      maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
      cacheSeconds: env.SESSION_CACHE_SECONDS,
      secureCookies: publicUrl.protocol === 'https:',
    },
    oidc: {
      issuer: new URL(env.OIDC_ISSUER!),
      clientId: env.OIDC_CLIENT_ID!,
      clientSecret: env.OIDC_CLIENT_SECRET!,
      scope: env.OIDC_SCOPE,
      allowInsecureIssuer: env.DEMO_MODE || env.OIDC_ALLOW_INSECURE_ISSUER,
      authParams: { digid: env.OIDC_DIGID_AUTH_PARAMS, eherkenning: env.OIDC_EHERKENNING_AUTH_PARAMS },
      claims: {
        bsn: env.OIDC_CLAIM_BSN,
        kvk: env.OIDC_CLAIM_KVK,
        vestiging: env.OIDC_CLAIM_VESTIGING,
        name: env.OIDC_CLAIM_NAME,
        gemachtigdeBsn: env.OIDC_CLAIM_GEMACHTIGDE_BSN,
        gemachtigdeName: env.OIDC_CLAIM_GEMACHTIGDE_NAME,
        machtigingen: env.OIDC_CLAIM_MACHTIGINGEN,
      },
    },
    theme: {
      organisationName: env.THEME_ORGANISATION_NAME,
      portalName: env.THEME_PORTAL_NAME,
      logoFile: env.THEME_LOGO_FILE,
      tokens: env.THEME_TOKENS,
      contactText: env.THEME_CONTACT_TEXT,
    },
    help: {
      // The demo links to a reserved example domain; elsewhere the link is left out until it is set.
      websiteUrl: env.ORGANISATION_WEBSITE_URL ?? (env.DEMO_MODE ? 'https://example.org/' : undefined),
      contact: {
        phone: env.CONTACT_PHONE,
        phoneHours: env.CONTACT_PHONE_HOURS,
        email: env.CONTACT_EMAIL,
        formUrl: env.CONTACT_FORM_URL,
        address: env.CONTACT_ADDRESS,
        addressHours: env.CONTACT_ADDRESS_HOURS,
      },
      privacy: { statementUrl: env.PRIVACY_STATEMENT_URL, officerEmail: env.PRIVACY_OFFICER_EMAIL },
      accessibility: {
        status: env.ACCESSIBILITY_STATUS,
        date: env.ACCESSIBILITY_STATEMENT_DATE,
        reportUrl: env.ACCESSIBILITY_REPORT_URL,
        registerUrl: env.ACCESSIBILITY_REGISTER_URL,
      },
    },
    sources: { timeoutMs: env.SOURCE_TIMEOUT_MS, catalogueCacheSeconds: env.CATALOGUE_CACHE_SECONDS, personalCacheSeconds: env.PERSONAL_CACHE_SECONDS },
    identityKeySecret: env.IDENTITY_KEY_SECRET ?? DEMO_IDENTITY_KEY_SECRET,
    brp: env.BRP_API_URL && env.BRP_API_KEY ? { url: env.BRP_API_URL.replace(/\/+$/, ''), apiKey: env.BRP_API_KEY } : undefined,
    kvk: env.KVK_API_URL && env.KVK_API_KEY ? { url: env.KVK_API_URL.replace(/\/+$/, ''), apiKey: env.KVK_API_KEY } : undefined,
    klantinteracties:
      env.KLANTINTERACTIES_API_URL && env.KLANTINTERACTIES_TOKEN
        ? { url: env.KLANTINTERACTIES_API_URL.replace(/\/+$/, ''), token: env.KLANTINTERACTIES_TOKEN }
        : undefined,
    notify:
      env.NOTIFY_BASE_URL && env.NOTIFY_API_KEY && env.NOTIFY_TEMPLATE_EMAIL_CODE && env.NOTIFY_TEMPLATE_SMS_CODE
        ? {
            baseUrl: env.NOTIFY_BASE_URL.replace(/\/+$/, ''),
            apiKey: env.NOTIFY_API_KEY,
            templates: { emailCode: env.NOTIFY_TEMPLATE_EMAIL_CODE, smsCode: env.NOTIFY_TEMPLATE_SMS_CODE },
          }
        : undefined,
    objecten:
      env.OBJECTEN_API_URL && env.OBJECTEN_TOKEN
        ? {
            url: env.OBJECTEN_API_URL.replace(/\/+$/, ''),
            token: env.OBJECTEN_TOKEN,
            objecttypen: {
              taak: env.OBJECTTYPE_TAAK,
              bericht: env.OBJECTTYPE_BERICHT,
              productinstantie: env.OBJECTTYPE_PRODUCTINSTANTIE,
              verbruiksobject: env.OBJECTTYPE_VERBRUIKSOBJECT,
              parkeervergunning: env.OBJECTTYPE_PARKEERVERGUNNING,
              producttype: env.OBJECTTYPE_PRODUCTTYPE,
              productaanvraag: env.OBJECTTYPE_PRODUCTAANVRAAG,
            },
          }
        : undefined,
    aanvragen: { conceptDays: env.AANVRAGEN_CONCEPT_BEWAARDAGEN, catalogus: env.AANVRAGEN_CATALOGUS },
    vragen: { leaseSeconds: env.VRAAG_VERZENDING_LEASE_SECONDS },
    taken: { pageSize: env.TAKEN_PAGE_SIZE },
    berichten: { pageSize: env.BERICHTEN_PAGE_SIZE },
    openProduct: env.OPEN_PRODUCT_URL && env.OPEN_PRODUCT_TOKEN ? { url: env.OPEN_PRODUCT_URL.replace(/\/+$/, ''), token: env.OPEN_PRODUCT_TOKEN } : undefined,
    producten: {
      pageSize: env.PRODUCTEN_PAGE_SIZE,
      expiryNoticeDays: env.PRODUCTEN_VERLOOPT_BINNEN_DAGEN,
      renewUrl: env.PRODUCTEN_VERLENGEN_URL,
      noticeIntervalSeconds: env.PRODUCTEN_MELDING_INTERVAL_SECONDS,
    },
    notificaties: {
      callbackSecret: env.NOTIFICATIES_CALLBACK_SECRET,
      previousCallbackSecret: env.NOTIFICATIES_CALLBACK_SECRET_VORIG,
      previousCallbackUrls: env.NOTIFICATIES_VORIGE_CALLBACK_URLS,
      api:
        env.NOTIFICATIES_API_URL && env.NOTIFICATIES_CLIENT_ID && env.NOTIFICATIES_SECRET
          ? { url: env.NOTIFICATIES_API_URL.replace(/\/+$/, ''), clientId: env.NOTIFICATIES_CLIENT_ID, secret: env.NOTIFICATIES_SECRET }
          : undefined,
      templates:
        env.NOTIFY_TEMPLATE_EMAIL_CHANGE && env.NOTIFY_TEMPLATE_SMS_CHANGE
          ? {
              nl: { email: env.NOTIFY_TEMPLATE_EMAIL_CHANGE, sms: env.NOTIFY_TEMPLATE_SMS_CHANGE },
              en:
                env.NOTIFY_TEMPLATE_EMAIL_CHANGE_EN && env.NOTIFY_TEMPLATE_SMS_CHANGE_EN
                  ? { email: env.NOTIFY_TEMPLATE_EMAIL_CHANGE_EN, sms: env.NOTIFY_TEMPLATE_SMS_CHANGE_EN }
                  : undefined,
            }
          : undefined,
      bundleWindowMs: env.NOTIFICATION_BUNDLE_SECONDS * 1000,
      deliveryCheckMs: env.NOTIFICATION_DELIVERY_CHECK_SECONDS * 1000,
      workerInProcess: env.WORKER_IN_PROCESS,
      retryBaseMs: env.WORKER_RETRY_BASE_MS,
      worker: {
        leaseMs: env.WORKER_LEASE_MS,
        batchSize: env.WORKER_BATCH_SIZE,
        sendBatchSize: env.WORKER_SEND_BATCH_SIZE,
        pollMs: env.WORKER_POLL_MS,
        sourceConcurrency: env.WORKER_SOURCE_CONCURRENCY,
      },
    },
    ogone: env.OGONE_URL && env.OGONE_ACCOUNTS ? { url: env.OGONE_URL, accounts: env.OGONE_ACCOUNTS } : undefined,
    contactCodes: {
      ttlSeconds: env.CONTACT_CODE_TTL_SECONDS,
      maxAttempts: env.CONTACT_CODE_MAX_ATTEMPTS,
      maxSendsPerHour: env.CONTACT_CODE_MAX_SENDS_PER_HOUR,
    },
    zaken: {
      systems: env.ZAAKSYSTEMEN,
      documentAllowList: env.DOCUMENT_VERTROUWELIJKHEID_ALLOWED,
      maxZaakVertrouwelijkheid: env.ZAAK_VERTROUWELIJKHEID_MAX,
      ownRollen: env.ZAKEN_ROLLEN_EIGEN,
      maxPages: env.ZAKEN_MAX_PAGES,
      pageSize: env.ZAKEN_PAGE_SIZE,
      upload: { maxBytes: env.UPLOAD_MAX_BYTES, allowedTypes: env.UPLOAD_ALLOWED_TYPES, vertrouwelijkheidaanduiding: env.UPLOAD_VERTROUWELIJKHEIDAANDUIDING },
    },
  };
}
