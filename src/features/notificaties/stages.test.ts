/**
 * The resolve and send stages on their own, with sources made for each case: resolving a batch when
 * a source does not answer; sending when one channel is down, when another worker holds the
 * message or has left it, and two sends for one person at once in one process.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Subject } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { JobQueue } from '../../platform/queue/queue.ts';
import { SourceUnavailableError } from '../../domain/availability.ts';
import { NotifyError } from '../../sources/notify/notify.ts';
import { PreferencesStore } from '../../sources/voordeur/preferences.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fakeNotify, notifyWith } from '../../../test/support/notify-fake.ts';
import { Inbox } from './inbox.ts';
import { notificationStores, queues } from './index.ts';
import type { Notificatie } from '../../sources/notificaties/notificatie.ts';
import { Resolver, type ResolveDeps } from './resolve.ts';
import { Sender, type SendDeps } from './send.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  for (const table of ['notification_messages', 'notification_changes', 'notification_inbox', 'notification_preferences', 'jobs'] as const)
    await database.db.deleteFrom(table).execute();
});

const silent = { info() {}, warn() {}, error() {} };
const keys = new IdentityKeys('a test secret of enough length for the keys');
const suzanne: Subject = { type: 'persoon', bsn: '999993653' };

const stores = () => notificationStores(database.db, keys, { bundleWindowMs: 0, deliveryCheckMs: 60_000, messageLeaseMs: 10_000 });

function resolverWith(deps: Partial<ResolveDeps>) {
  return new Resolver({ ...stores(), zaaksystemen: [], ...deps });
}

function senderWith(deps: Partial<SendDeps>) {
  return new Sender({
    messages: stores().messages,
    preferences: new PreferencesStore(database.db, keys),
    portal: { portalName: 'Mijn Omgeving', organisationName: 'Gemeente Voorbeeld', address: 'mijn.example.nl' },
    log: silent,
    ...deps,
  });
}

/** Records a change for a person, as the resolve stage does. */
const record = (change: { subject: Subject; topic: 'zaak'; key: string }) => stores().messages.record([change]);

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
  it('asks the sources as many questions at a time as WORKER_SOURCE_CONCURRENCY says, no more', async () => {
    let underWay = 0;
    let most = 0;
    const system = {
      holdsZaak: (url: string) => url.startsWith('https://zaken.example/'),
      async initiatorsOf() {
        underWay += 1;
        most = Math.max(most, underWay);
        await new Promise((resolve) => setTimeout(resolve, 5));
        underWay -= 1;
        return [suzanne];
      },
    };
    const inbox = new Inbox(stores().inbox);
    await Promise.all(Array.from({ length: 60 }, (_, i) => inbox.store(status(`https://zaken.example/zaken/api/v1/zaken/c${i}`, 2000 + i))));
    const jobs = await new JobQueue(database.db).claim([queues.resolve], 200, 30_000, 'test');
    const outcomes = await resolverWith({ zaaksystemen: [system], concurrency: 24 }).resolve(jobs);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(most).toBe(24);
  });

  it('stops asking a source that did not answer for the rest of the batch, and goes on with the other sources', async () => {
    const hanging = zaaksysteem('https://hangt.example/zaken/api/v1', 50, () =>
      Promise.reject(new SourceUnavailableError('zaken-hangt', 'timeout', 'no answer within 50 ms')),
    );
    const working = zaaksysteem('https://werkt.example/zaken/api/v1', 5, async () => [suzanne]);
    const resolver = resolverWith({ zaaksystemen: [hanging, working], concurrency: 16 });
    const inbox = new Inbox(stores().inbox);
    // 100 notifications about 100 different zaken in the source that hangs, and 10 in the other.
    const notifications = [
      ...Array.from({ length: 100 }, (_, i) => status(`https://hangt.example/zaken/api/v1/zaken/${i}`, i)),
      ...Array.from({ length: 10 }, (_, i) => status(`https://werkt.example/zaken/api/v1/zaken/${i}`, 1000 + i)),
    ];
    await Promise.all(notifications.map((n) => inbox.store(n)));
    const jobs = await new JobQueue(database.db).claim([queues.resolve], 200, 30_000, 'test');
    expect(jobs).toHaveLength(110);

    const outcomes = await resolver.resolve(jobs);

    // Only the questions already under way when the first went unanswered (16 at a time), not one per zaak.
    expect(hanging.asked.length).toBeLessThanOrEqual(16);
    // Those 100 are tried again later; the other zaaksysteem was asked about each of its zaken.
    expect(outcomes.filter((o) => !o.ok && o.error === 'zaken-hangt: timeout')).toHaveLength(100);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    expect(working.asked).toHaveLength(10);
    const changes = await database.db.selectFrom('notification_changes').select('change_key').execute();
    expect(changes.map((c) => c.change_key).sort()).toEqual(
      notifications
        .slice(100)
        .map((n) => `zaak-status:${n.resourceUrl}`)
        .sort(),
    );
  });
});

describe('resolving a new zaak', () => {
  it('tells the sender of the aanvraag the zaak names by kenmerk (identificatie or kenmerken), and asks nothing about a zaak that names none', async () => {
    const base = 'https://zaken.example/zaken/api/v1';
    const kenmerken: Record<string, string[]> = { [`${base}/zaken/1`]: ['AV-0A1B2C3D', 'dossier 12'], [`${base}/zaken/2`]: ['ZAAK-000002'] };
    const asked: string[][] = [];
    const resolver = resolverWith({
      zaaksystemen: [{ holdsZaak: (url) => url.startsWith(base), initiatorsOf: async () => [], kenmerkenOf: async (url) => kenmerken[url] ?? [] }],
      aanvragen: {
        async zaakMade(names) {
          asked.push(names);
          return names.includes('AV-0A1B2C3D') ? [{ id: 'aanvraag-1', subject: suzanne }] : [];
        },
      },
    });
    const inbox = new Inbox(stores().inbox);
    for (const n of [1, 2])
      await inbox.store({
        kanaal: 'zaken',
        hoofdObject: `${base}/zaken/${n}`,
        resource: 'zaak',
        resourceUrl: `${base}/zaken/${n}`,
        actie: 'create',
        aanmaakdatum: '2026-12-03T09:00:00Z',
      });
    const jobs = await new JobQueue(database.db).claim([queues.resolve], 10, 30_000, 'test');
    expect(await resolver.resolve(jobs)).toEqual([{ ok: true }, { ok: true }]);
    // Only the aanvraag's kenmerk is looked up; the other zaak's names are not.
    expect(asked).toEqual([['AV-0A1B2C3D']]);
    const changes = await database.db.selectFrom('notification_changes').select(['change_key', 'topic']).execute();
    expect(changes).toEqual([{ change_key: 'aanvraag-zaak:aanvraag-1', topic: 'aanvraag' }]);
  });
});

/** A worker's send stage, with this Notify. */
function sending(notify: ReturnType<typeof fakeNotify>) {
  return senderWith(notifyWith(notify));
}

const claimSends = () => new JobQueue(database.db).claim([queues.send], 10, 30_000, 'test');
const messages = () =>
  database.db.selectFrom('notification_messages').select(['id', 'channel', 'state', 'changes']).orderBy('created_at').orderBy('id').execute();

describe('sending', () => {
  it('sends for one person one batch at a time in a process: a second send job waits for the first, and neither comes back later', async () => {
    const notify = fakeNotify();
    const sender = sending(notify);
    await record({ subject: suzanne, topic: 'zaak', key: 'zaak-status:1' });
    const first = sender.send(await claimSends());
    // While the first message is on its way to Notify, another change and another send job.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await record({ subject: suzanne, topic: 'zaak', key: 'zaak-status:2' });
    const second = sender.send(await claimSends());

    const outcomes = [...(await first), ...(await second)];
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
    expect(notify.sent).toHaveLength(2);
    const sent = await messages();
    expect(sent.map((m) => [m.state, m.changes])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(notify.sent.map((s) => s.reference)).toEqual(sent.map((m) => m.id));
  });

  it('sends the SMS when the e-mail cannot go now, and the e-mail once on a later try', async () => {
    let emailDown = true;
    const notify = fakeNotify((channel) => (channel === 'email' && emailDown ? new NotifyError(true, 503, undefined) : undefined));
    const sender = sending(notify);
    await new PreferencesStore(database.db, keys).set(suzanne, {
      email: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
      sms: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
    });
    await record({ subject: suzanne, topic: 'zaak', key: 'zaak-status:1' });
    const jobs = await claimSends();

    expect(await sender.send(jobs)).toEqual([{ ok: false, error: 'notify: 503' }]);
    expect(notify.sent.map((s) => s.channel)).toEqual(['sms']);

    emailDown = false;
    expect(await sender.send(jobs)).toEqual([{ ok: true }]);
    expect(notify.sent.map((s) => s.channel)).toEqual(['sms', 'email']);
    expect((await messages()).map((m) => [m.channel, m.state])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);
  });

  it('leaves a message another worker holds until its hold ends, then takes it over and sends it once', async () => {
    let answering = false;
    const notify = fakeNotify(() => (answering ? undefined : new NotifyError(true, undefined, undefined)));
    const sender = sending(notify);
    await record({ subject: suzanne, topic: 'zaak', key: 'zaak-status:1' });
    const jobs = await claimSends();
    // Notify does not answer: it may still have taken the message, so the hold stays.
    expect(await sender.send(jobs)).toEqual([{ ok: false, error: 'notify: no answer' }]);
    const [message] = await messages();
    expect(message).toMatchObject({ state: 'sending' });

    // Another worker meanwhile: the message is held, so it sends nothing and comes back when the hold ends.
    answering = true;
    const [held] = await sending(notify).send(jobs);
    const { locked_until } = await database.db
      .selectFrom('notification_messages')
      .select('locked_until')
      .where('id', '=', message!.id)
      .executeTakeFirstOrThrow();
    expect(held).toEqual({ ok: false, error: 'another worker is sending a message to this person', retryAt: new Date(locked_until!) });
    expect(notify.sent).toEqual([]);

    // The hold has ended (its worker died): taken over, asked about at Notify first, sent once.
    await database.db
      .updateTable('notification_messages')
      .set({ locked_until: new Date(Date.now() - 1_000) })
      .execute();
    expect(await sending(notify).send(jobs)).toEqual([{ ok: true }]);
    expect(await sending(notify).send(jobs)).toEqual([{ ok: true }]);
    expect(notify.sent).toEqual([{ channel: 'email', reference: message!.id }]);
    expect((await messages()).map((m) => m.state)).toEqual(['sent']);
  });
});
