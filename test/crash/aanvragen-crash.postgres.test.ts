/**
 * Crash test of delivering aanvragen, on PostgreSQL: the worker runs as a process of its own
 * (src/worker.ts, as `npm run worker`, with a 2 s lease) next to Voordeur with
 * WORKER_IN_PROCESS=false. An aanvraag for a producttype with route `zaken` (a zaak, the person as
 * initiator, two attachments and the PDF of the answers as its documents) is stored, and its worker
 * is killed with SIGKILL twice between "stored" and "delivered": the moment the Zaken API has made
 * the zaak (before its answer leaves, so the worker never learns the zaak's URL), and the moment the
 * Documenten API has made the first document (before it is linked to the zaak). A new worker is
 * started each time. Afterwards the back office has it exactly once: one zaak, one initiator, each
 * document once and linked once, and the person is told once.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/crash
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producttypeUuid } from '../../simulators/data/aanvragen-demo.ts';
import { zaakChangeKey } from '../../src/domain/aanvraag.ts';
import type { Notificatie } from '../../simulators/zgw/index.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { AanvraagStore, type Answers } from '../../src/sources/voordeur/aanvragen.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { killWorker, startWorker, workerEnvironment as environmentFor, type WorkerProcess } from './worker-process.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const jan = { subject: { type: 'persoon' as const, bsn: '999990019' } };
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('Aanvragen: the worker delivering an aanvraag killed between its steps', () => {
  let stack: Stack;
  let workerEnvironment: Record<string, string>;
  const workers: WorkerProcess[] = [];
  const killAll = () => workers.forEach(killWorker);
  process.once('exit', killAll);

  beforeAll(async () => {
    stack = await startStack({ WORKER_IN_PROCESS: 'false', LOG_LEVEL: 'warn' }, {}, { aanvragen: true });
    workerEnvironment = await environmentFor(stack, databaseUrl!, { WORKER_LEASE_MS: '2000', WORKER_POLL_MS: '100', WORKER_RETRY_BASE_MS: '100' });
  });

  afterAll(async () => {
    killAll();
    await Promise.all(workers.map((w) => w.exited));
    await stack?.close();
  });

  const newWorker = () => startWorker(workerEnvironment, (worker) => workers.push(worker));

  /** Kills the worker (SIGKILL) the moment the ZGW simulator makes what `is` picks, before its answer leaves; resolves once the worker is gone. */
  function killWhenMade(worker: WorkerProcess, is: (notificatie: Notificatie) => boolean): Promise<void> {
    let done = false;
    stack.zgw.onNotification((notificatie) => {
      if (done || !is(notificatie)) return;
      done = true;
      worker.child.kill('SIGKILL');
    });
    return worker.exited;
  }

  /** A sent aanvraag of Jan's for bijzondere bijstand (route zaken), with two attachments and its confirmation, and its delivery job. */
  async function storeAanvraag(store: AanvraagStore): Promise<{ id: string; kenmerk: string }> {
    const identity = { subject: jan.subject } as Parameters<AanvraagStore['createConcept']>[0];
    const producttype = { id: producttypeUuid(3), titel: 'Bijzondere bijstand' };
    const answers: Answers = { prefill: {}, data: { waarvoor: 'Een nieuwe wasmachine', bedrag: 450 }, values: {}, prefilled: [] };
    const id = await store.createConcept(identity, producttype, answers);
    await store.replaceFiles(id, 'bewijs', [
      { name: 'offerte.png', formaat: 'image/png', content: png },
      { name: 'bankafschrift.png', formaat: 'image/png', content: Buffer.concat([png, Buffer.from([2])]) },
    ]);
    const sent: Answers = {
      ...answers,
      summary: [{ title: 'Uw aanvraag', items: [{ label: 'Waarvoor', value: 'Een nieuwe wasmachine' }] }],
      bevestiging: { onderwerp: 'Ontvangstbevestiging', tekst: 'Ontvangen', facts: [], author: 'Gemeente Voorbeeldstad', bestandsnaam: 'Uw aanvraag.pdf' },
    };
    const queue = stack.voordeur.notificaties.queue;
    expect(
      (
        await store.submit(identity, id, 'zaken', sent, (trx) =>
          queue.add([{ queue: 'aanvraag.deliver', payload: { id }, dedupeKey: id }], trx).then(() => undefined),
        )
      ).outcome,
    ).toBe('sent');
    const row = await stack.voordeur.database.db.selectFrom('aanvragen').select('kenmerk').where('id', '=', id).executeTakeFirstOrThrow();
    return { id, kenmerk: row.kenmerk! };
  }

  async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('delivers it exactly once: one zaak, one initiator, each document once, the person told once', { timeout: 120_000 }, async () => {
    const { db } = stack.voordeur.database;
    const store = new AanvraagStore(db, new IdentityKeys(stack.voordeur.config.identityKeySecret));
    const { id, kenmerk } = await storeAanvraag(store);
    const zakenWith = () => stack.zgw.zaken().filter((zaak) => zaak.identificatie === kenmerk);
    const mine = () => stack.zgw.documents().filter((document) => document.identificatie.startsWith(kenmerk));

    // 1. Killed the moment the zaak is made: the worker never hears its URL.
    let worker = await newWorker();
    await killWhenMade(worker, (n) => n.kanaal === 'zaken' && n.resource === 'zaak' && n.actie === 'create');
    expect(zakenWith()).toHaveLength(1);
    expect((await db.selectFrom('aanvragen').select(['zaak_url', 'afgeleverd_at']).where('id', '=', id).executeTakeFirstOrThrow()).zaak_url).toBeNull();

    // 2. Killed the moment the first document is made, before it is linked to the zaak.
    worker = await newWorker();
    await killWhenMade(worker, (n) => n.kanaal === 'documenten' && n.resource === 'enkelvoudiginformatieobject' && n.actie === 'create');
    expect(mine()).toHaveLength(1);

    // 3. A third worker finishes it.
    await newWorker();
    await until(
      async () => (await db.selectFrom('aanvragen').select('afgeleverd_at').where('id', '=', id).executeTakeFirstOrThrow()).afgeleverd_at !== null,
      'delivery',
    );

    const [zaak, ...otherZaken] = zakenWith();
    expect(otherZaken).toEqual([]);
    const row = await db.selectFrom('aanvragen').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.zaak_url).toBe(zaak!.url);
    const rollen = stack.zgw.rollen().filter((rol) => rol.zaak === zaak!.url);
    expect(rollen).toHaveLength(1);
    // Two attachments and the PDF: each once, each linked to the zaak once.
    expect(
      mine()
        .map((document) => document.identificatie)
        .sort(),
    ).toEqual([`${kenmerk}-antwoorden`, `${kenmerk}-bewijs-1`, `${kenmerk}-bewijs-2`]);
    const links = stack.zgw.zaakinformatieobjecten().filter((zio) => zio.zaak === zaak!.url);
    expect(links.map((zio) => zio.informatieobject.split('/').at(-1)).sort()).toEqual(
      mine()
        .map((document) => document.uuid)
        .sort(),
    );
    const changes = await db.selectFrom('notification_changes').select('topic').where('change_key', '=', zaakChangeKey(id)).execute();
    expect(changes).toEqual([{ topic: 'aanvraag' }]);
  });
});
