/**
 * The answers of a form that was sent after its session had expired (a person typed a long form
 * without JavaScript and took longer than the idle timeout). They are kept, encrypted, for
 * `keptFormMinutes`, bound twice: to this browser (a cookie holds a random token, the table its
 * SHA-256) and to the person who had logged in (the keyed hash of subject and gemachtigde).
 * After logging in again as that same person in that same browser, they are offered to be sent
 * once more; they are removed when shown, and by the purge once their time is up.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Identity } from '../../domain/identity.ts';
import type { Db } from '../db/database.ts';
import type { IdentityKeys } from '../identity-keys.ts';

export const keptFormMinutes = 60;

export interface KeptForm {
  /** Where the form was sent to (a same-site path). */
  action: string;
  /** The page the form was on, when the browser said so (a same-site path). */
  page?: string;
  fields: [name: string, value: string][];
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class KeptForms {
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps the form for this person; returns the token for the browser's cookie. */
  async keep(identity: Identity, form: KeptForm): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('kept_forms')
      .values({ id: hashToken(token), owner_key: this.owner(identity), form: this.keys.sealJson(form), created_at: new Date(this.now()) })
      .execute();
    return token;
  }

  /** The kept form for this browser's token, if it is this person's and still within its time; removed once taken. */
  async take(token: string, identity: Identity): Promise<KeptForm | undefined> {
    const row = await this.db
      .deleteFrom('kept_forms')
      .where('id', '=', hashToken(token))
      .where('owner_key', '=', this.owner(identity))
      .where('created_at', '>', new Date(this.now() - keptFormMinutes * 60_000))
      .returning('form')
      .executeTakeFirst();
    return row && this.keys.unsealJson<KeptForm>(row.form);
  }

  /** Whether this browser's token holds a form of this person's (also one whose time is up, to say so). */
  async has(token: string, identity: Identity): Promise<boolean> {
    const row = await this.db
      .selectFrom('kept_forms')
      .select('id')
      .where('id', '=', hashToken(token))
      .where('owner_key', '=', this.owner(identity))
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Removes the forms whose time is up. */
  async purge(): Promise<number> {
    const result = await this.db
      .deleteFrom('kept_forms')
      .where('created_at', '<=', new Date(this.now() - keptFormMinutes * 60_000))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The person who logged in: the subject, and the gemachtigde when someone acted for them. */
  private owner(identity: Identity): string {
    const subject = this.keys.subject(identity.subject);
    return identity.actor ? `${subject}.${this.keys.person(identity.actor.bsn)}` : subject;
  }
}
