/**
 * Staff authorisation, in one place: what a staff member may see follows from their roles (as
 * their identity provider names them) and the rules in the configuration. Routes and dossier
 * sections ask this; none decides for itself.
 */
import type { DossierKind, MedewerkersRules } from '../../domain/medewerker.ts';
import type { StaffMember } from './sessions.ts';

export class StaffPolicy {
  constructor(private readonly rules: MedewerkersRules) {}

  /** Whether any of the staff member's roles allows this kind of data. */
  may(medewerker: StaffMember, kind: DossierKind): boolean {
    return medewerker.rollen.some((rol) => this.rules.rollen[rol]?.includes(kind) ?? false);
  }

  /** Whether the staff member may look anyone up at all: a role that allows some data. */
  mayLookUp(medewerker: StaffMember): boolean {
    return medewerker.rollen.some((rol) => (this.rules.rollen[rol]?.length ?? 0) > 0);
  }

  /** Zaken may be seen by whoever may see zaken, except zaaktypen that are kept for some roles only. */
  mayZaaktype(medewerker: StaffMember, zaaktype: string): boolean {
    if (!this.may(medewerker, 'zaken')) return false;
    const only = this.rules.beperkteZaaktypen[zaaktype];
    return !only || medewerker.rollen.some((rol) => only.includes(rol));
  }
}
