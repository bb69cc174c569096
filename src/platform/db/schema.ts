/** The tables Voordeur keeps itself. Each feature's tables are added here with its migration. */
import type { ColumnType } from 'kysely';
import type { Identity } from '../../domain/identity.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (default now()). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a copy of the table gives no usable session. */
  id: string;
  /** Keyed hash (HMAC) of the data subject, to end all sessions of one person. */
  subject_key: string;
  identity: ColumnType<Identity, string, string>;
  csrf_token: string;
  /** Kept only to end the session at the identity provider (id_token_hint). */
  id_token: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginAttemptsTable {
  /** SHA-256 of the OIDC state, which is also in the browser's login cookie. */
  state_hash: string;
  code_verifier: string;
  nonce: string;
  method: string;
  return_to: string | null;
  created_at: CreatedAt;
}

export interface Database {
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
}
