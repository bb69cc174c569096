/**
 * The organisation API's OpenAPI 3.1 document: served at /api/v1/openapi.json, and the source of
 * the request checks (each bericht of a batch is checked against `BerichtIn`, so a bad one gets
 * its own result and the others are stored). Its schemas use only JSON Schema keywords that mean
 * the same in draft 2020-12 (OpenAPI 3.1) and draft-07 (Ajv's default).
 */
export const maxBatch = 1000;
export const maxBijlageBytes = 500 * 1024;

const problem = {
  type: 'object',
  properties: { title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
  required: ['title', 'status'],
} as const;

/** A person by BSN, or a company by KvK number (with a vestigingsnummer for one vestiging). */
const ontvanger = {
  description: 'A person by BSN, or a company by KvK number (with a vestigingsnummer for one vestiging).',
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['bsn'], properties: { bsn: { type: 'string', pattern: '^[0-9]{9}$' } } },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kvkNummer'],
      properties: { kvkNummer: { type: 'string', pattern: '^[0-9]{8}$' }, vestigingsnummer: { type: 'string', pattern: '^[0-9]{12}$' } },
    },
  ],
} as const;

export const schemas = {
  BerichtIn: {
    type: 'object',
    additionalProperties: false,
    required: ['berichtId', 'ontvanger', 'onderwerp', 'tekst'],
    properties: {
      berichtId: {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9._:-]+$',
        description: 'Your own unique id of the bericht. Sending the same berichtId again stores nothing (result bestaatAl).',
      },
      ontvanger,
      onderwerp: { type: 'string', minLength: 1, maxLength: 50 },
      tekst: {
        type: 'string',
        minLength: 1,
        maxLength: 4000,
        description: 'Plain text: line breaks are kept, web addresses become links, anything else (HTML too) is shown as written.',
      },
      referentie: { type: 'string', maxLength: 25, description: 'Your reference, e.g. a zaaknummer.' },
      berichtType: {
        type: 'string',
        pattern: '^[a-z0-9][a-z0-9-]{0,39}$',
        description: 'Your own kind of bericht, e.g. "aanslag" (lower-case letters, digits, dashes): its retention can be set apart.',
      },
      handelingsperspectief: { type: 'string', maxLength: 80, description: 'What the person is asked to do, e.g. "betalen".' },
      einddatumHandelingstermijn: { type: 'string', format: 'date' },
      publicatiedatum: { type: 'string', format: 'date-time', description: 'When the bericht appears; default now, at most a year ahead.' },
      bijlagen: {
        type: 'array',
        maxItems: 2,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['bestandsnaam', 'inhoud'],
          properties: {
            bestandsnaam: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^/\\\\]+\\.[Pp][Dd][Ff]$' },
            inhoud: { type: 'string', contentEncoding: 'base64', description: `The PDF (PDF/A preferred), base64, at most ${maxBijlageBytes / 1024} kB.` },
          },
        },
      },
    },
  },
  ZaakIn: {
    type: 'object',
    additionalProperties: false,
    required: ['ontvanger', 'titel', 'stappen', 'startdatum'],
    properties: {
      ontvanger,
      titel: { type: 'string', minLength: 1, maxLength: 80 },
      soort: { type: 'string', maxLength: 80, description: 'What kind of zaak, e.g. "Bijzondere bijstand".' },
      toelichting: { type: 'string', maxLength: 1000 },
      stappen: {
        type: 'array',
        minItems: 1,
        maxItems: 20,
        items: { type: 'string', minLength: 1, maxLength: 80 },
        description: 'The process steps, in order, as the person should read them; the last is the end.',
      },
      startdatum: { type: 'string', format: 'date' },
      einddatumGepland: { type: 'string', format: 'date' },
      einddatum: { type: 'string', format: 'date', description: 'Set when the zaak is finished.' },
      resultaat: { type: 'string', maxLength: 200 },
    },
  },
  StatusIn: {
    type: 'object',
    additionalProperties: false,
    required: ['stap'],
    properties: {
      stap: { type: 'string', minLength: 1, maxLength: 80, description: "One of the zaak's stappen, by name." },
      datum: { type: 'string', format: 'date-time', description: 'Default now.' },
      toelichting: { type: 'string', maxLength: 1000 },
    },
  },
  Resultaat: {
    type: 'object',
    required: ['resultaat'],
    properties: {
      berichtId: { type: ['string', 'null'] },
      resultaat: {
        type: 'string',
        enum: ['verwerkt', 'bestaatAl', 'ontvangerOnbekend', 'bijlageTeGroot', 'bijlageOngeldig', 'ongeldig', 'opslagNietBeschikbaar'],
        description: 'opslagNietBeschikbaar: the storage for attachments is down; nothing of this bericht was stored, send it again later.',
      },
      veld: { type: 'string', description: 'With ongeldig: the field (a JSON pointer in the bericht).' },
      melding: { type: 'string' },
    },
  },
  BerichtStatus: {
    type: 'object',
    required: ['berichtId', 'ontvangen', 'publicatiedatum', 'geopend', 'meldingen'],
    properties: {
      berichtId: { type: 'string' },
      ontvangen: { type: 'string', format: 'date-time' },
      publicatiedatum: { type: 'string', format: 'date-time' },
      geopend: { type: ['string', 'null'], format: 'date-time', description: 'When the recipient first opened it; null while unopened.' },
      meldingen: {
        type: 'array',
        description: 'The messages that told the recipient, by the channels they chose (none when they chose none, or before it went out).',
        items: {
          type: 'object',
          properties: {
            kanaal: { type: 'string', enum: ['email', 'sms'] },
            verstuurd: { type: ['string', 'null'], format: 'date-time' },
            status: { type: 'string', description: 'sending, sent, failed, skipped, or what Notify said of its delivery (delivered, permanent-failure, …).' },
          },
        },
      },
    },
  },
  Problem: problem,
} as const;

export function openApiDocument(serverUrl: string) {
  const json = (schema: object) => ({ content: { 'application/json': { schema } } });
  const problemResponse = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Problem' }) });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Voordeur organisatie-API',
      version: '1.0.0',
      description:
        'Organisations send berichten to the Mijn berichten of residents and companies. Authenticate with OAuth 2.0 client credentials and a signed client assertion (private_key_jwt): POST /token, then send the access token as a Bearer token.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      '/token': {
        post: {
          summary: 'An access token for 5 minutes, for a client assertion signed with your private key',
          description:
            'When your organisation registered client certificates in the leveranciersportaal (mutual TLS, RFC 8705), ask over TLS with one of them: the token is then bound to that certificate (cnf.x5t#S256) and every call with it must come over the same certificate.',
          security: [],
          requestBody: {
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  required: ['grant_type', 'client_assertion_type', 'client_assertion'],
                  properties: {
                    grant_type: { const: 'client_credentials' },
                    client_assertion_type: { const: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' },
                    client_assertion: {
                      type: 'string',
                      description:
                        'A JWT (RS256, PS256 or ES256) with iss and sub your organisation id, aud this token URL, a unique jti and exp at most 5 minutes ahead.',
                    },
                  },
                },
              },
            },
          },
          responses: {
            200: {
              description: 'The access token',
              ...json({
                type: 'object',
                properties: { access_token: { type: 'string' }, token_type: { const: 'Bearer' }, expires_in: { type: 'integer' } },
              }),
            },
            400: { description: 'RFC 6749 error (invalid_request, unsupported_grant_type)' },
            401: { description: 'RFC 6749 error invalid_client: the assertion, or the client certificate your organisation requires, was refused' },
          },
        },
      },
      '/berichten': {
        post: {
          summary: `Send 1 to ${maxBatch} berichten; each gets its own result`,
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['berichten'],
              properties: { berichten: { type: 'array', minItems: 1, maxItems: maxBatch, items: { $ref: '#/components/schemas/BerichtIn' } } },
            }),
          },
          responses: {
            200: {
              description: 'One result per bericht, in the order sent. The berichten with verwerkt are stored (answered only after they are).',
              ...json({ type: 'object', properties: { resultaten: { type: 'array', items: { $ref: '#/components/schemas/Resultaat' } } } }),
            },
            400: problemResponse('The request is not a batch of berichten'),
            401: problemResponse('No valid access token'),
            429: problemResponse('Too many requests; see Retry-After'),
          },
        },
      },
      '/berichten/{berichtId}': {
        get: {
          summary: 'What became of a bericht you sent',
          parameters: [{ name: 'berichtId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'The bericht', ...json({ $ref: '#/components/schemas/BerichtStatus' }) },
            401: problemResponse('No valid access token'),
            404: problemResponse('You sent no bericht with this id'),
          },
        },
      },
      '/zaken/{zaakId}': {
        put: {
          summary: 'Create or update a lopende zaak (its statussen stay)',
          parameters: [{ name: 'zaakId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' } }],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/ZaakIn' }) },
          responses: {
            201: { description: 'Created' },
            200: { description: 'Updated' },
            400: problemResponse('Not a valid zaak: invalidParams names the field'),
            401: problemResponse('No valid access token'),
          },
        },
      },
      '/zaken/{zaakId}/statussen': {
        post: {
          summary: 'Move the zaak on to one of its stappen',
          parameters: [{ name: 'zaakId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/StatusIn' }) },
          responses: {
            201: { description: 'The status is set; the person is told' },
            400: problemResponse("Not a valid status, or not one of the zaak's stappen"),
            401: problemResponse('No valid access token'),
            404: problemResponse('You sent no zaak with this id'),
          },
        },
      },
      '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The access token from POST /token' } },
    },
  };
}
