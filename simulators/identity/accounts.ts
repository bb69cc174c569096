/**
 * What a login on the simulator means in claims. The subject (`bsn`, `kvk`) is whose affairs are
 * handled; with DigiD Machtigen the person who actually logged in is the gemachtigde. The `sub`
 * is a stable opaque identifier derived from the login, never the BSN or KvK number itself.
 */
import { createHmac } from 'node:crypto';
import { leverancierClaims } from './leveranciers.ts';
import { displayName, findTestCompany, findTestMedewerker, findTestPerson, testMachtigingen } from '../data/test-identities.ts';

export type SimulatedLogin =
  | { method: 'digid'; bsn: string; gemachtigdeBsn?: string }
  | { method: 'eherkenning'; kvk: string; vestiging?: string }
  /** A staff member of the organisation (the medewerkersportaal), as Keycloak or Entra ID would say it. */
  | { method: 'medewerker'; id: string }
  /** A member of a connected organisation's staff (the leveranciersportaal), with the organisation claim. */
  | { method: 'leverancier'; id: string };

/** Whom someone may act for, as a broker in front of DigiD Machtigen and the bewindvoering register would list it. */
export interface MachtigingClaim {
  bsn: string;
  name?: string;
  rol?: string;
}

export type IdentityClaims = Record<string, string | string[] | MachtigingClaim[]>;

/** The claims the simulator can put in an ID token (besides sub). */
export const identityClaimNames = [
  'bsn',
  'name',
  'gemachtigde_bsn',
  'gemachtigde_name',
  'machtigingen',
  'kvk',
  'vestiging',
  'department',
  'roles',
  'organisatie',
] as const;

/** Everyone the person with this BSN may act for, from the demo's machtigingen. */
export function machtigingenOf(bsn: string): MachtigingClaim[] {
  return testMachtigingen
    .filter((m) => m.gemachtigde === bsn)
    .map((m) => {
      const person = findTestPerson(m.vertegenwoordigde);
      return { bsn: m.vertegenwoordigde, ...(person ? { name: displayName(person) } : {}), ...(m.rol ? { rol: m.rol } : {}) };
    });
}

/** The same login always gets the same sub, also after a restart of the simulator. */
export function accountIdFor(login: SimulatedLogin): string {
  const key =
    login.method === 'digid'
      ? `digid:${login.bsn}:${login.gemachtigdeBsn ?? ''}`
      : login.method === 'eherkenning'
        ? `eherkenning:${login.kvk}:${login.vestiging ?? ''}`
        : `${login.method}:${login.id}`;
  return createHmac('sha256', 'voordeur-identity-simulator').update(key).digest('base64url').slice(0, 32);
}

export function claimsFor(login: SimulatedLogin): IdentityClaims {
  if (login.method === 'leverancier') return leverancierClaims(login.id);
  if (login.method === 'medewerker') {
    const medewerker = findTestMedewerker(login.id);
    return medewerker ? { name: medewerker.naam, department: medewerker.afdeling, roles: medewerker.rollen } : {};
  }
  if (login.method === 'digid') {
    const person = findTestPerson(login.bsn);
    const claims: IdentityClaims = { bsn: login.bsn };
    if (person) claims.name = displayName(person);
    if (login.gemachtigdeBsn !== undefined) {
      claims.gemachtigde_bsn = login.gemachtigdeBsn;
      const gemachtigde = findTestPerson(login.gemachtigdeBsn);
      if (gemachtigde) claims.gemachtigde_name = displayName(gemachtigde);
    }
    // Whoever logged in may also act for these people: Voordeur asks for whom, and lets them switch.
    const machtigingen = machtigingenOf(login.gemachtigdeBsn ?? login.bsn);
    if (machtigingen.length > 0) claims.machtigingen = machtigingen;
    return claims;
  }
  const company = findTestCompany(login.kvk);
  const claims: IdentityClaims = { kvk: login.kvk };
  if (login.vestiging !== undefined) claims.vestiging = login.vestiging;
  if (company) claims.name = company.naam;
  return claims;
}

/** Logins seen by this simulator instance, by account id (the sub), for oidc-provider's findAccount. */
export class AccountStore {
  private readonly accounts = new Map<string, IdentityClaims>();

  register(login: SimulatedLogin): string {
    const accountId = accountIdFor(login);
    this.accounts.set(accountId, claimsFor(login));
    return accountId;
  }

  claims(accountId: string): IdentityClaims | undefined {
    return this.accounts.get(accountId);
  }
}
