/**
 * Notification preferences, in Voordeur's own database: per channel (e-mail, SMS) and per
 * topic (a change in a zaak, a new taak, a new bericht), keyed by the HMAC of the person or
 * company. Someone who never chose gets the defaults: e-mail on, SMS off. Whether a channel is
 * used also depends on a verified address (Klantinteracties); that is decided when sending.
 */
import type { Subject } from '../../domain/identity.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import { channels, defaultPreferences, topics, type Preferences } from '../../domain/preferences.ts';
import type { PersonalAnswers } from '../answers.ts';

export class PreferencesStore {
  /**
   * With `answers`, a person's preferences are kept as the sources' answers about them are
   * (answers.ts, area 'voorkeuren'; Mijn gegevens reads them on every view, issue 19): saving
   * them here drops them at once. Without, each `get` reads the database (the notification worker).
   */
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly answers?: PersonalAnswers,
  ) {}

  async get(subject: Subject): Promise<Preferences> {
    const stored = this.answers ? await this.answers.get('voorkeuren', subject, 'voorkeuren', () => this.read(subject)) : await this.read(subject);
    // A copy: the kept value is never changed by whoever gets it.
    return { email: { ...stored.email }, sms: { ...stored.sms } };
  }

  private async read(subject: Subject): Promise<Preferences> {
    const rows = await this.db
      .selectFrom('notification_preferences')
      .select(['channel', 'topic', 'enabled'])
      .where('subject_key', '=', this.keys.subject(subject))
      .execute();
    const preferences: Preferences = { email: { ...defaultPreferences.email }, sms: { ...defaultPreferences.sms } };
    for (const row of rows) preferences[row.channel][row.topic] = row.enabled;
    return preferences;
  }

  /** The language of messages to this subject (Dutch until they chose in English). */
  async language(subject: Subject): Promise<'nl' | 'en'> {
    const row = await this.db.selectFrom('subject_languages').select('lang').where('subject_key', '=', this.keys.subject(subject)).executeTakeFirst();
    return row?.lang ?? 'nl';
  }

  /** Stores all six choices at once, and the language they were made in (messages follow it). */
  async set(subject: Subject, preferences: Preferences, lang?: 'nl' | 'en'): Promise<void> {
    try {
      await this.write(subject, preferences, lang);
    } finally {
      this.answers?.forget('voorkeuren', subject);
    }
  }

  private async write(subject: Subject, preferences: Preferences, lang?: 'nl' | 'en'): Promise<void> {
    const subjectKey = this.keys.subject(subject);
    const now = new Date();
    await this.db
      .insertInto('notification_preferences')
      .values(
        channels.flatMap((channel) =>
          topics.map((topic) => ({ subject_key: subjectKey, channel, topic, enabled: preferences[channel][topic], updated_at: now })),
        ),
      )
      .onConflict((oc) =>
        oc
          .columns(['subject_key', 'channel', 'topic'])
          .doUpdateSet((eb) => ({ enabled: eb.ref('excluded.enabled'), updated_at: eb.ref('excluded.updated_at') })),
      )
      .execute();
    if (lang) {
      await this.db
        .insertInto('subject_languages')
        .values({ subject_key: subjectKey, lang, updated_at: now })
        .onConflict((oc) => oc.column('subject_key').doUpdateSet({ lang, updated_at: now }))
        .execute();
    }
  }
}
