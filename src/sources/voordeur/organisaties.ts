/**
 * The organisations connected to the organisation API: their name (shown as the sender of their
 * berichten) and the public keys their client assertions are signed with; and the assertions
 * already used (each may be used once).
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';

export interface Organisatie {
  id: string;
  naam: string;
  /** The registered public keys; `added` (kid → ISO 8601) when they were added in the leveranciersportaal. */
  jwks: { keys: Record<string, unknown>[]; added?: Record<string, string> };
  /** Where the organisation publishes its public keys (https), used next to the registered ones. */
  jwksUrl?: string;
  /** When the organisation was connected. */
  createdAt?: Date;
}

/** A client certificate for mutual TLS: its SHA-256 thumbprint (`x5t#S256`) and what the leveranciersportaal shows of it. */
export interface CertificaatGegevens {
  thumbprint: string;
  onderwerp: string;
  uitgever: string;
  geldigVanaf: Date;
  geldigTot: Date;
}

/** A client certificate registered for mutual TLS, and when it was registered. */
export interface Certificaat extends CertificaatGegevens {
  toegevoegd: Date;
}

/** An organisation's webhook: where to call, and the secret to sign the calls with. */
export interface Webhook {
  url: string;
  secret: string;
}

export class Organisaties {
  constructor(
    private readonly db: Db,
    /** To keep webhook secrets sealed; needed only to set or read a webhook. */
    private readonly keys?: IdentityKeys,
  ) {}

  /** Sets (or with null removes) the organisation's webhook; false when there is no such organisation. */
  async setWebhook(id: string, webhook: Webhook | null): Promise<boolean> {
    const result = await this.db
      .updateTable('organisaties')
      .set({ callback_url: webhook?.url ?? null, callback_secret: webhook ? this.sealer().sealJson(webhook.secret) : null })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async webhookOf(id: string): Promise<Webhook | null> {
    const row = await this.db.selectFrom('organisaties').select(['callback_url', 'callback_secret']).where('id', '=', id).executeTakeFirst();
    return row?.callback_url && row.callback_secret ? { url: row.callback_url, secret: this.sealer().unsealJson<string>(row.callback_secret) } : null;
  }

  private sealer(): IdentityKeys {
    if (!this.keys) throw new Error('Organisaties: identity keys are needed for webhooks');
    return this.keys;
  }

  async get(id: string): Promise<Organisatie | null> {
    const row = await this.db.selectFrom('organisaties').select(['id', 'naam', 'jwks', 'jwks_url', 'created_at']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      naam: row.naam,
      jwks: typeof row.jwks === 'string' ? JSON.parse(row.jwks) : row.jwks,
      ...(row.jwks_url ? { jwksUrl: row.jwks_url } : {}),
      createdAt: new Date(row.created_at),
    };
  }

  /** Replaces the organisation's registered public keys (the leveranciersportaal); false when there is no such organisation. */
  async setKeys(id: string, jwks: Organisatie['jwks']): Promise<boolean> {
    const result = await this.db
      .updateTable('organisaties')
      .set({ jwks: JSON.stringify(jwks) })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Sets (or with null removes) the URL where the organisation publishes its public keys. */
  async setJwksUrl(id: string, url: string | null): Promise<boolean> {
    const result = await this.db.updateTable('organisaties').set({ jwks_url: url }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Adds an organisation, or replaces its name and keys (key rotation: publish the new key next to the old one, then drop the old). */
  async save(organisatie: Organisatie): Promise<void> {
    await this.db
      .insertInto('organisaties')
      .values({ id: organisatie.id, naam: organisatie.naam, jwks: JSON.stringify(organisatie.jwks) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ naam: organisatie.naam, jwks: JSON.stringify(organisatie.jwks) }))
      .execute();
  }

  /** The organisation's registered client certificates, oldest first. */
  async certificaten(id: string): Promise<Certificaat[]> {
    const rows = await this.db
      .selectFrom('organisatie_certificaten')
      .selectAll()
      .where('organisatie_id', '=', id)
      .orderBy('added_at')
      .orderBy('thumbprint')
      .execute();
    return rows.map((row) => ({
      thumbprint: row.thumbprint,
      onderwerp: row.onderwerp,
      uitgever: row.uitgever,
      geldigVanaf: new Date(row.geldig_vanaf),
      geldigTot: new Date(row.geldig_tot),
      toegevoegd: new Date(row.added_at),
    }));
  }

  /** Registers a client certificate; false when it was registered for this organisation already. */
  async addCertificaat(id: string, certificaat: CertificaatGegevens): Promise<boolean> {
    const inserted = await this.db
      .insertInto('organisatie_certificaten')
      .values({
        organisatie_id: id,
        thumbprint: certificaat.thumbprint,
        onderwerp: certificaat.onderwerp,
        uitgever: certificaat.uitgever,
        geldig_vanaf: certificaat.geldigVanaf,
        geldig_tot: certificaat.geldigTot,
      })
      .onConflict((oc) => oc.columns(['organisatie_id', 'thumbprint']).doNothing())
      .returning('thumbprint')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** Removes a registered client certificate; false when the organisation has no such certificate. */
  async removeCertificaat(id: string, thumbprint: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('organisatie_certificaten')
      .where('organisatie_id', '=', id)
      .where('thumbprint', '=', thumbprint)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
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
