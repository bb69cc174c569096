/**
 * Records → the spec's JSON (klantinteracties-api.yaml 0.9.0), with absolute URLs, and `expand`:
 * the related resources a client asks for in `?expand=a,b.c`, put in `_expand` the way Open Klant
 * does (a nested expand lands in the `_expand` of the expanded resource).
 *
 * Shapes worth knowing:
 * - Relations are {uuid, url} objects, never bare URLs.
 * - A Partij has `partijIdentificatie` of the shape of its soortPartij (persoon: contactnaam +
 *   volledigeNaam; organisatie: naam; contactpersoon: contactnaam, werkteVoorPartij, volledigeNaam).
 * - Optional fields that are empty are left out (or null): the spec's patterns (postcode, land,
 *   nummeraanduidingId, referentie) and `format: uri` (hoofdOnderwerpType) do not allow '',
 *   though Open Klant itself writes "" there.
 */
import type { Links } from './http.ts';
import { amsterdamIso, volledigeNaam } from './store.ts';
import type {
  Adres,
  BetrokkeneRecord,
  Contactnaam,
  DigitaalAdresRecord,
  KlantcontactRecord,
  OnderwerpobjectRecord,
  PartijIdentificatorRecord,
  PartijRecord,
  Store,
} from './store.ts';

export type Json = Record<string, unknown>;
export interface ForeignKey {
  uuid: string;
  url: string;
}

export type Kind = 'partij' | 'partijIdentificator' | 'digitaalAdres' | 'klantcontact' | 'betrokkene' | 'onderwerpobject';

/** The `expand` values of each list and detail operation, as the spec enumerates them. */
export const expandable = {
  partij: ['betrokkenen', 'betrokkenen.hadKlantcontact', 'categorieRelaties', 'digitaleAdressen'],
  digitaalAdres: ['verstrektDoorBetrokkene', 'verstrektDoorBetrokkene.hadKlantcontact', 'verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken'],
  klantcontact: [
    'gingOverOnderwerpobjecten',
    'hadBetrokkenen',
    'hadBetrokkenen.digitaleAdressen',
    'hadBetrokkenen.wasPartij',
    'leiddeTotInterneTaken',
    'omvatteBijlagen',
  ],
  betrokkene: ['digitaleAdressen'],
} as const;

type Related = { kind: Kind | 'none'; many: true; of: (uuid: string) => string[] } | { kind: Kind; many: false; of: (uuid: string) => string | null };

/** An expand tree: 'a.b' and 'a' → { a: { b: {} } }. */
type Tree = { [name: string]: Tree };

function treeOf(paths: readonly string[]): Tree {
  const tree: Tree = {};
  for (const path of paths) {
    let node = tree;
    for (const part of path.split('.')) node = node[part] ??= {};
  }
  return tree;
}

function adresJson(adres: Adres | null): Adres | null {
  if (!adres) return null;
  return Object.fromEntries(Object.entries(adres).filter(([, value]) => value !== undefined && value !== '')) as Adres;
}

function contactnaamJson(contactnaam: Contactnaam | null): Contactnaam | null {
  return contactnaam ? { ...contactnaam } : null;
}

export class Resources {
  private readonly relations: Record<Kind, Record<string, Related>>;

  constructor(
    private readonly store: Store,
    private readonly links: Links,
    /** Catalogi API root of the ZGW simulator (the demo's hoofdOnderwerpType is a zaaktype there). */
    private readonly catalogiApi: () => string,
  ) {
    const ids = <T extends { uuid: string }>(records: T[]) => records.map((r) => r.uuid);
    this.relations = {
      partij: {
        betrokkenen: { kind: 'betrokkene', many: true, of: (uuid) => ids(store.betrokkenenOfPartij(uuid)) },
        categorieRelaties: { kind: 'none', many: true, of: () => [] },
        digitaleAdressen: { kind: 'digitaalAdres', many: true, of: (uuid) => ids(store.digitaleAdressenOf(uuid)) },
      },
      digitaalAdres: {
        verstrektDoorBetrokkene: { kind: 'betrokkene', many: false, of: (uuid) => store.digitaleAdressen.get(uuid)?.betrokkene ?? null },
      },
      klantcontact: {
        gingOverOnderwerpobjecten: { kind: 'onderwerpobject', many: true, of: (uuid) => ids(store.onderwerpobjectenOf(uuid)) },
        hadBetrokkenen: { kind: 'betrokkene', many: true, of: (uuid) => ids(store.betrokkenenOfKlantcontact(uuid)) },
        leiddeTotInterneTaken: { kind: 'none', many: true, of: () => [] },
        omvatteBijlagen: { kind: 'none', many: true, of: () => [] },
      },
      betrokkene: {
        hadKlantcontact: { kind: 'klantcontact', many: false, of: (uuid) => store.betrokkenen.get(uuid)?.klantcontact ?? null },
        digitaleAdressen: { kind: 'digitaalAdres', many: true, of: (uuid) => ids(store.digitaleAdressenOfBetrokkene(uuid)) },
        wasPartij: { kind: 'partij', many: false, of: (uuid) => store.betrokkenen.get(uuid)?.partij ?? null },
      },
      partijIdentificator: {},
      onderwerpobject: {},
    };
  }

  // --- foreign keys ---------------------------------------------------------------------------

  private fk(url: (uuid: string) => string, uuid: string): ForeignKey {
    return { uuid, url: url(uuid) };
  }

  private fkOrNull(url: (uuid: string) => string, uuid: string | null): ForeignKey | null {
    return uuid === null ? null : this.fk(url, uuid);
  }

  // --- one resource ---------------------------------------------------------------------------

  partij(record: PartijRecord): Json {
    const { store, links } = this;
    return {
      uuid: record.uuid,
      url: links.partij(record.uuid),
      nummer: record.nummer,
      interneNotitie: record.interneNotitie,
      betrokkenen: store.betrokkenenOfPartij(record.uuid).map((b) => this.fk(links.betrokkene, b.uuid)),
      categorieRelaties: [],
      digitaleAdressen: store.digitaleAdressenOf(record.uuid).map((a) => this.fk(links.digitaalAdres, a.uuid)),
      voorkeursDigitaalAdres: this.fkOrNull(links.digitaalAdres, record.voorkeursDigitaalAdres),
      vertegenwoordigden: [],
      rekeningnummers: [],
      voorkeursRekeningnummer: null,
      partijIdentificatoren: store.identificatorenOf(record.uuid).map((i) => this.partijIdentificator(i)),
      soortPartij: record.soortPartij,
      indicatieGeheimhouding: record.indicatieGeheimhouding,
      voorkeurstaal: record.voorkeurstaal,
      indicatieActief: record.indicatieActief,
      bezoekadres: adresJson(record.bezoekadres),
      correspondentieadres: adresJson(record.correspondentieadres),
      partijIdentificatie: this.partijIdentificatie(record),
    };
  }

  private partijIdentificatie(record: PartijRecord): Json {
    switch (record.soortPartij) {
      case 'persoon':
        return { contactnaam: contactnaamJson(record.contactnaam), volledigeNaam: volledigeNaam(record.contactnaam) };
      case 'organisatie':
        return { naam: record.naam };
      case 'contactpersoon':
        return {
          uuid: record.uuid,
          werkteVoorPartij: this.fkOrNull(this.links.partij, record.werkteVoorPartij),
          contactnaam: contactnaamJson(record.contactnaam),
          volledigeNaam: volledigeNaam(record.contactnaam),
        };
    }
  }

  partijIdentificator(record: PartijIdentificatorRecord): Json {
    const { links } = this;
    return {
      uuid: record.uuid,
      url: links.partijIdentificator(record.uuid),
      identificeerdePartij: this.fkOrNull(links.partij, record.partij),
      anderePartijIdentificator: record.anderePartijIdentificator,
      partijIdentificator: {
        codeObjecttype: record.codeObjecttype,
        codeSoortObjectId: record.codeSoortObjectId,
        objectId: record.objectId,
        codeRegister: record.codeRegister,
      },
      subIdentificatorVan: this.fkOrNull(links.partijIdentificator, record.subIdentificatorVan),
    };
  }

  digitaalAdres(record: DigitaalAdresRecord): Json {
    const { links } = this;
    return {
      uuid: record.uuid,
      url: links.digitaalAdres(record.uuid),
      verstrektDoorBetrokkene: this.fkOrNull(links.betrokkene, record.betrokkene),
      verstrektDoorPartij: this.fkOrNull(links.partij, record.partij),
      adres: record.adres,
      soortDigitaalAdres: record.soortDigitaalAdres,
      isStandaardAdres: record.isStandaardAdres,
      omschrijving: record.omschrijving,
      ...(record.referentie === '' ? {} : { referentie: record.referentie }),
      verificatieDatum: record.verificatieDatum,
    };
  }

  klantcontact(record: KlantcontactRecord): Json {
    const { store, links } = this;
    const hoofdOnderwerpType =
      typeof record.hoofdOnderwerpType === 'string' ? record.hoofdOnderwerpType : `${this.catalogiApi()}/zaaktypen/${record.hoofdOnderwerpType.zaaktype}`;
    return {
      uuid: record.uuid,
      url: links.klantcontact(record.uuid),
      gingOverOnderwerpobjecten: store.onderwerpobjectenOf(record.uuid).map((o) => this.fk(links.onderwerpobject, o.uuid)),
      hadBetrokkenActoren: [],
      omvatteBijlagen: [],
      hadBetrokkenen: store.betrokkenenOfKlantcontact(record.uuid).map((b) => this.fk(links.betrokkene, b.uuid)),
      leiddeTotInterneTaken: [],
      nummer: record.nummer,
      referentienummer: record.referentienummer,
      kanaal: record.kanaal,
      onderwerp: record.onderwerp,
      inhoud: record.inhoud,
      reactie: record.reactie,
      indicatieContactGelukt: record.indicatieContactGelukt,
      ...(hoofdOnderwerpType === '' ? {} : { hoofdOnderwerpType }),
      verdereActieOndernomen: record.verdereActieOndernomen,
      taal: record.taal,
      vertrouwelijk: record.vertrouwelijk,
      plaatsgevondenOp: amsterdamIso(record.plaatsgevondenOp),
      metadata: { ...record.metadata },
    };
  }

  betrokkene(record: BetrokkeneRecord): Json {
    const { store, links } = this;
    return {
      uuid: record.uuid,
      url: links.betrokkene(record.uuid),
      wasPartij: this.fkOrNull(links.partij, record.partij),
      hadKlantcontact: this.fk(links.klantcontact, record.klantcontact),
      digitaleAdressen: store.digitaleAdressenOfBetrokkene(record.uuid).map((a) => this.fk(links.digitaalAdres, a.uuid)),
      bezoekadres: adresJson(record.bezoekadres ?? null),
      correspondentieadres: adresJson(record.correspondentieadres ?? null),
      contactnaam: contactnaamJson(record.contactnaam),
      volledigeNaam: volledigeNaam(record.contactnaam),
      rol: record.rol,
      organisatienaam: record.organisatienaam,
      initiator: record.initiator,
    };
  }

  onderwerpobject(record: OnderwerpobjectRecord): Json {
    const { links } = this;
    return {
      uuid: record.uuid,
      url: links.onderwerpobject(record.uuid),
      klantcontact: this.fkOrNull(links.klantcontact, record.klantcontact),
      wasKlantcontact: this.fkOrNull(links.klantcontact, record.wasKlantcontact),
      onderwerpobjectidentificator: record.identificator ? { ...record.identificator } : null,
    };
  }

  /** The JSON of the record of `kind` with this UUID, or undefined when there is none. */
  render(kind: Kind, uuid: string): Json | undefined {
    const { store } = this;
    switch (kind) {
      case 'partij': {
        const record = store.partijen.get(uuid);
        return record && this.partij(record);
      }
      case 'partijIdentificator': {
        const record = store.identificatoren.get(uuid);
        return record && this.partijIdentificator(record);
      }
      case 'digitaalAdres': {
        const record = store.digitaleAdressen.get(uuid);
        return record && this.digitaalAdres(record);
      }
      case 'klantcontact': {
        const record = store.klantcontacten.get(uuid);
        return record && this.klantcontact(record);
      }
      case 'betrokkene': {
        const record = store.betrokkenen.get(uuid);
        return record && this.betrokkene(record);
      }
      case 'onderwerpobject': {
        const record = store.onderwerpobjecten.get(uuid);
        return record && this.onderwerpobject(record);
      }
    }
  }

  /** The JSON with `_expand` holding what `expand` (already checked against the spec) asks for. */
  expanded(kind: Kind, uuid: string, expand: readonly string[]): Json | undefined {
    return this.withTree(kind, uuid, treeOf(expand));
  }

  private withTree(kind: Kind, uuid: string, tree: Tree): Json | undefined {
    const json = this.render(kind, uuid);
    if (!json || Object.keys(tree).length === 0) return json;
    const _expand: Json = {};
    for (const [name, subtree] of Object.entries(tree)) {
      const relation = this.relations[kind][name];
      if (!relation) continue;
      if (relation.many) {
        const { kind: target } = relation;
        _expand[name] = target === 'none' ? [] : relation.of(uuid).map((related) => this.withTree(target, related, subtree)!);
      } else {
        const related = relation.of(uuid);
        _expand[name] = related === null ? null : (this.withTree(relation.kind, related, subtree) ?? null);
      }
    }
    return { ...json, _expand };
  }
}
