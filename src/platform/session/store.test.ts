import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { SessionStore } from './store.ts';
import type { Identity } from '../../domain/identity.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const suzanne: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999993653' }, subjectName: 'Suzanne Moulin' };

function storeAt(clock: { now: number }, timings = { idleTimeoutSeconds: 900, maxAgeSeconds: 12 * 3600, cacheSeconds: 2 }) {
  return new SessionStore(database.db, timings, 'x'.repeat(32), () => clock.now);
}

describe('sessions', () => {
  it('are found by their token, and the table holds no token', async () => {
    const clock = { now: Date.parse('2026-11-25T09:00:00Z') };
    const store = storeAt(clock);
    const { token } = await store.create(suzanne, 'id-token');
    const found = await store.resume(token);
    expect(found.status).toBe('active');
    expect(found.status === 'active' && found.session.identity).toEqual(suzanne);
    const rows = await database.db.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('end after 15 minutes without activity, and stay alive while used', async () => {
    const clock = { now: Date.parse('2026-11-25T10:00:00Z') };
    const store = storeAt(clock);
    const { token } = await store.create(suzanne, null);
    // Active every 10 minutes for an hour: still logged in.
    for (let i = 0; i < 6; i++) {
      clock.now += 10 * 60 * 1000;
      expect((await store.resume(token)).status).toBe('active');
    }
    clock.now += 15 * 60 * 1000 + 1;
    expect((await store.resume(token)).status).toBe('expired');
  });

  it('end after 12 hours whatever the activity', async () => {
    const clock = { now: Date.parse('2026-11-25T06:00:00Z') };
    const store = storeAt(clock);
    const { token } = await store.create(suzanne, null);
    for (let minutes = 0; minutes < 12 * 60 - 10; minutes += 10) {
      clock.now += 10 * 60 * 1000;
      expect((await store.resume(token)).status).toBe('active');
    }
    clock.now += 20 * 60 * 1000;
    expect((await store.resume(token)).status).toBe('expired');
  });

  it('are kept alive by another instance: a cached copy does not log the person out early', async () => {
    const clock = { now: Date.parse('2026-11-25T12:00:00Z') };
    const a = storeAt(clock);
    const b = storeAt(clock);
    const { token } = await a.create(suzanne, null);
    expect((await a.resume(token)).status).toBe('active'); // a caches it
    clock.now += 14 * 60 * 1000;
    expect((await b.resume(token)).status).toBe('active'); // b touches it
    clock.now += 2 * 60 * 1000; // 16 minutes after a last saw it, 2 after b did
    expect((await a.resume(token)).status).toBe('active');
  });

  it('end at once through the instance that logs out, and within the cache time elsewhere', async () => {
    const clock = { now: Date.parse('2026-11-25T13:00:00Z') };
    const a = storeAt(clock);
    const b = storeAt(clock);
    const { token } = await a.create(suzanne, null);
    const onB = await b.resume(token);
    expect(onB.status).toBe('active');
    const onA = await a.resume(token);
    if (onA.status !== 'active') throw new Error('expected active');
    await a.destroy(onA.session);
    expect((await a.resume(token)).status).toBe('unknown');
    clock.now += 2001;
    expect((await b.resume(token)).status).toBe('unknown');
  });

  it('can all be ended for one person at once ("overal uitloggen")', async () => {
    const clock = { now: Date.parse('2026-11-25T14:00:00Z') };
    const store = storeAt(clock, { idleTimeoutSeconds: 900, maxAgeSeconds: 43200, cacheSeconds: 0 });
    const jan: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999991723' } };
    const phone = await store.create(jan, null);
    const laptop = await store.create(jan, null);
    const other = await store.create({ method: 'digid', subject: { type: 'persoon', bsn: '999990627' } }, null);
    expect(await store.destroyAllOf(jan.subject)).toBe(2);
    expect((await store.resume(phone.token)).status).toBe('unknown');
    expect((await store.resume(laptop.token)).status).toBe('unknown');
    expect((await store.resume(other.token)).status).toBe('active');
  });
});

describe('switching for whom one acts', () => {
  it('gives a new token and CSRF token for the new identity, keeps the end of the session, and ends the old one', async () => {
    const clock = { now: Date.parse('2026-11-25T14:00:00Z') };
    const store = storeAt(clock);
    const lotte: Identity = {
      method: 'digid',
      subject: { type: 'persoon', bsn: '999990482' },
      subjectName: 'Lotte Jansen',
      machtigingen: [{ bsn: '999990019', name: 'Jan Jansen' }],
    };
    const { token, session } = await store.create(lotte, 'id-token');
    clock.now += 60 * 60 * 1000;
    const forJan: Identity = {
      ...lotte,
      subject: { type: 'persoon', bsn: '999990019' },
      subjectName: 'Jan Jansen',
      actor: { bsn: '999990482', name: 'Lotte Jansen' },
    };
    const switched = await store.replace(session, forJan);
    expect(switched.token).not.toBe(token);
    expect(switched.session.csrfToken).not.toBe(session.csrfToken);
    expect(switched.session.expiresAt).toEqual(session.expiresAt);
    expect(switched.session.idToken).toBe('id-token');
    expect((await store.resume(token)).status).toBe('unknown');
    const found = await store.resume(switched.token);
    expect(found.status === 'active' && found.session.identity).toEqual(forJan);
    // "Overal uitloggen" of the person who logged in still reaches the switched session.
    expect(await store.destroyAllOfActor(switched.session)).toBeGreaterThanOrEqual(1);
    expect((await store.resume(switched.token)).status).toBe('unknown');
  });
});
