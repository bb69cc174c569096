/**
 * What Voordeur reads from the ZGW APIs, validated at the boundary. Each schema names only the
 * fields Voordeur uses, and is checked at compile time against the types generated from the
 * official specs (generated/*.ts), so a misspelt or retyped field fails the typecheck.
 * Unknown fields are ignored, so newer API versions keep working.
 */
import { z } from 'zod';
import { vertrouwelijkheidaanduidingen } from '../../domain/zaak.ts';
import type { components as Catalogi } from './generated/catalogi.ts';
import type { components as Documenten } from './generated/documenten.ts';
import type { components as Zaken } from './generated/zaken.ts';
import { fits } from '../fits.ts';

type Z = Zaken['schemas'];
type C = Catalogi['schemas'];
type D = Documenten['schemas'];

const uri = z.string().url();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date (YYYY-MM-DD)');
const dateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected a date-time');

export const zaakSchema = fits<Z['Zaak']>()(
  z.object({
    url: uri,
    uuid: z.string().uuid(),
    identificatie: z.string().optional(),
    omschrijving: z.string().optional(),
    toelichting: z.string().optional(),
    zaaktype: uri,
    startdatum: date,
    registratiedatum: date.optional(),
    einddatum: date.nullable(),
    einddatumGepland: date.nullable().optional(),
    uiterlijkeEinddatumAfdoening: date.nullable().optional(),
    status: uri.nullable(),
    resultaat: uri.nullable(),
    // An aanduiding Voordeur does not know reads as none: such a zaak is not shown.
    vertrouwelijkheidaanduiding: z.enum(vertrouwelijkheidaanduidingen).optional().catch(undefined),
  }),
);

export const statusSchema = fits<Z['Status']>()(
  z.object({
    url: uri,
    zaak: uri,
    statustype: uri,
    datumStatusGezet: dateTime,
    statustoelichting: z.string().optional(),
  }),
);

const betrokkeneIdentificatie = z.object({
  inpBsn: z.string().optional(),
  innNnpId: z.string().optional(),
  vestigingsNummer: z.string().optional(),
  kvkNummer: z.string().optional(),
});

/** betrokkeneType is an enum in the spec; Voordeur compares it as text, so new types do not break it. */
export const rolSchema = fits<Omit<Z['Rol'], 'betrokkeneType'> & { betrokkeneType: string; betrokkeneIdentificatie?: unknown }>()(
  z.object({
    url: uri,
    zaak: uri,
    betrokkeneType: z.string(),
    omschrijvingGeneriek: z.string(),
    betrokkeneIdentificatie: betrokkeneIdentificatie.nullable().optional(),
  }),
);

export const resultaatSchema = fits<Z['Resultaat']>()(
  z.object({
    url: uri,
    resultaattype: uri,
    toelichting: z.string().optional(),
  }),
);

export const zaakinformatieobjectSchema = fits<Z['ZaakInformatieObject']>()(
  z.object({
    url: uri,
    informatieobject: uri,
    zaak: uri,
    registratiedatum: dateTime.optional(),
  }),
);

export const zaaktypeSchema = fits<C['ZaakType']>()(
  z.object({
    url: uri,
    identificatie: z.string(),
    omschrijving: z.string(),
    /** `intern`: zaken of this type are not shown to the person. */
    indicatieInternOfExtern: z.enum(['intern', 'extern']).optional().catch(undefined),
    /** The norm for handling a zaak of this type (ISO 8601 duration), shown before an aanvraag. */
    doorlooptijd: z.string().optional().catch(undefined),
  }),
);

export const statustypeSchema = fits<C['StatusType']>()(
  z.object({
    url: uri,
    omschrijving: z.string(),
    statustekst: z.string().optional(),
    zaaktype: uri,
    volgnummer: z.number().int(),
    isEindstatus: z.boolean().optional(),
  }),
);

export const resultaattypeSchema = fits<C['ResultaatType']>()(
  z.object({
    url: uri,
    omschrijving: z.string(),
    toelichting: z.string().optional(),
  }),
);

export const informatieobjecttypeSchema = fits<C['InformatieObjectType']>()(
  z.object({
    url: uri,
    omschrijving: z.string(),
  }),
);

// The domain's list must be the spec's enum.
vertrouwelijkheidaanduidingen satisfies readonly D['VertrouwelijkheidaanduidingEnum'][];

export const enkelvoudiginformatieobjectSchema = fits<
  Omit<D['EnkelvoudigInformatieObject'], 'vertrouwelijkheidaanduiding'> & { vertrouwelijkheidaanduiding?: string }
>()(
  z.object({
    url: uri,
    identificatie: z.string().optional(),
    titel: z.string(),
    creatiedatum: date,
    vertrouwelijkheidaanduiding: z.string().optional(),
    formaat: z.string().optional(),
    bestandsnaam: z.string().optional(),
    bestandsomvang: z.number().int().nonnegative().nullable().optional(),
    inhoud: uri.nullable().optional(),
    informatieobjecttype: uri,
  }),
);

/** A page of a list whose items are checked one by one, so that one bad item costs only itself. */
export const loosePage = z.object({
  count: z.number().int().nonnegative(),
  next: uri.nullable().optional(),
  results: z.array(z.unknown()),
});

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int().nonnegative(),
    next: uri.nullable().optional(),
    results: z.array(item),
  });
}

const pages = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A page of a paginated ZGW list. One schema per item schema: zod compiles a schema the first
 * time it parses with it, so a schema made anew for every answer is compiled anew every time.
 */
export function paginated<T extends z.ZodType>(item: T): ReturnType<typeof pageOf<T>> {
  let page = pages.get(item);
  if (!page) pages.set(item, (page = pageOf(item)));
  return page as ReturnType<typeof pageOf<T>>;
}

export type RawZaak = z.output<typeof zaakSchema>;
export type RawZaaktype = z.output<typeof zaaktypeSchema>;
export type RawStatus = z.output<typeof statusSchema>;
export type RawRol = z.output<typeof rolSchema>;
export type RawStatustype = z.output<typeof statustypeSchema>;
export type RawDocument = z.output<typeof enkelvoudiginformatieobjectSchema>;
