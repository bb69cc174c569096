/**
 * The organisations connected to the organisation API: their name (shown as the sender of their
 * berichten) and the public keys their client assertions are signed with; and the assertions
 * already used (each may be used once).
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export interface Organisatie {
  id: string;
  naam: string;
  jwks: { keys: Record<string, unknown>[] };
}

export class Organisaties {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<Organisatie | null> {
    const row = await this.db.selectFrom('organisaties').select(['id', 'naam', 'jwks']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return { id: row.id, naam: row.naam, jwks: typeof row.jwks === 'string' ? JSON.parse(row.jwks) : row.jwks };
  }

  /** Adds an organisation, or replaces its name and keys (key rotation: publish the new key next to the old one, then drop the old). */
  async save(organisatie: Organisatie): Promise<void> {
    await this.db
      .insertInto('organisaties')
      .values({ id: organisatie.id, naam: organisatie.naam, jwks: JSON.stringify(organisatie.jwks) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ naam: organisatie.naam, jwks: JSON.stringify(organisatie.jwks) }))
      .execute();
  }

  /** Records a client assertion's jti; false when it was used before (a replay). Expired ones are cleared on the way. */
  async useAssertion(organisatieId: string, jti: string, expiresAt: Date): Promise<boolean> {
    await this.db.deleteFrom('organisatie_assertions').where('expires_at', '<', sql<Date>`now()`).execute();
    const inserted = await this.db
      .insertInto('organisatie_assertions')
      .values({ organisatie_id: organisatieId, jti, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['organisatie_id', 'jti']).doNothing())
      .returning('jti')
      .executeTakeFirst();
    return inserted !== undefined;
  }
}
