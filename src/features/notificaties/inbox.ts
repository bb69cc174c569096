/**
 * Inbox, the first stage: what the callback does with a valid notification. It is stored once
 * (by the hash of its canonical form, so that a retry of the Notificaties API is a duplicate),
 * with the job that resolves it, in one statement. Callbacks that arrive while notifications are
 * being written are written together next (group commit: on PostgreSQL the round trips, not the
 * rows, are what costs). The callback answers once its notification is committed.
 */
import { Batcher } from '../../platform/batcher.ts';
import type { NotificationInbox, Stored } from '../../sources/voordeur/notification-inbox.ts';
import { notificatieHash, type Notificatie } from '../../sources/notificaties/notificatie.ts';

export class Inbox {
  private readonly batcher: Batcher<Notificatie, Stored>;

  constructor(store: NotificationInbox<Notificatie>) {
    this.batcher = new Batcher((batch) => store.add(batch.map((notificatie) => ({ hash: notificatieHash(notificatie), notificatie }))), { concurrency: 2 });
  }

  /** Stores a notification once and queues its resolution; 'duplicate' when it was here already. Resolves once it is committed. */
  store(notificatie: Notificatie): Promise<Stored> {
    return this.batcher.add(notificatie);
  }
}
