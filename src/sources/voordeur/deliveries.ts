/**
 * What Notify said became of the messages Voordeur sent someone (Voordeur's own database,
 * notification_messages): for Mijn gegevens, which of the person's addresses do not work.
 */
import type { Subject } from '../../domain/identity.ts';
import type { DigitaalAdres } from '../../domain/persoon.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';

export class Deliveries {
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
  ) {}

  /**
   * The addresses among `adressen` whose last message came back for good: Notify said
   * 'permanent-failure' (the address does not exist). A later message that arrived, or another
   * address, and it is no longer said.
   */
  async undeliverable(subject: Subject, adressen: DigitaalAdres[]): Promise<DigitaalAdres[]> {
    if (adressen.length === 0) return [];
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
