/**
 * The pipeline's handlers on their own, with sources made for each case: resolving a batch when
 * a source does not answer, and two sends for one person at once in one process.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Subject } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { JobQueue } from '../../platform/queue/queue.ts';
import { SourceUnavailableError } from '../../sources/http.ts';
import { PreferencesStore } from '../../sources/voordeur/preferences.ts';
import { testDatabase } from '../../../test/support/database.ts';
import type { Notificatie } from './notificatie.ts';
import { NotificationPipeline, queues, type PipelineDeps } from './pipeline.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  for (const table of ['notification_messages', 'notification_changes', 'notification_inbox', 'jobs'] as const) await database.db.deleteFrom(table).execute();
});

const silent = { info() {}, warn() {} };
const keys = new IdentityKeys('a test secret of enough length for the keys');
const suzanne: Subject = { type: 'persoon', bsn: '999993653' };

function pipelineWith(deps: Partial<PipelineDeps>) {
  return new NotificationPipeline({
    db: database.db,
    keys,
    zaaksystemen: [],
    preferences: new PreferencesStore(database.db, keys),
    deliveryCheckMs: 60_000,
    bundleWindowMs: 0,
    messageLeaseMs: 10_000,
    portal: { name: { nl: 'Mijn Omgeving', en: 'My Portal' }, address: 'mijn.example.nl' },
    log: silent,
    ...deps,
  });
}

/** A zaaksysteem for the zaken under `base`: asked for initiators, it answers after `ms` with `answer`. */
function zaaksysteem(base: string, ms: number, answer: () => Promise<Subject[]>) {
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
    const working = zaaksysteem('https://werkt.example/zaken/api/v1', 5, async () => [suzanne]);
    const pipeline = pipelineWith({ zaaksystemen: [hanging, working] });
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
    // Those 100 are tried again later; the other zaaksysteem was asked about each of its zaken.
    expect(outcomes.filter((o) => !o.ok && o.error === 'zaken-hangt: timeout')).toHaveLength(100);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    expect(working.asked).toHaveLength(10);
    const changes = await database.db.selectFrom('notification_changes').select('change_key').execute();
    expect(changes.map((c) => c.change_key).sort()).toEqual(notifications.slice(100).map((n) => `zaak-status:${n.resourceUrl}`).sort());
  });
});

describe('sending', () => {
  it('sends for one person one batch at a time in a process: a second send job waits for the first, and neither comes back later', async () => {
    const sent: { reference: string }[] = [];
    const notify = {
      async sendEmail(_template: string, _to: string, _personalisation: Record<string, string>, reference: string) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        sent.push({ reference });
        return { id: `notify-${sent.length}` };
      },
      async sendSms(): Promise<{ id: string }> {
        throw new Error('no sms in this test');
      },
      sentWithReference: async () => undefined,
      status: async () => 'delivered',
    };
    const pipeline = pipelineWith({
      contacts: { adressen: async () => [{ uuid: 'a', soort: 'email', adres: 'suzanne@example.nl', geverifieerd: true }] },
      notify: { client: notify, templates: { nl: { email: 'e', sms: 's' } } },
    });
    const queue = new JobQueue(database.db);
    const claimSends = () => queue.claim([queues.send], 10, 30_000, 'test');

    await pipeline.record([{ subject: suzanne, topic: 'zaak', key: 'zaak-status:1' }]);
    const first = pipeline.send(await claimSends());
    // While the first message is on its way to Notify, another change and another send job.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await pipeline.record([{ subject: suzanne, topic: 'zaak', key: 'zaak-status:2' }]);
    const second = pipeline.send(await claimSends());

    const outcomes = [...(await first), ...(await second)];
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
    expect(sent).toHaveLength(2);
    const messages = await database.db.selectFrom('notification_messages').select(['id', 'state', 'changes']).orderBy('created_at').execute();
    expect(messages.map((m) => [m.state, m.changes])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(sent.map((s) => s.reference)).toEqual(messages.map((m) => m.id));
  });
});
