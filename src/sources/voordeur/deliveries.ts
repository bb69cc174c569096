/**
 * What Notify said became of the messages Voordeur sent someone (Voordeur's own database,
 * notification_messages): for Mijn gegevens, which of the person's addresses do not work.
 */
import type { Subject } from '../../domain/identity.ts';
import type { DigitaalAdres } from '../../domain/persoon.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';
import type { PersonalAnswers } from '../answers.ts';

export class Deliveries {
  /**
   * With `answers`, what was found for a person's addresses is kept as the sources' answers about
   * them are (answers.ts, area 'afleveringen'; Mijn gegevens asks on every view, issue 19): a
   * delivery status recorded by the worker in this process drops it for everyone
   * (`answers.forgetEverywhere('afleveringen')`, features/notificaties), other addresses are
   * another question.
   */
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
    private readonly answers?: PersonalAnswers,
  ) {}

  /**
   * The addresses among `adressen` whose last message came back for good: Notify said
   * 'permanent-failure' (the address does not exist). A later message that arrived, or another
   * address, and it is no longer said.
   */
  async undeliverable(subject: Subject, adressen: DigitaalAdres[]): Promise<DigitaalAdres[]> {
    if (adressen.length === 0) return [];
    if (!this.answers) return this.read(subject, adressen);
    const question = `onbestelbaar\u0000${adressen.map((a) => a.adres).join('\u0000')}`;
    const found = await this.answers.get('afleveringen', subject, question, async () => new Set((await this.read(subject, adressen)).map((a) => a.adres)));
    return adressen.filter((a) => found.has(a.adres));
  }

  private async read(subject: Subject, adressen: DigitaalAdres[]): Promise<DigitaalAdres[]> {
    const byKey = new Map(adressen.map((a) => [this.keys.address(a.adres), a]));
    const rows = await this.db
      .selectFrom('notification_messages')
      .select(['address_key', 'delivery_status'])
      .distinctOn('address_key')
      .where('subject_key', '=', this.keys.subject(subject))
      .where('address_key', 'in', [...byKey.keys()])
      .where('delivery_status', 'in', ['delivered', 'permanent-failure'])
      .orderBy('address_key')
      .orderBy('sent_at', 'desc')
      .execute();
    return rows.filter((row) => row.delivery_status === 'permanent-failure').map((row) => byKey.get(row.address_key!)!);
  }
}
