/**
 * Aanvragen: the catalogue as this login may see it (residents resident products, companies
 * company products; a gemachtigde only when the organisation allows applying for someone), each
 * producttype with its handling time from its zaaktype, and one producttype to apply for. A
 * producttype that is not offered to this login is the same as one that does not exist.
 */
import { type Availability, available, unavailable, SourceUnavailableError } from '../../domain/availability.ts';
import { isOfferedTo, isProducttypeOf, type ProductPrefill, type Producttype, type ProducttypeCatalogue, type ZaaktypeLookup } from '../../domain/aanvraag.ts';
import type { Subject } from '../../domain/identity.ts';
import type { CompanyRegister, ContactRegister, PersonRegister } from '../../domain/persoon.ts';
import type { Caller } from '../../platform/http/caller.ts';
import { type PrefillSources, prefillFor } from './form.ts';

/** A producttype as the catalogue shows it: with how long handling takes (ISO 8601), when known. */
export interface Offered extends Producttype {
  doorlooptijdIso?: string;
}

export class AanvragenService {
  constructor(
    private readonly catalogue: ProducttypeCatalogue,
    /** The zaaksysteem whose Catalogi API holds the producttypen's zaaktypen, when there is one. */
    private readonly zaaktypen: ZaaktypeLookup | undefined,
    /** Where prefilled values come from, each when configured. */
    private readonly registers: { brp?: PersonRegister; kvk?: CompanyRegister; contacts?: Pick<ContactRegister, 'adressen'> } = {},
  ) {}

  /**
   * The starting values of a producttype's form from the registers its prefill mapping names. A
   * register that cannot answer now gives nothing: the person fills in those fields themselves.
   */
  async prefill(caller: Caller, producttype: Producttype, product?: ProductPrefill): Promise<Record<string, unknown>> {
    const bronnen = new Set(producttype.prefill.map((entry) => entry.bron));
    const { subject } = caller.identity;
    const attempt = async <T>(source: string, read: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await read();
      } catch (error) {
        if (!(error instanceof SourceUnavailableError)) throw error;
        caller.log.warn({ source, reason: error.reason }, 'prefill of an aanvraag left out: source unavailable');
        return undefined;
      }
    };
    const { brp, kvk, contacts } = this.registers;
    const [persoon, bedrijf, adressen] = await Promise.all([
      bronnen.has('brp') && brp && subject.type === 'persoon' ? attempt('brp', () => brp.persoon(subject.bsn)) : undefined,
      bronnen.has('kvk') && kvk && subject.type === 'bedrijf' ? attempt('kvk', () => kvk.bedrijf(subject.kvkNummer)) : undefined,
      bronnen.has('contact') && contacts ? attempt('klantinteracties', () => contacts.adressen(subject)) : undefined,
    ]);
    const sources: PrefillSources = { persoon, bedrijf, contact: contactOf(adressen, subject), product };
    return prefillFor(producttype, sources);
  }

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

  /**
   * Where renewing each product starts: the page of its producttype with the product named, for
   * the products whose producttype this login can apply for online (with a form).
   */
  async renewals(caller: Caller, products: readonly { id: string; producttype: { id: string; code?: string } }[]): Promise<Record<string, string>> {
    let all: Producttype[];
    try {
      all = await this.catalogue.list(caller.log);
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      return {};
    }
    const mine = all.filter((producttype) => isOfferedTo(producttype, caller.identity.subject));
    const hrefs: Record<string, string> = {};
    for (const product of products) {
      const producttype = mine.find((candidate) => candidate.formulier && isProducttypeOf(candidate, product));
      if (producttype) hrefs[product.id] = renewalHref(producttype.id, product.id);
    }
    return hrefs;
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

/** The page where renewing a product of this producttype starts. */
export const renewalHref = (producttype: string, product: string) => `/aanvragen/${encodeURIComponent(producttype)}?verlengen=${encodeURIComponent(product)}`;

/** The person's known e-mail address and phone number (a confirmed one first). */
function contactOf(adressen: { soort: string; adres: string; geverifieerd: boolean }[] | undefined, _subject: Subject): PrefillSources['contact'] {
  if (!adressen) return undefined;
  const first = (soort: string) => adressen.filter((adres) => adres.soort === soort).sort((a, b) => Number(b.geverifieerd) - Number(a.geverifieerd))[0]?.adres;
  return { email: first('email'), telefoonnummer: first('telefoonnummer') };
}
