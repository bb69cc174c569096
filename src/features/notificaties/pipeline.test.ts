/**
 * Resolving a batch of notifications when a source does not answer: the batch does not wait for
 * that source once per notification, and notifications for other sources go on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { JobQueue } from '../../platform/queue/queue.ts';
import { SourceUnavailableError } from '../../sources/http.ts';
import { PreferencesStore } from '../../sources/voordeur/preferences.ts';
import { testDatabase } from '../../../test/support/database.ts';
import type { Notificatie } from './notificatie.ts';
import { NotificationPipeline, queues } from './pipeline.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const silent = { info() {}, warn() {} };

/** A zaaksysteem for the zaken under `base`: asked for initiators, it answers after `ms` with `answer`. */
function zaaksysteem(base: string, ms: number, answer: () => Promise<{ type: 'persoon'; bsn: string }[]>) {
  const asked: string[] = [];
  return {
    asked,
    holdsZaak: (url: string) => url.startsWith(base),
    async initiatorsOf(zaakUrl: string) {
      asked.push(zaakUrl);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return answer();
    },
  };
}

const status = (zaakUrl: string, n: number): Notificatie => ({
  kanaal: 'zaken',
  hoofdObject: zaakUrl,
  resource: 'status',
  resourceUrl: `${zaakUrl.split('/zaken/')[0]}/statussen/${n}`,
  actie: 'create',
  aanmaakdatum: '2026-12-03T09:00:00Z',
});

describe('resolving notifications', () => {
  it('stops asking a source that did not answer for the rest of the batch, and goes on with the other sources', async () => {
    const hanging = zaaksysteem('https://hangt.example/zaken/api/v1', 50, () => Promise.reject(new SourceUnavailableError('zaken-hangt', 'timeout', 'no answer within 50 ms')));
    const working = zaaksysteem('https://werkt.example/zaken/api/v1', 5, async () => [{ type: 'persoon', bsn: '999993653' }]);
    const keys = new IdentityKeys('a test secret of enough length for the keys');
    const pipeline = new NotificationPipeline({
      db: database.db,
      keys,
      zaaksystemen: [hanging, working],
      preferences: new PreferencesStore(database.db, keys),
      deliveryCheckMs: 60_000,
      bundleWindowMs: 0,
      messageLeaseMs: 10_000,
      portal: { name: { nl: 'Mijn Omgeving', en: 'My Portal' }, address: 'mijn.example.nl' },
      log: silent,
    });
    // 100 notifications about 100 different zaken in the source that hangs, and 10 in the other.
    const notifications = [
      ...Array.from({ length: 100 }, (_, i) => status(`https://hangt.example/zaken/api/v1/zaken/${i}`, i)),
      ...Array.from({ length: 10 }, (_, i) => status(`https://werkt.example/zaken/api/v1/zaken/${i}`, 1000 + i)),
    ];
    await Promise.all(notifications.map((n) => pipeline.store(n)));
    const jobs = await new JobQueue(database.db).claim([queues.resolve], 200, 30_000, 'test');
    expect(jobs).toHaveLength(110);

    const outcomes = await pipeline.resolve(jobs);

    // Only the questions already under way when the first went unanswered (16 at a time), not one per zaak.
    expect(hanging.asked.length).toBeLessThanOrEqual(16);
    const hangingOutcomes = outcomes.slice(0, 100);
    expect(hangingOutcomes.every((o) => !o.ok && o.error === 'zaken-hangt: timeout')).toBe(true);
    // The other zaaksysteem was asked about each of its zaken, and the changes were recorded.
    expect(working.asked).toHaveLength(10);
    expect(outcomes.slice(100).every((o) => o.ok)).toBe(true);
    const changes = await database.db.selectFrom('notification_changes').select('change_key').execute();
    expect(changes.map((c) => c.change_key).sort()).toEqual(notifications.slice(100).map((n) => `zaak-status:${n.resourceUrl}`).sort());
  });
});
