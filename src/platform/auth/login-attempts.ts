/**
 * Logins under way (Voordeur's own database, login_attempts): what the callback needs to finish
 * an OpenID Connect login (PKCE verifier, nonce, method, where to go afterwards), found by the
 * hash of the state that is also in the browser's login cookie, and usable once, for a while.
 */
import { createHash } from 'node:crypto';
import { isLoginMethod, type LoginMethod } from '../../domain/identity.ts';
import type { Db } from '../db/database.ts';

/** How long a login may take, from the start to the callback. */
export const loginAttemptMaxAgeSeconds = 15 * 60;

export interface LoginAttempt {
  codeVerifier: string;
  nonce: string;
  /** A resident's login, or a staff member's (the medewerkersportaal); each callback accepts only its own. */
  method: LoginMethod | 'medewerker' | 'leverancier';
  /** A path on this site to return to, if one was given. */
  returnTo?: string;
}

const hash = (state: string) => createHash('sha256').update(state).digest('base64url');

export class LoginAttempts {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async start(state: string, attempt: LoginAttempt): Promise<void> {
    await this.db
      .insertInto('login_attempts')
      .values({
        state_hash: hash(state),
        code_verifier: attempt.codeVerifier,
        nonce: attempt.nonce,
        method: attempt.method,
        return_to: attempt.returnTo ?? null,
      })
      .execute();
  }

  /** Removes attempts older than a login may take (abandoned logins): the callback would refuse them anyway. */
  async purge(): Promise<number> {
    const cutoff = new Date(this.now() - loginAttemptMaxAgeSeconds * 1000);
    const deleted = await this.db.deleteFrom('login_attempts').where('created_at', '<', cutoff).returning('state_hash').execute();
    return deleted.length;
  }

  /** The attempt started with this state, once; undefined when it is unknown, used or expired. */
  async take(state: string): Promise<LoginAttempt | undefined> {
    const row = await this.db.deleteFrom('login_attempts').where('state_hash', '=', hash(state)).returningAll().executeTakeFirst();
    if (
      !row ||
      !(isLoginMethod(row.method) || row.method === 'medewerker' || row.method === 'leverancier') ||
      this.now() - new Date(row.created_at).getTime() > loginAttemptMaxAgeSeconds * 1000
    )
      return undefined;
    return { codeVerifier: row.code_verifier, nonce: row.nonce, method: row.method, returnTo: row.return_to ?? undefined };
  }
}
