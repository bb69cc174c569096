/**
 * Which taken were finished through Voordeur (Voordeur's own database, taak_completions): a
 * taak is claimed here before the Objecten API is written, so that a double press, a retried
 * request or a second instance cannot finish it twice. A claim whose write failed is released,
 * so that the person can try again.
 */
import type { Subject } from '../../domain/identity.ts';
import type { Completion } from '../../domain/taak.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdentityKeys } from '../../platform/identity-keys.ts';

export class TaakCompletions {
  constructor(
    private readonly db: Db,
    private readonly keys: IdentityKeys,
  ) {}

  /** Claims the taak for the subject; false when it was claimed before (finished, or being finished). */
  async claim(taakUuid: string, subject: Subject, how: Completion['how']): Promise<boolean> {
    const claimed = await this.db
      .insertInto('taak_completions')
      .values({ taak_uuid: taakUuid, subject_key: this.keys.subject(subject), how, completed_at: null })
      .onConflict((oc) => oc.column('taak_uuid').doNothing())
      .returning('taak_uuid')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  /** Gives up a claim that was not completed, so that the taak can be finished again. */
  async release(taakUuid: string): Promise<void> {
    await this.db.deleteFrom('taak_completions').where('taak_uuid', '=', taakUuid).where('completed_at', 'is', null).execute();
  }

  /** Notes that the claimed taak was finished in its source. */
  async completed(taakUuid: string): Promise<void> {
    await this.db.updateTable('taak_completions').set({ completed_at: new Date() }).where('taak_uuid', '=', taakUuid).execute();
  }
}
