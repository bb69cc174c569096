/** The tables Voordeur keeps itself. Each feature's tables are added here with its migration. */
import type { ColumnType, Generated } from 'kysely';
import type { Identity } from '../../domain/identity.ts';
import type { ContactKind } from '../../domain/persoon.ts';
import type { Channel, Topic } from '../../domain/preferences.ts';
import type { Completion } from '../../domain/taak.ts';

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

export interface NotificationPreferencesTable {
  subject_key: string;
  channel: Channel;
  topic: Topic;
  enabled: boolean;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ContactConfirmationsTable {
  /** Random; in the URL of the page where the code is typed. */
  id: string;
  subject_key: string;
  kind: ContactKind;
  /** The new address, until it is confirmed (then it lives in Klantinteracties) or expires. */
  address: string;
  /** The digitaal adres (uuid) this one replaces, if any. */
  replaces: string | null;
  code_hash: string;
  attempts: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ProcessingLogTable {
  id: ColumnType<string, never, never>;
  occurred_at: CreatedAt;
  subject_key: string;
  actor: 'betrokkene' | 'gemachtigde' | 'medewerker' | 'organisatie';
  /** Keyed hash of who acted, when that is not the data subject. */
  actor_key: string | null;
  action: 'lezen' | 'wijzigen' | 'toevoegen' | 'verwijderen';
  category: string;
  source: string;
  purpose: string;
  request_id: string | null;
  /** The department of a staff member who acted (never their name: that is in staff_audit). */
  actor_afdeling: ColumnType<string | null, string | null | undefined, never>;
  /** Links the reads of one contact (a staff member's access to a dossier). */
  trace_id: ColumnType<string | null, string | null | undefined, never>;
  /** A gemachtigde's name as the login gave it, or the organisation that pushed (never a staff member's). */
  actor_naam: ColumnType<string | null, string | null | undefined, never>;
  /** What the machtiging makes the gemachtigde (e.g. 'bewindvoerder'), when it says. */
  actor_rol: ColumnType<string | null, string | null | undefined, never>;
}

export interface TaakCompletionsTable {
  taak_uuid: string;
  subject_key: string;
  how: Completion['how'];
  claimed_at: CreatedAt;
  completed_at: Timestamp | null;
}

export interface JobsTable {
  id: ColumnType<string, never, never>;
  queue: string;
  payload: ColumnType<unknown, string, string>;
  /** Jobs with the same key are interchangeable: at most one of them waits unstarted. */
  dedupe_key: string | null;
  state: 'pending' | 'running' | 'done' | 'failed';
  run_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  locked_until: Timestamp | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface NotificationInboxTable {
  id: ColumnType<string, never, never>;
  body_hash: string;
  kanaal: string;
  resource: string;
  actie: string;
  resource_url: string;
  body: ColumnType<unknown, string, never>;
  received_at: CreatedAt;
}

export interface NotificationChangesTable {
  id: ColumnType<string, never, never>;
  subject_key: string;
  change_key: string;
  topic: Topic;
  /** The identity, encrypted (IdentityKeys.seal), until the message about it is sent. */
  subject_sealed: string | null;
  inbox_id: string | null;
  created_at: CreatedAt;
  message_group: string | null;
}

export interface NotificationMessagesTable {
  /** `<group>:<channel>`; also Notify's reference, so a retry can ask whether it went out. */
  id: string;
  message_group: string;
  subject_key: string;
  channel: Channel;
  state: 'sending' | 'sent' | 'failed' | 'skipped';
  reason: string | null;
  notify_id: string | null;
  changes: number;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  /** While 'sending': the worker sending it holds it until then. */
  locked_until: Timestamp | null;
  /** Once sent: what Notify says became of it ('delivered', 'permanent-failure', …). */
  delivery_status: string | null;
  delivery_checked_at: Timestamp | null;
  /** The keyed hash of the address it went to (IdentityKeys.address). */
  address_key: string | null;
}

export interface SubjectLanguagesTable {
  subject_key: string;
  lang: 'nl' | 'en';
  updated_at: Timestamp;
}

/** One "Stel een vraag" form sent (migration 0024): claimed by the first request with its token. */
export interface VraagVerzendingenTable {
  /** SHA-256 of the keyed hash of who asked and the form's one-time token. */
  sleutel: string;
  /** The klantcontact registered with it; null while the first request is registering it. */
  klantcontact: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The ontvangstbevestiging of a question (migration 0027): a bericht in Mijn berichten, one per klantcontact. */
export interface VraagBevestigingenTable {
  /** The UUID of the klantcontact in the Klantinteracties API; the bericht's uuid too. */
  klantcontact: string;
  /** Keyed hash of the subject: the bericht is theirs only. */
  subject_key: string;
  kenmerk: string;
  /** What the confirmation says and its PDF shows (sealed JSON). */
  inhoud: string;
  ontvangen_at: Timestamp;
  /** When the person first opened it in Mijn berichten. */
  geopend_at: Timestamp | null;
}

export interface KeptFormsTable {
  /** SHA-256 of the token in the browser's cookie. */
  id: string;
  /** Keyed hash of who had logged in (subject, and gemachtigde). */
  owner_key: string;
  /** The form (action, page, fields), sealed with the identity keys. */
  form: string;
  created_at: Timestamp;
}

export interface OrganisatiesTable {
  id: string;
  naam: string;
  /** The organisation's public keys (a JWK Set): its client assertions are verified with them. */
  jwks: ColumnType<{ keys: Record<string, unknown>[] }, string, string>;
  created_at: CreatedAt;
  /** Where its webhook calls go (null: no webhook). */
  callback_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** The secret the webhook calls are signed with, sealed with the identity keys. */
  callback_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where the organisation publishes its public keys (a JWKS URL), next to the registered ones; null: none. */
  jwks_url: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Who logged in to the leveranciersportaal: a member of a connected organisation's staff. */
export interface Leverancier {
  /** The ID token's sub. */
  id: string;
  naam: string;
  /** The organisation's id in Voordeur (the organisation claim). */
  organisatieId: string;
}

export interface LeverancierSessionsTable {
  id: string;
  gebruiker: ColumnType<Leverancier, string, string>;
  csrf_token: string;
  id_token: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

/** How many berichten of an organisation had a result code on a day (Europe/Amsterdam). */
export interface OrganisatieResultatenTable {
  organisatie_id: string;
  /** YYYY-MM-DD. */
  dag: ColumnType<string, string, string>;
  resultaat: string;
  /** Which of the day's up to 16 rows (migration 0033); the day's count is their sum. */
  deel: ColumnType<number, number | undefined, number>;
  aantal: ColumnType<string | number, number, number>;
}

/** A change to an organisation's connection, with who made it (append-only). */
export interface OrganisatieAuditTable {
  id: Generated<string>;
  occurred_at: CreatedAt;
  organisatie_id: string;
  gebruiker_id: string;
  gebruiker_naam: string;
  handeling: string;
  detail: string | null;
}

export interface OrganisatieAssertionsTable {
  organisatie_id: string;
  jti: string;
  expires_at: Timestamp;
}

export interface OrganisatieCertificatenTable {
  organisatie_id: string;
  thumbprint: string;
  onderwerp: string;
  uitgever: string;
  geldig_vanaf: Timestamp;
  geldig_tot: Timestamp;
  added_at: CreatedAt;
}

export interface OrganisatieBerichtenTable {
  id: string;
  organisatie_id: string;
  /** The organisation's own id of the bericht. */
  bericht_id: string;
  /** Keyed hash of the recipient. */
  recipient_key: string;
  /** The recipient, sealed with the identity keys. */
  recipient: string;
  onderwerp: string;
  tekst: string;
  referentie: string | null;
  handelingsperspectief: string | null;
  /** YYYY-MM-DD. */
  einddatum_handelingstermijn: string | null;
  publicatiedatum: Timestamp;
  received_at: CreatedAt;
  opened_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the recipient archived it (Mijn berichten); null while it is in their inbox. */
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The organisation's own kind of bericht (its retention can differ). */
  bericht_type: ColumnType<string | null, string | null | undefined, string | null>;
}

/** How long an organisation's berichten are kept: days after their publicatiedatum, per bericht type ('' for the others). */
export interface OrganisatieBewaartermijnenTable {
  organisatie_id: string;
  bericht_type: string;
  dagen: number;
}

/** The archived berichten Voordeur does not hold itself (Objecten API), per person: a row is an archived bericht. */
export interface BerichtArchiefTable {
  /** Keyed hash of the subject. */
  subject_key: string;
  /** The bericht's uuid in its store. */
  bericht_uuid: string;
  archived_at: CreatedAt;
}

/** One row per stored bericht (migrations/0026): `(organisatie_id, bericht_id)` unique, which the partitioned organisatie_berichten cannot hold. */
export interface OrganisatieBerichtIdsTable {
  id: string;
  organisatie_id: string;
  bericht_id: string;
  recipient_key: string;
}

/** Who sent a recipient pushed berichten (migrations/0032): one row per recipient and organisation, for the sender filter of Mijn berichten. */
export interface OrganisatieAfzendersTable {
  recipient_key: string;
  organisatie_id: string;
  /** The publicatiedatum of the organisation's first bericht to them: shown as a sender from then on. */
  eerste_publicatie: Timestamp;
}

export interface OrganisatieBijlagenTable {
  bericht_uuid: string;
  index: number;
  bestandsnaam: string;
  /** The PDF, when it is in the database; null when it is in the bucket (`storage_key`). */
  content: Buffer | null;
  /** The object's key in the S3-compatible bucket (no personal data in it); null when in the database. */
  storage_key: ColumnType<string | null, string | null | undefined, never>;
  /** Bytes; null for attachments stored before it was recorded (then: the content's length). */
  grootte: ColumnType<number | null, number | null | undefined, never>;
}

/** Objects that may have to be removed from the bucket (after a crash, a refused batch, or retention). */
export interface OrganisatieBijlageObjectenTable {
  storage_key: string;
  due_at: Date;
}

export interface OrganisatieZakenTable {
  id: string;
  organisatie_id: string;
  /** The organisation's own id of the zaak. */
  zaak_id: string;
  recipient_key: string;
  recipient: string;
  titel: string;
  soort: string | null;
  toelichting: string | null;
  /** The names of the process steps, in order. */
  stappen: ColumnType<string[], string, string>;
  /** YYYY-MM-DD. */
  startdatum: string;
  einddatum_gepland: string | null;
  einddatum: string | null;
  resultaat: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OrganisatieZaakStatussenTable {
  id: Generated<string>;
  zaak_uuid: string;
  /** Index into the zaak's stappen. */
  stap: number;
  datum: Timestamp;
  toelichting: string | null;
}

/** Who a staff member is, as the organisation's identity provider said at login. */
export interface StaffMember {
  id: string;
  naam: string;
  afdeling: string;
  rollen: string[];
}

export interface StaffSessionsTable {
  /** SHA-256 of the token in the staff member's cookie. */
  id: string;
  medewerker: ColumnType<StaffMember, string, string>;
  csrf_token: string;
  id_token: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface StaffAccessTable {
  id: string;
  session_id: string;
  subject_sealed: string;
  subject_key: string;
  doel: string;
  kenmerk: string | null;
  trace_id: string;
  granted_at: CreatedAt;
  expires_at: Timestamp;
}

export interface StaffAuditTable {
  id: ColumnType<string, never, never>;
  occurred_at: CreatedAt;
  medewerker_id: string;
  medewerker_naam: string;
  afdeling: string;
  /** Space-separated. */
  rollen: string;
  handeling: string;
  subject_key: string | null;
  doel: string | null;
  kenmerk: string | null;
  trace_id: string | null;
  request_id: string | null;
  detail: string | null;
}

export interface AanvragenTable {
  /** A UUID: the submission id once sent. */
  id: string;
  /** Keyed hash of who logged in (subject, and gemachtigde): a concept is theirs only. */
  owner_key: string;
  /** Keyed hash of the subject. */
  subject_key: string;
  /** The subject, sealed: who the aanvraag is for, to deliver it. */
  subject: string;
  producttype: string;
  titel: string;
  status: 'concept' | 'ontvangen';
  stap: number;
  /** The answers so far, sealed JSON. */
  antwoorden: string;
  kenmerk: string | null;
  route: 'objecten' | 'zaken' | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  gewaarschuwd_at: Timestamp | null;
  ontvangen_at: Timestamp | null;
  object_url: string | null;
  zaak_url: string | null;
  rol_url: string | null;
  pdf_url: string | null;
  afgeleverd_at: Timestamp | null;
  /** When the person first opened the ontvangstbevestiging in Mijn berichten. */
  bevestiging_geopend_at: Timestamp | null;
}

export interface AanvraagBestandenTable {
  aanvraag: string;
  veld: string;
  volgnummer: number;
  bestandsnaam: string;
  formaat: string;
  grootte: number;
  /** The content, base64 and sealed. */
  inhoud: string;
  document_url: string | null;
}

export interface Database {
  aanvragen: AanvragenTable;
  aanvraag_bestanden: AanvraagBestandenTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  notification_preferences: NotificationPreferencesTable;
  contact_confirmations: ContactConfirmationsTable;
  processing_log: ProcessingLogTable;
  taak_completions: TaakCompletionsTable;
  jobs: JobsTable;
  notification_inbox: NotificationInboxTable;
  notification_changes: NotificationChangesTable;
  notification_messages: NotificationMessagesTable;
  subject_languages: SubjectLanguagesTable;
  kept_forms: KeptFormsTable;
  vraag_verzendingen: VraagVerzendingenTable;
  vraag_bevestigingen: VraagBevestigingenTable;
  organisaties: OrganisatiesTable;
  organisatie_assertions: OrganisatieAssertionsTable;
  organisatie_berichten: OrganisatieBerichtenTable;
  organisatie_certificaten: OrganisatieCertificatenTable;
  organisatie_bericht_ids: OrganisatieBerichtIdsTable;
  organisatie_afzenders: OrganisatieAfzendersTable;
  organisatie_bijlagen: OrganisatieBijlagenTable;
  organisatie_bijlage_objecten: OrganisatieBijlageObjectenTable;
  organisatie_zaken: OrganisatieZakenTable;
  organisatie_zaak_statussen: OrganisatieZaakStatussenTable;
  staff_sessions: StaffSessionsTable;
  staff_access: StaffAccessTable;
  staff_audit: StaffAuditTable;
  leverancier_sessions: LeverancierSessionsTable;
  organisatie_resultaten: OrganisatieResultatenTable;
  organisatie_audit: OrganisatieAuditTable;
  bericht_archief: BerichtArchiefTable;
  organisatie_bewaartermijnen: OrganisatieBewaartermijnenTable;
}
