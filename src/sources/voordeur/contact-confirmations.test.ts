import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Subject } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { ContactConfirmations } from './contact-confirmations.ts';
import { defaultPreferences } from '../../domain/preferences.ts';
import { PreferencesStore } from './preferences.ts';

let database: DatabaseHandle;
const keys = new IdentityKeys('k'.repeat(40));
const clock = { now: Date.parse('2026-11-25T10:00:00Z') };
let confirmations: ContactConfirmations;
beforeAll(async () => {
  database = await testDatabase();
  confirmations = new ContactConfirmations(database.db, keys, { ttlSeconds: 900, maxAttempts: 5, maxSendsPerHour: 3 }, () => clock.now);
});
afterAll(() => database.close());

let n = 0;
/** A fresh person per test, so that send limits do not leak between tests. */
const person = (): Subject => ({ type: 'persoon', bsn: String(100000000 + ++n) });

describe('confirming a new contact detail with a code', () => {
  it('confirms with the right code, once; the code is not stored', async () => {
    const subject = person();
    const started = (await confirmations.start(subject, 'email', 'suzanne@example.nl', null))!;
    expect(started.code).toMatch(/^\d{6}$/);
    const rows = await database.db.selectFrom('contact_confirmations').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(started.code);
    const result = await confirmations.verify(subject, started.id, ` ${started.code} `);
    expect(result).toMatchObject({ outcome: 'confirmed', confirmation: { kind: 'email', address: 'suzanne@example.nl' } });
    // Used: the code does not work twice, and the address is forgotten here.
    expect(await confirmations.verify(subject, started.id, started.code)).toBeNull();
    const row = await database.db.selectFrom('contact_confirmations').selectAll().where('id', '=', started.id).executeTakeFirstOrThrow();
    expect(row.address).toBe('');
  });

  it('counts wrong codes and stops after five tries, even with the right one', async () => {
    const subject = person();
    const started = (await confirmations.start(subject, 'telefoonnummer', '+31612345678', null))!;
    const wrong = started.code === '000000' ? '111111' : '000000';
    const left = [];
    for (let i = 0; i < 4; i++) left.push(await confirmations.verify(subject, started.id, wrong));
    expect(left.map((r) => r && r.outcome === 'wrong-code' && r.attemptsLeft)).toEqual([4, 3, 2, 1]);
    expect(await confirmations.verify(subject, started.id, wrong)).toEqual({ outcome: 'no-attempts-left' });
    expect(await confirmations.verify(subject, started.id, started.code)).toEqual({ outcome: 'no-attempts-left' });
  });

  it('counts tries that arrive at the same moment', async () => {
    const subject = person();
    const started = (await confirmations.start(subject, 'email', 'a@example.nl', null))!;
    const wrong = started.code === '000000' ? '111111' : '000000';
    const results = await Promise.all(Array.from({ length: 8 }, () => confirmations.verify(subject, started.id, wrong)));
    expect(results.filter((r) => r?.outcome === 'wrong-code')).toHaveLength(4);
    expect(results.filter((r) => r?.outcome === 'no-attempts-left')).toHaveLength(4);
  });

  it('lets a code expire after the set time', async () => {
    const subject = person();
    const started = (await confirmations.start(subject, 'email', 'b@example.nl', null))!;
    clock.now += 901 * 1000;
    expect(await confirmations.verify(subject, started.id, started.code)).toEqual({ outcome: 'expired' });
  });

  it('limits the codes one person can ask for in an hour, and a new code replaces the old', async () => {
    const subject = person();
    const first = (await confirmations.start(subject, 'email', 'c@example.nl', null))!;
    const second = (await confirmations.start(subject, 'email', 'c@example.nl', null))!;
    expect(await confirmations.verify(subject, first.id, first.code)).toBeNull();
    expect(await confirmations.start(subject, 'email', 'c@example.nl', null)).not.toBeNull();
    expect(await confirmations.start(subject, 'email', 'c@example.nl', null)).toBeNull();
    clock.now += 61 * 60 * 1000;
    expect(await confirmations.start(subject, 'email', 'c@example.nl', null)).not.toBeNull();
    expect(second.id).not.toBe(first.id);
  });

  it('never shows one person’s confirmation to another', async () => {
    const owner = person();
    const other = person();
    const started = (await confirmations.start(owner, 'email', 'd@example.nl', null))!;
    expect(await confirmations.find(other, started.id)).toBeNull();
    expect(await confirmations.verify(other, started.id, started.code)).toBeNull();
  });
});

describe('notification preferences', () => {
  it('start at the defaults and keep what the person chose, per person', async () => {
    const store = new PreferencesStore(database.db, keys);
    const a = person();
    const b = person();
    expect(await store.get(a)).toEqual(defaultPreferences);
    const chosen = {
      email: { zaak: false, taak: true, bericht: true, product: true, aanvraag: true },
      sms: { zaak: true, taak: false, bericht: false, product: false, aanvraag: false },
    };
    await store.set(a, chosen);
    expect(await store.get(a)).toEqual(chosen);
    await store.set(a, defaultPreferences);
    expect(await store.get(a)).toEqual(defaultPreferences);
    expect(await store.get(b)).toEqual(defaultPreferences);
    const rows = await database.db.selectFrom('notification_preferences').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(a.type === 'persoon' ? a.bsn : '');
  });
});
