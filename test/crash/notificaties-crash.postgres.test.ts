/**
 * Crash test of the notification pipeline, on PostgreSQL: the worker runs as a process of its
 * own (src/worker.ts, as `npm run worker`, with a 2 s lease) next to Voordeur with
 * WORKER_IN_PROCESS=false, a burst of distinct status notifications arrives at the callback, and
 * the worker is killed with SIGKILL twice: right after Notify accepted a message (so before the
 * worker could write down that it was sent), and again while notifications are still coming in.
 * A new worker is started each time. Afterwards every change must have been told to its person
 * exactly once: every change is in a message Notify received, and Notify received no message twice.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/crash
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyTemplates } from '../../simulators/data/notify-templates.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import type { Subject } from '../../src/domain/identity.ts';
import { queues } from '../../src/features/notificaties/index.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { PreferencesStore } from '../../src/sources/voordeur/preferences.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { killWorker, startWorker, workerEnvironment as environmentFor, type WorkerProcess } from './worker-process.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const notifications = 300;
const leaseMs = 2_000;
const secret = 'Token voordeur-test-callback-secret';

/** The people with a confirmed address, their zaken (they are the only initiator of each) and where their messages go. */
const people: { name: string; subject: Subject; zaken: number[]; to: string }[] = [
  {
    name: 'Suzanne',
    subject: { type: 'persoon', bsn: '999993653' },
    zaken: [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113],
    to: 'suzanne.devries@example.nl',
  },
  { name: 'Fatima', subject: { type: 'persoon', bsn: '999991772' }, zaken: [231], to: 'fatima.elamrani@example.nl' },
  { name: 'Bakkerij', subject: { type: 'bedrijf', kvkNummer: '69599084' }, zaken: [301, 302], to: 'info@bakkerij-vandenberg.example.nl' },
  { name: 'Karel', subject: { type: 'persoon', bsn: '111222333' }, zaken: [901, 903], to: 'k.deboer@example.nl' },
  // A confirmed mobile number only; SMS switched on below.
  { name: 'Lotte', subject: { type: 'persoon', bsn: '999990482' }, zaken: [211], to: '0687654321' },
];
const changeTemplates = new Set([notifyTemplates.emailChange.id, notifyTemplates.smsChange.id]);

const zaakUuid = (number: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(number).padStart(6, '0')}`)!.uuid;

describe('Notificaties: a worker killed in the middle of a burst', () => {
  let stack: Stack;
  let workerEnvironment: Record<string, string>;
  const workers: WorkerProcess[] = [];
  // Whatever happens to this test process, its workers go too.
  const killAll = () => workers.forEach(killWorker);
  process.once('exit', killAll);

  beforeAll(async () => {
    stack = await startStack({ WORKER_IN_PROCESS: 'false', NOTIFICATION_BUNDLE_SECONDS: '0', LOG_LEVEL: 'warn' });
    workerEnvironment = await environmentFor(stack, databaseUrl!, {
      WORKER_LEASE_MS: String(leaseMs),
      WORKER_BATCH_SIZE: '50',
      WORKER_POLL_MS: '100',
      DATABASE_POOL_SIZE: '5',
    });
    const config = stack.voordeur.config;
    const keys = new IdentityKeys(config.identityKeySecret);
    await new PreferencesStore(stack.voordeur.database.db, keys).set(people.find((p) => p.name === 'Lotte')!.subject, {
      email: { zaak: false, taak: false, bericht: false, product: false, aanvraag: false },
      sms: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
    });
  });

  afterAll(async () => {
    killAll();
    await Promise.all(workers.map((w) => w.exited));
    await stack?.close();
  });

  const newWorker = () => startWorker(workerEnvironment, (worker) => workers.push(worker));

  /**
   * Kills the worker with SIGKILL at its `nth` send to Notify from now: on 'arrival', before
   * Notify takes it (Notify then holds the request until the worker is gone, and drops it); on
   * 'accept', once Notify has accepted the message but before a byte of its answer leaves, so
   * the worker can never write down that it was sent. A listener on the simulators' HTTP server,
   * ahead of Fastify's, watches the requests and their answers.
   */
  function killAtSend(worker: WorkerProcess, nth: number, moment: 'arrival' | 'accept'): Promise<void> {
    const server = stack.simulators.server;
    let seen = 0;
    return new Promise((resolve) => {
      const kill = () => {
        server.off('request', listener);
        worker.child.kill('SIGKILL');
        resolve();
      };
      const listener = (request: IncomingMessage, response: ServerResponse) => {
        if (request.method !== 'POST' || !/\/notify\/v2\/notifications\/(email|sms)$/.test(request.url ?? '')) return;
        if (moment === 'arrival') {
          if (++seen < nth) return;
          stack.notify.setFault('hang', { times: 1 }); // this very request
          return kill();
        }
        const end = response.end;
        response.end = function (this: ServerResponse, ...args: unknown[]) {
          if (response.statusCode === 201 && server.listeners('request').includes(listener) && ++seen === nth) kill();
          return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
        } as typeof response.end;
      };
      server.prependListener('request', listener);
    });
  }

  /**
   * Starts a worker, posts `notifications` (`concurrency` at a time) while it works, and returns
   * once it has been killed at its `nth` send (see killAtSend), with the callback's answers to come.
   */
  async function workerKilledAtSend(
    nth: number,
    moment: 'arrival' | 'accept',
    notifications: ReturnType<typeof makeBurst>,
    concurrency: number,
  ): Promise<{ answers: Promise<number[]> }> {
    const worker = await newWorker();
    const killed = killAtSend(worker, nth, moment);
    const answers = post(notifications, concurrency);
    await killed;
    await worker.exited;
    return { answers };
  }

  const changeMessages = () => stack.notify.sent().filter((m) => changeTemplates.has(m.templateId));

  async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const sending = async () =>
    (await stack.voordeur.database.db.selectFrom('notification_messages').select('id').where('state', '=', 'sending').execute()).map((m) => m.id);
  const inNotify = (reference: string) => changeMessages().filter((m) => m.reference === reference).length;
  const settled = async () => {
    const jobs = await stack.voordeur.database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', 'in', ['pending', 'running'])
      .where('queue', 'in', [queues.resolve, queues.send])
      .executeTakeFirstOrThrow();
    return Number(jobs.n) === 0 && (await sending()).length === 0;
  };

  /** Distinct status notifications, round the people in turn, round each person's zaken. */
  const makeBurst = () =>
    Array.from({ length: notifications }, (_, i) => {
      const person = people[i % people.length]!;
      const zaak = person.zaken[Math.floor(i / people.length) % person.zaken.length]!;
      return { person, body: statusNotificatie(zaak, randomUUID()) };
    });

  function statusNotificatie(zaak: number, statusUuid: string) {
    const zaken = stack.zgw.urls.zaken;
    return {
      kanaal: 'zaken',
      hoofdObject: `${zaken}/zaken/${zaakUuid(zaak)}`,
      resource: 'status',
      resourceUrl: `${zaken}/statussen/${statusUuid}`,
      actie: 'create',
      aanmaakdatum: new Date().toISOString(),
      kenmerken: { bronorganisatie: '123456782', zaaktype: `${stack.zgw.urls.catalogi}/zaaktypen/x`, vertrouwelijkheidaanduiding: 'openbaar' },
    };
  }

  /** Posts the notifications, a few at a time; resolves with the callback's answers. */
  function post(items: ReturnType<typeof makeBurst>, concurrency: number): Promise<number[]> {
    const limit = pLimit(concurrency);
    return Promise.all(
      items.map((item) =>
        limit(async () => {
          const response = await fetch(`${stack.url}/api/notificaties`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: secret },
            body: JSON.stringify(item.body),
          });
          await response.arrayBuffer();
          return response.status;
        }),
      ),
    );
  }

  it('tells every person about every change exactly once, though its worker is killed twice', { timeout: 120_000 }, async () => {
    const db = stack.voordeur.database.db;
    const burst = makeBurst();
    // 1. Half the burst arrives (150 notifications, 30 for each person, so at least 5 messages).
    //    The worker is killed the moment Notify has accepted its third message: Notify has it,
    //    Voordeur has it as 'sending' (and perhaps messages to other people too, sent side by side).
    const first = await workerKilledAtSend(3, 'accept', burst.slice(0, 150), 8);
    const acceptedUnrecorded = (await sending()).filter((id) => inNotify(id) === 1);
    expect(acceptedUnrecorded.length, 'messages Notify accepted from the first worker, which could not write that down').toBeGreaterThanOrEqual(1);

    // 2. More arrives while no worker runs (each person has changes waiting, so at least 5
    //    messages to come); a new worker starts while yet more arrives, and is killed when its
    //    third send reaches Notify, which never takes it.
    const statuses = await post(burst.slice(150, 200), 4);
    const second = await workerKilledAtSend(3, 'arrival', burst.slice(200, 250), 2);
    // (A send of a message Notify already has would be a message sent twice.)
    const neverAccepted = (await sending()).filter((id) => inNotify(id) === 0);
    expect(neverAccepted.length, 'messages the second worker was sending when it was killed: recorded, not at Notify').toBeGreaterThanOrEqual(1);
    statuses.push(...(await first.answers), ...(await second.answers), ...(await post(burst.slice(250), 8)));
    expect(statuses.filter((s) => s !== 204)).toEqual([]);

    // 3. A third worker does the rest, including what the killed ones held once their lease ran out.
    await newWorker();
    await until(settled, 'an empty queue and every message sent', 90_000);
    // What Notify took before the crash is not sent again; what it never took is sent now.
    expect(acceptedUnrecorded.map(inNotify)).toEqual(acceptedUnrecorded.map(() => 1));
    expect(neverAccepted.map(inNotify)).toEqual(neverAccepted.map(() => 1));

    // Every notification stored once, every change recorded once.
    const inbox = await db
      .selectFrom('notification_inbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(inbox.n)).toBe(notifications);
    const changes = await db.selectFrom('notification_changes').select(['id', 'subject_key', 'message_group']).execute();
    expect(changes).toHaveLength(notifications);

    // None lost: every change is in a group whose messages were all sent.
    const messages = await db
      .selectFrom('notification_messages')
      .select(['id', 'message_group', 'subject_key', 'channel', 'state', 'notify_id', 'changes'])
      .execute();
    const groups = new Map<string, typeof messages>();
    for (const m of messages) groups.set(m.message_group, [...(groups.get(m.message_group) ?? []), m]);
    const unsent = changes.filter(
      (c) => !c.message_group || !groups.get(c.message_group)?.length || groups.get(c.message_group)!.some((m) => m.state !== 'sent'),
    );
    expect(unsent).toEqual([]);
    expect(messages.filter((m) => m.state !== 'sent')).toEqual([]);

    // None doubled: Notify got each recorded message once, and nothing else.
    const received = changeMessages();
    const references = received.map((m) => m.reference);
    expect(new Set(references).size).toBe(references.length);
    expect(references.sort()).toEqual(messages.map((m) => m.id).sort());
    const byReference = new Map(received.map((m) => [m.reference, m]));
    for (const m of messages) expect(m.notify_id).toBe(byReference.get(m.id)!.id);

    // As each person sees it: their messages, to their own address, together about all their changes.
    const keys = new IdentityKeys(stack.voordeur.config.identityKeySecret);
    for (const person of people) {
      const key = keys.subject(person.subject);
      const theirs = messages.filter((m) => m.subject_key === key);
      const posted = burst.filter((b) => b.person === person).length;
      expect({ person: person.name, changes: theirs.reduce((sum, m) => sum + m.changes, 0) }).toEqual({ person: person.name, changes: posted });
      expect({ person: person.name, to: new Set(theirs.map((m) => byReference.get(m.id)!.to)) }).toEqual({ person: person.name, to: new Set([person.to]) });
      expect(changes.filter((c) => c.subject_key === key)).toHaveLength(posted);
    }

    // No job gave up.
    const failed = await db.selectFrom('jobs').select(['queue', 'last_error']).where('state', '=', 'failed').execute();
    expect(failed).toEqual([]);
  });

  // Two send jobs for one person do run at once on two workers (the dedupe key holds only while a
  // job waits). A send job finishes what a dead worker left 'sending'; a message another worker,
  // alive, is delivering right now must not be sent a second time (this once went wrong: the
  // second worker asked Notify for the reference, found nothing yet, and sent it again).
  it('never sends a message twice while two workers work for the same person at once', { timeout: 60_000 }, async () => {
    workers.forEach(killWorker);
    await Promise.all(workers.map((w) => w.exited));
    await Promise.all([newWorker(), newWorker()]);
    const fatima = people.find((p) => p.name === 'Fatima')!;
    const toFatima = () => changeMessages().filter((m) => m.to === fatima.to);
    const before = toFatima().length;

    // A message for Fatima on its way: Notify holds the request (one worker waits for its answer).
    stack.notify.setFault('hang', { times: 1 });
    const known = new Set(await sending());
    expect(await post([{ person: fatima, body: statusNotificatie(231, randomUUID()) }], 1)).toEqual([204]);
    let onItsWay: string | undefined;
    await until(async () => Boolean((onItsWay = (await sending()).find((id) => !known.has(id)))), 'a message on its way');

    // Another change for her: the other worker sends a message about it.
    const next = stack.notify.waitFor(fatima.to, { timeoutMs: 20_000 });
    expect(await post([{ person: fatima, body: statusNotificatie(231, randomUUID()) }], 1)).toEqual([204]);
    await next;
    // Notify answers the held request after all (a slow Notify, not a dead worker).
    stack.notify.setFault('none');
    await until(settled, 'an empty queue and every message sent', 30_000);

    const references = toFatima()
      .slice(before)
      .map((m) => m.reference);
    expect(references).toContain(onItsWay);
    expect(references.length, `Notify got ${references.join(', ')}`).toBe(new Set(references).size);
  });
});
