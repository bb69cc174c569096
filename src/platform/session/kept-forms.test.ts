import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { testDatabase } from '../../../test/support/database.ts';
import type { Identity } from '../../domain/identity.ts';
import { IdentityKeys } from '../identity-keys.ts';
import { KeptForms } from './kept-forms.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const suzanne: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999993653' } };
const forSuzanne: Identity = { ...suzanne, actor: { bsn: '999992570' } };
const form = { action: '/taken/x', fields: [['toelichting', 'Mijn wasmachine lekt']] as [string, string][] };

describe('kept forms', () => {
  it('are given back once, only to the person who sent them (not to a gemachtigde for them), within the hour', async () => {
    const clock = { now: Date.parse('2026-12-04T09:00:00Z') };
    const kept = new KeptForms(database.db, new IdentityKeys('k'.repeat(32)), () => clock.now);
    const token = await kept.keep(suzanne, form);
    expect(await kept.take(token, forSuzanne)).toBeUndefined();
    expect(await kept.has(token, forSuzanne)).toBe(false);
    expect(await kept.take(token, suzanne)).toEqual(form);
    expect(await kept.take(token, suzanne)).toBeUndefined();

    const late = await kept.keep(suzanne, form);
    clock.now += 61 * 60_000;
    expect(await kept.has(late, suzanne)).toBe(true);
    expect(await kept.take(late, suzanne)).toBeUndefined();
  });

  it('are purged once their hour has passed, and not before', async () => {
    const clock = { now: Date.parse('2026-12-04T12:00:00Z') };
    const kept = new KeptForms(database.db, new IdentityKeys('k'.repeat(32)), () => clock.now);
    await kept.purge();
    const old = await kept.keep(suzanne, form);
    clock.now += 30 * 60_000;
    const recent = await kept.keep(suzanne, form);
    clock.now += 31 * 60_000;
    expect(await kept.purge()).toBe(1);
    expect(await kept.has(old, suzanne)).toBe(false);
    expect(await kept.has(recent, suzanne)).toBe(true);
  });
});
