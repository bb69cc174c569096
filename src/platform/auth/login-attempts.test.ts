import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { LoginAttempts, loginAttemptMaxAgeSeconds } from './login-attempts.ts';

let database: DatabaseHandle;
const clock = { now: Date.now() };
let attempts: LoginAttempts;
beforeAll(async () => {
  database = await testDatabase();
  attempts = new LoginAttempts(database.db, () => clock.now);
});
afterAll(() => database.close());

describe('login attempts', () => {
  it('gives back what the login started with, once, by its state', async () => {
    await attempts.start('state-1', { codeVerifier: 'verifier', nonce: 'nonce', method: 'eherkenning', returnTo: '/zaken' });
    expect(await attempts.take('another-state')).toBeUndefined();
    expect(await attempts.take('state-1')).toEqual({ codeVerifier: 'verifier', nonce: 'nonce', method: 'eherkenning', returnTo: '/zaken' });
    expect(await attempts.take('state-1')).toBeUndefined();
  });

  it('keeps the state only as a hash', async () => {
    await attempts.start('state-2', { codeVerifier: 'v', nonce: 'n', method: 'digid' });
    const rows = await database.db.selectFrom('login_attempts').select('state_hash').execute();
    expect(rows.map((row) => row.state_hash)).not.toContain('state-2');
  });

  it('does not give back an attempt older than the time a login may take', async () => {
    await attempts.start('state-3', { codeVerifier: 'v', nonce: 'n', method: 'digid' });
    clock.now += (loginAttemptMaxAgeSeconds + 5) * 1000;
    expect(await attempts.take('state-3')).toBeUndefined();
  });

  it('purges attempts older than a login may take, and keeps the rest', async () => {
    clock.now = Date.now();
    await database.db.deleteFrom('login_attempts').execute();
    await attempts.start('stale', { codeVerifier: 'v', nonce: 'n', method: 'digid' });
    await sql`update login_attempts set created_at = ${new Date(clock.now - (loginAttemptMaxAgeSeconds + 60) * 1000)}`.execute(database.db);
    await attempts.start('fresh', { codeVerifier: 'v', nonce: 'n', method: 'digid' });
    expect(await attempts.purge()).toBe(1);
    expect(await database.db.selectFrom('login_attempts').select('state_hash').execute()).toHaveLength(1);
    expect(await attempts.take('fresh')).toMatchObject({ method: 'digid' });
  });
});
