/**
 * The `fields` parameter of BRP API Personen 2.x (specs/brp-personen-api.yaml, PersonenQuery.fields,
 * and the rules of the RvIG feature files "fields.feature" and "fields-fout-cases.feature"):
 *
 * - A field is named by its full path, "naam.voornamen", "partners.naam.geslachtsnaam".
 * - Only requested fields are delivered; a field without a value is not delivered, nor is a group
 *   that ends up empty. Asking for a group ("naam") delivers all of its fields.
 * - Asking for any field of a date (AbstractDatum: type, datum, langFormaat, jaar, maand,
 *   onbekend) delivers the whole date, whatever its variant; the same for a Waardetabel
 *   (code, omschrijving) and an adellijke titel/predicaat (… and soort).
 * - A polymorphic object (verblijfplaats, a nationaliteit) keeps its `type` when any of its
 *   fields is delivered; `inOnderzoek` comes along with a group when any of its fields is delivered.
 * - geheimhoudingPersoonsgegevens (when true), opschortingBijhouding, rni and verificatie are
 *   delivered without being asked for; asking for them, or for any inOnderzoek, is an error
 *   ("niet toegestane veldnaam"), as is a path that does not exist ("niet bestaande veldnaam").
 * - gezag may only be asked for as a whole.
 *
 * The tree below lists every field of the spec's Persoon (the union of the variants of
 * verblijfplaats and nationaliteit); brp.test.ts checks it against the spec.
 */

type Node = { kind: 'leaf' } | { kind: 'whole'; parts: readonly string[] } | { kind: 'group'; fields: Tree };
type Tree = Readonly<Record<string, Node>>;

const leaf: Node = { kind: 'leaf' };
const whole = (...parts: string[]): Node => ({ kind: 'whole', parts });
const group = (fields: Tree): Node => ({ kind: 'group', fields });
const datum = whole('type', 'datum', 'langFormaat', 'jaar', 'maand', 'onbekend');
const waarde = whole('code', 'omschrijving');
const titelPredicaat = whole('code', 'omschrijving', 'soort');

const naamGerelateerde = group({ voornamen: leaf, adellijkeTitelPredicaat: titelPredicaat, voorvoegsel: leaf, geslachtsnaam: leaf, voorletters: leaf });
const geboorte = group({ datum, land: waarde, plaats: waarde });

export const persoonFields: Tree = {
  aNummer: leaf,
  burgerservicenummer: leaf,
  datumEersteInschrijvingGBA: datum,
  geslacht: waarde,
  uitsluitingKiesrecht: group({ uitgeslotenVanKiesrecht: leaf, einddatum: datum }),
  europeesKiesrecht: group({ aanduiding: waarde, einddatumUitsluiting: datum }),
  leeftijd: leaf,
  naam: group({
    voornamen: leaf,
    adellijkeTitelPredicaat: titelPredicaat,
    voorvoegsel: leaf,
    geslachtsnaam: leaf,
    voorletters: leaf,
    volledigeNaam: leaf,
    aanduidingNaamgebruik: waarde,
  }),
  nationaliteiten: group({ type: leaf, redenOpname: waarde, datumIngangGeldigheid: datum, nationaliteit: waarde }),
  geboorte,
  overlijden: group({ datum, land: waarde, plaats: waarde }),
  verblijfplaats: group({
    type: leaf,
    datumIngangGeldigheid: datum,
    datumVan: datum,
    verblijfadres: group({
      officieleStraatnaam: leaf,
      korteStraatnaam: leaf,
      huisnummer: leaf,
      huisletter: leaf,
      huisnummertoevoeging: leaf,
      aanduidingBijHuisnummer: waarde,
      postcode: leaf,
      woonplaats: leaf,
      regel1: leaf,
      regel2: leaf,
      regel3: leaf,
      land: waarde,
      locatiebeschrijving: leaf,
    }),
    functieAdres: waarde,
    adresseerbaarObjectIdentificatie: leaf,
    nummeraanduidingIdentificatie: leaf,
    indicatieVastgesteldVerblijftNietOpAdres: leaf,
  }),
  immigratie: group({
    landVanwaarIngeschreven: waarde,
    datumVestigingInNederland: datum,
    vanuitVerblijfplaatsOnbekend: leaf,
    indicatieVestigingVanuitBuitenland: leaf,
  }),
  gemeenteVanInschrijving: waarde,
  datumInschrijvingInGemeente: datum,
  adressering: group({
    adresregel1: leaf,
    adresregel2: leaf,
    adresregel3: leaf,
    land: waarde,
    indicatieVastgesteldVerblijftNietOpAdres: leaf,
    aanhef: leaf,
    aanschrijfwijze: group({ naam: leaf, aanspreekvorm: leaf }),
    gebruikInLopendeTekst: leaf,
  }),
  indicatieCurateleRegister: leaf,
  indicatieGezagMinderjarige: waarde,
  gezag: leaf,
  verblijfstitel: group({ aanduiding: waarde, datumEinde: datum, datumIngang: datum }),
  kinderen: group({ burgerservicenummer: leaf, naam: naamGerelateerde, geboorte }),
  ouders: group({
    burgerservicenummer: leaf,
    geslacht: waarde,
    ouderAanduiding: leaf,
    datumIngangFamilierechtelijkeBetrekking: datum,
    naam: naamGerelateerde,
    geboorte,
  }),
  partners: group({
    burgerservicenummer: leaf,
    geslacht: waarde,
    soortVerbintenis: waarde,
    naam: naamGerelateerde,
    geboorte,
    aangaanHuwelijkPartnerschap: group({ datum, land: waarde, plaats: waarde }),
    ontbindingHuwelijkPartnerschap: group({ datum }),
  }),
};

/** Delivered without being asked for; asking for them is an error. */
export const automaticFields = ['geheimhoudingPersoonsgegevens', 'opschortingBijhouding', 'rni', 'verificatie'] as const;

/** Every path a client may give in `fields`. */
export function validFieldPaths(tree: Tree = persoonFields, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, node]) => {
    const path = prefix + name;
    if (node.kind === 'leaf') return [path];
    if (node.kind === 'whole') return [path, ...node.parts.map((part) => `${path}.${part}`)];
    return [path, ...validFieldPaths(node.fields, `${path}.`)];
  });
}

const validPaths = new Set(validFieldPaths());

/** Why a path may not be asked for, or undefined when it may. */
export function fieldError(path: string): 'niet-toegestaan' | 'niet-bestaand' | undefined {
  if (validPaths.has(path)) return undefined;
  const parts = path.split('.');
  if ((automaticFields as readonly string[]).includes(parts[0]!) || parts.includes('inOnderzoek')) return 'niet-toegestaan';
  return 'niet-bestaand';
}

/** What to deliver: `true` is everything under that name. */
export type Selection = Map<string, Selection | true>;

/** The selection for valid `paths` (check them with fieldError first). */
export function selection(paths: string[]): Selection {
  const root: Selection = new Map();
  for (const path of paths) {
    let tree: Tree = persoonFields;
    let sel = root;
    const names = path.split('.');
    for (const [index, name] of names.entries()) {
      const node = tree[name]!;
      const existing = sel.get(name);
      if (existing === true) break;
      if (node.kind !== 'group' || index === names.length - 1) {
        // A leaf, a date or Waardetabel (always whole), or a group asked for as a whole.
        sel.set(name, true);
        break;
      }
      const next = existing ?? new Map();
      sel.set(name, next);
      sel = next;
      tree = node.fields;
    }
  }
  return root;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The part of `value` that `sel` selects; undefined when nothing is left. */
export function project(value: Json | undefined, sel: Selection | true): Json | undefined {
  if (value === undefined) return undefined;
  if (sel === true) return structuredClone(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => project(item, sel)).filter((item): item is Json => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const out: Record<string, Json> = {};
  for (const [name, sub] of sel) {
    const projected = project(value[name], sub);
    if (projected !== undefined) out[name] = projected;
  }
  if (Object.keys(out).length === 0) return undefined;
  if (value.inOnderzoek !== undefined && !('inOnderzoek' in out)) out.inOnderzoek = structuredClone(value.inOnderzoek);
  return typeof value.type === 'string' && !('type' in out) ? { type: value.type, ...out } : out;
}
