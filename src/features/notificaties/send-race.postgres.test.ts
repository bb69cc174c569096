/**
 * A change recorded while its person's send job is being claimed, on PostgreSQL (connections side
 * by side): the change's own send job is not added when one is already waiting, so that waiting
 * job must not be claimed and read before the change is committed — else it sends without the
 * change and nothing is left to send it (found by bench/notificaties.ts: 63 of 10,000 changes were
 * never sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subject } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { JobQueue } from '../../platform/queue/queue.ts';
import { PreferencesStore } from '../../sources/voordeur/preferences.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fakeNotify, notifyWith } from '../../../test/support/notify-fake.ts';
import { notificationStores, queues } from './index.ts';
import { Sender } from './send.ts';

const keys = new IdentityKeys('a test secret of enough length for the keys');
const suzanne: Subject = { type: 'persoon', bsn: '999993653' };

describe('a change recorded while a send job for the person is claimed (PostgreSQL)', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database.close());

  it('is sent: the waiting job is not claimed until the change is committed, and then carries it', async () => {
    const stores = () => notificationStores(database.db, keys, { bundleWindowMs: 0, deliveryCheckMs: 60_000, messageLeaseMs: 10_000 });
    const notify = fakeNotify();
    const sender = new Sender({
      messages: stores().messages,
      preferences: new PreferencesStore(database.db, keys),
      portal: { portalName: 'Mijn Omgeving', organisationName: 'Gemeente Voorbeeld', address: 'mijn.example.nl' },
      log: { info() {}, warn() {}, error() {} },
      ...notifyWith(notify),
    });
    await new PreferencesStore(database.db, keys).set(suzanne, {
      email: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
      sms: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
    });
    const queue = new JobQueue(database.db);
    const sendWhatIsDue = async () => sender.send(await queue.claim([queues.send], 10, 30_000, 'test'));

    // A first change, committed: a send job waits for Suzanne.
    await stores().messages.record([{ subject: suzanne, topic: 'zaak', key: 'zaak-status:1' }]);
    // A second change, recorded in a transaction that is not committed yet (as the resolve stage's statement before its commit).
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let recorded!: () => void;
    const inTransaction = new Promise<void>((resolve) => (recorded = resolve));
    const second = database.db.transaction().execute(async (trx) => {
      await stores().messages.record([{ subject: suzanne, topic: 'zaak', key: 'zaak-status:2' }], trx);
      recorded();
      await committing;
    });
    await inTransaction;

    // A worker looks for due send jobs meanwhile, and sends what it claimed.
    await sendWhatIsDue();
    commit();
    await second;
    // Then until nothing is due any more.
    for (let round = 0; round < 5; round++) await sendWhatIsDue();

    const unsent = await database.db.selectFrom('notification_changes').select('change_key').where('message_group', 'is', null).execute();
    expect(unsent).toEqual([]);
    const messages = await database.db.selectFrom('notification_messages').select(['channel', 'changes']).where('state', '=', 'sent').execute();
    // Both changes told, on each channel (one message with both, or one after the other).
    for (const channel of ['email', 'sms'] as const) {
      expect(messages.filter((m) => m.channel === channel).reduce((sum, m) => sum + Number(m.changes), 0)).toBe(2);
    }
  });
});
