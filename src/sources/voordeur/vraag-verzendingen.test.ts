/**
 * The one-time tokens of "Stel een vraag" (vraag_verzendingen) are kept a day: the purge that runs
 * with the sessions' purge deletes older claims, done or not, and keeps the rest, so the table
 * does not grow with every question ever asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Subject } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { VraagVerzendingen } from './vraag-verzendingen.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const suzanne: Subject = { type: 'persoon', bsn: '999993653' };
const HOUR = 60 * 60 * 1000;

describe('the one-time tokens of questions', () => {
  it('are purged once a day old, whether their question was registered or not; younger ones stay and still lead to their question', async () => {
    const clock = { now: Date.parse('2026-12-05T09:00:00Z') };
    const verzendingen = new VraagVerzendingen(database.db, new IdentityKeys('k'.repeat(32)), { ms: 0, everyMs: 1 }, () => new Date(clock.now));
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom('vraag_verzendingen')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    expect(await verzendingen.claim(suzanne, 'oud-en-verstuurd-0000')).toMatchObject({ status: 'new' });
    expect(await verzendingen.done(suzanne, 'oud-en-verstuurd-0000', 'klantcontact-1')).toBe(true);
    expect(await verzendingen.claim(suzanne, 'oud-en-blijven-hangen')).toMatchObject({ status: 'new' });
    clock.now += 20 * HOUR;
    expect(await verzendingen.claim(suzanne, 'recent-verstuurd-0000')).toMatchObject({ status: 'new' });
    await verzendingen.done(suzanne, 'recent-verstuurd-0000', 'klantcontact-2');
    expect(await count()).toBe(3);

    clock.now += 5 * HOUR;
    expect(await verzendingen.purge()).toBe(2);
    expect(await count()).toBe(1);
    // The younger one still leads to its question; purging again deletes nothing.
    expect(await verzendingen.claim(suzanne, 'recent-verstuurd-0000')).toEqual({ status: 'done', klantcontact: 'klantcontact-2' });
    expect(await verzendingen.purge()).toBe(0);
  });

  it('are left behind by a request that stopped: past the lease the next request is told when it was claimed, and only one takes it over or writes it down', async () => {
    const clock = { now: Date.parse('2026-12-05T12:00:00.123Z') };
    const verzendingen = new VraagVerzendingen(database.db, new IdentityKeys('k'.repeat(32)), { ms: 0, everyMs: 1 }, () => new Date(clock.now), 60_000);
    const first = await verzendingen.claim(suzanne, 'achtergelaten-000001');
    expect(first).toEqual({ status: 'new', at: new Date(clock.now) });
    // Within the lease: still being sent.
    clock.now += 59_000;
    expect(await verzendingen.claim(suzanne, 'achtergelaten-000001')).toEqual({ status: 'busy' });
    // Past it: left behind, with the moment of the claim to the millisecond (the klantcontact's plaatsgevondenOp).
    clock.now += 2_000;
    const stale = await verzendingen.claim(suzanne, 'achtergelaten-000001');
    expect(stale).toEqual({ status: 'stale', at: new Date(Date.parse('2026-12-05T12:00:00.123Z')) });
    if (stale.status !== 'stale') throw new Error('not stale');
    // Two requests take it over at once: one sends it, the other waits for that one.
    const [a, b] = await Promise.all([
      verzendingen.retake(suzanne, 'achtergelaten-000001', stale.at),
      verzendingen.retake(suzanne, 'achtergelaten-000001', stale.at),
    ]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'new']);
    expect(a.status === 'new' ? a : b).toEqual({ status: 'new', at: new Date(clock.now) });

    // Found in Open Klant by two requests at once: written down once.
    const other = await verzendingen.claim(suzanne, 'achtergelaten-000002');
    clock.now += 61_000;
    expect((await verzendingen.claim(suzanne, 'achtergelaten-000002')).status).toBe('stale');
    const written: string[] = [];
    const done = await Promise.all(
      ['x', 'y'].map((who) => verzendingen.done(suzanne, 'achtergelaten-000002', 'klantcontact-3', async () => void written.push(who))),
    );
    expect(done.sort()).toEqual([false, true]);
    expect(written).toHaveLength(1);
    expect(other.status).toBe('new');
    expect(await verzendingen.claim(suzanne, 'achtergelaten-000002')).toEqual({ status: 'done', klantcontact: 'klantcontact-3' });
  });
});
