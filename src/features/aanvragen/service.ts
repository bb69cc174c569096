/**
 * Aanvragen: the catalogue as this login may see it (residents resident products, companies
 * company products; a gemachtigde only when the organisation allows applying for someone), each
 * producttype with its handling time from its zaaktype, and one producttype to apply for. A
 * producttype that is not offered to this login is the same as one that does not exist.
 */
import { type Availability, available, unavailable, SourceUnavailableError } from '../../domain/availability.ts';
import { isOfferedTo, type Producttype, type ProducttypeCatalogue, type ZaaktypeLookup } from '../../domain/aanvraag.ts';
import type { Caller } from '../../platform/http/caller.ts';

/** A producttype as the catalogue shows it: with how long handling takes (ISO 8601), when known. */
export interface Offered extends Producttype {
  doorlooptijdIso?: string;
}

export class AanvragenService {
  constructor(
    private readonly catalogue: ProducttypeCatalogue,
    /** The zaaksysteem whose Catalogi API holds the producttypen's zaaktypen, when there is one. */
    private readonly zaaktypen: ZaaktypeLookup | undefined,
  ) {}

  /** What this login may apply for, each with its handling time. */
  async offered(caller: Caller): Promise<Availability<Offered[]>> {
    let all: Producttype[];
    try {
      all = await this.catalogue.list(caller.log);
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      caller.log.warn({ source: error.source, reason: error.reason }, 'producttypen cannot be read');
      return unavailable(this.catalogue.sources);
    }
    const mine = all.filter((producttype) => isOfferedTo(producttype, caller.identity.subject));
    return available(await Promise.all(mine.map((producttype) => this.withDoorlooptijd(producttype))));
  }

  /** One producttype this login may apply for; null when there is none with this id, or it is not offered to them. */
  async producttype(caller: Caller, id: string): Promise<Availability<Offered | null>> {
    const offered = await this.offered(caller);
    if (offered.unavailable) return offered;
    return available(offered.value.find((producttype) => producttype.id === id.toLowerCase()) ?? null);
  }

  /** The Form.io definition of a producttype's form; null when it has none (or it cannot be found). */
  async formDefinition(producttype: Producttype): Promise<Record<string, unknown> | null> {
    return producttype.formulier ? this.catalogue.formDefinition(producttype.formulier) : null;
  }

  private async withDoorlooptijd(producttype: Producttype): Promise<Offered> {
    const zaaktype = producttype.zaaktypen[0];
    let fromZaaktype: string | undefined;
    if (zaaktype && this.zaaktypen) {
      try {
        fromZaaktype = await this.zaaktypen.doorlooptijd(zaaktype);
      } catch (error) {
        if (!(error instanceof SourceUnavailableError)) throw error;
      }
    }
    return { ...producttype, doorlooptijdIso: fromZaaktype ?? producttype.doorlooptijd };
  }
}
