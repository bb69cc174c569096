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

    expect(await verzendingen.claim(suzanne, 'oud-en-verstuurd-0000')).toEqual({ status: 'new' });
    await verzendingen.done(suzanne, 'oud-en-verstuurd-0000', 'klantcontact-1');
    expect(await verzendingen.claim(suzanne, 'oud-en-blijven-hangen')).toEqual({ status: 'new' });
    clock.now += 20 * HOUR;
    expect(await verzendingen.claim(suzanne, 'recent-verstuurd-0000')).toEqual({ status: 'new' });
    await verzendingen.done(suzanne, 'recent-verstuurd-0000', 'klantcontact-2');
    expect(await count()).toBe(3);

    clock.now += 5 * HOUR;
    expect(await verzendingen.purge()).toBe(2);
    expect(await count()).toBe(1);
    // The younger one still leads to its question; purging again deletes nothing.
    expect(await verzendingen.claim(suzanne, 'recent-verstuurd-0000')).toEqual({ status: 'done', klantcontact: 'klantcontact-2' });
    expect(await verzendingen.purge()).toBe(0);
  });
});
